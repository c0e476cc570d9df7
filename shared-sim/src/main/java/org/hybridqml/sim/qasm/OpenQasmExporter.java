package org.hybridqml.sim.qasm;

import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;
import org.hybridqml.sim.circuit.Observable;
import org.hybridqml.sim.circuit.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link Circuit} as an OpenQASM program with every angle bound to a number: the trainable parameters and
 * the sample's input features are evaluated (scale·value), so the program describes one circuit instance as a
 * hardware backend would run it.
 *
 * <p>Wire i is {@code q[i]}. Gates map one to one (H X Y Z S T RX RY RZ, CNOT as {@code cx}, CZ, SWAP, PhaseShift as
 * {@code u1} in OpenQASM 2.0 and {@code p} in 3.0); Rot(φ,θ,ω) = RZ(ω)·RY(θ)·RZ(φ) becomes {@code rz(φ)},
 * {@code ry(θ)}, {@code rz(ω)} in that order. An amplitude embedding becomes an explicit state preparation of RY
 * and CNOT gates (see {@code StatePreparation}: Möttönen et al., arXiv:quant-ph/0407010). Angles are written with
 * {@link Double#toString(double)}, which {@link Double#parseDouble(String)} reads back to the same double.
 *
 * <p>A comment {@code // observables: Z0 X1 ...} lists the observables, which {@link OpenQasmImporter} reads back.
 * With measurement on (the default, as hardware needs it) the program ends with a measurement of every qubit;
 * a wire read in X first gets an {@code h} (basis change), and the header then lists the Z observable that the
 * measurement after that {@code h} gives (⟨Z⟩ after H equals ⟨X⟩ before). Without measurement the circuit's own
 * observables are listed and no gate is added.
 */
public final class OpenQasmExporter {

    /** The header comment prefix that lists the observables. */
    public static final String OBSERVABLES_COMMENT = "// observables:";

    private OpenQasmExporter() {
    }

    /** The two language versions: what differs between them. */
    private enum Dialect {
        QASM2,
        QASM3;

        String version() {
            return this == QASM2 ? "2.0" : "3.0";
        }

        String include() {
            return this == QASM2 ? "qelib1.inc" : "stdgates.inc";
        }

        /** qelib1.inc has u1 (p only in later versions of it); stdgates.inc has p. */
        String phaseGate() {
            return this == QASM2 ? "u1" : "p";
        }

        String registers(int n) {
            return this == QASM2 ? "qreg q[" + n + "];\ncreg c[" + n + "];\n" : "qubit[" + n + "] q;\nbit[" + n + "] c;\n";
        }

        String measure() {
            return this == QASM2 ? "measure q -> c;\n" : "c = measure q;\n";
        }
    }

    /**
     * OpenQASM 2.0 with a final measurement of every qubit.
     *
     * @param circuit the circuit
     * @param params  trainable parameters, {@code circuit.numParameters()} of them
     * @param input   the sample's features, {@code circuit.numInputs()} of them (null or empty when it has none)
     * @return the program text
     * @throws IllegalArgumentException on a wrong array length (the message names the expected length), a
     *                                  non-finite angle, or an amplitude-embedded vector that is zero or not finite
     */
    public static String toQasm2(Circuit circuit, double[] params, double[] input) {
        return toQasm2(circuit, params, input, true);
    }

    /**
     * OpenQASM 2.0 ({@code include "qelib1.inc"}, {@code qreg q[n]}, {@code creg c[n]}).
     *
     * @param circuit the circuit
     * @param params  trainable parameters, {@code circuit.numParameters()} of them
     * @param input   the sample's features, {@code circuit.numInputs()} of them (null or empty when it has none)
     * @param measure whether to end with basis changes for X observables and {@code measure q -> c;}
     * @return the program text
     * @throws IllegalArgumentException as {@link #toQasm2(Circuit, double[], double[])}, and when measurement is on
     *                                  and one wire carries both an X and a Z observable
     */
    public static String toQasm2(Circuit circuit, double[] params, double[] input, boolean measure) {
        return export(circuit, params, input, measure, Dialect.QASM2);
    }

    /**
     * OpenQASM 3.0 with a final measurement of every qubit.
     *
     * @param circuit the circuit
     * @param params  trainable parameters, {@code circuit.numParameters()} of them
     * @param input   the sample's features, {@code circuit.numInputs()} of them (null or empty when it has none)
     * @return the program text
     * @throws IllegalArgumentException as {@link #toQasm2(Circuit, double[], double[])}
     */
    public static String toQasm3(Circuit circuit, double[] params, double[] input) {
        return toQasm3(circuit, params, input, true);
    }

    /**
     * OpenQASM 3.0 ({@code include "stdgates.inc"}, {@code qubit[n] q}, {@code bit[n] c}, PhaseShift as {@code p}).
     *
     * @param circuit the circuit
     * @param params  trainable parameters, {@code circuit.numParameters()} of them
     * @param input   the sample's features, {@code circuit.numInputs()} of them (null or empty when it has none)
     * @param measure whether to end with basis changes for X observables and {@code c = measure q;}
     * @return the program text
     * @throws IllegalArgumentException as {@link #toQasm2(Circuit, double[], double[], boolean)}
     */
    public static String toQasm3(Circuit circuit, double[] params, double[] input, boolean measure) {
        return export(circuit, params, input, measure, Dialect.QASM3);
    }

    private static String export(Circuit circuit, double[] params, double[] input, boolean measure, Dialect d) {
        double[] p = checkLength(params, circuit.numParameters(), "params", "circuit.numParameters()");
        double[] x = checkLength(input, circuit.numInputs(), "input", "circuit.numInputs()");
        int n = circuit.numQubits();
        List<Observable> observables = circuit.observables();
        List<Integer> basisChange = new ArrayList<>();
        if (measure) {
            observables = readoutObservables(circuit, basisChange);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("OPENQASM ").append(d.version()).append(";\n");
        sb.append("include \"").append(d.include()).append("\";\n");
        sb.append("// exported by org.hybridqml.sim.qasm.OpenQasmExporter: ").append(n)
                .append(" qubit(s), q[0] is the most significant bit of a basis-state index\n");
        sb.append(OBSERVABLES_COMMENT);
        for (Observable o : observables) {
            sb.append(' ').append(o.pauli()).append(o.wire());
        }
        sb.append('\n');
        sb.append(d.registers(n));
        Circuit.AmplitudeEmbedding emb = circuit.amplitudeEmbedding();
        if (emb != null) {
            int first = emb.firstFeature();
            sb.append("// amplitude embedding of input features ").append(first).append("..")
                    .append(first + emb.length() - 1).append(" (L2-normalised, zero-padded to ").append(1L << n)
                    .append(" amplitudes): uniformly controlled RY tree, Mottonen et al. arXiv:quant-ph/0407010\n");
            double[] amplitudes = embeddedVector(x, first, emb.length());
            for (Operation op : StatePreparation.realState(n, amplitudes)) {
                appendOp(sb, op, p, x, d);
            }
            sb.append("// circuit\n");
        }
        for (Operation op : circuit.operations()) {
            appendOp(sb, op, p, x, d);
        }
        if (measure) {
            for (int w : basisChange) {
                sb.append("h q[").append(w).append("];\n");
            }
            sb.append(d.measure());
        }
        return sb.toString();
    }

    private static double[] checkLength(double[] values, int expected, String name, String source) {
        double[] v = values == null ? new double[0] : values;
        if (v.length != expected) {
            throw new IllegalArgumentException(name + " has length " + v.length + ", expected " + expected
                    + " (" + source + ")");
        }
        return v;
    }

    /** The observables as measured in the computational basis; fills the wires that need H first. */
    private static List<Observable> readoutObservables(Circuit circuit, List<Integer> basisChange) {
        Observable.Pauli[] basis = new Observable.Pauli[circuit.numQubits()];
        for (Observable o : circuit.observables()) {
            if (basis[o.wire()] != null && basis[o.wire()] != o.pauli()) {
                throw new IllegalArgumentException("Wire " + o.wire() + " carries both an X and a Z observable: one "
                        + "measurement cannot read both; export without measurement");
            }
            if (basis[o.wire()] == null && o.pauli() == Observable.Pauli.X) {
                basisChange.add(o.wire());
            }
            basis[o.wire()] = o.pauli();
        }
        List<Observable> out = new ArrayList<>();
        for (Observable o : circuit.observables()) {
            out.add(Observable.z(o.wire()));
        }
        return out;
    }

    private static double[] embeddedVector(double[] x, int first, int length) {
        double[] v = new double[length];
        double sumSq = 0.0;
        for (int i = 0; i < length; i++) {
            v[i] = x[first + i];
            sumSq += v[i] * v[i];
        }
        if (!(sumSq > 0.0) || !Double.isFinite(sumSq)) {
            throw new IllegalArgumentException("Amplitude embedding of input features " + first + ".."
                    + (first + length - 1) + " needs a finite, non-zero vector; its squared norm is " + sumSq);
        }
        return v;
    }

    private static void appendOp(StringBuilder sb, Operation op, double[] p, double[] x, Dialect d) {
        String wires = wires(op);
        Gate g = op.gate();
        switch (g) {
            case ROT -> {
                // Rot(φ,θ,ω) = RZ(ω)·RY(θ)·RZ(φ): RZ(φ) acts first
                line(sb, "rz", angle(op, 0, p, x), wires);
                line(sb, "ry", angle(op, 1, p, x), wires);
                line(sb, "rz", angle(op, 2, p, x), wires);
            }
            case PHASE_SHIFT -> line(sb, d.phaseGate(), angle(op, 0, p, x), wires);
            case RX, RY, RZ -> line(sb, g.name().toLowerCase(Locale.ROOT), angle(op, 0, p, x), wires);
            case CNOT -> line(sb, "cx", null, wires);
            default -> line(sb, g.name().toLowerCase(Locale.ROOT), null, wires);
        }
    }

    private static String wires(Operation op) {
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < op.gate().numWires(); i++) {
            w.append(i == 0 ? "" : ", ").append("q[").append(op.wire(i)).append(']');
        }
        return w.toString();
    }

    private static String angle(Operation op, int i, double[] p, double[] x) {
        double v = op.angle(i).value(p, x);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("Angle " + op.angle(i) + " of " + op + " evaluates to " + v);
        }
        return Double.toString(v);
    }

    private static void line(StringBuilder sb, String gate, String angle, String wires) {
        sb.append(gate);
        if (angle != null) {
            sb.append('(').append(angle).append(')');
        }
        sb.append(' ').append(wires).append(";\n");
    }
}

package org.hybridqml.sim.qasm;

import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;
import org.hybridqml.sim.circuit.Observable;
import org.hybridqml.sim.circuit.Operation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-written OpenQASM 2.0 against the circuit it must give, and the importer's error messages. */
class OpenQasmImporterTest {

    private static final String PRELUDE = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    private static Operation op(Gate g, int[] wires, double... angles) {
        Angle[] a = new Angle[angles.length];
        for (int i = 0; i < angles.length; i++) {
            a[i] = Angle.constant(angles[i]);
        }
        return new Operation(g, wires, a);
    }

    /** Two registers flattened in order, broadcast over a register, barrier and creg ignored, measured order kept. */
    @Test
    void readsGatesRegistersAndMeasurements() {
        Circuit c = OpenQasmImporter.fromQasm2(PRELUDE + """
                qreg a[1];
                qreg b[2];
                creg c[3];
                h a[0];
                rx(pi/2) b[1];
                CX a[0], b[0];
                u3(0.1, 0.2, 0.3) b;
                barrier a, b;
                swap b[1], a[0];
                u1(-pi) a[0];
                id b[0];
                measure b[1] -> c[0];
                measure a[0] -> c[1];
                """);
        assertEquals(3, c.numQubits());
        assertEquals(List.of(op(Gate.H, new int[]{0}), op(Gate.RX, new int[]{2}, Math.PI / 2),
                op(Gate.CNOT, new int[]{0, 1}), op(Gate.ROT, new int[]{1}, 0.3, 0.1, 0.2),
                op(Gate.ROT, new int[]{2}, 0.3, 0.1, 0.2), op(Gate.SWAP, new int[]{2, 0}),
                op(Gate.PHASE_SHIFT, new int[]{0}, -Math.PI)), c.operations());
        assertEquals(List.of(Observable.z(2), Observable.z(0)), c.observables());
        assertEquals(0, c.numParameters());
        assertEquals(0, c.numInputs());
    }

    @Test
    void observablesCommentWinsAndDefaultIsZOnEveryQubit() {
        Circuit listed = OpenQasmImporter.fromQasm2(PRELUDE + "// observables: X1 Z0 X1\nqreg q[2];\ncreg c[2];\nh q;\n"
                + "measure q[1] -> c[0];\n");
        assertEquals(List.of(Observable.x(1), Observable.z(0), Observable.x(1)), listed.observables());
        assertEquals(List.of(op(Gate.H, new int[]{0}), op(Gate.H, new int[]{1})), listed.operations());
        Circuit plain = OpenQasmImporter.fromQasm2("OPENQASM 2.0;\nqreg q[3];\nU(1, 2, 3) q[1];\n");
        assertEquals(List.of(Observable.z(0), Observable.z(1), Observable.z(2)), plain.observables());
    }

    @Test
    void evaluatesAngleExpressions() {
        Circuit c = OpenQasmImporter.fromQasm2(PRELUDE + "qreg q[1];\n"
                + "rz(-(pi/4) + 2*0.5e-1 - pi^2/(3)) q[0];\nry(2*pi/3) q[0];\nrx(sqrt(2)*cos(pi/3) - -1.5E+0) q[0];\n"
                + "p(+.5) q[0];\nu2(1, 2) q[0];\nsdg q[0];\ntdg q[0];\nsx q[0];\nsxdg q[0];\n");
        assertEquals(List.of(op(Gate.RZ, new int[]{0}, -(Math.PI / 4) + 2 * 0.5e-1 - Math.pow(Math.PI, 2) / 3),
                op(Gate.RY, new int[]{0}, 2 * Math.PI / 3),
                op(Gate.RX, new int[]{0}, Math.sqrt(2) * Math.cos(Math.PI / 3) + 1.5),
                op(Gate.PHASE_SHIFT, new int[]{0}, 0.5), op(Gate.ROT, new int[]{0}, 2, Math.PI / 2, 1),
                op(Gate.PHASE_SHIFT, new int[]{0}, -Math.PI / 2), op(Gate.PHASE_SHIFT, new int[]{0}, -Math.PI / 4),
                op(Gate.RX, new int[]{0}, Math.PI / 2), op(Gate.RX, new int[]{0}, -Math.PI / 2)), c.operations());
    }

    /**
     * u3(θ,φ,λ) is the OpenQASM matrix [[cos(θ/2), −e^{iλ}sin(θ/2)], [e^{iφ}sin(θ/2), e^{i(φ+λ)}cos(θ/2)]]
     * (arXiv:1707.03429, eq. (2)) up to a global phase: ⟨Z⟩ and ⟨X⟩ of u3·|+⟩ against that matrix applied by hand.
     */
    @Test
    void u3ActsAsTheOpenQasmMatrix() {
        double theta = 0.7;
        double phi = -1.1;
        double lambda = 2.3;
        Circuit c = OpenQasmImporter.fromQasm2(PRELUDE + "// observables: Z0 X0\nqreg q[1];\nh q[0];\nu3("
                + theta + ", " + phi + ", " + lambda + ") q[0];\n");
        double[] e = new StatevectorSimulator(1).expectations(c, new double[0], new double[][]{{}})[0];
        // U|+⟩ = (u00 + u01, u10 + u11)/√2, complex entries written out
        double cs = Math.cos(theta / 2);
        double sn = Math.sin(theta / 2);
        double a0re = (cs - Math.cos(lambda) * sn) / Math.sqrt(2);
        double a0im = (-Math.sin(lambda) * sn) / Math.sqrt(2);
        double a1re = (Math.cos(phi) * sn + Math.cos(phi + lambda) * cs) / Math.sqrt(2);
        double a1im = (Math.sin(phi) * sn + Math.sin(phi + lambda) * cs) / Math.sqrt(2);
        double z = a0re * a0re + a0im * a0im - a1re * a1re - a1im * a1im;
        double x = 2 * (a0re * a1re + a0im * a1im);
        assertEquals(z, e[0], 1e-12);
        assertEquals(x, e[1], 1e-12);
    }

    private static void assertError(String program, int line, String... fragments) {
        QasmParseException e = assertThrows(QasmParseException.class, () -> OpenQasmImporter.fromQasm2(program));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + line + ": "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + f + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void errorsNameTheLineAndTheGateOrToken() {
        String q = PRELUDE + "qreg q[2];\n";
        assertError(q + "h q[0];\nccx q[0], q[1], q[1];\n", 5, "unknown or unsupported gate 'ccx'");
        assertError(q + "gate foo a { h a; }\n", 4, "'gate'");
        assertError(q + "opaque bar a;\n", 4, "'opaque'");
        assertError(q + "creg c[2];\nif (c == 1) x q[0];\n", 5, "'if'");
        assertError(q + "\n\nreset q[0];\n", 6, "'reset'");
        assertError(q + "h q[0]\nx q[1];\n", 5, "expected ';'", "'x'");
        assertError(q + "rx q[0];\n", 4, "'rx' takes 1 parameter(s), got 0");
        assertError(q + "cx q[0];\n", 4, "'cx' acts on 2 qubit(s), got 1");
        assertError(q + "cx q[1], q[1];\n", 4, "'cx'", "distinct");
        assertError(q + "h q[2];\n", 4, "q[2]", "size 2");
        assertError(q + "h r[0];\n", 4, "'r'");
        assertError(q + "rz(pi/0) q[0];\n", 4, "Infinity");
        assertError(q + "rz(foo(1)) q[0];\n", 4, "'foo'");
        assertError(q + "rz(1 $ 2) q[0];\n", 4, "'$'");
        assertError(q + "qreg r[1];\ncx q, r;\n", 5, "different sizes");
        assertError("OPENQASM 3.0;\nqreg q[1];\n", 1, "'3.0'");
        assertError("qreg q[1];\n", 1, "OPENQASM", "'qreg'");
        assertError("OPENQASM 2.0;\ninclude \"stdgates.inc\";\n", 2, "stdgates.inc");
        assertError("OPENQASM 2.0;\nqreg q[1];\nh q[0];\n", 3, "'h'", "qelib1.inc");
        assertError("OPENQASM 2.0;\ncreg c[1];\n", 2, "no qreg");
        assertError(q + "// observables: Y0\n", 4, "'Y0'");
        assertError(q + "// observables: Z2\n", 4, "'Z2'", "2 declared");
        assertError(q + "creg c[2];\nmeasure q[0] -> c;\n", 5, "1 qubit(s) into 2 bit(s)");
        assertError(q + "qreg q[1];\n", 4, "'q' declared twice");
    }
}

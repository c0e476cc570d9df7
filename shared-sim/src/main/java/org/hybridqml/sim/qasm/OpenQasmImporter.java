package org.hybridqml.sim.qasm;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;
import org.hybridqml.sim.circuit.Observable;
import org.hybridqml.sim.circuit.Operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenQASM 2.0 program over the simulator's gate set into a {@link Circuit} with constant angles.
 *
 * <p>Accepted: the {@code OPENQASM 2.0;} header, {@code include "qelib1.inc";}, any number of {@code qreg}s
 * (flattened into wires in declaration order: the first register's qubit 0 is wire 0), and the gates
 * {@code h x y z s t sdg tdg id sx sxdg rx ry rz u1 p u2 u3 u U cx CX cz swap}, with a whole register as an argument
 * applying the gate to each of its qubits (registers of one call must then have the same size). {@code u3(θ,φ,λ)},
 * {@code u} and {@code U} equal RZ(φ)·RY(θ)·RZ(λ) up to a global phase and become Rot(λ,θ,φ); {@code u2(φ,λ)} is
 * {@code u3(π/2,φ,λ)}; {@code sdg}, {@code tdg}, {@code u1}, {@code p} become PhaseShift; {@code sx} and {@code sxdg}
 * become RX(±π/2) (global phase dropped, which no expectation value sees). Angles are expressions of numbers,
 * {@code pi}, {@code + - * / ^}, parentheses and {@code sin cos tan exp ln sqrt}.
 *
 * <p>{@code creg}, {@code measure} and {@code barrier} are checked and otherwise ignored. The observables are those
 * listed by a comment {@code // observables: Z0 X1 ...} (as {@link OpenQasmExporter} writes); without one, ⟨Z⟩ on
 * the measured qubits in order of measurement, or on every qubit when nothing is measured. Anything else (custom
 * {@code gate} or {@code opaque} definitions, {@code if}, {@code reset}, other gates or includes, syntax errors)
 * throws a {@link QasmParseException} naming the line and the gate or token.
 */
public final class OpenQasmImporter {

    /** One supported gate: parameter and qubit counts, whether it needs qelib1.inc, and how to build it. */
    private record GateSpec(int params, int qubits, boolean needsQelib, Factory factory) {
    }

    /** Builds the operation for bound parameters and wires; null for the identity. */
    @FunctionalInterface
    private interface Factory {
        Operation make(double[] a, int[] w);
    }

    private static final Map<String, GateSpec> GATES = new LinkedHashMap<>();

    /** The observables comment's text after "//". */
    private static final String OBSERVABLES = OpenQasmExporter.OBSERVABLES_COMMENT.substring(2).trim();

    static {
        fixed("h", Gate.H);
        fixed("x", Gate.X);
        fixed("y", Gate.Y);
        fixed("z", Gate.Z);
        fixed("s", Gate.S);
        fixed("t", Gate.T);
        qelib("sdg", 0, 1, (a, w) -> op(Gate.PHASE_SHIFT, w, -Math.PI / 2));
        qelib("tdg", 0, 1, (a, w) -> op(Gate.PHASE_SHIFT, w, -Math.PI / 4));
        qelib("id", 0, 1, (a, w) -> null);
        qelib("sx", 0, 1, (a, w) -> op(Gate.RX, w, Math.PI / 2));
        qelib("sxdg", 0, 1, (a, w) -> op(Gate.RX, w, -Math.PI / 2));
        qelib("rx", 1, 1, (a, w) -> op(Gate.RX, w, a[0]));
        qelib("ry", 1, 1, (a, w) -> op(Gate.RY, w, a[0]));
        qelib("rz", 1, 1, (a, w) -> op(Gate.RZ, w, a[0]));
        qelib("u1", 1, 1, (a, w) -> op(Gate.PHASE_SHIFT, w, a[0]));
        qelib("p", 1, 1, (a, w) -> op(Gate.PHASE_SHIFT, w, a[0]));
        // U(θ,φ,λ) = e^{i(φ+λ)/2}·RZ(φ)·RY(θ)·RZ(λ) (OpenQASM 2.0, arXiv:1707.03429, eq. (2)); Rot(λ,θ,φ) = RZ(φ)·RY(θ)·RZ(λ)
        Factory u3 = (a, w) -> op(Gate.ROT, w, a[2], a[0], a[1]);
        GATES.put("U", new GateSpec(3, 1, false, u3));
        qelib("u3", 3, 1, u3);
        qelib("u", 3, 1, u3);
        qelib("u2", 2, 1, (a, w) -> op(Gate.ROT, w, a[1], Math.PI / 2, a[0]));
        GATES.put("CX", new GateSpec(0, 2, false, (a, w) -> op(Gate.CNOT, w)));
        fixed("cx", Gate.CNOT);
        fixed("cz", Gate.CZ);
        fixed("swap", Gate.SWAP);
    }

    private static void fixed(String name, Gate gate) {
        qelib(name, 0, gate.numWires(), (a, w) -> op(gate, w));
    }

    private static void qelib(String name, int params, int qubits, Factory f) {
        GATES.put(name, new GateSpec(params, qubits, true, f));
    }

    private static Operation op(Gate gate, int[] wires, double... angles) {
        Angle[] a = new Angle[angles.length];
        for (int i = 0; i < angles.length; i++) {
            a[i] = Angle.constant(angles[i]);
        }
        return new Operation(gate, wires, a);
    }

    private OpenQasmImporter() {
    }

    /**
     * Parses an OpenQASM 2.0 program.
     *
     * @param text the program
     * @return the circuit: constant angles, no parameters, no inputs
     * @throws QasmParseException for anything outside the supported subset, naming the line and the gate or token
     */
    public static Circuit fromQasm2(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Null OpenQASM text");
        }
        return new Parser(new QasmLexer(text)).parse();
    }

    /** A register: its first wire (or classical bit) and size. */
    private record Register(int offset, int size) {
    }

    /** A register argument: the whole register (index −1) or one element. */
    private record Arg(int index, Register reg, int line) {
        int wire(int j) {
            return reg.offset() + (index >= 0 ? index : j);
        }
    }

    /** Recursive descent over the token list. */
    private static final class Parser {
        private final List<QasmLexer.Token> tokens;
        private final List<QasmLexer.Comment> comments;
        private int pos;
        private boolean qelib;
        private int numQubits;
        private final Map<String, Register> qregs = new LinkedHashMap<>();
        private final Map<String, Register> cregs = new LinkedHashMap<>();
        private final List<Operation> ops = new ArrayList<>();
        private final Set<Integer> measured = new LinkedHashSet<>();

        Parser(QasmLexer lexer) {
            this.tokens = lexer.tokens();
            this.comments = lexer.comments();
        }

        Circuit parse() {
            QasmLexer.Token header = next();
            if (!header.text().equals("OPENQASM")) {
                throw new QasmParseException(header.line(), "expected 'OPENQASM 2.0;' first, found "
                        + header.describe());
            }
            QasmLexer.Token version = next();
            if (!version.text().equals("2.0") && !version.text().equals("2")) {
                throw new QasmParseException(version.line(), "unsupported version " + version.describe()
                        + ": this importer reads OPENQASM 2.0");
            }
            expect(";");
            while (peek().kind() != QasmLexer.Kind.EOF) {
                statement();
            }
            if (numQubits == 0) {
                throw new QasmParseException(tokens.get(tokens.size() - 2).line(), "no qreg declared");
            }
            Circuit.Builder b = Circuit.builder(numQubits);
            for (Operation op : ops) {
                b.add(op);
            }
            addObservables(b);
            return b.build();
        }

        private void statement() {
            QasmLexer.Token t = next();
            if (t.kind() != QasmLexer.Kind.ID) {
                throw new QasmParseException(t.line(), "expected a statement, found " + t.describe());
            }
            switch (t.text()) {
                case "include" -> {
                    QasmLexer.Token file = next();
                    if (file.kind() != QasmLexer.Kind.STRING || !file.text().equals("qelib1.inc")) {
                        throw new QasmParseException(file.line(), "unsupported include " + file.describe()
                                + ": only \"qelib1.inc\" is known");
                    }
                    expect(";");
                    qelib = true;
                }
                case "qreg" -> {
                    QasmLexer.Token name = ident();
                    int size = size(name);
                    if (numQubits + size > Circuit.MAX_QUBITS) {
                        throw new QasmParseException(name.line(), "qreg '" + name.text() + "' makes "
                                + (numQubits + size) + " qubits, more than " + Circuit.MAX_QUBITS);
                    }
                    declare(qregs, name, new Register(numQubits, size));
                    numQubits += size;
                }
                case "creg" -> {
                    QasmLexer.Token name = ident();
                    declare(cregs, name, new Register(0, size(name)));
                }
                case "measure" -> measure();
                case "barrier" -> {
                    args("barrier");
                    expect(";");
                }
                case "gate", "opaque" -> throw new QasmParseException(t.line(), "custom '" + t.text()
                        + "' definitions are not supported; use the gates of qelib1.inc");
                case "if", "reset" -> throw new QasmParseException(t.line(), "'" + t.text()
                        + "' is not supported: the simulator runs unitary circuits only");
                case "OPENQASM" -> throw new QasmParseException(t.line(), "a second 'OPENQASM' header");
                default -> gateCall(t);
            }
        }

        private int size(QasmLexer.Token name) {
            expect("[");
            QasmLexer.Token n = next();
            if (n.kind() != QasmLexer.Kind.INT) {
                throw new QasmParseException(n.line(), "expected the size of '" + name.text() + "', found "
                        + n.describe());
            }
            int size = parseInt(n);
            if (size < 1) {
                throw new QasmParseException(n.line(), "register '" + name.text() + "' needs a size >= 1, got "
                        + n.text());
            }
            expect("]");
            expect(";");
            return size;
        }

        private static void declare(Map<String, Register> regs, QasmLexer.Token name, Register r) {
            if (regs.putIfAbsent(name.text(), r) != null) {
                throw new QasmParseException(name.line(), "register '" + name.text() + "' declared twice");
            }
        }

        private void measure() {
            Arg q = arg(qregs, "measure", "quantum");
            expect("->");
            Arg c = arg(cregs, "measure", "classical");
            expect(";");
            int count = q.index() >= 0 ? 1 : q.reg().size();
            int cCount = c.index() >= 0 ? 1 : c.reg().size();
            if (count != cCount) {
                throw new QasmParseException(q.line(), "measure of " + count + " qubit(s) into " + cCount + " bit(s)");
            }
            for (int j = 0; j < count; j++) {
                measured.add(q.wire(j));
            }
        }

        private void gateCall(QasmLexer.Token name) {
            GateSpec spec = GATES.get(name.text());
            if (spec == null) {
                throw new QasmParseException(name.line(), "unknown or unsupported gate '" + name.text()
                        + "' (supported: " + String.join(" ", GATES.keySet()) + ")");
            }
            if (spec.needsQelib() && !qelib) {
                throw new QasmParseException(name.line(), "gate '" + name.text()
                        + "' needs include \"qelib1.inc\"");
            }
            List<Double> angles = new ArrayList<>();
            if (peekIs("(")) {
                next();
                if (!peekIs(")")) {
                    angles.add(expression());
                    while (peekIs(",")) {
                        next();
                        angles.add(expression());
                    }
                }
                expect(")");
            }
            if (angles.size() != spec.params()) {
                throw new QasmParseException(name.line(), "gate '" + name.text() + "' takes " + spec.params()
                        + " parameter(s), got " + angles.size());
            }
            List<Arg> args = args(name.text());
            expect(";");
            if (args.size() != spec.qubits()) {
                throw new QasmParseException(name.line(), "gate '" + name.text() + "' acts on " + spec.qubits()
                        + " qubit(s), got " + args.size());
            }
            int repeat = 1;
            for (Arg a : args) {
                if (a.index() < 0) {
                    if (repeat > 1 && a.reg().size() != repeat) {
                        throw new QasmParseException(name.line(), "gate '" + name.text()
                                + "' on registers of different sizes");
                    }
                    repeat = a.reg().size();
                }
            }
            double[] a = angles.stream().mapToDouble(Double::doubleValue).toArray();
            for (int j = 0; j < repeat; j++) {
                int[] wires = new int[args.size()];
                for (int i = 0; i < wires.length; i++) {
                    wires[i] = args.get(i).wire(j);
                }
                if (wires.length == 2 && wires[0] == wires[1]) {
                    throw new QasmParseException(name.line(), "gate '" + name.text()
                            + "' needs two distinct qubits, got wire " + wires[0] + " twice");
                }
                Operation op = spec.factory().make(a, wires);
                if (op != null) {
                    ops.add(op);
                }
            }
        }

        private List<Arg> args(String statement) {
            List<Arg> out = new ArrayList<>();
            out.add(arg(qregs, statement, "quantum"));
            while (peekIs(",")) {
                next();
                out.add(arg(qregs, statement, "quantum"));
            }
            return out;
        }

        private Arg arg(Map<String, Register> regs, String statement, String kind) {
            QasmLexer.Token name = ident();
            Register r = regs.get(name.text());
            if (r == null) {
                throw new QasmParseException(name.line(), "'" + statement + "' uses undeclared " + kind
                        + " register '" + name.text() + "'");
            }
            int index = -1;
            if (peekIs("[")) {
                next();
                QasmLexer.Token i = next();
                if (i.kind() != QasmLexer.Kind.INT) {
                    throw new QasmParseException(i.line(), "expected an index into '" + name.text() + "', found "
                            + i.describe());
                }
                index = parseInt(i);
                if (index >= r.size()) {
                    throw new QasmParseException(i.line(), "'" + statement + "' uses " + name.text() + "["
                            + i.text() + "], but '" + name.text() + "' has size " + r.size());
                }
                expect("]");
            }
            return new Arg(index, r, name.line());
        }

        // ---------------------------------------------------------- expressions

        private double expression() {
            QasmLexer.Token start = peek();
            double v = sum();
            if (!Double.isFinite(v)) {
                throw new QasmParseException(start.line(), "angle expression starting at " + start.describe()
                        + " evaluates to " + v);
            }
            return v;
        }

        private double sum() {
            double v = product();
            while (peekIs("+") || peekIs("-")) {
                v = next().text().equals("+") ? v + product() : v - product();
            }
            return v;
        }

        private double product() {
            double v = unary();
            while (peekIs("*") || peekIs("/")) {
                v = next().text().equals("*") ? v * unary() : v / unary();
            }
            return v;
        }

        private double unary() {
            if (peekIs("-")) {
                next();
                return -unary();
            }
            if (peekIs("+")) {
                next();
                return unary();
            }
            return power();
        }

        private double power() {
            double base = primary();
            if (peekIs("^")) {
                next();
                return Math.pow(base, unary());
            }
            return base;
        }

        private double primary() {
            QasmLexer.Token t = next();
            if (t.kind() == QasmLexer.Kind.INT || t.kind() == QasmLexer.Kind.REAL) {
                return Double.parseDouble(t.text());
            }
            if (t.kind() == QasmLexer.Kind.SYMBOL && t.text().equals("(")) {
                double v = sum();
                expect(")");
                return v;
            }
            if (t.kind() == QasmLexer.Kind.ID) {
                if (t.text().equals("pi")) {
                    return Math.PI;
                }
                expect("(");
                double x = sum();
                expect(")");
                return switch (t.text()) {
                    case "sin" -> Math.sin(x);
                    case "cos" -> Math.cos(x);
                    case "tan" -> Math.tan(x);
                    case "exp" -> Math.exp(x);
                    case "ln" -> Math.log(x);
                    case "sqrt" -> Math.sqrt(x);
                    default -> throw new QasmParseException(t.line(), "unknown function '" + t.text() + "'");
                };
            }
            throw new QasmParseException(t.line(), "expected a number, 'pi' or '(' in an angle, found "
                    + t.describe());
        }

        // ---------------------------------------------------------- observables

        private void addObservables(Circuit.Builder b) {
            QasmLexer.Comment header = null;
            for (QasmLexer.Comment c : comments) {
                if (c.text().startsWith(OBSERVABLES)) {
                    if (header != null) {
                        throw new QasmParseException(c.line(), "a second observables comment (the first is on line "
                                + header.line() + ")");
                    }
                    header = c;
                }
            }
            if (header == null) {
                if (measured.isEmpty()) {
                    b.expectZAll();
                } else {
                    for (int w : measured) {
                        b.expectZ(w);
                    }
                }
                return;
            }
            String list = header.text().substring(OBSERVABLES.length()).trim();
            if (list.isEmpty()) {
                throw new QasmParseException(header.line(), "the observables comment lists no observable");
            }
            for (String item : list.split("\\s+")) {
                if (!item.matches("[XZ][0-9]{1,9}")) {
                    throw new QasmParseException(header.line(), "observable '" + item
                            + "' is not X<wire> or Z<wire>");
                }
                int wire = Integer.parseInt(item.substring(1));
                if (wire >= numQubits) {
                    throw new QasmParseException(header.line(), "observable '" + item + "' on a wire beyond the "
                            + numQubits + " declared qubit(s)");
                }
                if (Observable.Pauli.valueOf(item.substring(0, 1)) == Observable.Pauli.X) {
                    b.expectX(wire);
                } else {
                    b.expectZ(wire);
                }
            }
        }

        // ---------------------------------------------------------- tokens

        private QasmLexer.Token ident() {
            QasmLexer.Token t = next();
            if (t.kind() != QasmLexer.Kind.ID) {
                throw new QasmParseException(t.line(), "expected a name, found " + t.describe());
            }
            return t;
        }

        private static int parseInt(QasmLexer.Token t) {
            try {
                return Integer.parseInt(t.text());
            } catch (NumberFormatException e) {
                throw new QasmParseException(t.line(), "integer " + t.describe() + " is too large");
            }
        }

        private QasmLexer.Token peek() {
            return tokens.get(pos);
        }

        private boolean peekIs(String symbol) {
            QasmLexer.Token t = peek();
            return t.kind() == QasmLexer.Kind.SYMBOL && t.text().equals(symbol);
        }

        private QasmLexer.Token next() {
            QasmLexer.Token t = tokens.get(pos);
            if (t.kind() != QasmLexer.Kind.EOF) {
                pos++;
            }
            return t;
        }

        private void expect(String symbol) {
            QasmLexer.Token t = next();
            if (t.kind() != QasmLexer.Kind.SYMBOL || !t.text().equals(symbol)) {
                throw new QasmParseException(t.line(), "expected '" + symbol + "', found " + t.describe());
            }
        }
    }
}

package org.hybridqml.sim.qasm;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exported text against hand-written OpenQASM, and the exporter's argument checks. */
class OpenQasmExporterTest {

    private static final String HEADER_COMMENT = "// exported by org.hybridqml.sim.qasm.OpenQasmExporter: 2 qubit(s), "
            + "q[0] is the most significant bit of a basis-state index\n";

    /** Every gate kind once: Rot split into rz ry rz, PhaseShift from a scaled input, constant angles. */
    private static Circuit everyGate() {
        return Circuit.builder(2).numParameters(3).numInputs(1)
                .h(0).x(1).y(0).z(1).s(0).t(1)
                .rot(1, Angle.param(0), Angle.param(1), Angle.param(2, 2.0))
                .phaseShift(0, Angle.input(0, 2.0))
                .ry(1, Angle.constant(-0.25))
                .rz(0, Angle.param(0, -1.0))
                .cnot(0, 1).cz(1, 0).swap(0, 1)
                .rx(0, Angle.constant(0.25))
                .expectZ(1, 0).build();
    }

    private static final String BODY = """
            h q[0];
            x q[1];
            y q[0];
            z q[1];
            s q[0];
            t q[1];
            rz(0.1) q[1];
            ry(0.2) q[1];
            rz(0.6) q[1];
            %s(1.5) q[0];
            ry(-0.25) q[1];
            rz(-0.1) q[0];
            cx q[0], q[1];
            cz q[1], q[0];
            swap q[0], q[1];
            rx(0.25) q[0];
            """;

    private static final double[] PARAMS = {0.1, 0.2, 0.3};
    private static final double[] INPUT = {0.75};

    @Test
    void qasm2MatchesHandWrittenProgram() {
        assertProgram("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n", "qreg q[2];\ncreg c[2];\n", "u1",
                "measure q -> c;\n", measure -> OpenQasmExporter.toQasm2(everyGate(), PARAMS, INPUT, measure),
                OpenQasmExporter.toQasm2(everyGate(), PARAMS, INPUT));
    }

    @Test
    void qasm3MatchesHandWrittenProgram() {
        assertProgram("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n", "qubit[2] q;\nbit[2] c;\n", "p",
                "c = measure q;\n", measure -> OpenQasmExporter.toQasm3(everyGate(), PARAMS, INPUT, measure),
                OpenQasmExporter.toQasm3(everyGate(), PARAMS, INPUT));
    }

    /** The expected program from its version-specific parts; the default must be the measured one. */
    private static void assertProgram(String prelude, String registers, String phaseGate, String measureLine,
                                      Function<Boolean, String> export, String byDefault) {
        String unmeasured = prelude + HEADER_COMMENT + "// observables: Z1 Z0\n" + registers
                + BODY.formatted(phaseGate);
        assertEquals(unmeasured + measureLine, export.apply(true));
        assertEquals(unmeasured, export.apply(false));
        assertEquals(unmeasured + measureLine, byDefault);
    }

    /** Measured X observables get an H first and are listed as the Z read after it; unmeasured ones stay X. */
    @Test
    void xObservablesGetABasisChangeBeforeMeasurement() {
        Circuit c = Circuit.builder(3).ry(0, Angle.constant(0.5)).expectX(2, 0).expectZ(1).build();
        String measured = OpenQasmExporter.toQasm2(c, null, null);
        assertTrue(measured.contains("// observables: Z2 Z0 Z1\n"), measured);
        assertTrue(measured.endsWith("ry(0.5) q[0];\nh q[2];\nh q[0];\nmeasure q -> c;\n"), measured);
        String unmeasured = OpenQasmExporter.toQasm2(c, new double[0], new double[0], false);
        assertTrue(unmeasured.contains("// observables: X2 X0 Z1\n"), unmeasured);
        assertTrue(unmeasured.endsWith("ry(0.5) q[0];\n"), unmeasured);
    }

    @Test
    void oneWireReadInTwoBasesCannotBeMeasured() {
        Circuit c = Circuit.builder(1).h(0).expectX(0).expectZ(0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenQasmExporter.toQasm2(c, null, null));
        assertTrue(e.getMessage().contains("Wire 0"), e.getMessage());
        assertTrue(OpenQasmExporter.toQasm2(c, null, null, false).contains("// observables: X0 Z0\n"));
    }

    @Test
    void wrongArrayLengthsNameTheExpectedLength() {
        Circuit c = everyGate();
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> OpenQasmExporter.toQasm2(c, new double[2], INPUT));
        assertTrue(p.getMessage().contains("params has length 2, expected 3"), p.getMessage());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> OpenQasmExporter.toQasm3(c, PARAMS, null));
        assertTrue(x.getMessage().contains("input has length 0, expected 1"), x.getMessage());
    }

    @Test
    void nonFiniteAnglesAndZeroEmbeddingsAreRefused() {
        double[] nan = {Double.NaN, 0, 0};
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> OpenQasmExporter.toQasm2(everyGate(), nan, INPUT));
        assertTrue(a.getMessage().contains("NaN"), a.getMessage());
        Circuit emb = Circuit.builder(2).amplitudeEmbedding(3).expectZAll().build();
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class,
                () -> OpenQasmExporter.toQasm2(emb, null, new double[3]));
        assertTrue(z.getMessage().contains("0..2"), z.getMessage());
    }

    /** 2^n − 1 RY and 2^n − 2 CNOT for an n-qubit amplitude embedding, and nothing else before the circuit. */
    @Test
    void amplitudeEmbeddingCostsTwoToTheNRotationsAndCnots() {
        for (int n = 1; n <= 5; n++) {
            Circuit c = Circuit.builder(n).amplitudeEmbedding(1 << n).expectZAll().build();
            double[] x = new double[1 << n];
            Arrays.fill(x, -0.5);
            List<String> lines = OpenQasmExporter.toQasm2(c, null, x, false).lines()
                    .filter(l -> !l.startsWith("//") && !l.startsWith("OPENQASM") && !l.startsWith("include")
                            && !l.startsWith("qreg") && !l.startsWith("creg")).toList();
            assertEquals((1 << n) - 1, lines.stream().filter(l -> l.startsWith("ry(")).count(), "RY for n=" + n);
            assertEquals((1 << n) - 2, lines.stream().filter(l -> l.startsWith("cx ")).count(), "CNOT for n=" + n);
            assertEquals(2 * (1 << n) - 3, lines.size(), "only RY and CNOT for n=" + n);
        }
        Circuit angleOnly = Circuit.builder(1).angleEmbedding(Gate.RY, 0, 1, 1.0).expectZAll().build();
        assertFalse(OpenQasmExporter.toQasm2(angleOnly, null, new double[]{0.5}).contains("amplitude embedding"));
    }
}

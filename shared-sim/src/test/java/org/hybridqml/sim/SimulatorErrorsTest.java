package org.hybridqml.sim;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Misuse fails fast with an {@link IllegalArgumentException} whose message says what was wrong. */
class SimulatorErrorsTest {

    private static final double[] NONE = new double[0];
    private final StatevectorSimulator sim = new StatevectorSimulator(2);

    private static String assertIae(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        String msg = e.getMessage();
        assertTrue(msg != null && !msg.isBlank(), "the exception has a message");
        for (String f : fragments) {
            assertTrue(msg.toLowerCase().contains(f.toLowerCase()), "message should mention '" + f + "': " + msg);
        }
        return msg;
    }

    private static void assertMentionsNumber(String msg, long n) {
        assertTrue(Pattern.compile("(?<!\\d)" + n + "(?!\\d)").matcher(msg).find(),
                "message should name " + n + ": " + msg);
    }

    @Test
    void tooManyQubitsIsRefusedByTheBuilder() {
        String msg = assertIae(() -> Circuit.builder(31), "qubits");
        assertMentionsNumber(msg, 31);
        assertMentionsNumber(msg, Circuit.MAX_QUBITS);
        assertIae(() -> Circuit.builder(0), "qubits");
    }

    @Test
    void memoryGuardRefuses28QubitsNamingQubitsBatchAndBytes() {
        Circuit c = Circuit.builder(28).h(0).ry(27, Angle.param(0)).expectZ(0).build();
        StatevectorSimulator small = new StatevectorSimulator(2).memoryLimitBytes(64L << 20);
        double[][] inputs = {NONE, NONE, NONE};
        double[] params = {0.1};
        for (Executable call : new Executable[]{
                () -> small.expectations(c, params, inputs),
                () -> small.valueAndGradient(c, params, inputs, new double[][]{{1}, {1}, {1}}),
                () -> ParameterShift.valueAndGradient(small, c, params, inputs, new double[][]{{1}, {1}, {1}})}) {
            String msg = assertIae(call, "bytes", "batch");
            assertTrue(Pattern.compile("\\b28\\b[- ]?qubit").matcher(msg).find(), "names 28 qubits: " + msg);
            assertTrue(Pattern.compile("batch\\D{0,12}\\b3\\b").matcher(msg).find(), "names the batch of 3: " + msg);
        }
        String tape = assertIae(() -> small.forward(c, params, inputs), "bytes", "batch");
        assertTrue(Pattern.compile("\\b28\\b[- ]?qubit").matcher(tape).find(), "forward names 28 qubits: " + tape);
        assertIae(() -> small.sampledExpectations(c, params, inputs, 10, new SplittableRandom(1)), "bytes");
        String one = assertIae(() -> small.finalState(c, params, NONE), "bytes");
        assertTrue(Pattern.compile("\\b28\\b[- ]?qubit").matcher(one).find(), "names 28 qubits: " + one);
    }

    @Test
    void memoryGuardBoundaryIsTheAdvertisedByteCount() {
        Circuit c = Circuit.builder(10).h(0).rx(9, Angle.param(0)).expectZ(9).build();
        double[][] inputs = {NONE, NONE, NONE, NONE};
        double[][] up = {{1}, {1}, {1}, {1}};
        StatevectorSimulator s = new StatevectorSimulator(2);
        long needE = s.bytesNeeded(c, inputs.length, false);
        long needG = s.bytesNeeded(c, inputs.length, true);
        assertTrue(needE >= 2L * 1024 * 8, "two workers need at least one 2^10 real state each: " + needE);
        assertTrue(needG >= needE, "gradients never need less than expectations");
        s.memoryLimitBytes(needE);
        assertDoesNotThrow(() -> s.expectations(c, new double[]{0.2}, inputs));
        s.memoryLimitBytes(needE - 1);
        assertIae(() -> s.expectations(c, new double[]{0.2}, inputs), "bytes");
        s.memoryLimitBytes(needG);
        assertDoesNotThrow(() -> s.valueAndGradient(c, new double[]{0.2}, inputs, up));
        s.memoryLimitBytes(needG - 1);
        assertIae(() -> s.valueAndGradient(c, new double[]{0.2}, inputs, up), "bytes");
        assertIae(() -> new StatevectorSimulator(1).memoryLimitBytes(0));
        assertIae(() -> new StatevectorSimulator(0));
    }

    @Test
    void wireOutOfRangeIsRefusedWhenBuilding() {
        assertMentionsNumber(assertIae(() -> Circuit.builder(3).h(3), "wire"), 3);
        assertIae(() -> Circuit.builder(3).cnot(0, 5), "wire");
        assertIae(() -> Circuit.builder(3).rx(-1, Angle.constant(1)), "wire");
        assertIae(() -> Circuit.builder(2).expectZ(2), "wire");
        assertIae(() -> Circuit.builder(2).expectX(7), "wire");
        assertIae(() -> Circuit.builder(2).swap(1, 1), "wire");
    }

    @Test
    void wrongInputLengthOfOneSampleIsNamed() {
        Circuit c = Circuit.builder(2).ry(0, Angle.input(0, 1)).ry(1, Angle.input(2, 1)).expectZ(0, 1).build();
        double[][] bad = {{1, 2, 3}, {1, 2, 3}, {1, 2}};
        double[][] up = {{1, 1}, {1, 1}, {1, 1}};
        String msg = assertIae(() -> sim.expectations(c, NONE, bad), "sample");
        assertMentionsNumber(msg, 2);
        assertMentionsNumber(msg, 3);
        assertIae(() -> sim.valueAndGradient(c, NONE, bad, up), "sample");
        assertIae(() -> ParameterShift.valueAndGradient(sim, c, NONE, bad, up), "sample");
        assertIae(() -> sim.finalState(c, NONE, new double[]{1, 2, 3, 4}));
        assertIae(() -> sim.expectations(c, NONE, new double[][]{{1, 2, 3}, null}));
        assertIae(() -> sim.expectations(c, NONE, new double[0][]), "batch");
        assertIae(() -> sim.expectations(c, NONE, new double[][]{{1, Double.NaN, 3}}), "finite");
    }

    @Test
    void zeroOrNonFiniteAmplitudeVectorsAreRefused() {
        Circuit c = Circuit.builder(2).amplitudeEmbedding(1, 3).ry(0, Angle.param(0)).expectZ(0).build();
        double[] p = {0.3};
        for (double[] x : new double[][]{{5, 0, 0, 0}, {1, 0, Double.NaN, 1}, {1, Double.POSITIVE_INFINITY, 0, 0},
                {1, 0, -0.0, 0}}) {
            assertIae(() -> sim.expectations(c, p, new double[][]{{1, 1, 1, 1}, x}));
            assertIae(() -> sim.valueAndGradient(c, p, new double[][]{x}, new double[][]{{1}}));
            assertIae(() -> sim.finalState(c, p, x));
        }
        // a zero vector is reported as such, naming the offending sample
        String msg = assertIae(() -> sim.expectations(c, p, new double[][]{{1, 1, 1, 1}, {9, 0, 0, 0}}));
        assertTrue(msg.toLowerCase().matches("(?s).*(zero|norm).*"), "says the vector is zero: " + msg);
        assertTrue(msg.toLowerCase().matches("(?s).*sample\\D{0,3}1\\b.*"), "names sample 1: " + msg);
    }

    @Test
    void wrongParameterCountIsRefused() {
        Circuit c = Circuit.builder(1).rx(0, Angle.param(1)).expectZ(0).build();
        String msg = assertIae(() -> sim.expectations(c, new double[]{1}, new double[][]{NONE}), "parameter");
        assertMentionsNumber(msg, 2);
        assertMentionsNumber(msg, 1);
        assertIae(() -> sim.expectations(c, new double[]{1, 2, 3}, new double[][]{NONE}), "parameter");
        assertIae(() -> sim.expectations(c, null, new double[][]{NONE}), "parameter");
        assertIae(() -> sim.valueAndGradient(c, new double[]{1}, new double[][]{NONE}, new double[][]{{1}}),
                "parameter");
        assertIae(() -> sim.finalState(c, new double[]{1}, NONE), "parameter");
        assertIae(() -> sim.expectations(c, new double[]{1, Double.NaN}, new double[][]{NONE}), "parameter");
    }

    @Test
    void wrongUpstreamShapeIsRefused() {
        Circuit c = Circuit.builder(2).rx(0, Angle.param(0)).expectZ(0, 1).build();
        double[] p = {0.4};
        assertIae(() -> sim.valueAndGradient(c, p, new double[][]{NONE, NONE}, new double[][]{{1, 1}}), "upstream");
        assertIae(() -> sim.valueAndGradient(c, p, new double[][]{NONE}, new double[][]{{1}}), "upstream");
        assertIae(() -> sim.valueAndGradient(c, p, new double[][]{NONE}, new double[][]{{1, 2, 3}}), "upstream");
    }

    @Test
    void nullUpstreamIsRefusedInsteadOfReturningNullGradients() {
        // Found at 1942f82: valueAndGradient(…, null) returns a ValueAndGradient whose gradients are null, and
        // ForwardTape.backward(null) refuses only when the tape stored states (10+ qubits) — otherwise it also returns
        // null gradients: the same call behaves differently by circuit size.
        for (int n : new int[]{2, StatevectorSimulator.TAPE_MIN_QUBITS}) {
            Circuit c = Circuit.builder(n).ry(0, Angle.param(0)).expectZ(0).build();
            double[] p = {0.3};
            double[][] x = {NONE};
            assertIae(() -> sim.valueAndGradient(c, p, x, null), "upstream");
            ForwardTape tape = sim.forward(c, p, x);
            assertIae(() -> tape.backward(null), "upstream");
        }
    }

    @Test
    void defaultMemoryGuardRefuses30QubitsBeforeAllocating() {
        // 2^30 complex amplitudes are 16 GiB: with the default limit (a fraction of the heap) this must be an
        // IllegalArgumentException, never an OutOfMemoryError or a 16 GiB allocation.
        assumeTrue(Runtime.getRuntime().maxMemory() < (16L << 30),
                "heap smaller than one 30-qubit state");
        Circuit c = Circuit.builder(30).h(0).rx(29, Angle.param(0)).expectZ(0).build();
        StatevectorSimulator def = new StatevectorSimulator(1);
        assertTrue(def.memoryLimitBytes() <= Runtime.getRuntime().maxMemory(), "default limit within the heap");
        double[] p = {0.1};
        assertMentionsNumber(assertIae(() -> def.expectations(c, p, new double[][]{NONE}), "bytes"), 30);
        assertIae(() -> def.valueAndGradient(c, p, new double[][]{NONE}, new double[][]{{1}}), "bytes");
        assertIae(() -> def.forward(c, p, new double[][]{NONE}), "bytes");
        assertIae(() -> def.finalState(c, p, NONE), "bytes");
    }
}

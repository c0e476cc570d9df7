package org.hybridqml.sim;

import org.hybridqml.circuits.QuFeXCircuits;
import org.hybridqml.circuits.StronglyEntanglingLayers;
import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link BatchedSmallEngine} against {@link StateEngine} (driven as {@code StatevectorSimulator.runRange} drives it)
 * on random circuits over every gate, and its grouping independence.
 */
class BatchedSmallEngineTest {

    private static final double TOL = 1e-12;

    /** Expectations, per-sample parameter gradients and input gradients of one batch. */
    private record Result(double[][] expect, double[][] paramGrad, double[][] inputGrad) {
    }

    private static Result reference(CompiledCircuit cc, double[] params, double[][] inputs, double[][] up) {
        int batch = inputs.length;
        boolean gradients = up != null;
        Result r = new Result(new double[batch][cc.numObs], new double[batch][cc.numParams],
                new double[batch][cc.numInputs]);
        StateEngine engine = new StateEngine(cc, gradients);
        for (int b = 0; b < batch; b++) {
            engine.prepare(params, inputs[b], gradients);
            double norm = engine.initState(inputs[b], b);
            engine.forward();
            engine.expectations(r.expect[b]);
            if (gradients) {
                engine.backward(up[b], r.paramGrad[b], r.inputGrad[b], inputs[b], norm);
            }
        }
        return r;
    }

    private static Result batched(BatchedSmallEngine e, CompiledCircuit cc, double[] params, double[][] inputs,
                                  double[][] up, int from, int to) {
        int batch = inputs.length;
        Result r = new Result(new double[batch][cc.numObs], new double[batch][cc.numParams],
                new double[batch][cc.numInputs]);
        e.run(params, inputs, up, r.expect, r.paramGrad, r.inputGrad, from, to);
        return r;
    }

    private static void assertClose(double[][] want, double[][] got, String what) {
        for (int b = 0; b < want.length; b++) {
            for (int k = 0; k < want[b].length; k++) {
                double tol = TOL * Math.max(1.0, Math.abs(want[b][k]));
                if (!(Math.abs(want[b][k] - got[b][k]) <= tol)) {
                    fail(what + " [" + b + "][" + k + "]: expected " + want[b][k] + ", got " + got[b][k]);
                }
            }
        }
    }

    private static void assertBitwise(double[] want, double[] got, String what) {
        for (int k = 0; k < want.length; k++) {
            if (Double.doubleToRawLongBits(want[k]) != Double.doubleToRawLongBits(got[k])) {
                fail(what + " [" + k + "]: " + want[k] + " vs " + got[k]);
            }
        }
    }

    /** {@code rows} random vectors of length {@code len} (inputs or upstream gradients of a batch). */
    private static double[][] randomRows(SplittableRandom rng, int rows, int len) {
        double[][] out = new double[rows][];
        for (int b = 0; b < rows; b++) {
            out[b] = SimTestCircuits.randomVector(rng, len);
        }
        return out;
    }

    private static void checkAgainstStateEngine(Circuit c, SplittableRandom rng, int batch, int lanes) {
        CompiledCircuit cc = new CompiledCircuit(c);
        double[] params = SimTestCircuits.randomVector(rng, c.numParameters());
        double[][] inputs = randomRows(rng, batch, c.numInputs());
        double[][] up = randomRows(rng, batch, c.observables().size());
        String name = c + " lanes " + lanes;
        Result want = reference(cc, params, inputs, up);
        Result got = batched(new BatchedSmallEngine(cc, true, lanes), cc, params, inputs, up, 0, batch);
        assertClose(want.expect, got.expect, "expectation " + name);
        assertClose(want.paramGrad, got.paramGrad, "parameter gradient " + name);
        assertClose(want.inputGrad, got.inputGrad, "input gradient " + name);
        // Forward-only engine gives the same expectations, bitwise.
        Result fwd = batched(new BatchedSmallEngine(cc, false, lanes), cc, params, inputs, null, 0, batch);
        for (int b = 0; b < batch; b++) {
            assertBitwise(got.expect[b], fwd.expect[b], "forward-only " + name);
        }
    }

    @Test
    void agreesWithStateEngineOnRandomComplexCircuits() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int n = 1; n <= BatchedSmallEngine.MAX_QUBITS; n++) {
            for (int trial = 0; trial < 3; trial++) {
                Circuit c = SimTestCircuits.randomCircuit(rng, n, 12 + 4 * n, 4, 5, false, 0);
                assertFalse(c.isReal());
                checkAgainstStateEngine(c, rng, 1 + rng.nextInt(40), new int[]{8, 16, 32}[trial]);
            }
        }
    }

    @Test
    void agreesWithStateEngineOnRandomRealCircuits() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int n = 1; n <= BatchedSmallEngine.MAX_QUBITS; n++) {
            for (int trial = 0; trial < 3; trial++) {
                Circuit c = SimTestCircuits.randomCircuit(rng, n, 12 + 4 * n, 4, 5, true, 0);
                assertTrue(c.isReal());
                checkAgainstStateEngine(c, rng, 1 + rng.nextInt(40), new int[]{8, 16, 32}[trial]);
            }
        }
    }

    @Test
    void agreesWithStateEngineWithAmplitudeEmbedding() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int n = 1; n <= BatchedSmallEngine.MAX_QUBITS; n++) {
            for (boolean realOnly : new boolean[]{true, false}) {
                int dim = 1 << n;
                // full length, and a non-power-of-two length
                for (int len : new int[]{dim, Math.max(1, dim - 1 - rng.nextInt(Math.max(1, dim / 2)))}) {
                    Circuit c = SimTestCircuits.randomCircuit(rng, n, 10 + 3 * n, 3, len + 2, realOnly, len);
                    checkAgainstStateEngine(c, rng, 1 + rng.nextInt(30), new int[]{8, 16, 32}[rng.nextInt(3)]);
                }
            }
        }
    }

    @Test
    void agreesWithStateEngineOnPaperCircuits() {
        SplittableRandom rng = new SplittableRandom(14);
        for (int n : new int[]{2, 4, 8, 12}) {
            checkAgainstStateEngine(QuFeXCircuits.pqc1(n), rng, 37, BatchedSmallEngine.lanesFor(n));
            checkAgainstStateEngine(QuFeXCircuits.pqc2(n), rng, 37, BatchedSmallEngine.lanesFor(n));
        }
        checkAgainstStateEngine(StronglyEntanglingLayers.circuit(16, 2), rng, 45, 32);
        checkAgainstStateEngine(StronglyEntanglingLayers.circuit(11, 3), rng, 45, 16);
    }

    @Test
    void fusedAdjointStepsEqualTheSeparatePassesBitwise() {
        SplittableRandom rng = new SplittableRandom(16);
        Circuit[] circuits = {
                QuFeXCircuits.pqc1(8), QuFeXCircuits.pqc2(8),
                SimTestCircuits.randomCircuit(rng, 6, 60, 5, 6, false, 0),
                SimTestCircuits.randomCircuit(rng, 5, 50, 5, 6, true, 0),
                SimTestCircuits.randomCircuit(rng, 4, 40, 4, 16, false, 13),
        };
        for (Circuit c : circuits) {
            CompiledCircuit cc = new CompiledCircuit(c);
            int batch = 21;
            double[] params = SimTestCircuits.randomVector(rng, c.numParameters());
            double[][] inputs = randomRows(rng, batch, c.numInputs());
            double[][] up = randomRows(rng, batch, c.observables().size());
            Result fused = batched(new BatchedSmallEngine(cc, true, 8), cc, params, inputs, up, 0, batch);
            BatchedSmallEngine separate = new BatchedSmallEngine(cc, true, 8);
            separate.fuseAdjoint = false;
            Result plain = batched(separate, cc, params, inputs, up, 0, batch);
            for (int b = 0; b < batch; b++) {
                assertBitwise(plain.paramGrad[b], fused.paramGrad[b], c + " parameter gradient " + b);
                assertBitwise(plain.inputGrad[b], fused.inputGrad[b], c + " input gradient " + b);
            }
        }
    }

    @Test
    void resultsDoNotDependOnGroupingBitwise() {
        SplittableRandom rng = new SplittableRandom(15);
        Circuit[] circuits = {
                SimTestCircuits.randomCircuit(rng, 5, 40, 4, 6, false, 0),
                SimTestCircuits.randomCircuit(rng, 4, 30, 4, 6, true, 0),
                SimTestCircuits.randomCircuit(rng, 3, 25, 3, 8, false, 7),
                SimTestCircuits.randomCircuit(rng, 4, 25, 3, 16, true, 13),
        };
        for (Circuit c : circuits) {
            CompiledCircuit cc = new CompiledCircuit(c);
            int batch = 29;
            double[] params = SimTestCircuits.randomVector(rng, c.numParameters());
            double[][] inputs = randomRows(rng, batch, c.numInputs());
            double[][] up = randomRows(rng, batch, c.observables().size());
            Result all = batched(new BatchedSmallEngine(cc, true, 16), cc, params, inputs, up, 0, batch);
            // Each sample alone, in a group of different width, and starting at a different offset.
            BatchedSmallEngine alone = new BatchedSmallEngine(cc, true, 16);
            for (int b = 0; b < batch; b++) {
                Result one = batched(alone, cc, params, inputs, up, b, b + 1);
                assertBitwise(all.expect[b], one.expect[b], "alone " + b);
                assertBitwise(all.paramGrad[b], one.paramGrad[b], "alone " + b);
                assertBitwise(all.inputGrad[b], one.inputGrad[b], "alone " + b);
            }
            for (int lanes : new int[]{1, 3, 8, 32}) {
                Result other = batched(new BatchedSmallEngine(cc, true, lanes), cc, params, inputs, up, 2, batch);
                for (int b = 2; b < batch; b++) {
                    assertBitwise(all.expect[b], other.expect[b], "lanes " + lanes + " sample " + b);
                    assertBitwise(all.paramGrad[b], other.paramGrad[b], "lanes " + lanes + " sample " + b);
                    assertBitwise(all.inputGrad[b], other.inputGrad[b], "lanes " + lanes + " sample " + b);
                }
            }
        }
    }

    @Test
    void rejectsZeroAndNonFiniteAmplitudeVectorsLikeStateEngine() {
        Circuit c = Circuit.builder(3).amplitudeEmbedding(6).ry(0, Angle.param(0)).expectZ(0).build();
        CompiledCircuit cc = new CompiledCircuit(c);
        double[] params = {0.3};
        double[][] zero = new double[10][];
        double[][] nan = new double[10][];
        for (int b = 0; b < 10; b++) {
            zero[b] = new double[]{1, 2, 3, 4, 5, 6};
            nan[b] = new double[]{1, 2, 3, 4, 5, 6};
        }
        zero[7] = new double[6];
        nan[4][2] = Double.NaN;
        nan[6][1] = Double.POSITIVE_INFINITY;
        for (double[][] inputs : new double[][][]{zero, nan}) {
            IllegalArgumentException want = assertThrows(IllegalArgumentException.class,
                    () -> reference(cc, params, inputs, null));
            for (boolean grad : new boolean[]{false, true}) {
                double[][] up = grad ? new double[10][1] : null;
                IllegalArgumentException got = assertThrows(IllegalArgumentException.class,
                        () -> batched(new BatchedSmallEngine(cc, grad, 8), cc, params, inputs, up, 0, 10));
                assertEquals(want.getMessage(), got.getMessage());
            }
        }
        assertTrue(zeroMessage(cc).contains("all zeros"));
    }

    private static String zeroMessage(CompiledCircuit cc) {
        double[][] inputs = {new double[6]};
        return assertThrows(IllegalArgumentException.class, () -> batched(new BatchedSmallEngine(cc, false), cc,
                new double[]{0.1}, inputs, null, 0, 1)).getMessage();
    }

    @Test
    void engineChoiceRunsSmallCircuitsLaneBatched() {
        assertTrue(StatevectorSimulator.laneBatched(QuFeXCircuits.pqc1(12).numQubits(), false, false));
        assertFalse(StatevectorSimulator.laneBatched(QuFeXCircuits.pqc1(14).numQubits(), false, false));
        assertFalse(StatevectorSimulator.laneBatched(QuFeXCircuits.pqc1(16).numQubits(), false, false));
        // stored states for a tape and one sample split over a team need StateEngine
        assertFalse(StatevectorSimulator.laneBatched(4, true, false));
        assertFalse(StatevectorSimulator.laneBatched(4, false, true));
        CompiledCircuit cc = new CompiledCircuit(QuFeXCircuits.pqc1(4));
        assertTrue(StatevectorSimulator.engineFor(cc, true, null, null, null, null, CancelToken.CURRENT_THREAD)
                instanceof BatchedSmallEngine);
        assertTrue(StatevectorSimulator.engineFor(cc, true, null, null, null, new ChunkTeam(null, 0),
                CancelToken.CURRENT_THREAD) instanceof StateEngine);
    }
}

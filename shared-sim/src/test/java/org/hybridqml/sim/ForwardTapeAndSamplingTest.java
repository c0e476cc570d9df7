package org.hybridqml.sim;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.reference.DenseReference;
import org.hybridqml.sim.reference.RandomCircuits;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ForwardTape} (forward now, adjoint sweep later) gives exactly what {@link StatevectorSimulator#valueAndGradient}
 * gives, whether it stores the final states or recomputes them; shot-sampled expectations are seeded, thread-independent
 * and statistically consistent with the exact values.
 */
class ForwardTapeAndSamplingTest {

    private static void assertSameBits(ValueAndGradient expected, ValueAndGradient actual, String what) {
        assertArrayEquals(expected.parameterGradient(), actual.parameterGradient(), 0.0, what + ": parameter gradient");
        for (int b = 0; b < expected.expectations().length; b++) {
            assertArrayEquals(expected.expectations()[b], actual.expectations()[b], 0.0, what + ": expectations");
            assertArrayEquals(expected.inputGradient()[b], actual.inputGradient()[b], 0.0, what + ": input gradient");
        }
    }

    @Test
    void tapeBackwardEqualsValueAndGradientBitForBit() {
        SplittableRandom rng = new SplittableRandom(401);
        for (int trial = 0; trial < 16; trial++) {
            // below and at/above the size from which the tape stores states
            int n = trial % 2 == 0 ? 2 + trial % 5 : StatevectorSimulator.TAPE_MIN_QUBITS + trial % 3;
            Circuit c = RandomCircuits.random(rng, n, n > 6 ? 15 : 25, 3, 2,
                    trial % 3 == 0 ? RandomCircuits.REAL_GATES : RandomCircuits.ALL_GATES, trial % 4 == 1);
            StatevectorSimulator sim = new StatevectorSimulator(1 + trial % 3);
            double[] params = RandomCircuits.vector(rng, c.numParameters());
            double[][] inputs = RandomCircuits.matrix(rng, 1 + rng.nextInt(4), c.numInputs());
            double[][] up = RandomCircuits.matrix(rng, inputs.length, c.observables().size());
            ValueAndGradient direct = sim.valueAndGradient(c, params, inputs, up);
            ForwardTape tape = sim.forward(c, params, inputs);
            assertEquals(n >= StatevectorSimulator.TAPE_MIN_QUBITS, tape.storesStates(), "stores states for n = " + n);
            double[][] e = sim.expectations(c, params, inputs);
            for (int b = 0; b < inputs.length; b++) {
                assertArrayEquals(e[b], tape.expectations()[b], 0.0, "tape expectations");
            }
            assertSameBits(direct, tape.backward(up), "tape vs valueAndGradient, n = " + n + ", " + c);
            // a second backward with another upstream from the same tape
            double[][] up2 = RandomCircuits.matrix(rng, inputs.length, c.observables().size());
            assertSameBits(sim.valueAndGradient(c, params, inputs, up2), tape.backward(up2), "second backward");
        }
    }

    @Test
    void tapeThatCannotStoreStatesRecomputesTheSameBits() {
        SplittableRandom rng = new SplittableRandom(402);
        Circuit c = RandomCircuits.random(rng, StatevectorSimulator.TAPE_MIN_QUBITS, 20, 3, 2,
                RandomCircuits.ALL_GATES, false);
        double[] params = RandomCircuits.vector(rng, c.numParameters());
        double[][] inputs = RandomCircuits.matrix(rng, 16, c.numInputs());
        double[][] up = RandomCircuits.matrix(rng, 16, c.observables().size());
        StatevectorSimulator roomy = new StatevectorSimulator(2);
        ForwardTape stored = roomy.forward(c, params, inputs);
        assertTrue(stored.storesStates());
        // just enough memory to run a gradient pass (two workers), not enough to keep 16 final states in half of it
        StatevectorSimulator tight = new StatevectorSimulator(2);
        tight.memoryLimitBytes(tight.bytesNeeded(c, inputs.length, true));
        ForwardTape recomputed = tight.forward(c, params, inputs);
        assertFalse(recomputed.storesStates(), "16 states of 2^" + c.numQubits() + " amplitudes do not fit in half of "
                + tight.memoryLimitBytes() + " bytes");
        ValueAndGradient direct = roomy.valueAndGradient(c, params, inputs, up);
        assertSameBits(direct, stored.backward(up), "stored tape");
        assertSameBits(direct, recomputed.backward(up), "recomputing tape");
    }

    @Test
    void tapeExpectationsMatchTheReference() {
        SplittableRandom rng = new SplittableRandom(403);
        Circuit c = RandomCircuits.random(rng, StatevectorSimulator.TAPE_MIN_QUBITS, 20, 3, 2,
                RandomCircuits.ALL_GATES, true);
        double[] params = RandomCircuits.vector(rng, c.numParameters());
        double[][] inputs = RandomCircuits.matrix(rng, 2, c.numInputs());
        ForwardTape tape = new StatevectorSimulator(2).forward(c, params, inputs);
        for (int b = 0; b < 2; b++) {
            double[] ref = DenseReference.expectationsMatrixFree(
                    DenseReference.finalStateMatrixFree(c, params, inputs[b]), c);
            assertArrayEquals(ref, tape.expectations()[b], 1e-10);
        }
    }

    @Test
    void tapeKeepsTheParametersOfItsForwardPass() {
        SplittableRandom rng = new SplittableRandom(406);
        for (int n : new int[]{3, StatevectorSimulator.TAPE_MIN_QUBITS}) {
            Circuit c = RandomCircuits.random(rng, n, 15, 3, 2, RandomCircuits.ALL_GATES, false);
            StatevectorSimulator sim = new StatevectorSimulator(2);
            double[] params = RandomCircuits.vector(rng, c.numParameters());
            double[] original = params.clone();
            double[][] inputs = RandomCircuits.matrix(rng, 2, c.numInputs());
            double[][] up = RandomCircuits.matrix(rng, 2, c.observables().size());
            ForwardTape tape = sim.forward(c, params, inputs);
            Arrays.fill(params, 9.0); // an optimiser step between forward and backward
            assertSameBits(sim.valueAndGradient(c, original, inputs, up), tape.backward(up),
                    "params are copied by forward, n = " + n);
        }
    }

    @Test
    void tapeRejectsMisshapedUpstream() {
        Circuit c = Circuit.builder(StatevectorSimulator.TAPE_MIN_QUBITS).ry(0, Angle.param(0)).expectZ(0, 1).build();
        StatevectorSimulator sim = new StatevectorSimulator(1);
        for (ForwardTape tape : new ForwardTape[]{sim.forward(c, new double[]{0.3}, new double[][]{{}, {}}),
                sim.forward(Circuit.builder(2).ry(0, Angle.param(0)).expectZ(0, 1).build(), new double[]{0.3},
                        new double[][]{{}, {}})}) {
            assertThrows(IllegalArgumentException.class, () -> tape.backward(new double[][]{{1, 1}}));
            assertThrows(IllegalArgumentException.class, () -> tape.backward(new double[][]{{1, 1}, {1}}));
        }
    }

    @Test
    void sampledExpectationsAreSeededAndThreadIndependent() {
        SplittableRandom rng = new SplittableRandom(404);
        Circuit c = RandomCircuits.random(rng, 4, 20, 3, 2, RandomCircuits.ALL_GATES, false);
        double[] params = RandomCircuits.vector(rng, c.numParameters());
        double[][] inputs = RandomCircuits.matrix(rng, 7, c.numInputs());
        double[][] one = new StatevectorSimulator(1).sampledExpectations(c, params, inputs, 100,
                new SplittableRandom(42));
        double[][] three = new StatevectorSimulator(3).sampledExpectations(c, params, inputs, 100,
                new SplittableRandom(42));
        double[][] otherSeed = new StatevectorSimulator(1).sampledExpectations(c, params, inputs, 100,
                new SplittableRandom(43));
        boolean differs = false;
        for (int b = 0; b < inputs.length; b++) {
            assertArrayEquals(one[b], three[b], 0.0, "same seed, different thread counts");
            for (int k = 0; k < one[b].length; k++) {
                double steps = (one[b][k] + 1) * 100 / 2;
                assertEquals(Math.rint(steps), steps, 1e-9, "mean of 100 ±1 outcomes is a multiple of 1/50");
                assertTrue(Math.abs(one[b][k]) <= 1.0);
                differs |= one[b][k] != otherSeed[b][k];
            }
        }
        assertTrue(differs, "another seed gives other samples");
        assertThrows(IllegalArgumentException.class,
                () -> new StatevectorSimulator(1).sampledExpectations(c, params, inputs, 0, new SplittableRandom(1)));
    }

    @Test
    void sampledExpectationsConvergeToExactValues() {
        SplittableRandom rng = new SplittableRandom(405);
        Circuit c = RandomCircuits.random(rng, 3, 15, 3, 2, RandomCircuits.ALL_GATES, false);
        double[] params = RandomCircuits.vector(rng, c.numParameters());
        double[][] inputs = RandomCircuits.matrix(rng, 4, c.numInputs());
        StatevectorSimulator sim = new StatevectorSimulator(2);
        double[][] exact = sim.expectations(c, params, inputs);
        int shots = 20000;
        double[][] sampled = sim.sampledExpectations(c, params, inputs, shots, new SplittableRandom(7));
        for (int b = 0; b < exact.length; b++) {
            for (int k = 0; k < exact[b].length; k++) {
                double sigma = Math.sqrt(Math.max(1e-12, 1 - exact[b][k] * exact[b][k]) / shots);
                assertEquals(exact[b][k], sampled[b][k], 6 * sigma + 1e-12, "within 6σ of the exact value");
            }
        }
        // deterministic outcomes stay exact: <Z> = 1 on |0>, -1 after X
        double[][] sure = sim.sampledExpectations(Circuit.builder(2).x(1).expectZ(0, 1).build(), new double[0],
                new double[][]{{}}, 5, new SplittableRandom(1));
        assertArrayEquals(new double[]{1, -1}, sure[0], 0.0);
        // one shot gives ±1
        double[][] single = sim.sampledExpectations(c, params, inputs, 1, new SplittableRandom(3));
        for (double[] row : single) {
            for (double v : row) {
                assertEquals(1.0, Math.abs(v), 0.0);
            }
        }
    }
}

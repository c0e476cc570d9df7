package org.hybridqml.sim;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldVector;
import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;
import org.hybridqml.sim.reference.DenseReference;
import org.hybridqml.sim.reference.RandomCircuits;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine against the naive dense-matrix reference on seeded random circuits over every gate: expectations and
 * final states (no global-phase freedom: both follow the same convention) agree to 1e-10, and the norm is kept to
 * 1e-12.
 */
class StatevectorSimulatorReferenceTest {

    private static final double TOL = 1e-10;
    private static final double NORM_TOL = 1e-12;

    /** Compares one circuit on a batch of random samples; returns the number of samples checked. */
    static int assertAgreesWithReference(StatevectorSimulator sim, Circuit c, SplittableRandom rng, int batch,
                                                 boolean dense) {
        double[] params = RandomCircuits.vector(rng, c.numParameters());
        double[][] inputs = RandomCircuits.matrix(rng, batch, c.numInputs());
        double[][] engine = sim.expectations(c, params, inputs);
        assertEquals(batch, engine.length, "one row per sample");
        for (int b = 0; b < batch; b++) {
            double[][] refState;
            double[] ref;
            if (dense) {
                FieldVector<Complex> psi = DenseReference.finalState(c, params, inputs[b]);
                refState = DenseReference.toArrays(psi);
                ref = DenseReference.expectations(psi, c);
            } else {
                refState = DenseReference.finalStateMatrixFree(c, params, inputs[b]);
                ref = DenseReference.expectationsMatrixFree(refState, c);
            }
            assertEquals(ref.length, engine[b].length, "one column per observable");
            for (int k = 0; k < ref.length; k++) {
                final int sample = b;
                final int obs = k;
                assertEquals(ref[k], engine[b][k], TOL, () -> "sample " + sample + ", observable "
                        + c.observables().get(obs) + " of " + c + "\n" + c.operations());
            }
            double[][] state = sim.finalState(c, params, inputs[b]);
            assertEquals(2, state.length);
            assertEquals(1 << c.numQubits(), state[0].length, "re length");
            assertEquals(1 << c.numQubits(), state[1].length, "im length");
            double norm = 0;
            for (int i = 0; i < state[0].length; i++) {
                final int amp = i;
                assertEquals(refState[0][i], state[0][i], TOL, () -> "Re amplitude " + amp + " of " + c + "\n"
                        + c.operations());
                assertEquals(refState[1][i], state[1][i], TOL, () -> "Im amplitude " + amp + " of " + c + "\n"
                        + c.operations());
                norm += state[0][i] * state[0][i] + state[1][i] * state[1][i];
            }
            assertEquals(1.0, norm, NORM_TOL, "norm of the final state of " + c);
        }
        return batch;
    }

    @Test
    void randomCircuitsOverEveryGateMatchReference() {
        SplittableRandom rng = new SplittableRandom(101);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        for (int trial = 0; trial < 100; trial++) {
            int n = 1 + trial % 6;
            Circuit c = RandomCircuits.random(rng, n, 10 + rng.nextInt(20), 1 + rng.nextInt(4), rng.nextInt(4),
                    RandomCircuits.ALL_GATES, false);
            assertAgreesWithReference(sim, c, rng, 1 + rng.nextInt(3), true);
        }
    }

    @Test
    void eachGateAloneOnEveryWireMatchesReference() {
        SplittableRandom rng = new SplittableRandom(102);
        StatevectorSimulator sim = new StatevectorSimulator(1);
        for (int n = 1; n <= 4; n++) {
            for (Gate g : Gate.values()) {
                if (g.numWires() > n) {
                    continue;
                }
                for (int a = 0; a < n; a++) {
                    for (int t = 0; t < (g.numWires() == 1 ? 1 : n); t++) {
                        if (g.numWires() == 2 && t == a) {
                            continue;
                        }
                        int[] wires = g.numWires() == 1 ? new int[]{a} : new int[]{a, t};
                        Circuit.Builder b = Circuit.builder(n).numParameters(3);
                        // a generic entangled, complex start state so every matrix entry matters
                        for (int w = 0; w < n; w++) {
                            b.rot(w, Angle.constant(0.3 + w),
                                    Angle.constant(1.1 - 0.2 * w),
                                    Angle.constant(-0.7 + 0.5 * w));
                        }
                        for (int w = 0; w + 1 < n; w++) {
                            b.cnot(w, w + 1);
                        }
                        Angle[] angles = new Angle[g.numAngles()];
                        for (int i = 0; i < angles.length; i++) {
                            angles[i] = Angle.param(i, 1.0);
                        }
                        b.gate(g, wires, angles);
                        for (int w = 0; w < n; w++) {
                            b.expectZ(w).expectX(w);
                        }
                        assertAgreesWithReference(sim, b.build(), rng, 1, true);
                    }
                }
            }
        }
    }

    @Test
    void amplitudeEmbeddedCircuitsIncludingNonPowerOfTwoLengthsMatchReference() {
        SplittableRandom rng = new SplittableRandom(103);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        int nonPowerOfTwo = 0;
        int padded = 0;
        for (int trial = 0; trial < 64; trial++) {
            int n = 1 + trial % 6;
            Circuit c = RandomCircuits.random(rng, n, 5 + rng.nextInt(15), 1 + rng.nextInt(3), rng.nextInt(3),
                    trial % 2 == 0 ? RandomCircuits.ALL_GATES : RandomCircuits.REAL_GATES, true);
            int len = c.amplitudeEmbedding().length();
            if (Integer.bitCount(len) != 1) {
                nonPowerOfTwo++;
            }
            if (len < (1 << n)) {
                padded++;
            }
            assertAgreesWithReference(sim, c, rng, 1 + rng.nextInt(3), true);
        }
        assertTrue(nonPowerOfTwo >= 10, "enough non-power-of-2 embeddings were drawn: " + nonPowerOfTwo);
        assertTrue(padded >= 10, "enough zero-padded embeddings were drawn: " + padded);
    }

    @Test
    void realGateCircuitsMatchReference() {
        SplittableRandom rng = new SplittableRandom(104);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        for (int trial = 0; trial < 48; trial++) {
            int n = 1 + trial % 6;
            Circuit c = RandomCircuits.random(rng, n, 10 + rng.nextInt(20), 1 + rng.nextInt(3), rng.nextInt(3),
                    RandomCircuits.REAL_GATES, rng.nextBoolean());
            assertTrue(c.isReal());
            assertAgreesWithReference(sim, c, rng, 2, true);
        }
    }

    @Test
    void specialAnglesAndBinaryPixelInputsMatchReference() {
        // Angles of exactly 0, ±π, 2π, π/2 (identity-like or Clifford gates an optimiser might special-case), and
        // inputs in {0, 1} scaled by π as in the QuFeX pixel encoding RY(π·x).
        double[] special = {0, Math.PI, -Math.PI, 2 * Math.PI, Math.PI / 2, -Math.PI / 2, 4 * Math.PI, 1e-300};
        SplittableRandom rng = new SplittableRandom(107);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        for (int trial = 0; trial < 100; trial++) {
            int n = 1 + trial % 5;
            Circuit c = RandomCircuits.random(rng, n, 5 + rng.nextInt(20), 1 + rng.nextInt(3), 1 + rng.nextInt(3),
                    trial % 3 == 0 ? RandomCircuits.REAL_GATES : RandomCircuits.ALL_GATES, false);
            double[] params = new double[c.numParameters()];
            for (int i = 0; i < params.length; i++) {
                params[i] = special[rng.nextInt(special.length)];
            }
            double[][] inputs = new double[2][c.numInputs()];
            for (double[] row : inputs) {
                for (int f = 0; f < row.length; f++) {
                    row[f] = rng.nextInt(2);
                }
            }
            double[][] engine = sim.expectations(c, params, inputs);
            for (int b = 0; b < 2; b++) {
                double[] ref = DenseReference.expectations(c, params, inputs[b]);
                for (int k = 0; k < ref.length; k++) {
                    assertEquals(ref[k], engine[b][k], TOL, c.operations() + " params "
                            + Arrays.toString(params) + " input " + Arrays.toString(inputs[b]));
                }
            }
        }
    }

    @Test
    void structuredCircuitsThatStressFusionMatchReference() {
        // product-only circuits, long product prefixes (with and without amplitude embedding), CNOT/SWAP runs,
        // gates confined to the top or bottom wires
        SplittableRandom rng = new SplittableRandom(108);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        for (RandomCircuits.Shape shape : RandomCircuits.Shape.values()) {
            for (int trial = 0; trial < 20; trial++) {
                int n = 1 + trial % 6;
                Circuit c = RandomCircuits.structured(rng, n, shape, trial % 3 == 0, trial % 4 == 1);
                assertAgreesWithReference(sim, c, rng, 2, true);
            }
        }
    }
}

package org.hybridqml.sim;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Adjoint gradients against the parameter-shift rule on random circuits, including circuits large enough to take
 * the cache-blocked paths (more than {@link StateEngine#BLOCK_BITS} qubits), and known single-gate answers.
 */
class AdjointConsistencyTest {

    private static void assertAdjointMatchesShift(Circuit c, SplittableRandom rng, int batch) {
        double[] params = SimTestCircuits.randomVector(rng, c.numParameters());
        double[][] inputs = new double[batch][];
        double[][] up = new double[batch][];
        for (int b = 0; b < batch; b++) {
            inputs[b] = SimTestCircuits.randomVector(rng, c.numInputs());
            up[b] = SimTestCircuits.randomVector(rng, c.observables().size());
        }
        StatevectorSimulator sim = new StatevectorSimulator(2);
        ValueAndGradient adj = sim.valueAndGradient(c, params, inputs, up);
        ValueAndGradient ps = ParameterShift.valueAndGradient(sim, c, params, inputs, up);
        assertArrayEquals(ps.parameterGradient(), adj.parameterGradient(), 1e-9, "parameter gradient " + c);
        for (int b = 0; b < batch; b++) {
            assertArrayEquals(ps.inputGradient()[b], adj.inputGradient()[b], 1e-9, "input gradient");
        }
    }

    @Test
    void adjointMatchesParameterShiftOnSmallComplexCircuits() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + rng.nextInt(5);
            assertAdjointMatchesShift(SimTestCircuits.randomCircuit(rng, n, 25, 4, 3, false), rng, 3);
        }
    }

    @Test
    void adjointMatchesParameterShiftOnRealCircuits() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + rng.nextInt(5);
            Circuit c = SimTestCircuits.randomCircuit(rng, n, 25, 4, 3, true);
            assertEquals(true, c.isReal());
            assertAdjointMatchesShift(c, rng, 3);
        }
    }

    @Test
    void adjointMatchesParameterShiftOnCacheBlockedCircuits() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = StateEngine.BLOCK_BITS + 2;
        assertAdjointMatchesShift(SimTestCircuits.randomCircuit(rng, n, 30, 3, 2, false), rng, 2);
        assertAdjointMatchesShift(SimTestCircuits.randomCircuit(rng, n, 30, 3, 2, true), rng, 2);
    }

    @Test
    void fusedPermutationRunsAndProductPrefixMatchParameterShift() {
        // Large enough for cache blocking, so CNOT rings run as fused permutations and the single-qubit gates before
        // the first entangler form a product state whose gradients come from environments.
        SplittableRandom rng = new SplittableRandom(5);
        int n = StateEngine.BLOCK_BITS + 2;
        assertAdjointMatchesShift(org.hybridqml.circuits.DressedQuantumCircuit.circuit(n, 2), rng, 2);
        Circuit.Builder b = Circuit.builder(n).numParameters(6).numInputs(2);
        for (int w = 0; w < n; w++) {
            b.rot(w, Angle.param(w % 6), Angle.input(w % 2, 0.7), Angle.constant(0.3 * w));
            b.ry(w, Angle.param((w + 1) % 6));
        }
        for (int w = 0; w < n; w++) {
            b.cnot(w, (w + 3) % n);
        }
        b.swap(0, n - 1).swap(2, 5);
        for (int w = 0; w < n; w++) {
            b.rx(w, Angle.param((w + 2) % 6));
        }
        for (int w = n - 1; w > 0; w--) {
            b.cnot(w, w - 1);
        }
        b.expectZ(0, 7, n - 1).expectX(3, n - 2);
        assertAdjointMatchesShift(b.build(), rng, 2);
    }

    @Test
    void optimisedLargeCircuitAgreesWithNaiveBaseline() {
        SplittableRandom rng = new SplittableRandom(6);
        int n = StateEngine.BLOCK_BITS + 2;
        Circuit c = org.hybridqml.circuits.DressedQuantumCircuit.circuit(n, 3);
        double[] params = SimTestCircuits.randomVector(rng, c.numParameters());
        double[][] in = {SimTestCircuits.randomVector(rng, n)};
        double[][] ours = new StatevectorSimulator(1).expectations(c, params, in);
        double[][] naive = org.hybridqml.bench.NaiveComplexSimulator.expectations(c, params, in);
        assertArrayEquals(naive[0], ours[0], 1e-12);
    }

    @Test
    void shotNoiseIsSeededAndConvergesToTheExactValue() {
        Circuit c = Circuit.builder(1).rx(0, Angle.param(0)).expectZ(0).build();
        StatevectorSimulator sim = new StatevectorSimulator(2);
        double[] theta = {1.0};
        double[][] in = {{}, {}, {}};
        double[][] a = sim.sampledExpectations(c, theta, in, 1000, new SplittableRandom(9));
        double[][] b = sim.sampledExpectations(c, theta, in, 1000, new SplittableRandom(9));
        assertArrayEquals(a[2], b[2], 0.0);
        double many = sim.sampledExpectations(c, theta, new double[][]{{}}, 200_000, new SplittableRandom(1))[0][0];
        // standard error sqrt((1 - cos²θ)/N) ≈ 0.0019; allow 5σ
        assertEquals(Math.cos(1.0), many, 0.01);
        double few = sim.sampledExpectations(c, theta, new double[][]{{}}, 3, new SplittableRandom(2))[0][0];
        assertEquals(true, few == -1 || few == -1.0 / 3 || few == 1.0 / 3 || few == 1, "3 shots give a multiple of 1/3");
    }

    @Test
    void forwardTapeGivesBitwiseTheSameGradientsAsAFullPass() {
        SplittableRandom rng = new SplittableRandom(12);
        Circuit[] circuits = {
                org.hybridqml.circuits.DressedQuantumCircuit.circuit(StateEngine.BLOCK_BITS + 2, 3), // stored, real
                SimTestCircuits.randomCircuit(rng, 11, 60, 4, 3, false),                                            // stored, complex
                org.hybridqml.circuits.StronglyEntanglingLayers.circuit(5, 2),                      // recomputed
        };
        StatevectorSimulator sim = new StatevectorSimulator(2);
        for (Circuit c : circuits) {
            double[] params = SimTestCircuits.randomVector(rng, c.numParameters());
            double[][] inputs = new double[3][];
            double[][] up = new double[3][];
            for (int b = 0; b < 3; b++) {
                inputs[b] = SimTestCircuits.randomVector(rng, c.numInputs());
                up[b] = SimTestCircuits.randomVector(rng, c.observables().size());
            }
            ForwardTape tape = sim.forward(c, params, inputs);
            assertEquals(c.numQubits() >= StatevectorSimulator.TAPE_MIN_QUBITS, tape.storesStates());
            ValueAndGradient full = sim.valueAndGradient(c, params, inputs, up);
            ValueAndGradient fromTape = tape.backward(up);
            assertArrayEquals(full.parameterGradient(), fromTape.parameterGradient(), 0.0);
            for (int b = 0; b < 3; b++) {
                assertArrayEquals(full.expectations()[b], tape.expectations()[b], 0.0);
                assertArrayEquals(full.inputGradient()[b], fromTape.inputGradient()[b], 0.0);
            }
        }
    }

    @Test
    void rxRotationGivesCosine() {
        Circuit c = Circuit.builder(1).rx(0, Angle.param(0)).expectZ(0).build();
        StatevectorSimulator sim = new StatevectorSimulator(1);
        for (double theta : new double[]{0, 0.3, 1.7, Math.PI, 5.0}) {
            double[][] e = sim.expectations(c, new double[]{theta}, new double[][]{{}});
            assertEquals(Math.cos(theta), e[0][0], 1e-14);
            ValueAndGradient g = sim.valueAndGradient(c, new double[]{theta}, new double[][]{{}}, new double[][]{{1}});
            assertEquals(-Math.sin(theta), g.parameterGradient()[0], 1e-14);
        }
    }

    @Test
    void threadCountDoesNotChangeResultsBitwise() {
        SplittableRandom rng = new SplittableRandom(4);
        Circuit c = SimTestCircuits.randomCircuit(rng, 6, 40, 5, 4, false);
        double[] params = SimTestCircuits.randomVector(rng, c.numParameters());
        double[][] inputs = new double[7][];
        double[][] up = new double[7][];
        for (int b = 0; b < 7; b++) {
            inputs[b] = SimTestCircuits.randomVector(rng, c.numInputs());
            up[b] = SimTestCircuits.randomVector(rng, c.observables().size());
        }
        ValueAndGradient one = new StatevectorSimulator(1).valueAndGradient(c, params, inputs, up);
        for (int t : new int[]{2, 3, 5}) {
            ValueAndGradient many = new StatevectorSimulator(t).valueAndGradient(c, params, inputs, up);
            assertArrayEquals(one.parameterGradient(), many.parameterGradient(), 0.0);
            for (int b = 0; b < 7; b++) {
                assertArrayEquals(one.expectations()[b], many.expectations()[b], 0.0);
                assertArrayEquals(one.inputGradient()[b], many.inputGradient()[b], 0.0);
            }
        }
    }
}

package org.hybridqml.sim;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;
import org.hybridqml.sim.circuit.Observable;
import org.hybridqml.sim.circuit.Operation;
import org.hybridqml.sim.reference.RandomCircuits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch gives the same numbers as its samples one by one; the thread count never changes a single bit; the real
 * fast path gives the same numbers as the complex path.
 */
class BatchingAndDeterminismTest {

    private static final class Case {
        final Circuit circuit;
        final double[] params;
        final double[][] inputs;
        final double[][] up;

        Case(Circuit circuit, SplittableRandom rng, int batch) {
            this.circuit = circuit;
            this.params = RandomCircuits.vector(rng, circuit.numParameters());
            this.inputs = RandomCircuits.matrix(rng, batch, circuit.numInputs());
            this.up = RandomCircuits.matrix(rng, batch, circuit.observables().size());
        }
    }

    @Test
    void batchEqualsSamplesOneByOne() {
        SplittableRandom rng = new SplittableRandom(301);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        for (int trial = 0; trial < 20; trial++) {
            Circuit c = RandomCircuits.random(rng, 1 + trial % 6, 20, 3, 3,
                    trial % 3 == 0 ? RandomCircuits.REAL_GATES : RandomCircuits.ALL_GATES, trial % 2 == 0);
            Case k = new Case(c, rng, 1 + rng.nextInt(9));
            double[][] batchE = sim.expectations(c, k.params, k.inputs);
            ValueAndGradient batchG = sim.valueAndGradient(c, k.params, k.inputs, k.up);
            double[] summed = new double[c.numParameters()];
            for (int b = 0; b < k.inputs.length; b++) {
                double[][] oneE = sim.expectations(c, k.params, new double[][]{k.inputs[b]});
                ValueAndGradient oneG = sim.valueAndGradient(c, k.params, new double[][]{k.inputs[b]},
                        new double[][]{k.up[b]});
                assertArrayEquals(oneE[0], batchE[b], 0.0, "expectations of sample " + b);
                assertArrayEquals(oneE[0], batchG.expectations()[b], 0.0, "valueAndGradient expectations " + b);
                assertArrayEquals(oneG.inputGradient()[0], batchG.inputGradient()[b], 0.0, "input gradient " + b);
                for (int i = 0; i < summed.length; i++) {
                    summed[i] += oneG.parameterGradient()[i];
                }
            }
            assertArrayEquals(summed, batchG.parameterGradient(), 1e-12, "parameter gradient summed over the batch");
        }
    }

    @Test
    void threadCountNeverChangesABit() {
        SplittableRandom rng = new SplittableRandom(302);
        StatevectorSimulator[] sims = {new StatevectorSimulator(1), new StatevectorSimulator(2),
                new StatevectorSimulator(3), new StatevectorSimulator(8)};
        for (int trial = 0; trial < 12; trial++) {
            Circuit c = RandomCircuits.random(rng, 1 + trial % 6, 25, 4, 3,
                    trial % 3 == 0 ? RandomCircuits.REAL_GATES : RandomCircuits.ALL_GATES, trial % 4 < 2);
            int batch = new int[]{1, 2, 3, 5, 7, 33}[trial % 6];
            assertBitwiseIdenticalAcrossThreads(sims, new Case(c, rng, batch));
        }
    }

    @Test
    void threadCountNeverChangesABitBeyondTheCacheBlock() {
        SplittableRandom rng = new SplittableRandom(303);
        StatevectorSimulator[] sims = {new StatevectorSimulator(1), new StatevectorSimulator(2),
                new StatevectorSimulator(3)};
        assertBitwiseIdenticalAcrossThreads(sims,
                new Case(RandomCircuits.random(rng, 14, 10, 3, 2, RandomCircuits.ALL_GATES, false), rng, 3));
        assertBitwiseIdenticalAcrossThreads(sims,
                new Case(RandomCircuits.random(rng, 14, 10, 3, 2, RandomCircuits.REAL_GATES, true), rng, 3));
    }

    private static void assertBitwiseIdenticalAcrossThreads(StatevectorSimulator[] sims, Case k) {
        double[][] e0 = sims[0].expectations(k.circuit, k.params, k.inputs);
        ValueAndGradient g0 = sims[0].valueAndGradient(k.circuit, k.params, k.inputs, k.up);
        for (int s = 1; s < sims.length; s++) {
            String who = sims[s].threads() + " threads vs 1, " + k.circuit;
            double[][] e = sims[s].expectations(k.circuit, k.params, k.inputs);
            ValueAndGradient g = sims[s].valueAndGradient(k.circuit, k.params, k.inputs, k.up);
            assertArrayEquals(g0.parameterGradient(), g.parameterGradient(), 0.0, "parameter gradient, " + who);
            for (int b = 0; b < k.inputs.length; b++) {
                assertArrayEquals(e0[b], e[b], 0.0, "expectations, " + who);
                assertArrayEquals(g0.expectations()[b], g.expectations()[b], 0.0, "gradient-pass expectations, " + who);
                assertArrayEquals(g0.inputGradient()[b], g.inputGradient()[b], 0.0, "input gradient, " + who);
            }
        }
    }

    /** The same circuit with RZ(constant 0) — the identity — inserted first, which forces the complex path. */
    private static Circuit forcedComplex(Circuit c) {
        Circuit.Builder b = Circuit.builder(c.numQubits()).numParameters(c.numParameters()).numInputs(c.numInputs());
        if (c.amplitudeEmbedding() != null) {
            b.amplitudeEmbedding(c.amplitudeEmbedding().firstFeature(), c.amplitudeEmbedding().length());
        }
        b.rz(c.numQubits() - 1, Angle.constant(0.0));
        for (Operation op : c.operations()) {
            b.add(op);
        }
        for (Observable o : c.observables()) {
            if (o.pauli() == Observable.Pauli.Z) {
                b.expectZ(o.wire());
            } else {
                b.expectX(o.wire());
            }
        }
        return b.build();
    }

    @Test
    void realPathAgreesWithComplexPath() {
        SplittableRandom rng = new SplittableRandom(304);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        for (int trial = 0; trial < 40; trial++) {
            int n = trial < 36 ? 1 + trial % 6 : 14;
            Circuit real = RandomCircuits.random(rng, n, n > 6 ? 8 : 25, 3, 2, RandomCircuits.REAL_GATES,
                    trial % 2 == 0);
            if (trial % 4 == 1) {
                // RY angle embedding instead of (or besides) amplitude embedding
                Circuit.Builder b = Circuit.builder(n).numParameters(3).angleEmbedding(Gate.RY, 0, n, Math.PI);
                for (Operation op : real.operations()) {
                    b.add(op);
                }
                real = b.expectZAll().expectX(0).build();
            }
            Circuit complex = forcedComplex(real);
            assertTrue(real.isReal(), "real circuit");
            assertFalse(complex.isReal(), "RZ makes the circuit complex");
            assertTrue(sim.describe(real).realPath(), "the real circuit takes the real path");
            assertFalse(sim.describe(complex).realPath(), "the RZ(0) variant takes the complex path");
            Case k = new Case(real, rng, 3);
            double[][] e1 = sim.expectations(real, k.params, k.inputs);
            double[][] e2 = sim.expectations(complex, k.params, k.inputs);
            ValueAndGradient g1 = sim.valueAndGradient(real, k.params, k.inputs, k.up);
            ValueAndGradient g2 = sim.valueAndGradient(complex, k.params, k.inputs, k.up);
            assertArrayEquals(g2.parameterGradient(), g1.parameterGradient(), 1e-12, "parameter gradient " + real);
            for (int b = 0; b < 3; b++) {
                assertArrayEquals(e2[b], e1[b], 1e-12, "expectations " + real);
                assertArrayEquals(g2.inputGradient()[b], g1.inputGradient()[b], 1e-12, "input gradient " + real);
            }
            double[][] s1 = sim.finalState(real, k.params, k.inputs[0]);
            double[][] s2 = sim.finalState(complex, k.params, k.inputs[0]);
            assertArrayEquals(s2[0], s1[0], 1e-12, "real parts of the final state");
            assertArrayEquals(new double[s1[1].length], s1[1], 0.0, "a real circuit's state has no imaginary part");
            assertArrayEquals(s2[1], s1[1], 1e-12, "imaginary parts of the final state");
            assertEquals(real.numParameters(), complex.numParameters());
        }
    }

    @Test
    void callsNeverModifyTheCallersArrays() {
        SplittableRandom rng = new SplittableRandom(305);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        Circuit c = RandomCircuits.random(rng, 4, 20, 3, 3, RandomCircuits.ALL_GATES, true);
        Case k = new Case(c, rng, 4);
        double[] p = k.params.clone();
        double[][] x = deepCopy(k.inputs);
        double[][] up = deepCopy(k.up);
        sim.expectations(c, k.params, k.inputs);
        sim.valueAndGradient(c, k.params, k.inputs, k.up);
        sim.finalState(c, k.params, k.inputs[1]);
        Circuit noAmp = RandomCircuits.random(rng, 3, 10, 3, 3, RandomCircuits.ALL_GATES, false);
        Case k2 = new Case(noAmp, rng, 2);
        double[][] x2 = deepCopy(k2.inputs);
        ParameterShift.valueAndGradient(sim, noAmp, k2.params, k2.inputs, k2.up);
        assertArrayEquals(p, k.params, 0.0, "params untouched");
        for (int b = 0; b < x.length; b++) {
            assertArrayEquals(x[b], k.inputs[b], 0.0, "inputs untouched (amplitude embedding must not normalise in place)");
            assertArrayEquals(up[b], k.up[b], 0.0, "upstream untouched");
        }
        for (int b = 0; b < x2.length; b++) {
            assertArrayEquals(x2[b], k2.inputs[b], 0.0, "parameter shift leaves inputs untouched");
        }
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    @Test
    void oneSimulatorSharedByConcurrentCallersGivesTheSameBits() throws Exception {
        SplittableRandom rng = new SplittableRandom(306);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        Case[] cases = new Case[4];
        ValueAndGradient[] expected = new ValueAndGradient[cases.length];
        for (int i = 0; i < cases.length; i++) {
            cases[i] = new Case(RandomCircuits.random(rng, 2 + i, 20, 3, 2, RandomCircuits.ALL_GATES, i % 2 == 0),
                    rng, 5);
            expected[i] = sim.valueAndGradient(cases[i].circuit, cases[i].params, cases[i].inputs, cases[i].up);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ValueAndGradient>> futures = new ArrayList<>();
            for (int r = 0; r < 40; r++) {
                Case k = cases[r % cases.length];
                futures.add(pool.submit(() -> sim.valueAndGradient(k.circuit, k.params, k.inputs, k.up)));
            }
            for (int r = 0; r < futures.size(); r++) {
                ValueAndGradient g = futures.get(r).get(60, TimeUnit.SECONDS);
                ValueAndGradient e = expected[r % cases.length];
                assertArrayEquals(e.parameterGradient(), g.parameterGradient(), 0.0, "call " + r);
                for (int b = 0; b < e.expectations().length; b++) {
                    assertArrayEquals(e.expectations()[b], g.expectations()[b], 0.0, "call " + r);
                    assertArrayEquals(e.inputGradient()[b], g.inputGradient()[b], 0.0, "call " + r);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.hybridqml.sim;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.reference.RandomCircuits;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.hybridqml.sim.StatevectorSimulatorReferenceTest.assertAgreesWithReference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Amplitude-block parallelism (one large sample, every pass split over threads): bitwise the same results as one
 * thread and as one-sample-per-thread, for any thread count; agrees with the matrix-free reference; the chunk
 * team runs every chunk exactly once whether or not its helpers ever start; the two-gate real kernel equals two
 * single-gate passes.
 */
class AmplitudeParallelismTest {

    private static StatevectorSimulator amplitudeParallel(int threads) {
        return new StatevectorSimulator(threads).amplitudeParallelMinQubits(1);
    }

    @Test
    void splittingOneSampleOverThreadsNeverChangesABit() {
        SplittableRandom rng = new SplittableRandom(401);
        StatevectorSimulator one = new StatevectorSimulator(1);
        StatevectorSimulator[] others = {amplitudeParallel(2), amplitudeParallel(3), amplitudeParallel(5),
                new StatevectorSimulator(2).amplitudeParallelMinQubits(99)};
        Circuit[] circuits = {
                RandomCircuits.random(rng, 14, 12, 3, 2, RandomCircuits.ALL_GATES, false),
                RandomCircuits.random(rng, 15, 12, 3, 2, RandomCircuits.REAL_GATES, false),
                RandomCircuits.random(rng, 14, 8, 3, 2, RandomCircuits.REAL_GATES, true),
                RandomCircuits.structured(rng, 15, RandomCircuits.Shape.PERMUTATION_RUNS, false, false),
                RandomCircuits.structured(rng, 14, RandomCircuits.Shape.LONG_PRODUCT_PREFIX, true, false),
                DressedQuantumCircuit.circuit(16, 2)};
        for (Circuit c : circuits) {
            double[] params = RandomCircuits.vector(rng, c.numParameters());
            double[][] inputs = RandomCircuits.matrix(rng, 3, c.numInputs());
            double[][] up = RandomCircuits.matrix(rng, 3, c.observables().size());
            double[][] e0 = one.expectations(c, params, inputs);
            ValueAndGradient g0 = one.valueAndGradient(c, params, inputs, up);
            for (StatevectorSimulator s : others) {
                assertTrue(s.amplitudeParallelMinQubits() == 99
                        || s.usesAmplitudeParallelism(c.numQubits(), inputs.length), "amplitude mode is exercised");
                String who = s.threads() + " threads (amplitude-parallel from " + s.amplitudeParallelMinQubits()
                        + " qubits) vs 1, " + c.numQubits() + " qubits";
                double[][] e = s.expectations(c, params, inputs);
                ValueAndGradient g = s.valueAndGradient(c, params, inputs, up);
                assertArrayEquals(g0.parameterGradient(), g.parameterGradient(), 0.0, "parameter gradient, " + who);
                for (int b = 0; b < inputs.length; b++) {
                    assertArrayEquals(e0[b], e[b], 0.0, "expectations, " + who);
                    assertArrayEquals(g0.expectations()[b], g.expectations()[b], 0.0, "gradient-pass values, " + who);
                    assertArrayEquals(g0.inputGradient()[b], g.inputGradient()[b], 0.0, "input gradient, " + who);
                }
            }
        }
    }

    @Test
    void amplitudeParallelResultsAgreeWithTheReference() {
        SplittableRandom rng = new SplittableRandom(402);
        StatevectorSimulator sim = amplitudeParallel(3);
        assertAgreesWithReference(sim, RandomCircuits.random(rng, 14, 10, 3, 2, RandomCircuits.ALL_GATES, false), rng,
                1, false);
        assertAgreesWithReference(sim, RandomCircuits.random(rng, 15, 10, 3, 2, RandomCircuits.REAL_GATES, true), rng,
                1, false);
        assertAgreesWithReference(sim, RandomCircuits.structured(rng, 14, RandomCircuits.Shape.PERMUTATION_RUNS, true,
                false), rng, 1, false);
    }

    @Test
    void policyUsesAmplitudeParallelismForLargeStatesAndSmallBatches() {
        StatevectorSimulator two = new StatevectorSimulator(2);
        assertTrue(two.usesAmplitudeParallelism(14, 1), "a single 14-qubit sample is split over both threads");
        assertFalse(two.usesAmplitudeParallelism(14, 8), "a batch of 14-qubit samples is spread over threads");
        assertFalse(two.usesAmplitudeParallelism(13, 1), "states within one cache block are never split");
        assertTrue(two.usesAmplitudeParallelism(StatevectorSimulator.DEFAULT_AMPLITUDE_PARALLEL_MIN_QUBITS, 64));
        assertThrows(IllegalArgumentException.class, () -> two.amplitudeParallelMinQubits(0));
        // one engine's buffers in amplitude mode, one per thread otherwise
        Circuit c = DressedQuantumCircuit.circuit(16, 1);
        StatevectorSimulator four = new StatevectorSimulator(4);
        long spread = four.amplitudeParallelMinQubits(99).bytesNeeded(c, 8, true);
        long split = four.amplitudeParallelMinQubits(16).bytesNeeded(c, 8, true);
        assertTrue(split < spread, "amplitude mode allocates one engine, not four: " + split + " vs " + spread);
    }

    @Test
    void chunkTeamRunsEveryChunkOnceWhetherOrNotHelpersStart() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            ChunkTeam[] teams = {new ChunkTeam(pool, 3), new ChunkTeam(task -> { }, 2), new ChunkTeam(Runnable::run, 1),
                    new ChunkTeam(null, 0)};
            for (ChunkTeam team : teams) {
                for (int chunks : new int[]{1, 2, 7, 64}) {
                    AtomicIntegerArray count = new AtomicIntegerArray(chunks);
                    team.run(chunks, (c, w) -> {
                        assertTrue(w >= 0 && w < team.workers(), "worker index in range");
                        count.incrementAndGet(c);
                    });
                    for (int c = 0; c < chunks; c++) {
                        assertEquals(1, count.get(c), "chunk " + c + " of " + chunks + " ran once");
                    }
                }
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ChunkTeam(pool, 2).run(16,
                    (c, w) -> {
                        if (c == 5) {
                            throw new IllegalStateException("chunk 5 failed");
                        }
                    }));
            assertEquals("chunk 5 failed", e.getMessage());
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void twoGateRealKernelEqualsTwoSingleGatePasses() {
        SplittableRandom rng = new SplittableRandom(403);
        int bits = 7;
        int dim = 1 << bits;
        for (int b1 = 0; b1 < bits; b1++) {
            for (int b2 = 0; b2 < bits; b2++) {
                if (b1 == b2) {
                    continue;
                }
                double[] m = new double[16];
                for (int k = 0; k < 16; k += 2) {
                    m[k] = rng.nextDouble() * 2 - 1;
                }
                double[] a = RandomCircuits.vector(rng, 2 * dim);
                double[] b = a.clone();
                // over the second half only, as a cache block at an offset would be
                Kernels.realApply1(a, b1, m, 0, dim, 2 * dim);
                Kernels.realApply1(a, b2, m, 8, dim, 2 * dim);
                Kernels.realApply2(b, b1, b2, m, 0, 8, dim, 2 * dim);
                assertArrayEquals(a, b, 1e-14, "bits " + b1 + ", " + b2);
            }
        }
    }
}

package org.hybridqml.sim;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.reference.RandomCircuits;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interrupting a simulator call: a large-state call stops between passes over the state within 2 s, throwing
 * {@link TrainingInterruptedException} with the interrupt flag still set; worker threads of a batch call stop too;
 * the pools give the same results afterwards.
 */
class SimulatorCancellationTest {

    /** Runs {@code work} on a new thread, interrupts it after {@code afterMillis} and waits for it to end. */
    static final class Interrupted {
        final Throwable thrown;
        final boolean flagSetAtEnd;
        final double stopSeconds;
        final boolean ended;

        private Interrupted(Throwable thrown, boolean flag, double stopSeconds, boolean ended) {
            this.thrown = thrown;
            this.flagSetAtEnd = flag;
            this.stopSeconds = stopSeconds;
            this.ended = ended;
        }

        static Interrupted run(Runnable work, long afterMillis) throws InterruptedException {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>(false);
            Thread t = new Thread(() -> {
                try {
                    work.run();
                } catch (Throwable e) {
                    thrown.set(e);
                } finally {
                    flag.set(Thread.currentThread().isInterrupted());
                }
            }, "simulator-cancellation-test");
            t.start();
            Thread.sleep(afterMillis);
            assertTrue(t.isAlive(), "the work was still running when interrupted");
            long t0 = System.nanoTime();
            t.interrupt();
            t.join(10_000);
            double secs = (System.nanoTime() - t0) / 1e9;
            return new Interrupted(thrown.get(), flag.get(), secs, !t.isAlive());
        }

        void assertStoppedWithin(double seconds) {
            assertTrue(ended, "the thread ended");
            assertInstanceOf(TrainingInterruptedException.class, thrown, "thrown: " + thrown);
            assertTrue(flagSetAtEnd, "the interrupt flag is still set");
            assertTrue(stopSeconds < seconds, "stopped after " + stopSeconds + " s");
        }
    }

    @Test
    void interruptedLargeStateValueAndGradientStopsBetweenPassesWithinTwoSeconds() throws Exception {
        Circuit c = DressedQuantumCircuit.circuit(22, 12);
        SplittableRandom rng = new SplittableRandom(5);
        double[] params = RandomCircuits.vector(rng, c.numParameters());
        double[][] inputs = RandomCircuits.matrix(rng, 8, c.numInputs());
        double[][] up = RandomCircuits.matrix(rng, 8, c.observables().size());
        StatevectorSimulator sim = new StatevectorSimulator(2);
        warmUp(sim);
        assertTrue(sim.usesAmplitudeParallelism(22, 8), "one sample at a time, passes split over a chunk team");
        Interrupted r = Interrupted.run(() -> sim.valueAndGradient(c, params, inputs, up), 700);
        r.assertStoppedWithin(2.0);
        System.out.printf("22-qubit valueAndGradient stopped %.3f s after the interrupt%n", r.stopSeconds);
        assertPoolsQuietAndUsable(sim);
    }

    @Test
    void interruptedBatchCallStopsItsPoolWorkersToo() throws Exception {
        // 16 qubits, 16000 samples spread over two threads (one a pool worker that never sees the interrupt itself)
        Circuit c = DressedQuantumCircuit.circuit(16, 6);
        SplittableRandom rng = new SplittableRandom(6);
        double[] params = RandomCircuits.vector(rng, c.numParameters());
        double[][] inputs = RandomCircuits.matrix(rng, 16000, c.numInputs());
        double[][] up = RandomCircuits.matrix(rng, 16000, c.observables().size());
        StatevectorSimulator sim = new StatevectorSimulator(2).amplitudeParallelMinQubits(99);
        warmUp(sim);
        assertFalse(sim.usesAmplitudeParallelism(16, 16000));
        Interrupted r = Interrupted.run(() -> sim.valueAndGradient(c, params, inputs, up), 700);
        r.assertStoppedWithin(2.0);
        System.out.printf("16-qubit batch valueAndGradient stopped %.3f s after the interrupt%n", r.stopSeconds);
        assertPoolsQuietAndUsable(sim);
    }

    @Test
    void aThreadInterruptedBeforeTheCallGetsTheExceptionAndKeepsItsFlag() {
        Circuit c = DressedQuantumCircuit.circuit(4, 2);
        double[] params = new double[c.numParameters()];
        double[][] inputs = new double[1][c.numInputs()];
        StatevectorSimulator sim = new StatevectorSimulator(1);
        Thread.currentThread().interrupt();
        try {
            TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                    () -> sim.expectations(c, params, inputs));
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "flag left set");
        } finally {
            Thread.interrupted();
        }
        sim.expectations(c, params, inputs); // and works again once the flag is cleared
    }

    /**
     * One small large-state call first, so the interrupt lands in the simulation rather than in the one-time class
     * initialisation of the kernels (their load-time warm-up takes about a second on a busy machine).
     */
    private static void warmUp(StatevectorSimulator sim) {
        Circuit c = DressedQuantumCircuit.circuit(14, 1);
        sim.expectations(c, new double[c.numParameters()], new double[2][c.numInputs()]);
    }

    /** No pool worker is still busy with the cancelled call, and the pools compute the same bits as before. */
    private static void assertPoolsQuietAndUsable(StatevectorSimulator sim) {
        ForkJoinPool pool = StatevectorSimulator.helperPool(sim.threads() - 1);
        assertTrue(pool.awaitQuiescence(500, TimeUnit.MILLISECONDS), "the helper pool is idle");
        Circuit c = DressedQuantumCircuit.circuit(15, 2);
        SplittableRandom rng = new SplittableRandom(7);
        double[] params = RandomCircuits.vector(rng, c.numParameters());
        double[][] inputs = RandomCircuits.matrix(rng, 3, c.numInputs());
        double[][] up = RandomCircuits.matrix(rng, 3, c.observables().size());
        ValueAndGradient serial = new StatevectorSimulator(1).valueAndGradient(c, params, inputs, up);
        ValueAndGradient again = sim.valueAndGradient(c, params, inputs, up);
        assertArrayEquals(serial.parameterGradient(), again.parameterGradient(), 0.0);
    }
}

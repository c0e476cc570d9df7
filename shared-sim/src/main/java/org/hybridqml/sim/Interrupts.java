package org.hybridqml.sim;

/**
 * The one cancellation check every training loop and the simulator use: {@link #check(String)} throws a
 * {@link TrainingInterruptedException} when the current thread has been interrupted. It reads the flag without
 * clearing it ({@link Thread#isInterrupted()}, a field read costing nanoseconds), so the caller that interrupted the
 * thread — a {@code Future} cancelled with {@code cancel(true)}, the Weka Explorer's Stop button — still finds it set
 * afterwards.
 *
 * <p>Training loops call it once per mini-batch; the simulator checks the same flag when a call starts, before every
 * sample and, for circuits of more than 12 qubits, before every pass over the state. Its pool workers never see the
 * interrupt themselves: they watch the calling thread through a {@link CancelToken}.
 */
public final class Interrupts {

    private Interrupts() {
    }

    /**
     * Throws if the current thread has been interrupted; its interrupt flag stays set.
     *
     * @param what what would be stopped, for the message (e.g. "DQC training, epoch 2, mini-batch 5 of 9")
     * @throws TrainingInterruptedException when the current thread's interrupt flag is set
     */
    public static void check(String what) {
        if (Thread.currentThread().isInterrupted()) {
            throw new TrainingInterruptedException(what + ": interrupted");
        }
    }

    /** @return whether the current thread has been interrupted (the flag is not cleared) */
    public static boolean requested() {
        return Thread.currentThread().isInterrupted();
    }
}

package org.hybridqml.sim;

/**
 * The cancellation state of one simulator call, shared by the thread that made the call (the owner) and the pool
 * threads working on it. Workers cannot see the owner's interrupt flag through {@link Interrupts#check}, so they ask
 * the token: it reports a stop when the owner has been interrupted, when the owner has died (the Weka Explorer's
 * Stop also calls {@code Thread.stop()}), or when the owner has asked its workers to stop ({@link #stop()}).
 * The project's other worker pools (the quantum pointwise convolution's, the fast convolution kernels') use it the
 * same way.
 */
public final class CancelToken {

    /** The token of work that runs only on the calling thread: it checks the current thread's interrupt flag. */
    static final CancelToken CURRENT_THREAD = new CancelToken(null);

    private final Thread owner;
    private volatile boolean stopped;

    /** @param owner the thread that made the call, or null for {@link #CURRENT_THREAD} */
    CancelToken(Thread owner) {
        this.owner = owner;
    }

    /** @return a token for work the current thread hands to pool threads */
    public static CancelToken ofCurrentThread() {
        return new CancelToken(Thread.currentThread());
    }

    /** Tells the workers to stop at their next check. */
    public void stop() {
        stopped = true;
    }

    /**
     * Called by the owner and by its workers between pieces of work.
     *
     * @throws TrainingInterruptedException when the work is to stop
     */
    public void check() {
        Thread o = owner;
        if (o == null || o == Thread.currentThread()) {
            if (stopped) {
                throw new TrainingInterruptedException("Stopped by the calling thread");
            }
            Interrupts.check("Computation");
            return;
        }
        if (stopped || o.isInterrupted() || !o.isAlive()) {
            throw new TrainingInterruptedException("Stopped: the calling thread "
                    + (o.isAlive() ? "was interrupted" : "ended"));
        }
    }
}

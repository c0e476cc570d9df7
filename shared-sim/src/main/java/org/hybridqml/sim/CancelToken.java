package org.hybridqml.sim;

/**
 * The cancellation state of one simulator call, shared by the thread that made the call (the owner) and the pool
 * threads working on it. Workers cannot see the owner's interrupt flag through {@link Interrupts#check}, so they ask
 * the token: it reports a stop when the owner has been interrupted, when the owner has died (the Weka Explorer's
 * Stop also calls {@code Thread.stop()}), or when the owner has asked its workers to stop ({@link #stop()}).
 */
final class CancelToken {

    /** The token of work that runs only on the calling thread: it checks the current thread's interrupt flag. */
    static final CancelToken CURRENT_THREAD = new CancelToken(null);

    private final Thread owner;
    private volatile boolean stopped;

    /** @param owner the thread that made the call, or null for {@link #CURRENT_THREAD} */
    CancelToken(Thread owner) {
        this.owner = owner;
    }

    /** A token for work the current thread hands to pool threads. */
    static CancelToken ofCurrentThread() {
        return new CancelToken(Thread.currentThread());
    }

    /** Tells the workers to stop at their next check. */
    void stop() {
        stopped = true;
    }

    /** @throws TrainingInterruptedException when the call is to stop */
    void check() {
        Thread o = owner;
        if (o == null || o == Thread.currentThread()) {
            if (stopped) {
                throw new TrainingInterruptedException("Simulation stopped");
            }
            Interrupts.check("Simulation");
            return;
        }
        if (stopped || o.isInterrupted() || !o.isAlive()) {
            throw new TrainingInterruptedException("Simulation stopped: the calling thread "
                    + (o.isAlive() ? "was interrupted" : "ended"));
        }
    }
}

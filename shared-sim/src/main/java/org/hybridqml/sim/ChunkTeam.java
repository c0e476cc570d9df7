package org.hybridqml.sim;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the chunks of one pass over a state vector on the calling thread plus helper threads (amplitude-block
 * parallelism for a single large sample). Chunks are claimed from a shared counter, so the split adapts to a busy
 * machine: a helper that is scheduled late simply finds fewer (or no) chunks left, and the caller never waits for a
 * helper that has not started. Which thread ran a chunk never matters for the result: every chunk writes its own
 * range of amplitudes and its own slot of partial sums, and partial sums are combined in chunk order by the caller.
 */
final class ChunkTeam {

    /** Work for one chunk; {@code worker} in [0, workers()) selects per-thread scratch buffers. */
    interface Body {
        void run(int chunk, int worker);
    }

    private final Executor executor;
    private final int helpers;

    /**
     * @param executor runs the helper tasks
     * @param helpers  helper threads besides the caller, &ge; 0
     */
    ChunkTeam(Executor executor, int helpers) {
        this.executor = executor;
        this.helpers = helpers;
    }

    /** Threads that may run chunks, the caller included (worker indices 0 … workers()-1). */
    int workers() {
        return helpers + 1;
    }

    /** Runs body for every chunk in [0, chunks) and returns when all are done. */
    void run(int chunks, Body body) {
        if (helpers == 0 || chunks < 2) {
            for (int c = 0; c < chunks; c++) {
                body.run(c, 0);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        int h = Math.min(helpers, chunks - 1);
        Helper[] tasks = new Helper[h];
        for (int i = 0; i < h; i++) {
            tasks[i] = new Helper(next, chunks, body, i + 1);
            executor.execute(tasks[i]);
        }
        RuntimeException failure = null;
        try {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                body.run(c, 0);
            }
        } catch (RuntimeException e) {
            next.set(chunks);
            failure = e;
        }
        for (Helper t : tasks) {
            if (t.state.compareAndSet(Helper.WAITING, Helper.CANCELLED)) {
                continue; // never started: nothing left for it anyway
            }
            int spins = 0;
            while (t.state.get() != Helper.DONE) {
                if (++spins < 1000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            if (failure == null && t.failure != null) {
                failure = t.failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static final class Helper implements Runnable {
        static final int WAITING = 0, RUNNING = 1, DONE = 2, CANCELLED = 3;
        final AtomicInteger state = new AtomicInteger(WAITING);
        private final AtomicInteger next;
        private final int chunks;
        private final Body body;
        private final int worker;
        volatile RuntimeException failure;

        Helper(AtomicInteger next, int chunks, Body body, int worker) {
            this.next = next;
            this.chunks = chunks;
            this.body = body;
            this.worker = worker;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return;
            }
            try {
                for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                    body.run(c, worker);
                }
            } catch (RuntimeException e) {
                next.set(chunks);
                failure = e;
            } finally {
                state.set(DONE);
            }
        }
    }
}

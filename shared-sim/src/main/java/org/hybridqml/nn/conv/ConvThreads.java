package org.hybridqml.nn.conv;

import org.hybridqml.sim.CancelToken;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The worker threads of the fast convolution kernels. Work is split into independent tasks (a sample and an output
 * channel, or a pair of channels for weight gradients), each computed by one thread in a fixed order, so results
 * are bit-identical for every thread count.
 *
 * <p>Cancellation: when the calling thread is interrupted (or dies) during a call, the tasks not yet started are
 * skipped and the call throws {@link org.hybridqml.sim.TrainingInterruptedException} once the running ones end.
 *
 * <p>Default: {@code availableProcessors()}, or the system property {@code hybridqml.conv.threads}.
 */
public final class ConvThreads {
    private static volatile ForkJoinPool pool;
    private static volatile int threads = Math.max(1, Integer.getInteger("hybridqml.conv.threads",
            Runtime.getRuntime().availableProcessors()));

    private ConvThreads() {
    }

    /** @return the number of threads the kernels use */
    public static int threads() {
        return threads;
    }

    /**
     * @param n number of threads (1 = run in the calling thread)
     * @throws IllegalArgumentException if n &lt; 1
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        }
        if (n != threads) {
            ForkJoinPool old = pool;
            pool = null;
            threads = n;
            if (old != null) {
                old.shutdown();
            }
        }
    }

    private static synchronized ForkJoinPool pool() {
        if (pool == null) {
            pool = new ForkJoinPool(threads);
        }
        return pool;
    }

    /** Runs {@code body(i)} for i in [0, tasks), spread over the threads. */
    static void run(int tasks, IntConsumer body) {
        if (threads == 1 || tasks <= 1) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        ForkJoinPool p = pool();
        if (java.util.concurrent.ForkJoinTask.getPool() == p) { // nested call from one of our workers
            IntStream.range(0, tasks).parallel().forEach(body);
            return;
        }
        // the tasks stop early when the calling thread is interrupted or dies; join waits for the ones running
        CancelToken cancel = CancelToken.ofCurrentThread();
        p.submit(() -> IntStream.range(0, tasks).parallel().forEach(i -> {
            cancel.check();
            body.accept(i);
        })).join();
    }
}

package meka.classifiers.multilabel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs a training on a single-thread executor, waits until a log line of the trainer's logger says it has started
 * (plus a short delay, so the interrupt lands inside the work), cancels it with {@code Future.cancel(true)} and
 * measures how long the task takes to end.
 */
public final class CancelAfterStart {

    /** Seconds from {@code cancel(true)} to the end of the task. */
    public final double stopSeconds;
    /** What the task threw. */
    public final Throwable thrown;
    /** Whether the task's thread still had its interrupt flag set when the task ended. */
    public final boolean flagSet;
    /** The trainer's log lines up to the end. */
    public final List<String> log;

    private CancelAfterStart(double stopSeconds, Throwable thrown, boolean flagSet, List<String> log) {
        this.stopSeconds = stopSeconds;
        this.thrown = thrown;
        this.flagSet = flagSet;
        this.log = log;
    }

    /**
     * @param loggerName  the trainer's java.util.logging logger
     * @param started     which log line means the training has started
     * @param delayMillis wait this long after that line before cancelling
     * @param training    the training
     * @return what happened
     */
    public static CancelAfterStart run(String loggerName, Predicate<String> started, long delayMillis,
                                       Callable<?> training) throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch startedLatch = new CountDownLatch(1);
        Logger logger = Logger.getLogger(loggerName);
        Level oldLevel = logger.getLevel();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String m = r.getMessage();
                lines.add(m);
                if (started.test(m)) {
                    startedLatch.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.setLevel(Level.INFO);
        logger.addHandler(h);
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> new Thread(r, "cancel-after-start"));
        try {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean flag = new AtomicBoolean();
            AtomicLong endNanos = new AtomicLong();
            CountDownLatch ended = new CountDownLatch(1);
            Future<?> f = ex.submit(() -> {
                try {
                    training.call();
                } catch (Throwable e) {
                    thrown.set(e);
                } finally {
                    flag.set(Thread.currentThread().isInterrupted());
                    endNanos.set(System.nanoTime());
                    ended.countDown();
                }
            });
            if (!startedLatch.await(120, TimeUnit.SECONDS)) {
                f.cancel(true);
                fail("training did not start; log: " + lines);
            }
            Thread.sleep(delayMillis);
            assertTrue(ended.getCount() == 1, "training still running when cancelled; thrown: " + thrown.get()
                    + ", log: " + lines);
            long t0 = System.nanoTime();
            f.cancel(true);
            assertTrue(ended.await(30, TimeUnit.SECONDS), "training ended after cancel(true)");
            double secs = (endNanos.get() - t0) / 1e9;
            ex.shutdown();
            assertTrue(ex.awaitTermination(5, TimeUnit.SECONDS), "the training thread ended");
            return new CancelAfterStart(secs, thrown.get(), flag.get(), List.copyOf(lines));
        } finally {
            ex.shutdownNow();
            logger.removeHandler(h);
            logger.setLevel(oldLevel);
        }
    }

    /**
     * Asserts the training stopped within {@code seconds} with the exception of type {@code type}, and prints the
     * latency.
     *
     * @param what    name for the message
     * @param type    the expected exception type
     * @param seconds the limit
     */
    public void assertStopped(String what, Class<? extends Throwable> type, double seconds) {
        assertInstanceOf(type, thrown, what + " threw " + thrown);
        assertTrue(stopSeconds < seconds, what + " stopped " + stopSeconds + " s after cancel(true)");
        System.out.printf("%s stopped %.3f s after cancel(true)%n", what, stopSeconds);
    }
}

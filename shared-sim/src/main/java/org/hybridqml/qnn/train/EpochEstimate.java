package org.hybridqml.qnn.train;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The start-of-training time estimate of long configurations ("no surprise waits"): when the estimated epoch time
 * reaches {@link #LONG_EPOCH_SECONDS} or the estimated total reaches {@link #LONG_TOTAL_SECONDS}, a trainer logs
 * one INFO line {@code epoch 1 of E: about N s per epoch, M min in total} before its first epoch's work (or right
 * after its first mini-batch); shorter configurations log nothing. The estimate is an upper bound when early
 * stopping ends training sooner. The line is marked ({@link #isEstimate}) so that platform adapters which hide the
 * per-epoch INFO lines ({@link PlatformTraining}) still let it through.
 */
public final class EpochEstimate {

    /** An estimated epoch time from which the estimate is logged, in seconds. */
    public static final double LONG_EPOCH_SECONDS = 10;
    /** An estimated total training time from which the estimate is logged, in seconds. */
    public static final double LONG_TOTAL_SECONDS = 60;

    /** Marks the estimate's log record among a trainer's INFO lines. */
    private static final Object MARKER = new Object() {
        @Override
        public String toString() {
            return "estimate";
        }
    };

    private EpochEstimate() {
    }

    /**
     * @param record a log record
     * @return whether it is the start-of-training estimate logged by {@link #logIfLong}
     */
    public static boolean isEstimate(LogRecord record) {
        Object[] p = record.getParameters();
        return p != null && p.length == 1 && p[0] == MARKER;
    }

    /**
     * The estimate line, or null when the configuration is short.
     *
     * @param epochSeconds estimated seconds per epoch
     * @param epochs       epochs (at most)
     * @return the line, or null below both thresholds
     */
    public static String message(double epochSeconds, int epochs) {
        double total = epochSeconds * epochs;
        if (!(epochSeconds >= LONG_EPOCH_SECONDS || total >= LONG_TOTAL_SECONDS)) {
            return null;
        }
        return String.format(Locale.ROOT, "epoch 1 of %d: about " + (epochSeconds < 10 ? "%.1f" : "%.0f")
                + " s per epoch, %.1f min in total", epochs, epochSeconds, total / 60);
    }

    /**
     * Logs the estimate at INFO when the configuration is long.
     *
     * @param log          the trainer's logger
     * @param epochSeconds estimated seconds per epoch
     * @param epochs       epochs (at most)
     * @param basis        how the estimate was made, appended in parentheses (may be null)
     * @return whether a line was logged
     */
    public static boolean logIfLong(Logger log, double epochSeconds, int epochs, String basis) {
        String m = message(epochSeconds, epochs);
        if (m == null) {
            return false;
        }
        LogRecord record = new LogRecord(Level.INFO, basis == null ? m : m + " (" + basis + ")");
        record.setParameters(new Object[]{MARKER});
        record.setLoggerName(log.getName());
        log.log(record);
        return true;
    }

    /**
     * Times the first mini-batches of a network trainer's first epoch and logs the estimate from the second one (the
     * first includes set-up and JIT compilation), or from the first when the epoch has only one.
     */
    public static final class FirstBatches {
        private final Logger log;
        private final int epochs;
        private final int totalBatches;
        private long last;

        /**
         * Starts the clock (call right before the first mini-batch).
         *
         * @param log          the trainer's logger
         * @param epochs       epochs (at most)
         * @param totalBatches mini-batches per epoch
         */
        public FirstBatches(Logger log, int epochs, int totalBatches) {
            this.log = log;
            this.epochs = epochs;
            this.totalBatches = totalBatches;
            this.last = System.nanoTime();
        }

        /** @param batch how many mini-batches of the first epoch are done (1-based) */
        public void afterBatch(int batch) {
            if (batch > 2) {
                return;
            }
            long now = System.nanoTime();
            if (batch == 2 || totalBatches == 1) {
                double one = (now - last) / 1e9;
                logIfLong(log, one * totalBatches, epochs,
                        String.format(Locale.ROOT, "from mini-batch %d, %.2f s", batch, one));
            }
            last = now;
        }
    }
}

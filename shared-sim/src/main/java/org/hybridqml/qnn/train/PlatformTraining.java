package org.hybridqml.qnn.train;

import java.io.PrintStream;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the platform adapters (the Weka and MEKA classifiers) share around {@link HeadTrainer}: the configuration
 * for a given number of training rows, and showing or hiding the trainer's per-epoch log.
 */
public final class PlatformTraining {

    /** With fewer training rows than this there is no validation split: all epochs run and the last is kept. */
    public static final int MIN_ROWS_FOR_VALIDATION = 10;

    private PlatformTraining() {
    }

    /**
     * A training configuration as the platform options describe it, with the validation split switched off when the
     * data are too small for one ({@link #MIN_ROWS_FOR_VALIDATION}, or a split that would round to no row) — Weka's
     * own classifier checks train on as few as one instance.
     *
     * @param learningRate         Adam learning rate
     * @param readoutScale         factor on the learning rate of the readout parameters
     *                             ({@link TrainingConfig#readoutLearningRateScale()})
     * @param batchSize            mini-batch size
     * @param maxEpochs            epochs at most
     * @param patience             early-stopping patience
     * @param validationFraction   requested validation share
     * @param outputBiasFromPriors start the output bias at the label/class priors
     * @param seed                 seed
     * @param rows                 number of training rows
     * @return the configuration (Adam β and ε at the optax defaults, fresh initialisation)
     */
    public static TrainingConfig config(double learningRate, double readoutScale, int batchSize, int maxEpochs,
                                        int patience, double validationFraction, boolean outputBiasFromPriors,
                                        long seed, int rows) {
        double vf = rows < MIN_ROWS_FOR_VALIDATION || Math.round(rows * validationFraction) < 1
                ? 0 : validationFraction;
        TrainingConfig d = TrainingConfig.defaults();
        return new TrainingConfig(learningRate, readoutScale, d.beta1(), d.beta2(), d.epsilon(), batchSize, maxEpochs,
                patience, vf, outputBiasFromPriors, true, seed);
    }

    /**
     * Runs a training with {@link HeadTrainer}'s log lines either printed to {@code out} (prefixed) or suppressed,
     * restoring the logger afterwards. Suppressing keeps warnings (level WARNING and above) and the start-of-training
     * estimate of long configurations ({@link EpochEstimate}), which go to the logger's usual handlers. The logger is process-wide: concurrent trainings in one JVM share the
     * setting of whichever started last.
     *
     * @param show     print the per-epoch lines
     * @param out      where to print them (e.g. {@code System.err})
     * @param prefix   line prefix, e.g. the classifier's name
     * @param training the training to run
     * @param <T>      its result
     * @return the training's result
     */
    public static <T> T withEpochLog(boolean show, PrintStream out, String prefix, Supplier<T> training) {
        return withLog(HeadTrainer.class.getName(), show, out, prefix, training);
    }

    /**
     * As {@link #withEpochLog}, for the {@code java.util.logging} logger of another trainer (e.g. the pointwise CNN
     * or segmentation trainer).
     *
     * @param loggerName the logger's name (usually the trainer's class name)
     * @param show       print its lines
     * @param out        where to print them
     * @param prefix     line prefix
     * @param training   the training to run
     * @param <T>        its result
     * @return the training's result
     */
    public static <T> T withLog(String loggerName, boolean show, PrintStream out, String prefix,
                                Supplier<T> training) {
        Logger log = Logger.getLogger(loggerName);
        Level oldLevel = log.getLevel();
        java.util.logging.Filter oldFilter = log.getFilter();
        boolean oldParent = log.getUseParentHandlers();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    out.println("[" + prefix + "] " + record.getMessage());
                }
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
            }
        };
        try {
            if (show) {
                log.setLevel(Level.INFO);
                log.setUseParentHandlers(false);
                log.addHandler(handler);
            } else {
                // Hide the per-epoch INFO lines, not the warnings (e.g. a label never positive in training) nor
                // the estimate of a long training.
                log.setLevel(Level.INFO);
                log.setFilter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()
                        || EpochEstimate.isEstimate(r));
            }
            return training.get();
        } finally {
            log.removeHandler(handler);
            log.setLevel(oldLevel);
            log.setFilter(oldFilter);
            log.setUseParentHandlers(oldParent);
        }
    }
}

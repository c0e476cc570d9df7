package org.hybridqml.qnn.train;

import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.head.DenseHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.sim.StatevectorSimulator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A label that is declared but never positive in the training data is kept (the model still has an output for
 * it), predicts one constant probability for every input, and is named in a logged warning.
 */
class NeverPositiveLabelTest {

    /** Collects the records of a java.util.logging logger while open. */
    static final class LogCapture extends Handler implements AutoCloseable {
        final List<LogRecord> records = new ArrayList<>();
        private final Logger logger;

        LogCapture(Class<?> source) {
            logger = Logger.getLogger(source.getName());
            logger.addHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }

        synchronized List<String> warnings() {
            List<String> out = new ArrayList<>();
            for (LogRecord r : records) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    out.add(r.getMessage());
                }
            }
            return out;
        }
    }

    @Test
    void neverPositiveLabelIsKeptPredictsAConstantPriorAndIsWarnedAbout() {
        double[][] x = HeadTrainerTest.features(40, 3, 11);
        int[][] y = HeadTrainerTest.labels(x);
        for (int[] row : y) {
            row[2] = 0;
        }
        TrainingConfig quick = TrainingConfig.defaults().withMaxEpochs(1).withValidationFraction(0);
        for (ClassifierHead head : new ClassifierHead[]{
                new DressedQuantumHead(3, 3, 2, 1).simulator(new StatevectorSimulator(1)), new DenseHead(3, 3)}) {
            TrainedHead model;
            try (LogCapture log = new LogCapture(HeadTrainer.class)) {
                model = new HeadTrainer(quick).labelNames(List.of("a", "b", "rare")).fit(head, x, y);
                List<String> warnings = log.warnings();
                assertTrue(warnings.stream().anyMatch(w -> w.contains("'rare'") && w.contains("never positive")),
                        "a warning names the label: " + warnings);
            }
            assertEquals(3, model.head().numOutputs(), "the label is kept");
            double[][] p = model.scores(HeadTrainerTest.features(7, 3, 99));
            double expected = 0.5 / x.length;
            for (double[] row : p) {
                assertEquals(expected, row[2], 1e-12, "constant prior 1/(2N) for every input");
            }
        }
    }
}

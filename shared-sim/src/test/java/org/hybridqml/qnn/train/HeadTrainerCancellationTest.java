package org.hybridqml.qnn.train;

import org.hybridqml.CancelAfterStart;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.sim.TrainingInterruptedException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cancelling a DQC head training ({@code Future.cancel(true)}) ends it within 2 s with a
 * {@link TrainingInterruptedException}, both inside the single long mini-batch of a 20-qubit head and between the
 * mini-batches of a small one; a long configuration logs its time estimate at the start, a short one does not.
 */
class HeadTrainerCancellationTest {

    private static final String LOGGER = HeadTrainer.class.getName();

    @Test
    void cancellingA20QubitDqcStopsInsideItsOnlyMiniBatchWithinTwoSecondsAndLogsTheEstimateFirst()
            throws Exception {
        double[][] x = HeadTrainerTest.features(4, 4, 11);
        int[][] y = {{1, 0}, {0, 1}, {1, 1}, {0, 0}};
        DressedQuantumHead head = new DressedQuantumHead(4, 2, 20, 4);
        TrainingConfig config = TrainingConfig.defaults().withBatchSize(4).withMaxEpochs(1000).withPatience(1000)
                .withValidationFraction(0);
        CancelAfterStart r = CancelAfterStart.run(LOGGER, m -> m.startsWith("epoch 0:"), 300,
                () -> new HeadTrainer(config).fit(head, x, y));
        r.assertStopped("20-qubit DQC training", TrainingInterruptedException.class, 2.0);
        assertTrue(r.flagSet, "interrupt flag left set");
        assertTrue(r.log.stream().anyMatch(m -> m.startsWith("epoch 1 of 1000: about ")
                && m.contains(" s per epoch, ") && m.contains(" min in total")), "estimate logged: " + r.log);
        assertFalse(r.log.stream().anyMatch(m -> m.startsWith("epoch 1:")), "still in the first epoch: " + r.log);
        assertTrue(ForkJoinPool.commonPool().awaitQuiescence(1, TimeUnit.SECONDS), "no simulator worker left");
    }

    @Test
    void cancellingASmallDqcStopsBetweenMiniBatchesWithinTwoSeconds() throws Exception {
        double[][] x = HeadTrainerTest.features(3000, 4, 12);
        int[][] y = HeadTrainerTest.labels(x);
        TrainingConfig config = TrainingConfig.defaults().withBatchSize(8).withMaxEpochs(500).withPatience(500);
        CancelAfterStart r = CancelAfterStart.run(LOGGER, m -> m.startsWith("epoch 0:"), 300,
                () -> new HeadTrainer(config).fit(new DressedQuantumHead(4, 3), x, y));
        r.assertStopped("4-qubit DQC training", TrainingInterruptedException.class, 2.0);
        assertTrue(r.flagSet, "interrupt flag left set");
    }

    @Test
    void aShortConfigurationLogsNoEstimate() {
        double[][] x = HeadTrainerTest.features(60, 4, 13);
        int[][] y = HeadTrainerTest.labels(x);
        List<String> lines = new ArrayList<>();
        Logger log = Logger.getLogger(LOGGER);
        Level old = log.getLevel();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.setLevel(Level.INFO);
        log.addHandler(h);
        try {
            new HeadTrainer(TrainingConfig.defaults().withMaxEpochs(2)).fit(new DressedQuantumHead(4, 3), x, y);
        } finally {
            log.removeHandler(h);
            log.setLevel(old);
        }
        assertTrue(lines.stream().anyMatch(m -> m.startsWith("epoch 2:")), "trained: " + lines);
        assertFalse(lines.stream().anyMatch(m -> m.startsWith("epoch 1 of")), "no estimate: " + lines);
    }

    @Test
    void theEstimateLineFollowsTheThresholds() {
        assertTrue(EpochEstimate.message(0.5, 100) == null, "50 s in total stays quiet");
        assertTrue("epoch 1 of 3: about 90 s per epoch, 4.5 min in total".equals(EpochEstimate.message(90, 3)));
        assertTrue("epoch 1 of 200: about 1.0 s per epoch, 3.3 min in total".equals(EpochEstimate.message(1, 200)));
    }
}

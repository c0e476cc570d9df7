package meka.classifiers.multilabel;

import org.hybridqml.CancelAfterStart;
import org.hybridqml.qnn.train.HeadTrainer;
import org.hybridqml.sim.TrainingInterruptedException;
import org.junit.jupiter.api.Test;
import weka.core.Instances;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cancelling the MEKA DQC's {@code buildClassifier} ({@code Future.cancel(true)}) ends it within 2 s with a
 * {@link TrainingInterruptedException}: a 20-qubit circuit inside its single long mini-batch, and a small circuit
 * between mini-batches.
 */
class DQCCancellationTest {

    @Test
    void cancellingA20QubitDqcStopsWithinTwoSeconds() throws Exception {
        Instances music = DQCTest.loadMusic();
        Instances few = new Instances(music, 0, 6);
        DQC h = new DQC();
        h.setNumQubits(20);
        h.setNumLayers(2);
        h.setMaxEpochs(1000);
        h.setMiniBatchSize(6);
        h.setDebug(true);
        CancelAfterStart r = CancelAfterStart.run(HeadTrainer.class.getName(), m -> m.startsWith("epoch 0:"), 300,
                () -> {
                    h.buildClassifier(few);
                    return h;
                });
        r.assertStopped("MEKA 20-qubit DQC", TrainingInterruptedException.class, 2.0);
        assertTrue(r.flagSet, "interrupt flag left set");
        assertTrue(r.log.stream().anyMatch(m -> m.startsWith("epoch 1 of 1000: about ")), "estimate: " + r.log);
    }

    @Test
    void cancellingASmallDqcStopsBetweenMiniBatchesWithinTwoSeconds() throws Exception {
        DQC h = new DQC();
        h.setMaxEpochs(5000);
        h.setPatience(5000);
        h.setMiniBatchSize(4);
        h.setDebug(true);
        Instances music = DQCTest.loadMusic();
        CancelAfterStart r = CancelAfterStart.run(HeadTrainer.class.getName(), m -> m.startsWith("epoch 1:"), 200,
                () -> {
                    h.buildClassifier(music);
                    return h;
                });
        r.assertStopped("MEKA 6-qubit DQC", TrainingInterruptedException.class, 2.0);
    }
}

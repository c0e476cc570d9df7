package org.hybridqml.nn.classify;

import org.hybridqml.CancelAfterStart;
import org.hybridqml.sim.TrainingInterruptedException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cancelling a quantum pointwise-CNN training ({@code Future.cancel(true)}) ends it within 2 s. */
class QuantumPointwiseCNNNetworkTrainerCancellationTest {

    @Test
    void cancellingAQuantumPointwiseCnnTrainingStopsWithinTwoSeconds() throws Exception {
        int[] y = new int[3000];
        float[][] x = QuantumPointwiseCNNNetworkTrainerTest.images(3000, y, 21);
        QuantumPointwiseCNNBuilder spec = new QuantumPointwiseCNNBuilder().width(8).height(8).channels(1).numClasses(3).convChannels(4)
                .quantumLayers(1).circuits(1);
        QuantumPointwiseCNNNetworkTrainer trainer = new QuantumPointwiseCNNNetworkTrainer(spec).epochs(100).batchSize(16).seed(3);
        CancelAfterStart r = CancelAfterStart.run(QuantumPointwiseCNNNetworkTrainer.class.getName(),
                m -> m.contains("pointwise CNN:"), 1000, () -> trainer.train(x, y, null, null));
        r.assertStopped("Pointwise CNN training", TrainingInterruptedException.class, 2.0);
        assertTrue(r.flagSet, "interrupt flag left set");
        assertTrue(r.log.stream().anyMatch(m -> m.startsWith("epoch 1 of 100: about ")), "estimate: " + r.log);
    }
}

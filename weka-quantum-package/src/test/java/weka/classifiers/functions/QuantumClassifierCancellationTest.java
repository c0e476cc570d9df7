package weka.classifiers.functions;

import org.hybridqml.CancelAfterStart;
import org.hybridqml.nn.classify.QuantumPointwiseCNNNetworkTrainer;
import org.hybridqml.nn.train.SegmentationTrainer;
import org.hybridqml.qnn.train.HeadTrainer;
import org.hybridqml.sim.TrainingInterruptedException;
import org.junit.jupiter.api.Test;
import weka.core.Instances;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cancelling {@code buildClassifier} of the Weka classifiers ({@code Future.cancel(true)}, the interruption the
 * Explorer's Stop button also sends) ends it within 2 s with a {@link TrainingInterruptedException} (an
 * {@code Exception}, as {@code buildClassifier} declares): the DQC classifier with a 20-qubit circuit (inside its
 * single long mini-batch), the quantum pointwise CNN and the Qu-Net segmenter. Debug output is on so the trainers'
 * log lines show when training has started.
 */
class QuantumClassifierCancellationTest {

    @Test
    void cancellingA20QubitDressedQuantumCircuitClassifierStopsWithinTwoSeconds() throws Exception {
        Instances data = DressedQuantumCircuitClassifierDigitsTest.digits(8);
        DressedQuantumCircuitClassifier c = new DressedQuantumCircuitClassifier();
        c.setNumQubits(20);
        c.setNumLayers(2);
        c.setMaxEpochs(1000);
        c.setMiniBatchSize(8);
        c.setDebug(true);
        CancelAfterStart r = CancelAfterStart.run(HeadTrainer.class.getName(), m -> m.startsWith("epoch 0:"), 300,
                () -> {
                    c.buildClassifier(data);
                    return c;
                });
        r.assertStopped("Weka 20-qubit DQC", TrainingInterruptedException.class, 2.0);
        assertTrue(r.flagSet, "interrupt flag left set");
    }

    @Test
    void cancellingAQuantumPointwiseCnnStopsWithinTwoSeconds() throws Exception {
        Instances data = DressedQuantumCircuitClassifierDigitsTest.digits(600);
        QuantumPointwiseCNN cnn = new QuantumPointwiseCNN();
        cnn.setImageWidth(8);
        cnn.setImageHeight(8);
        cnn.setPixelScale(1.0 / 16);
        cnn.setEpochs(200);
        cnn.setMiniBatchSize(8);
        cnn.setDebug(true);
        CancelAfterStart r = CancelAfterStart.run(QuantumPointwiseCNNNetworkTrainer.class.getName(),
                m -> m.contains("pointwise CNN:"), 1000, () -> {
                    cnn.buildClassifier(data);
                    return cnn;
                });
        r.assertStopped("Weka quantum pointwise CNN", TrainingInterruptedException.class, 2.0);
    }

    @Test
    void cancellingAQuNetSegmenterStopsWithinTwoSeconds() throws Exception {
        Instances data = QuNetSegmenterTest.pixels("0", "1", "2", "3");
        QuNetSegmenter s = QuNetSegmenterTest.segmenter();
        s.setEpochs(500);
        s.setDebug(true);
        CancelAfterStart r = CancelAfterStart.run(SegmentationTrainer.class.getName(),
                m -> m.contains("parameters"), 1000, () -> {
                    s.buildClassifier(data);
                    return s;
                });
        r.assertStopped("Weka Qu-Net segmenter", TrainingInterruptedException.class, 2.0);
    }
}

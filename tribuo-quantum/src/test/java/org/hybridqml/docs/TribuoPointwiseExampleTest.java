package org.hybridqml.docs;

// snippet-start imports
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.tribuo.classification.QuantumPointwiseCNNModel;
import org.hybridqml.tribuo.classification.QuantumPointwiseCNNTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.dataset.DatasetView;
import org.tribuo.datasource.IDXDataSource;

import java.nio.file.Path;
import java.util.stream.IntStream;
// snippet-end imports
import org.junit.jupiter.api.Test;
import org.tribuo.classification.Label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Tribuo pointwise-CNN example of {@code docs/tribuo.md} and the README (quantum pointwise convolution, Ning,
 * Li &amp; Chen, arXiv:2412.01241): bundled MNIST test images, the first 600 train and the next 300 test.
 */
class TribuoPointwiseExampleTest {

    @Test
    void pointwiseCnnOnMnistWithATrainTestSplit() throws Exception {
        // snippet-start pointwise
        Path mnist = BundledDatasets.root().resolve("mnist/idx");            // the repository's datasets/
        var all = new MutableDataset<>(new IDXDataSource<>(mnist.resolve("t10k-images-idx3-ubyte.gz"),
                mnist.resolve("t10k-labels-idx1-ubyte.gz"), new LabelFactory()));
        var train = new DatasetView<>(all, IntStream.range(0, 600).toArray(), "train");
        var test = new DatasetView<>(all, IntStream.range(600, 900).toArray(), "test");

        // image 28x28x1, L = 2 entangling layers, K = 2 circuits, quantum (classical twin: true),
        // epochs, batch size, peak learning rate, seed; IDX pixels are bytes 0-255
        QuantumPointwiseCNNModel model = new QuantumPointwiseCNNTrainer(28, 28, 1, 2, 2, false, 3, 32, 0.003, 42L)
                .withInputScale(1 / 255.0)
                .train(train);
        LabelEvaluation eval = new LabelEvaluator().evaluate(model, test);
        System.out.printf("test accuracy %.3f on %d held-out digits%n", eval.accuracy(), test.size());
        // snippet-end pointwise

        assertEquals(300, test.size());
        assertTrue(eval.accuracy() > 0.5, "accuracy " + eval.accuracy() + " (chance 0.1)");
        Label first = model.predict(test.getExample(0)).getOutput();
        assertTrue(first.getLabel().matches("[0-9]"), first.getLabel());
    }
}

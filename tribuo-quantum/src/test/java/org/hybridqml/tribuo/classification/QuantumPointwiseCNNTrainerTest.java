package org.hybridqml.tribuo.classification;

import org.hybridqml.nn.classify.QuantumPointwiseCNNBuilder;
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.sim.noise.NoiseModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.datasource.IDXDataSource;
import org.tribuo.dataset.DatasetView;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fashion-MNIST subset (bundled test file) through Tribuo's IDXDataSource: 600 train / 200 test, 6 epochs. */
class QuantumPointwiseCNNTrainerTest {

    private static Dataset<Label> train;
    private static Dataset<Label> test;

    @BeforeAll
    static void load() throws Exception {
        var source = new IDXDataSource<>(
                BundledDatasets.resolve("fashion-mnist", "t10k-images-idx3-ubyte.gz"),
                BundledDatasets.resolve("fashion-mnist", "t10k-labels-idx1-ubyte.gz"),
                new LabelFactory());
        MutableDataset<Label> all = new MutableDataset<>(source);
        int[] tr = new int[600];
        for (int i = 0; i < tr.length; i++) tr[i] = i;
        int[] te = new int[200];
        for (int i = 0; i < te.length; i++) te[i] = 600 + i;
        train = new DatasetView<>(all, tr, "train");
        test = new DatasetView<>(all, te, "test");
    }

    private static QuantumPointwiseCNNTrainer trainer(boolean classical) {
        return new QuantumPointwiseCNNTrainer(28, 28, 1, 1, 2, classical, 6, 32, 0.003, 1)
                .withInputScale(1 / 255.0);
    }

    @Test
    void quantumAndClassicalAboveChanceAndSerializable() throws Exception {
        for (boolean classical : new boolean[]{false, true}) {
            QuantumPointwiseCNNTrainer t = trainer(classical);
            Model<Label> m = t.train(train);
            assertEquals(1, t.getInvocationCount());
            double acc = new LabelEvaluator().evaluate(m, test).accuracy();
            assertTrue(acc > 0.3, (classical ? "classical" : "quantum") + " accuracy " + acc);
            List<Prediction<Label>> p = m.predict(test);
            assertTrue(p.get(0).hasProbabilities());
            double sum = p.get(0).getOutputScores().values().stream().mapToDouble(Label::getScore).sum();
            assertEquals(1.0, sum, 1e-4);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(m);
            }
            @SuppressWarnings("unchecked")
            Model<Label> back = (Model<Label>) new ObjectInputStream(
                    new ByteArrayInputStream(bytes.toByteArray())).readObject();
            List<Prediction<Label>> q = back.predict(test);
            for (int i = 0; i < 10; i++) {
                assertEquals(p.get(i).getOutput().getLabel(), q.get(i).getOutput().getLabel());
                assertEquals(p.get(i).getOutput().getScore(), q.get(i).getOutput().getScore(), 1e-6);
            }
            assertEquals(m.getProvenance(), back.getProvenance());
        }
    }

    @Test
    void outOfRangeConfigurationIsAPropertyExceptionNamingFieldValueAndRange() {
        com.oracle.labs.mlrg.olcut.config.PropertyException e = assertThrows(
                com.oracle.labs.mlrg.olcut.config.PropertyException.class,
                () -> new QuantumPointwiseCNNTrainer(14, 14, 1, 1, 1, false, 1, 32, 0.0, 1));
        assertEquals("learningRate", e.getProperty());
        assertTrue(e.getMessage().contains("learningRate must be in (0, 10], got 0.0"), e.getMessage());
        QuantumPointwiseCNNTrainer t = new QuantumPointwiseCNNTrainer(14, 14, 1, 1, 1, false, 1, 32, 0.01, 1);
        e = assertThrows(com.oracle.labs.mlrg.olcut.config.PropertyException.class, () -> t.withInputScale(0));
        assertTrue(e.getMessage().contains("inputScale must be > 0, got 0.0"), e.getMessage());
        assertTrue(!e.getMessage().contains("E308"), e.getMessage());
    }

    /** The layer widths default to the library's (today's behaviour) and can be set to the documented wider ones. */
    /** The scores of a prediction by output name (Label.equals compares names only, not scores). */
    private static double[] scores(Prediction<Label> p) {
        return p.getOutputScores().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .mapToDouble(e -> e.getValue().getScore()).toArray();
    }

    @Test
    void withPredictionNoiseChangesOnlyTheCopysPredictions() throws Exception {
        QuantumPointwiseCNNModel m = (QuantumPointwiseCNNModel) new QuantumPointwiseCNNTrainer(28, 28, 1, 1, 2, false,
                1, 32, 0.003, 1).withInputScale(1 / 255.0).train(train);
        List<org.tribuo.Example<Label>> ex = List.of(test.getExample(0), test.getExample(1));
        List<Prediction<Label>> exact = m.predict(ex);
        List<Prediction<Label>> same = m.withPredictionNoise(PredictionNoise.exact()).predict(ex);
        PredictionNoise dep = new PredictionNoise(NoiseModel.parse("depolarizing:0.1"), 0, 1);
        QuantumPointwiseCNNModel noisy = m.withPredictionNoise(dep);
        assertEquals(dep, noisy.predictionNoise());
        List<Prediction<Label>> n = noisy.predict(ex);
        for (int i = 0; i < ex.size(); i++) {
            assertArrayEquals(scores(exact.get(i)), scores(same.get(i)), 0.0);
            assertFalse(Arrays.equals(scores(exact.get(i)), scores(n.get(i))), "noise changes the scores");
        }
        assertArrayEquals(scores(exact.get(0)), scores(m.predict(ex.get(0))), 0.0, "original stays exact");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(noisy);
        }
        QuantumPointwiseCNNModel back = (QuantumPointwiseCNNModel) new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray())).readObject();
        assertEquals(dep, back.predictionNoise());
        assertArrayEquals(scores(n.get(1)), scores(back.predict(ex.get(1))), 0.0);
    }

    @Test
    void layerWidthsDefaultToTheLibraryAndCanBeWidened() {
        QuantumPointwiseCNNTrainer t = new QuantumPointwiseCNNTrainer(28, 28, 1, 1, 2, false, 1, 32, 0.01, 1);
        QuantumPointwiseCNNBuilder library = new QuantumPointwiseCNNBuilder();
        assertEquals(library.convChannels(), t.spec(10).convChannels());
        assertEquals(library.conv2Channels(), t.spec(10).conv2Channels());
        assertEquals(QuantumPointwiseCNNBuilder.DENSE_UNITS, t.spec(10).denseUnits());
        long narrow = t.spec(10).build().numParams();
        t.withLayerWidths(8, 64, 128);
        assertEquals(64, t.spec(10).conv2Channels());
        assertEquals(128, t.spec(10).denseUnits());
        assertTrue(t.spec(10).build().numParams() > narrow);
        assertTrue(t.toString().contains("conv2Channels=64,denseUnits=128"), t.toString());
        assertTrue(t.getProvenance().getConfiguredParameters().get("denseUnits").toString().equals("128"));
    }

    @Test
    void wrongImageSizeIsAClearError() {
        QuantumPointwiseCNNTrainer t = new QuantumPointwiseCNNTrainer(14, 14, 1, 1, 1, false, 1, 32, 0.01, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.train(train));
        assertTrue(e.getMessage().contains("1x14x14"), e.getMessage());
    }
}

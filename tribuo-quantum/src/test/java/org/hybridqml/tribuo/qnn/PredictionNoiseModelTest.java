package org.hybridqml.tribuo.qnn;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.qnn.train.TrainedHead;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.noise.NoiseModel;
import org.hybridqml.sim.qasm.OpenQasmImporter;
import org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierModel;
import org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierTrainer;
import org.hybridqml.tribuo.multilabel.DressedQuantumCircuitModel;
import org.hybridqml.tribuo.multilabel.DressedQuantumCircuitTrainer;
import org.hybridqml.tribuo.multilabel.data.MulanDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AbstractHeadModel#withPredictionNoise} and {@link AbstractHeadModel#toOpenQasm} on the multi-label DQC
 * (bundled Mulan emotions, a few epochs) and the single-label DQC (small synthetic data).
 */
class PredictionNoiseModelTest {

    private static MutableDataset<MultiLabel> test;
    private static DressedQuantumCircuitModel model;

    @BeforeAll
    static void train() throws Exception {
        Logger.getLogger("org.hybridqml.qnn.train").setLevel(Level.WARNING);
        Path d = BundledDatasets.resolve("mulan-multilabel", "emotions");
        MutableDataset<MultiLabel> train = new MutableDataset<>(new MulanDataSource(d.resolve("emotions-train.arff"),
                d.resolve("emotions.xml")));
        test = new MutableDataset<>(new MulanDataSource(d.resolve("emotions-test.arff"), d.resolve("emotions.xml")));
        model = new DressedQuantumCircuitTrainer(HeadType.DQC, 0, 2,
                Preset.DEFAULT, 1e-2, 32, 4, 0, 0.2, OutputBias.PRESET, 3L).train(train);
    }

    private static List<Example<MultiLabel>> firstTest(int n) {
        return test.getData().subList(0, n);
    }

    @Test
    void noisyCopiesPredictDifferentlyAndTheExactCopyIdentically() {
        List<Example<MultiLabel>> ex = firstTest(60);
        double[][] exact = model.probabilities(ex);
        DressedQuantumCircuitModel same = model.withPredictionNoise(PredictionNoise.exact());
        assertTrue(Arrays.deepEquals(exact, same.probabilities(ex)), "exact setting: the same bits");
        assertEquals(model.getName(), same.getName());
        assertSame(model.getProvenance(), same.getProvenance());
        assertEquals(model.threshold(), same.threshold());

        DressedQuantumCircuitModel shots = model.withPredictionNoise(
                new PredictionNoise(NoiseModel.none(), 100_000, 1));
        double[][] p = shots.probabilities(ex);
        double max = 0;
        for (int r = 0; r < p.length; r++) {
            for (int k = 0; k < p[r].length; k++) {
                max = Math.max(max, Math.abs(p[r][k] - exact[r][k]));
            }
        }
        assertTrue(max > 0 && max < 0.05, "100000 shots: max |p - p_exact| = " + max);
        assertTrue(model.predictionNoise().isExact(), "the original model is unchanged");
        assertEquals(100_000, shots.predictionNoise().shots());

        PredictionNoise dep = new PredictionNoise(NoiseModel.parse("depolarizing:0.01"), 0, 1);
        double[][] noisy = model.withPredictionNoise(dep).probabilities(ex);
        assertFalse(Arrays.deepEquals(exact, noisy));
        PredictionNoise depShots = new PredictionNoise(NoiseModel.parse("depolarizing:0.01"), 1000, 8);
        double[][] a = model.withPredictionNoise(depShots).probabilities(ex);
        assertTrue(Arrays.deepEquals(a, model.withPredictionNoise(depShots).probabilities(ex)), "same seed");
        // per-sample seeds: a sample's result does not depend on the batch it is predicted in
        assertArrayEquals(a[7], model.withPredictionNoise(depShots).probabilities(List.of(ex.get(7)))[0], 0.0);
        assertEquals(ex.size(), model.withPredictionNoise(depShots).predict(ex).size());
    }

    @Test
    void qasmOfAnExampleReproducesTheModelsExpectations() {
        TrainedHead trained = model.trainedHead();
        DressedQuantumHead head = (DressedQuantumHead) trained.head();
        TrainedCircuit tc = model.trainedCircuits().get(0);
        for (Example<MultiLabel> e : firstTest(3)) {
            double[] x = AbstractHeadTrainer.denseFeatures(e, model.getFeatureIDMap());
            double[][] angles = head.circuitInputs(trained.standardizer().transform(new double[][]{x}));
            double[] expected = head.simulator().expectations(tc.circuit(), tc.parameters(), angles)[0];
            String qasm = model.toOpenQasm(e, false);
            assertTrue(qasm.startsWith("OPENQASM 2.0;"), qasm);
            double[] got = new StatevectorSimulator(1).expectations(OpenQasmImporter.fromQasm2(qasm), new double[0],
                    new double[][]{{}})[0];
            assertArrayEquals(expected, got, 1e-12);
            assertTrue(model.toOpenQasm(e, true).startsWith("OPENQASM 3.0;"));
        }
    }

    @Test
    void singleLabelModelTakesTheSettingAndTheClassicalHeadHasNoCircuit() {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic", f), f);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 80; i++) {
            double a = r.nextDouble(-1, 1);
            double b = r.nextDouble(-1, 1);
            ArrayExample<Label> e = new ArrayExample<>(new Label(a + b > 0 ? "pos" : "neg"));
            e.add("a", a);
            e.add("b", b);
            e.add("c", r.nextDouble());
            data.add(e);
        }
        DressedQuantumCircuitClassifierModel dqc = new DressedQuantumCircuitClassifierTrainer(HeadType.DQC, 2, 1,
                Preset.DEFAULT, 1e-2, 16, 3, 0, 0.2, OutputBias.PRESET, 1L).train(data);
        List<Example<Label>> ex = data.getData().subList(0, 20);
        double[][] exact = dqc.probabilities(ex);
        assertTrue(Arrays.deepEquals(exact,
                dqc.withPredictionNoise(PredictionNoise.exact()).probabilities(ex)));
        DressedQuantumCircuitClassifierModel noisy = dqc.withPredictionNoise(
                new PredictionNoise(NoiseModel.parse("bitflip:0.2"), 0, 1));
        assertFalse(Arrays.deepEquals(exact, noisy.probabilities(ex)));
        assertEquals(dqc.getName(), noisy.getName());
        assertTrue(dqc.toOpenQasm(ex.get(0), false).contains("qreg q[2];"));

        DressedQuantumCircuitClassifierModel cdl = new DressedQuantumCircuitClassifierTrainer(HeadType.CDL, 2, 1,
                Preset.DEFAULT, 1e-2, 16, 3, 0, 0.2, OutputBias.PRESET, 1L).train(data);
        PredictionNoise dep = new PredictionNoise(NoiseModel.parse("depolarizing:0.1"), 100, 1);
        assertTrue(Arrays.deepEquals(cdl.probabilities(ex), cdl.withPredictionNoise(dep).probabilities(ex)),
                "a classical head has no circuit and predicts as before");
        assertTrue(cdl.predictionNoise().isExact());
        IllegalArgumentException err = assertThrows(IllegalArgumentException.class,
                () -> cdl.toOpenQasm(ex.get(0), false));
        assertTrue(err.getMessage().contains("Only the DQC head"), err.getMessage());
    }
}

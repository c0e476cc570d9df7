package weka.classifiers.functions;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.CsvMatrix;
import org.junit.jupiter.api.Test;
import weka.classifiers.Evaluation;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SerializationHelper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DQC classifier learns the bundled scikit-learn digits (8x8 pixels, 10 classes) through Weka's own
 * cross-validation, and a serialised model predicts exactly as the original.
 */
class DressedQuantumCircuitClassifierDigitsTest {

    /** The first {@code rows} digits as Weka instances: 64 numeric pixel attributes and a nominal class 0..9. */
    static Instances digits(int rows) throws Exception {
        double[][] m = CsvMatrix.read(BundledDatasets.resolve("sklearn-digits", "digits.csv.gz"));
        ArrayList<Attribute> atts = new ArrayList<>();
        for (int p = 0; p < 64; p++) {
            atts.add(new Attribute("pixel" + p));
        }
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            classes.add("" + c);
        }
        atts.add(new Attribute("digit", classes));
        Instances data = new Instances("sklearn-digits", atts, rows);
        data.setClassIndex(64);
        for (int r = 0; r < rows; r++) {
            data.add(new DenseInstance(1.0, m[r].clone()));
        }
        return data;
    }

    @Test
    void crossValidatedAccuracyOnDigitsIsFarAboveChance() throws Exception {
        Instances data = digits(1797);
        DressedQuantumCircuitClassifier dqc = new DressedQuantumCircuitClassifier();
        dqc.setNumQubits(6);
        dqc.setMaxEpochs(100);
        Evaluation eval = new Evaluation(data);
        long t0 = System.nanoTime();
        eval.crossValidateModel(dqc, data, 3, new Random(1));
        System.out.printf("digits (1797 rows), 6-qubit DQC, 3-fold CV: accuracy %.1f %% (chance 10 %%), %.1f s%n",
                eval.pctCorrect(), (System.nanoTime() - t0) / 1e9);
        assertTrue(eval.pctCorrect() > 70, "accuracy " + eval.pctCorrect() + " % should be far above 10 %");
    }

    @Test
    void serialisedModelPredictsTheSame() throws Exception {
        Instances data = digits(200);
        DressedQuantumCircuitClassifier dqc = new DressedQuantumCircuitClassifier();
        dqc.setNumQubits(3);
        dqc.setNumLayers(2);
        dqc.setMaxEpochs(5);
        dqc.buildClassifier(data);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerializationHelper.write(bytes, dqc);
        DressedQuantumCircuitClassifier back = (DressedQuantumCircuitClassifier) SerializationHelper.read(
                new ByteArrayInputStream(bytes.toByteArray()));
        assertArrayEquals(flat(dqc.distributionsForInstances(data)), flat(back.distributionsForInstances(data)), 0.0);
        assertTrue(back.toString().contains("Parameters: "), back.toString());
        assertTrue(back.toString().contains("Qubits: 3, layers: 2"), back.toString());
    }

    @Test
    void optionsUseTheShortTagNamesAndPresetsSetTheHyperParameters() throws Exception {
        DressedQuantumCircuitClassifier c = new DressedQuantumCircuitClassifier();
        c.setOptions(weka.core.Utils.splitOptions("-head cdl -preset paper -E 7"));
        String opts = String.join(" ", c.getOptions());
        assertTrue(opts.contains("-head CDL") && opts.contains("-preset paper") && opts.contains("-E 7"), opts);
        org.junit.jupiter.api.Assertions.assertEquals(1e-4, c.getLearningRate());
        org.junit.jupiter.api.Assertions.assertEquals(5, c.getPatience());
        org.junit.jupiter.api.Assertions.assertEquals(org.hybridqml.circuits.DressedQuantumCircuit.PAPER_LAYERS,
                c.getNumLayers());
        org.junit.jupiter.api.Assertions.assertEquals(1.0, c.getReadoutLearningRateScale());
        DressedQuantumCircuitClassifier d = new DressedQuantumCircuitClassifier();
        org.junit.jupiter.api.Assertions.assertEquals(org.hybridqml.circuits.DressedQuantumCircuit.DEFAULT_LAYERS,
                d.getNumLayers());
        org.junit.jupiter.api.Assertions.assertEquals(
                org.hybridqml.qnn.train.TrainingConfig.defaults().readoutLearningRateScale(),
                d.getReadoutLearningRateScale());
        // explicit values win over the preset wherever they stand, and getOptions/setOptions round-trips them
        d.setOptions(weka.core.Utils.splitOptions("-L 5 -readout-lr-scale 2.5 -preset paper"));
        org.junit.jupiter.api.Assertions.assertEquals(5, d.getNumLayers());
        org.junit.jupiter.api.Assertions.assertEquals(2.5, d.getReadoutLearningRateScale());
        DressedQuantumCircuitClassifier back = new DressedQuantumCircuitClassifier();
        back.setOptions(d.getOptions());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Arrays.asList(d.getOptions()),
                java.util.Arrays.asList(back.getOptions()));
        org.junit.jupiter.api.Assertions.assertEquals(2.5, back.trainingConfig(100).readoutLearningRateScale());
    }

    private static double[] flat(double[][] a) {
        return java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}

package org.hybridqml.tribuo.classification;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.tribuo.qnn.HeadType;
import org.hybridqml.tribuo.qnn.OutputBias;
import org.hybridqml.tribuo.qnn.Preset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.test.Helpers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The single-label (softmax) DQC / CDL trainers on the bundled scikit-learn digits (8×8 images, 10 classes; the
 * first 1,000 rows train, the remaining 797 test): sane accuracy, full distributions in the predictions, Java and
 * protobuf round trips that predict identically, the OLCUT configuration round trip.
 */
class DressedQuantumCircuitClassifierTrainerTest {

    private static final Logger TRAIN_LOG = Logger.getLogger("org.hybridqml.qnn.train");

    private static MutableDataset<Label> train;
    private static MutableDataset<Label> test;
    private static DressedQuantumCircuitClassifierModel dqc;
    private static DressedQuantumCircuitClassifierModel cdl;

    private static DressedQuantumCircuitClassifierTrainer trainer(HeadType type, int maxEpochs) {
        return new DressedQuantumCircuitClassifierTrainer(type, 0, 3, Preset.DEFAULT, 1e-2, 32, maxEpochs, 0, 0.2,
                OutputBias.PRESET, 11L);
    }

    @BeforeAll
    static void trainBoth() throws IOException {
        TRAIN_LOG.setLevel(Level.WARNING);
        LabelFactory factory = new LabelFactory();
        train = new MutableDataset<>(new SimpleDataSourceProvenance("digits[0,1000)", factory), factory);
        test = new MutableDataset<>(new SimpleDataSourceProvenance("digits[1000,1797)", factory), factory);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                BundledDatasets.resolve("sklearn-digits", "digits.csv.gz"))), StandardCharsets.UTF_8))) {
            String line;
            int row = 0;
            while ((line = r.readLine()) != null) {
                String[] v = line.split(",");
                ArrayExample<Label> e = new ArrayExample<>(new Label(v[v.length - 1]));
                for (int p = 0; p < v.length - 1; p++) {
                    double x = Double.parseDouble(v[p]);
                    if (x != 0) { // Tribuo is sparse: absent pixels are read back as 0
                        e.add(String.format("px%02d", p), x);
                    }
                }
                (row++ < 1000 ? train : test).add(e);
            }
        }
        long t0 = System.nanoTime();
        dqc = trainer(HeadType.DQC, 12).train(train);
        long t1 = System.nanoTime();
        cdl = trainer(HeadType.CDL, 12).train(train);
        System.out.printf("digits: DQC %.2f s, CDL %.2f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
    }

    @Test
    void bothHeadsClassifyDigits() {
        LabelEvaluator evaluator = new LabelEvaluator();
        LabelEvaluation d = evaluator.evaluate(dqc, test);
        LabelEvaluation c = evaluator.evaluate(cdl, test);
        System.out.printf("digits test accuracy: DQC %.4f, CDL %.4f%n", d.accuracy(), c.accuracy());
        assertEquals(10, dqc.getOutputIDInfo().size());
        assertTrue(dqc.trainedHead().head().describe().contains("10-qubit"), dqc.trainedHead().head().describe());
        assertTrue(d.accuracy() > 0.7, "DQC accuracy " + d.accuracy());
        assertTrue(c.accuracy() > 0.85, "CDL accuracy " + c.accuracy());
    }

    @Test
    void predictionsAreTheArgmaxOfAFullDistribution() {
        for (Prediction<Label> p : dqc.predict(test.getData().subList(0, 50))) {
            Map<String, Label> scores = p.getOutputScores();
            assertEquals(10, scores.size());
            double sum = 0;
            for (Label l : scores.values()) {
                sum += l.getScore();
                assertTrue(l.getScore() <= p.getOutput().getScore());
            }
            assertEquals(1.0, sum, 1e-9);
        }
    }

    @Test
    void roundTripsPredictIdentically() throws Exception {
        for (DressedQuantumCircuitClassifierModel model : List.of(dqc, cdl)) {
            Helpers.testModelSerialization(model, Label.class);
            Model<Label> viaProto = Helpers.testModelProtoSerialization(model, Label.class, test);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(model);
            }
            Model<?> viaJava;
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                viaJava = (Model<?>) in.readObject();
            }
            List<Prediction<Label>> expected = model.predict(test);
            for (Model<Label> other : List.of(viaProto, viaJava.castModel(Label.class))) {
                List<Prediction<Label>> got = other.predict(test);
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i).getOutput().getLabel(), got.get(i).getOutput().getLabel());
                    assertEquals(expected.get(i).getOutputScores(), got.get(i).getOutputScores());
                }
            }
        }
    }

    @Test
    void configurationRoundTripsAndErrors() {
        Helpers.testConfigurableRoundtrip(trainer(HeadType.DQC, 3));
        Helpers.testConfigurableRoundtrip(trainer(HeadType.CDL, 3));
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> oneClass = new MutableDataset<>(new SimpleDataSourceProvenance("one", factory), factory);
        for (int i = 0; i < 5; i++) {
            ArrayExample<Label> e = new ArrayExample<>(new Label("a"));
            e.add("f", i + 1.0);
            oneClass.add(e);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(HeadType.CDL, 1).train(oneClass));
        assertTrue(e.getMessage().contains("at least 2 classes"), e.getMessage());
    }
}

package org.hybridqml.tribuo.multilabel;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.qnn.train.TrainingConfig;
import org.hybridqml.tribuo.multilabel.data.MulanDataSource;
import org.hybridqml.tribuo.qnn.HeadType;
import org.hybridqml.tribuo.qnn.OutputBias;
import org.hybridqml.tribuo.qnn.Preset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.multilabel.evaluation.MultiLabelEvaluation;
import org.tribuo.multilabel.evaluation.MultiLabelEvaluator;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.test.Helpers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The multi-label DQC / CDL trainers on Mulan emotions (391 train / 202 test, 72 features, 6 labels): both learn
 * (macro AUROC well above chance), predictions carry every label's probability and follow the 0.5 threshold,
 * training is deterministic, and the models survive Java and protobuf serialisation bit for bit.
 */
class DressedQuantumCircuitTrainerTest {

    /** Keeps the per-epoch training log quiet (strong reference, so the level sticks). */
    private static final Logger TRAIN_LOG = Logger.getLogger("org.hybridqml.qnn.train");

    private static MutableDataset<MultiLabel> train;
    private static MutableDataset<MultiLabel> test;
    private static DressedQuantumCircuitModel dqc;
    private static DressedQuantumCircuitModel cdl;

    static DressedQuantumCircuitTrainer trainer(HeadType type, int maxEpochs) {
        return new DressedQuantumCircuitTrainer(type, Preset.DEFAULT, maxEpochs, 7L);
    }

    @BeforeAll
    static void trainBoth() throws IOException {
        TRAIN_LOG.setLevel(Level.WARNING);
        Path d = BundledDatasets.resolve("mulan-multilabel", "emotions");
        train = new MutableDataset<>(new MulanDataSource(d.resolve("emotions-train.arff"), d.resolve("emotions.xml")));
        test = new MutableDataset<>(new MulanDataSource(d.resolve("emotions-test.arff"), d.resolve("emotions.xml")));
        long t0 = System.nanoTime();
        dqc = trainer(HeadType.DQC, 25).train(train);
        long t1 = System.nanoTime();
        cdl = trainer(HeadType.CDL, 25).train(train);
        System.out.printf("emotions: DQC %.2f s, CDL %.2f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
    }

    @Test
    void bothHeadsLearnEmotionsWellAboveChance() {
        for (DressedQuantumCircuitModel model : List.of(dqc, cdl)) {
            MultiLabelScoreEvaluation eval = new MultiLabelScoreEvaluator().evaluate(model, test);
            MultiLabelEvaluation tribuo = new MultiLabelEvaluator().evaluate(model, test);
            System.out.println(model + "\n" + eval);
            assertEquals(MultiLabelScoreEvaluator.ScoreSource.PREDICTION_OUTPUT_SCORES, eval.scoreSource());
            assertTrue(eval.macroAuroc() > 0.72, model.getName() + " macro AUROC " + eval.macroAuroc());
            assertTrue(tribuo.microAveragedF1() > 0.4, model.getName() + " micro F1 " + tribuo.microAveragedF1());
            assertEquals(tribuo.microAveragedF1(), eval.microF1(), 1e-12);
        }
        assertEquals(6, dqc.getOutputIDInfo().size());
        assertTrue(dqc.trainedHead().head().describe().contains("6-qubit"), dqc.trainedHead().head().describe());
        assertEquals(DressedQuantumCircuit.DEFAULT_LAYERS, ((DressedQuantumHead) dqc.trainedHead().head()).layers());
    }

    @Test
    void predictionsCarryEveryLabelProbabilityAndUseTheThreshold() {
        for (Prediction<MultiLabel> p : dqc.predict(test)) {
            Map<String, MultiLabel> scores = p.getOutputScores();
            assertEquals(6, scores.size());
            assertTrue(p.hasProbabilities());
            for (Map.Entry<String, MultiLabel> e : scores.entrySet()) {
                double prob = e.getValue().getLabelScore(new Label(e.getKey())).orElseThrow();
                assertTrue(prob >= 0 && prob <= 1);
                assertEquals(prob >= 0.5, p.getOutput().contains(e.getKey()), e.getKey() + " " + prob);
            }
        }
    }

    @Test
    void sameSeedGivesIdenticalPredictionsAndInvocationCountReplays() {
        DressedQuantumCircuitTrainer t = trainer(HeadType.DQC, 3);
        DressedQuantumCircuitModel first = t.train(train);
        DressedQuantumCircuitModel second = t.train(train);
        assertEquals(2, t.getInvocationCount());
        DressedQuantumCircuitModel again = trainer(HeadType.DQC, 3).train(train);
        assertIdentical(first, again);
        assertNotEquals(first.trainedHead().head().parameters()[0], second.trainedHead().head().parameters()[0]);
        t.setInvocationCount(1);
        assertIdentical(second, t.train(train));
        assertEquals(2, t.getInvocationCount());
    }

    @Test
    void javaAndProtobufRoundTripsPredictIdentically() {
        for (DressedQuantumCircuitModel model : List.of(dqc, cdl)) {
            Helpers.testModelSerialization(model, MultiLabel.class);
            Model<MultiLabel> viaJava = javaRoundTrip(model);
            Model<MultiLabel> viaProto = Helpers.testModelProtoSerialization(model, MultiLabel.class, test);
            assertIdentical(model, viaJava);
            assertIdentical(model, viaProto);
            assertEquals(model.getProvenance(), viaProto.getProvenance());
        }
    }

    @Test
    void configurationRoundTrips() {
        Helpers.testConfigurableRoundtrip(trainer(HeadType.DQC, 5));
        Helpers.testConfigurableRoundtrip(new DressedQuantumCircuitTrainer(HeadType.CDL, 4, 2, Preset.PAPER, 0.01,
                16, 9, 3, 0.25, OutputBias.ZERO, 99L));
        DressedQuantumCircuitTrainer scaled = new DressedQuantumCircuitTrainer(HeadType.DQC, 1L);
        configure(scaled, "readoutLearningRateScale", 2.5);
        Helpers.testConfigurableRoundtrip(scaled);
    }

    @Test
    void layersAndReadoutScaleComeFromThePresetUnlessSet() {
        DressedQuantumCircuitTrainer byDefault = new DressedQuantumCircuitTrainer(HeadType.DQC, 1L);
        assertEquals(DressedQuantumCircuit.DEFAULT_LAYERS, byDefault.layers());
        assertEquals(TrainingConfig.defaults().readoutLearningRateScale(),
                byDefault.trainingConfig(1L).readoutLearningRateScale());
        assertTrue(byDefault.toString().contains(",layers=" + DressedQuantumCircuit.DEFAULT_LAYERS + ","),
                byDefault.toString());
        assertTrue(byDefault.toString().contains("readoutLearningRateScale=10.0"), byDefault.toString());
        DressedQuantumCircuitTrainer paper = new DressedQuantumCircuitTrainer(HeadType.DQC, Preset.PAPER, 0, 1L);
        assertEquals(DressedQuantumCircuit.PAPER_LAYERS, paper.layers());
        assertEquals(TrainingConfig.paper().withSeed(3L), paper.trainingConfig(3L));

        DressedQuantumCircuitTrainer viaConstructor = new DressedQuantumCircuitTrainer(HeadType.DQC, 0, 3,
                Preset.DEFAULT, 0, 1, 32, 0, 0, 0.2, OutputBias.PRESET, 1L);
        assertEquals(1.0, viaConstructor.trainingConfig(1L).readoutLearningRateScale());
        assertEquals(TrainingConfig.defaults().learningRate(), viaConstructor.trainingConfig(1L).learningRate());
        assertThrows(com.oracle.labs.mlrg.olcut.config.PropertyException.class, () -> new DressedQuantumCircuitTrainer(
                HeadType.DQC, 0, 3, Preset.DEFAULT, 0, -1, 32, 0, 0, 0.2, OutputBias.PRESET, 1L));

        configure(paper, "readoutLearningRateScale", 2.5);
        configure(paper, "layers", 5);
        assertEquals(2.5, paper.trainingConfig(1L).readoutLearningRateScale());
        assertEquals(5, paper.layers());
        assertEquals(2.5, ((com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance) paper.getProvenance()
                .getConfiguredParameters().get("readoutLearningRateScale")).getValue());

        com.oracle.labs.mlrg.olcut.config.PropertyException e = assertThrows(
                com.oracle.labs.mlrg.olcut.config.PropertyException.class,
                () -> configure(new DressedQuantumCircuitTrainer(HeadType.DQC, 1L), "readoutLearningRateScale", -1.0));
        assertEquals("readoutLearningRateScale", e.getProperty());
        assertTrue(e.getMessage().contains("readoutLearningRateScale must be > 0, got -1.0 (or 0 for the preset's)"),
                e.getMessage());
        e = assertThrows(com.oracle.labs.mlrg.olcut.config.PropertyException.class,
                () -> configure(new DressedQuantumCircuitTrainer(HeadType.DQC, 1L), "layers", -2));
        assertEquals("layers", e.getProperty());
        assertTrue(e.getMessage().contains("layers must be in [1, 100], got -2 (or 0 for the preset's)"),
                e.getMessage());
    }

    /** Sets a {@code @Config} field of the shared trainer base, as OLCUT does, and runs {@code postConfig}. */
    private static void configure(DressedQuantumCircuitTrainer t, String field, Object value) {
        try {
            var f = org.hybridqml.tribuo.qnn.AbstractHeadTrainer.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(t, value);
        } catch (ReflectiveOperationException ex) {
            throw new AssertionError(ex);
        }
        t.postConfig();
    }

    @Test
    void paperPresetAndExplicitOptionsReachTheCoreConfig() {
        var c = new DressedQuantumCircuitTrainer(HeadType.DQC, 4, 2, Preset.PAPER, 0, 16, 0, 3, 0.2,
                OutputBias.PRIORS, 1L).trainingConfig(5L);
        assertEquals(1e-4, c.learningRate());
        assertEquals(TrainingConfig.paper().readoutLearningRateScale(), c.readoutLearningRateScale());
        assertEquals(16, c.batchSize());
        assertEquals(50, c.maxEpochs());
        assertEquals(3, c.patience());
        assertEquals(0.2, c.validationFraction());
        assertTrue(c.outputBiasFromPriors());
        assertEquals(5L, c.seed());
        assertTrue(new DressedQuantumCircuitTrainer(HeadType.DQC, 1L).toString().contains("learningRate=0.003"));
    }

    @Test
    void clearErrors() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> new DressedQuantumCircuitTrainer(HeadType.DQC, 30, 3, Preset.DEFAULT, 0, 32, 1, 0, 0.2,
                        OutputBias.PRESET, 1L).train(train));
        assertTrue(tooMany.getMessage().contains("memory limit"), tooMany.getMessage());

        DressedQuantumCircuitTrainer sevenLabels = new DressedQuantumCircuitTrainer(HeadType.CDL, 1L);
        setNumLabels(sevenLabels, 7);
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> sevenLabels.train(train));
        assertTrue(mismatch.getMessage().contains("Label count mismatch"), mismatch.getMessage());

        MutableDataset<MultiLabel> soft = tiny(Set.of(new Label("a", 0.7)), Set.of(new Label("b")));
        IllegalArgumentException nonBinary = assertThrows(IllegalArgumentException.class,
                () -> trainer(HeadType.CDL, 1).train(soft));
        assertTrue(nonBinary.getMessage().contains("binary"), nonBinary.getMessage());

        MutableDataset<MultiLabel> noLabels = tiny(Set.of(), Set.of());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> trainer(HeadType.CDL, 1).train(noLabels));
        assertTrue(empty.getMessage().contains("label=1"), empty.getMessage());

        MutableDataset<MultiLabel> constant = tiny(Set.of(new Label("a")), Set.of(new Label("b")));
        IllegalArgumentException allConstant = assertThrows(IllegalArgumentException.class,
                () -> trainer(HeadType.CDL, 1).train(constant));
        assertTrue(allConstant.getMessage().contains("constant"), allConstant.getMessage());

        com.oracle.labs.mlrg.olcut.config.PropertyException e = assertThrows(
                com.oracle.labs.mlrg.olcut.config.PropertyException.class,
                () -> new DressedQuantumCircuitTrainer(HeadType.DQC, -1, 3,
                Preset.DEFAULT, 0, 32, 0, 0, 0.2, OutputBias.PRESET, 1L));
        assertEquals("qubits", e.getProperty());
        assertTrue(e.getMessage().contains("qubits must be in [0, 30], got -1"), e.getMessage());
        e = assertThrows(com.oracle.labs.mlrg.olcut.config.PropertyException.class,
                () -> new DressedQuantumCircuitTrainer(HeadType.DQC, 0, 3,
                Preset.DEFAULT, 0, 32, 0, 0, 1.0, OutputBias.PRESET, 1L));
        assertTrue(e.getMessage().contains("validationFraction must be in [0, 1), got 1.0"), e.getMessage());
        e = assertThrows(com.oracle.labs.mlrg.olcut.config.PropertyException.class,
                () -> new DressedQuantumCircuitTrainer(HeadType.DQC, 0, 3,
                Preset.DEFAULT, -0.5, 32, 0, 0, 0.2, OutputBias.PRESET, 1L));
        assertTrue(e.getMessage().contains("learningRate must be > 0, got -0.5 (or 0 for the preset's)"),
                e.getMessage());
    }

    /** Ten examples with the same single feature value (so every feature is constant) and alternating labels. */
    private static MutableDataset<MultiLabel> tiny(Set<Label> even, Set<Label> odd) {
        MutableDataset<MultiLabel> ds = new MutableDataset<>(new SimpleDataSourceProvenance("tiny",
                new MultiLabelFactory()), new MultiLabelFactory());
        for (int i = 0; i < 10; i++) {
            ArrayExample<MultiLabel> e = new ArrayExample<>(new MultiLabel(i % 2 == 0 ? even : odd));
            e.add("f", 1.0);
            ds.add(e);
        }
        return ds;
    }

    private static void setNumLabels(DressedQuantumCircuitTrainer t, int n) {
        try {
            var f = DressedQuantumCircuitTrainer.class.getDeclaredField("numLabels");
            f.setAccessible(true);
            f.setInt(t, n);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        t.postConfig();
    }

    @SuppressWarnings("unchecked")
    static <M> M javaRoundTrip(M model) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(model);
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                return (M) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    static void assertIdentical(Model<MultiLabel> a, Model<MultiLabel> b) {
        List<Prediction<MultiLabel>> pa = a.predict(test);
        List<Prediction<MultiLabel>> pb = b.predict(test);
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            assertEquals(pa.get(i).getOutput(), pb.get(i).getOutput());
            for (String k : pa.get(i).getOutputScores().keySet()) {
                assertEquals(pa.get(i).getOutputScores().get(k).getLabelScore(new Label(k)),
                        pb.get(i).getOutputScores().get(k).getLabelScore(new Label(k)), "example " + i + " " + k);
            }
        }
    }
}

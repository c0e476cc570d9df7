package meka.classifiers.multilabel;

import meka.core.MLUtils;
import meka.core.Result;
import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.qnn.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.Reorder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MEKA DQC classifier through MEKA's own evaluation on the bundled Music data (592 songs, 6 labels), and on the
 * six rarest labels of the bundled Mulan yeast split with MEKA's default PCut1 threshold.
 */
class DQCTest {

    /** The six rarest Mulan yeast labels (as in the Tribuo DqcSeedsExperiment's {@code --labels}). */
    private static final List<String> RARE_YEAST = List.of("Class7", "Class8", "Class9", "Class10", "Class11",
            "Class14");

    /**
     * A Mulan yeast split (labels last) as MEKA data: the rare labels first, then the 103 features, class index 6.
     */
    static Instances loadRareYeast(String split) throws Exception {
        Instances d = DataSource.read(BundledDatasets.resolve("mulan-multilabel", "yeast", "yeast-" + split + ".arff")
                .toString());
        StringBuilder order = new StringBuilder();
        for (String label : RARE_YEAST) {
            order.append(d.attribute(label).index() + 1).append(',');
        }
        order.append("1-").append(d.attribute("Class1").index());
        Reorder reorder = new Reorder();
        reorder.setAttributeIndices(order.toString());
        reorder.setInputFormat(d);
        Instances out = Filter.useFilter(d, reorder);
        out.setClassIndex(RARE_YEAST.size());
        return out;
    }

    static String music() {
        return BundledDatasets.resolve("meka-multilabel", "Music.arff").toString();
    }

    static Instances loadMusic() throws Exception {
        Instances d = DataSource.read(music());
        MLUtils.prepareData(d);
        return d;
    }

    private static double metric(Result r, String name) {
        Object v = r.getValue(name);
        if (v == null) {
            v = r.getMeasurement(name);
        }
        assertTrue(v != null, name + " missing; available: " + r.availableMetrics());
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim().split("\\s+")[0]);
    }

    @Test
    void crossValidatedMacroAurocAndJaccardOnMusicAreSane() throws Exception {
        Instances d = loadMusic();
        assertEquals(6, d.classIndex());
        DQC h = new DQC();
        h.setMaxEpochs(80);
        long t0 = System.nanoTime();
        Result r = Evaluation.cvModel(h, d, 3, "0.5", "2");
        double auroc = metric(r, "AUROC (macro averaged)");
        double jaccard = metric(r, "Jaccard index");
        double hamming = metric(r, "Hamming loss");
        System.out.printf("Music, DQC (6 qubits, %d layers), 3-fold CV: macro AUROC %.3f, Jaccard %.3f, "
                + "Hamming loss %.3f, %.1f s%n", h.getNumLayers(), auroc, jaccard, hamming,
                (System.nanoTime() - t0) / 1e9);
        assertTrue(auroc > 0.70, "macro AUROC " + auroc);
        assertTrue(jaccard > 0.30, "Jaccard " + jaccard);
        assertTrue(hamming < 0.30, "Hamming loss " + hamming);
    }

    /**
     * With a fixed 0.5 the DQC's probabilities on the rare yeast labels stay below the threshold (as in Tribuo);
     * MEKA's default threshold, PCut1 ({@code -threshold} default of {@code Evaluation.runExperiment}), calibrates
     * it so the predicted label cardinality on the test predictions matches the training one, so the DQC does
     * predict labels in MEKA.
     */
    @Test
    void rareYeastLabelsArePredictedWithMekasDefaultPCut1Threshold() throws Exception {
        Instances train = loadRareYeast("train");
        Instances test = loadRareYeast("test");
        assertEquals(103 + 6, train.numAttributes());
        DQC h = new DQC();
        h.setSeed(1000);
        long t0 = System.nanoTime();
        Result r = Evaluation.evaluateModel(h, train, test, "PCut1", "3");
        double predicted = metric(r, "Label cardinality (predicted)");
        double atHalf = 0;
        for (int[] row : r.allPredictions(0.5)) {
            atHalf += Arrays.stream(row).sum();
        }
        atHalf /= test.numInstances();
        double trainCardinality = MLUtils.labelCardinality(train);
        System.out.printf("rare yeast, MEKA DQC seed 1000: training cardinality %.3f, test predicted cardinality "
                        + "%.3f at PCut1 threshold %s, %.3f at 0.5; %.1f s%n", trainCardinality, predicted,
                r.getInfo("Threshold"), atHalf, (System.nanoTime() - t0) / 1e9);
        assertTrue(predicted > 0, "predicted cardinality " + predicted + " at threshold " + r.getInfo("Threshold"));
        assertTrue(predicted <= 3 * trainCardinality, "predicted cardinality " + predicted);
    }

    /** MEKA's command line ends with System.exit, so it runs in a child JVM with this test's classpath. */
    @Test
    void commandLinePrintsJaccardHammingLossAndAuroc() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                DQC.class.getName(), "-t", music(), "-x", "3", "-verbosity", "2");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
        System.out.println(out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("Hamming loss"), out);
        assertTrue(out.contains("AUROC (macro averaged)"), out);
        assertTrue(out.contains("Jaccard"), out);
    }

    @Test
    void optionsRoundTripAndSameSeedGivesSameRelevances() throws Exception {
        DQC a = new DQC();
        a.setOptions(Utils.splitOptions("-Q 3 -L 2 -head DQC -preset paper -lr 0.01 -E 4 -S 5"));
        DQC b = new DQC();
        b.setOptions(a.getOptions());
        assertEquals(Arrays.asList(a.getOptions()), Arrays.asList(b.getOptions()));
        assertEquals(0.01, b.getLearningRate());
        String opts = String.join(" ", a.getOptions());
        assertTrue(opts.contains("-head DQC") && opts.contains("-preset paper"), opts);
        assertEquals(50, new DQC() {{ setOptions(new String[] {"-preset", "paper"}); }}.getMaxEpochs());
        // -L and -readout-lr-scale are preset-controlled: paper 3 and 1, default 8 and 10, explicit flags win
        DQC paper = new DQC();
        paper.setOptions(new String[] {"-preset", "paper"});
        assertEquals(DressedQuantumCircuit.PAPER_LAYERS, paper.getNumLayers());
        assertEquals(1.0, paper.getReadoutLearningRateScale());
        assertEquals(TrainingConfig.paper().withSeed(paper.getSeed()), paper.trainingConfig(120));
        assertEquals(DressedQuantumCircuit.DEFAULT_LAYERS, new DQC().getNumLayers());
        assertEquals(TrainingConfig.defaults().readoutLearningRateScale(), new DQC().getReadoutLearningRateScale());
        assertEquals(2, a.getNumLayers());
        assertEquals(1.0, a.getReadoutLearningRateScale());
        DQC scaled = new DQC();
        scaled.setOptions(Utils.splitOptions("-readout-lr-scale 4 -preset paper"));
        DQC scaledBack = new DQC();
        scaledBack.setOptions(scaled.getOptions());
        assertEquals(4.0, scaledBack.getReadoutLearningRateScale());
        assertEquals(4.0, scaledBack.trainingConfig(120).readoutLearningRateScale());

        Instances d = new Instances(loadMusic(), 0, 120);
        a.buildClassifier(d);
        b.buildClassifier(d);
        double[] ra = a.distributionForInstance(d.instance(0));
        assertEquals(6, ra.length);
        assertArrayEquals(ra, b.distributionForInstance(d.instance(0)), 0.0);
        assertTrue(a.toString().contains("Qubits: 3, layers: 2"), a.toString());
    }
}

package weka.classifiers.evaluation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.classifiers.trees.J48;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.PluginManager;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IoU/Dice plugin metrics through Weka's own {@link weka.classifiers.Evaluation}, registered with the
 * {@link PluginManager} as the package's {@code PluginManager.props} registers them: the per-class values agree with
 * the evaluation's confusion counts (Dice equals Weka's F-measure, IoU = TP/(TP+FP+FN)), their means are the plain
 * averages, and both appear in the printed class details and summary.
 */
class IoUDiceMetricsTest {

    private static final String TYPE = AbstractEvaluationMetric.class.getName();

    @BeforeAll
    static void beforeAll() {
        register();
    }

    static void register() {
        PluginManager.addPlugin(TYPE, ClassIoU.class.getName(), ClassIoU.class.getName());
        PluginManager.addPlugin(TYPE, ClassDice.class.getName(), ClassDice.class.getName());
        PluginManager.addPlugin(TYPE, MeanIoUDice.class.getName(), MeanIoUDice.class.getName());
    }

    @AfterAll
    static void unregister() {
        System.clearProperty(OverlapMetricsApplicability.PROPERTY);
        PluginManager.removePlugins(TYPE, List.of(ClassIoU.class.getName(), ClassDice.class.getName(),
                MeanIoUDice.class.getName()));
    }

    /** Noisy per-pixel data (numeric row and column attributes, so the metrics apply), classes {background, foreground, edge}, unequal sizes. */
    private static Instances data() {
        ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("row"));
        atts.add(new Attribute("column"));
        atts.add(new Attribute("class", List.of("background", "foreground", "edge")));
        Instances d = new Instances("pixels", atts, 300);
        d.setClassIndex(2);
        Random rng = new Random(3);
        for (int i = 0; i < 300; i++) {
            int c = i < 180 ? 0 : i < 270 ? 1 : 2;
            d.add(new DenseInstance(1, new double[]{c + rng.nextGaussian() * 0.8, c * 0.5 + rng.nextGaussian(), c}));
        }
        return d;
    }

    @Test
    void valuesFollowTheConfusionCountsAndAppearInWekasOutput() throws Exception {
        Instances d = data();
        weka.classifiers.Evaluation eval = new weka.classifiers.Evaluation(d);
        eval.crossValidateModel(new J48(), d, 3, new Random(1));

        ClassIoU classIou = (ClassIoU) eval.getPluginMetric(ClassIoU.class.getName());
        ClassDice classDice = (ClassDice) eval.getPluginMetric(ClassDice.class.getName());
        MeanIoUDice mean = (MeanIoUDice) eval.getPluginMetric(MeanIoUDice.class.getName());
        assertTrue(classIou != null && classDice != null && mean != null, "plugin metrics not picked up");
        double sumIou = 0;
        double sumDice = 0;
        for (int k = 0; k < 3; k++) {
            double tp = eval.numTruePositives(k);
            double fp = eval.numFalsePositives(k);
            double fn = eval.numFalseNegatives(k);
            double iou = classIou.getStatistic(ClassIoU.NAME, k);
            double dice = classDice.getStatistic(ClassDice.NAME, k);
            assertEquals(tp / (tp + fp + fn), iou, 1e-12, "IoU of class " + k);
            assertEquals(eval.fMeasure(k), dice, 1e-12, "Dice of class " + k + " is the F-measure");
            assertTrue(iou < 1 && iou > 0, "noisy data should give 0 < IoU < 1, got " + iou);
            sumIou += iou;
            sumDice += dice;
        }
        assertEquals(sumIou / 3, mean.getStatistic(MeanIoUDice.MEAN_IOU), 1e-12);
        assertEquals(sumDice / 3, mean.getStatistic(MeanIoUDice.MEAN_DICE), 1e-12);
        assertEquals(eval.weightedFMeasure(), classDice.getClassWeightedAverageStatistic(ClassDice.NAME), 1e-12);

        String details = eval.toClassDetailsString();
        String summary = eval.toSummaryString();
        System.out.println(summary + "\n" + details);
        String header = details.lines().filter(l -> l.contains("TP Rate")).findFirst().orElse("");
        assertTrue(header.contains("IoU") && header.contains("Dice"), "no IoU/Dice columns in\n" + details);
        assertTrue(summary.contains("Mean IoU (mIoU, over classes)"), summary);
        assertTrue(summary.contains("Mean Dice (over classes)"), summary);
    }

    @Test
    void aClassAbsentFromTruthAndPredictionsScoresOne() throws Exception {
        double[][] confusion = {{5, 1, 0}, {2, 7, 0}, {0, 0, 0}};
        assertEquals(1.0, org.hybridqml.metrics.ClassOverlap.iou(confusion, 2));
        assertEquals(5.0 / 8, org.hybridqml.metrics.ClassOverlap.iou(confusion, 0), 1e-15);
        assertEquals(14.0 / 17, org.hybridqml.metrics.ClassOverlap.dice(confusion, 1), 1e-15);
    }

    /** Weka's command-line output of J48 on iris, without the lines that carry timings. */
    private static String j48OnIris(Path iris) throws Exception {
        String out = weka.classifiers.Evaluation.evaluateModel(new J48(), new String[]{"-t", iris.toString()});
        StringBuilder kept = new StringBuilder();
        out.lines().filter(l -> !l.contains("Time taken")).forEach(l -> kept.append(l).append('\n'));
        return kept.toString();
    }

    private static Path iris() throws Exception {
        Path f = Files.createTempFile("iris", ".arff");
        f.toFile().deleteOnExit();
        try (InputStream in = J48.class.getResourceAsStream("/weka/gui/knowledgeflow/templates/iris.arff")) {
            Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return f;
    }

    @Test
    void wekasOutputForJ48OnIrisIsTheSameWithAndWithoutThePackagesMetrics() throws Exception {
        Path iris = iris();
        unregister();
        String without;
        try {
            without = j48OnIris(iris);
        } finally {
            register();
        }
        assertFalse(without.contains("IoU") || without.contains("Dice"), without);
        String with = j48OnIris(iris);
        assertEquals(without, with, "installing the metrics changed J48's output on iris");
        assertTrue(with.contains("=== Detailed Accuracy By Class ==="), with);
    }

    @Test
    void theSystemPropertySwitchesThemOnForAnyNominalClassAndOffForSegmentationData() throws Exception {
        Path iris = iris();
        try {
            System.setProperty(OverlapMetricsApplicability.PROPERTY, "on");
            String on = j48OnIris(iris);
            assertTrue(on.contains("Mean IoU (mIoU, over classes)") && on.contains("Mean Dice (over classes)"), on);
            String header = on.lines().filter(l -> l.contains("TP Rate")).findFirst().orElse("");
            assertTrue(header.contains("IoU") && header.contains("Dice"), on);

            System.setProperty(OverlapMetricsApplicability.PROPERTY, "off");
            Instances d = data();
            weka.classifiers.Evaluation eval = new weka.classifiers.Evaluation(d);
            eval.crossValidateModel(new J48(), d, 3, new Random(1));
            String text = eval.toSummaryString() + eval.toClassDetailsString();
            assertFalse(text.contains("IoU") || text.contains("Dice"), text);
        } finally {
            System.clearProperty(OverlapMetricsApplicability.PROPERTY);
        }
    }

    @Test
    void segmentationHeadersAreRecognised() {
        ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("x"));
        atts.add(new Attribute("class", List.of("a", "b")));
        Instances plain = new Instances("plain", atts, 0);
        plain.setClassIndex(1);
        assertFalse(OverlapMetricsApplicability.isSegmentationHeader(plain));
        ArrayList<Attribute> seg = new ArrayList<>();
        seg.add(new Attribute("x"));
        seg.add(new Attribute("class", List.of("background", "foreground")));
        Instances fg = new Instances("fg", seg, 0);
        fg.setClassIndex(1);
        assertTrue(OverlapMetricsApplicability.isSegmentationHeader(fg));
        assertTrue(OverlapMetricsApplicability.isSegmentationHeader(data()));
    }
}

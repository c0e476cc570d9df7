package weka.classifiers.functions;

import org.hybridqml.nn.unet.UNetBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import weka.classifiers.Evaluation;
import weka.classifiers.evaluation.AbstractEvaluationMetric;
import weka.classifiers.evaluation.ClassDice;
import weka.classifiers.evaluation.ClassIoU;
import weka.classifiers.evaluation.MeanIoUDice;
import weka.classifiers.rules.ZeroR;
import weka.core.CheckGOE;
import weka.core.CheckOptionHandler;
import weka.core.Instances;
import weka.core.PluginManager;
import weka.core.SerializationHelper;
import weka.core.converters.SegmentationArffWriter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link QuNetSegmenter} on the bundled tiny ISBI crops (six 32x32 EM images with membrane masks) through Weka's
 * own evaluation with an image-level split (images 0-3 train, 4-5 test), plus Weka's option and GUI-editor checks
 * (Weka's CheckClassifier data sets have no images, so {@code AbstractClassifierTest} does not apply), serialisation
 * and the error for a missing images location.
 */
class QuNetSegmenterTest {

    private static final String TYPE = AbstractEvaluationMetric.class.getName();

    @BeforeAll
    static void register() {
        for (Class<?> c : List.of(ClassIoU.class, ClassDice.class, MeanIoUDice.class)) {
            PluginManager.addPlugin(TYPE, c.getName(), c.getName());
        }
    }

    @AfterAll
    static void unregister() {
        PluginManager.removePlugins(TYPE, List.of(ClassIoU.class.getName(), ClassDice.class.getName(),
                MeanIoUDice.class.getName()));
    }

    static Path isbi(String sub) throws Exception {
        return Path.of(QuNetSegmenterTest.class.getResource("/images/isbi-tiny/" + sub).toURI());
    }

    /** Pixel instances of the given tiny ISBI images (all pixels, stride 1). */
    static Instances pixels(String... names) throws Exception {
        Instances all = SegmentationArffWriter.toInstances(isbi("image"), isbi("label"), 1, 0, false, false, "isbi");
        Instances out = new Instances(all, 0);
        for (int i = 0; i < all.numInstances(); i++) {
            if (List.of(names).contains(all.instance(i).stringValue(0))) {
                out.add(all.instance(i));
            }
        }
        return out;
    }

    static QuNetSegmenter segmenter() throws Exception {
        QuNetSegmenter s = new QuNetSegmenter();
        s.setImagesLocation(isbi("image").toFile());
        s.setFilters("4,8");
        s.setBottleneck("4-1");
        s.setEpochs(30);
        s.setMiniBatchSize(2);
        s.setLearningRate(0.01);
        return s;
    }

    @Test
    void imageLevelSplitScoresAboveZeroRAndTheSerialisedModelAgrees() throws Exception {
        Instances train = pixels("0", "1", "2", "3");
        Instances test = pixels("4", "5");
        QuNetSegmenter seg = segmenter();
        long t0 = System.nanoTime();
        seg.buildClassifier(train);
        double secs = (System.nanoTime() - t0) / 1e9;
        Evaluation eval = new Evaluation(train);
        eval.evaluateModel(seg, test);
        Evaluation zeroR = new Evaluation(train);
        ZeroR z = new ZeroR();
        z.buildClassifier(train);
        zeroR.evaluateModel(z, test);
        double miou = eval.getPluginMetric(MeanIoUDice.class.getName()).getStatistic(MeanIoUDice.MEAN_IOU);
        double miouZeroR = zeroR.getPluginMetric(MeanIoUDice.class.getName()).getStatistic(MeanIoUDice.MEAN_IOU);
        System.out.printf("tiny ISBI, 4 train / 2 test images (32x32): mean IoU %.3f (ZeroR %.3f), pixel accuracy "
                + "%.1f %%, training %.1f s%n%s%n%s%n", miou, miouZeroR, eval.pctCorrect(), secs, seg,
                eval.toSummaryString() + eval.toClassDetailsString());
        assertTrue(miou > miouZeroR + 0.05, "mean IoU " + miou + " should beat ZeroR's " + miouZeroR);
        // the package's metrics apply to segmentation evaluations (and only to such, see IoUDiceMetricsTest)
        assertTrue(eval.toSummaryString().contains("Mean IoU (mIoU, over classes)"), eval.toSummaryString());
        String header = eval.toClassDetailsString().lines().filter(l -> l.contains("TP Rate")).findFirst()
                .orElse("");
        assertTrue(header.contains("IoU") && header.contains("Dice"), eval.toClassDetailsString());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerializationHelper.write(bytes, seg);
        QuNetSegmenter back = (QuNetSegmenter) SerializationHelper.read(new ByteArrayInputStream(bytes.toByteArray()));
        double[][] a = seg.distributionsForInstances(test);
        double[][] b = back.distributionsForInstances(test);
        for (int i = 0; i < a.length; i += 97) {
            assertArrayEquals(a[i], b[i], 1e-6, "pixel " + i);
        }
    }

    @Test
    void optionsAndToolTipsPassWekasChecks() throws Exception {
        CheckOptionHandler options = new CheckOptionHandler();
        options.setOptionHandler(new QuNetSegmenter());
        options.setUserOptions(new String[]{"-E", "2", "-images-location", "/tmp", "-prior-bias"});
        options.setSilent(true);
        assertTrue(options.checkListOptions(), "listOptions");
        assertTrue(options.checkSetOptions(), "setOptions");
        assertTrue(options.checkDefaultOptions(), "default options");
        assertTrue(options.checkRemainingOptions(), "remaining options");
        assertTrue(options.checkCanonicalUserOptions(), "canonical user options");
        assertTrue(options.checkResettingOptions(), "resetting options");
        CheckGOE goe = new CheckGOE();
        goe.setObject(new QuNetSegmenter());
        goe.setSilent(true);
        assertTrue(goe.checkGlobalInfo(), "globalInfo");
        assertTrue(goe.checkToolTips(), "tool tips");
    }

    /**
     * -prior-bias: off by default, survives getOptions/setOptions, and reaches the trainer (0 epochs: the output bias
     * is the training pixels' foreground log-odds, Lin et al. arXiv:1708.02002 Sec. 3.3).
     */
    @Test
    void priorBiasOptionRoundTripsAndSetsTheOutputBias() throws Exception {
        QuNetSegmenter plain = new QuNetSegmenter();
        assertFalse(plain.getOutputBiasFromPrior());
        assertFalse(List.of(plain.getOptions()).contains("-prior-bias"));
        plain.setOptions(new String[]{"-prior-bias", "-E", "0"});
        assertTrue(plain.getOutputBiasFromPrior());
        QuNetSegmenter copy = new QuNetSegmenter();
        copy.setOptions(plain.getOptions());
        assertTrue(copy.getOutputBiasFromPrior(), String.join(" ", plain.getOptions()));
        copy.setOptions(new String[0]);
        assertFalse(copy.getOutputBiasFromPrior(), "setOptions resets an absent flag to its default");

        QuNetSegmenter seg = segmenter();
        seg.setOutputBiasFromPrior(true);
        seg.setEpochs(0);

        Instances train = pixels("0", "1");
        int fg = train.classAttribute().indexOfValue("foreground");
        int foreground = fg >= 0 ? fg : 1;
        double p = train.stream().filter(i -> i.classValue() == foreground).count() / (double) train.numInstances();
        seg.buildClassifier(train);
        assertEquals(Math.log(p / (1 - p)), seg.segmenter().network().getLayer(UNetBuilder.HEAD).getParam("b")
                .getDouble(0), 1e-6, "foreground share " + p);
        assertTrue(seg.toString().contains("output bias from the foreground prior"), seg.toString());
    }

    @Test
    void missingImagesAndAttributesAreReportedByName() throws Exception {
        Instances train = pixels("0");
        QuNetSegmenter seg = segmenter();
        seg.setImagesLocation(new File("no-such-folder"));
        Exception e = assertThrows(Exception.class, () -> seg.buildClassifier(train));
        assertTrue(e.getMessage().contains("no-such-folder"), e.getMessage());
        QuNetSegmenter seg2 = segmenter();
        seg2.setRowAttribute("y");
        e = assertThrows(IllegalArgumentException.class, () -> seg2.buildClassifier(train));
        assertTrue(e.getMessage().contains("'y'") && e.getMessage().contains("row"), e.getMessage());
    }
}

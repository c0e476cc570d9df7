package org.hybridqml.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinarySegmentationScorerTest {

    private static final double EPS = BinarySegmentationScorer.SOFT_IOU_EPSILON;

    /**
     * Image A: truth 1100, p .9 .4 .6 .1 → predicted 1010: TP 1, FP 1, FN 1, TN 1 (IoU 1/3, Dice 1/2).
     * Image B: truth 1000, p .8 .2 .3 0 → predicted 1000: TP 1, TN 3 (IoU 1, Dice 1).
     */
    private static SegmentationScores twoImageSet() {
        return new BinarySegmentationScorer()
                .add(new double[]{0.9, 0.4, 0.6, 0.1}, new boolean[]{true, true, false, false})
                .add(new double[]{0.8, 0.2, 0.3, 0.0}, new boolean[]{true, false, false, false})
                .scores();
    }

    @Test
    void pooledHardMetricsMatchHandCountedConfusion() {
        SegmentationScores s = twoImageSet();
        assertEquals(2, s.images());
        assertEquals(8, s.pixels());
        assertEquals(2, s.truePositives());
        assertEquals(1, s.falsePositives());
        assertEquals(1, s.falseNegatives());
        assertEquals(4, s.trueNegatives());
        assertEquals(2.0 / 4.0, s.iou(), 1e-15);
        assertEquals(4.0 / 6.0, s.dice(), 1e-15);
        assertEquals(6.0 / 8.0, s.pixelAccuracy(), 1e-15);
        assertEquals(4.0 / 6.0, s.backgroundIou(), 1e-15);
        assertEquals((0.5 + 4.0 / 6.0) / 2.0, s.meanIou(), 1e-15);
    }

    @Test
    void meanPerImageDiffersFromPooled() {
        SegmentationScores s = twoImageSet();
        assertEquals((1.0 / 3.0 + 1.0) / 2.0, s.meanPerImageIou(), 1e-15);
        assertEquals((0.5 + 1.0) / 2.0, s.meanPerImageDice(), 1e-15);
        assertEquals(1.0 / 3.0, s.perImageIou().get(0), 1e-15);
        assertEquals(1.0, s.perImageIou().get(1), 1e-15);
    }

    @Test
    void softIouIsThePaperFormulaPooledOverTheSet() {
        // Σ y·p = .9 + .4 + .8 = 2.1, Σ y = 3, Σ p = 2.0 + 1.3 = 3.3
        double expected = (2.1 + EPS) / (3.0 + 3.3 - 2.1 + EPS);
        SegmentationScores s = twoImageSet();
        assertEquals(expected, s.softIou(), 1e-12);
        assertTrue(s.hasSoftIou());
        // the soft IoU is not the hard IoU on this set only by the ε term: (2.1+ε)/(4.2+ε) vs exactly 0.5
        assertTrue(Math.abs(s.softIou() - 0.5) > 1e-9);
    }

    @Test
    void softIouUsesProbabilitiesWithoutThresholding() {
        // one image, truth 10, p .6 .3: hard IoU = 1, soft IoU = (.6+ε)/(1+.9-.6+ε)
        SegmentationScores s = new BinarySegmentationScorer()
                .add(new double[]{0.6, 0.3}, new boolean[]{true, false}).scores();
        assertEquals(1.0, s.iou(), 0.0);
        assertEquals((0.6 + EPS) / (1.3 + EPS), s.softIou(), 1e-12);
    }

    @Test
    void softIouOfEmptyTruthAndZeroProbabilitiesIsOneAndOfEmptyTruthWithMassIsAboutEpsilon() {
        SegmentationScores empty = new BinarySegmentationScorer()
                .add(new double[]{0, 0, 0}, new boolean[3]).scores();
        assertEquals(1.0, empty.softIou(), 1e-12);
        SegmentationScores falseMass = new BinarySegmentationScorer()
                .add(new double[]{0.5, 0.5, 0.5, 0.5}, new boolean[4]).scores();
        assertEquals(EPS / (2.0 + EPS), falseMass.softIou(), 1e-20);
    }

    @Test
    void emptyTruthAndEmptyPredictionScoreOne() {
        SegmentationScores s = new BinarySegmentationScorer()
                .add(new float[]{0.1f, 0.2f, 0.0f, 0.5f}, new boolean[4]).scores();
        assertEquals(0, s.truePositives() + s.falsePositives() + s.falseNegatives());
        assertEquals(1.0, s.iou(), 0.0);
        assertEquals(1.0, s.dice(), 0.0);
        assertEquals(1.0, s.meanPerImageIou(), 0.0);
        assertEquals(1.0, s.meanPerImageDice(), 0.0);
        assertEquals(1.0, s.backgroundIou(), 0.0);
        assertEquals(1.0, s.pixelAccuracy(), 0.0);
    }

    @Test
    void allWrongPredictionScoresZero() {
        SegmentationScores s = new BinarySegmentationScorer()
                .add(new float[]{0.1f, 0.9f, 0.2f, 0.8f}, new boolean[]{true, false, true, false}).scores();
        assertEquals(0.0, s.iou(), 0.0);
        assertEquals(0.0, s.dice(), 0.0);
        assertEquals(0.0, s.backgroundIou(), 0.0);
        assertEquals(0.0, s.meanIou(), 0.0);
        assertEquals(0.0, s.pixelAccuracy(), 0.0);
        assertEquals(0.0, s.meanPerImageIou(), 0.0);
    }

    @Test
    void predictingAllForegroundOnMostlyForegroundImageHasZeroBackgroundIou() {
        // ISBI-like: 80% of the pixels are "cell" (foreground); the membranes are what matters.
        boolean[] truth = {true, true, true, true, true, true, true, true, false, false};
        float[] p = new float[10];
        java.util.Arrays.fill(p, 0.99f);
        SegmentationScores s = new BinarySegmentationScorer().add(p, truth).scores();
        assertEquals(0.8, s.iou(), 1e-15);
        assertEquals(0.8, s.pixelAccuracy(), 1e-15);
        assertEquals(0.0, s.backgroundIou(), 0.0);
        assertEquals(0.4, s.meanIou(), 1e-15);
    }

    @Test
    void thresholdIsStrictAndConfigurable() {
        boolean[] truth = {true, false};
        double[] p = {0.5, 0.45};
        SegmentationScores atHalf = new BinarySegmentationScorer().add(p, truth).scores();
        assertEquals(0, atHalf.truePositives(), "p = 0.5 is not above the 0.5 threshold");
        assertEquals(1, atHalf.falseNegatives());
        SegmentationScores atPoint4 = new BinarySegmentationScorer(0.4).add(p, truth).scores();
        assertEquals(1, atPoint4.truePositives());
        assertEquals(1, atPoint4.falsePositives());
        assertEquals(0.4, atPoint4.threshold(), 0.0);
    }

    @Test
    void numericTruthMasksAndBatchScoringAgreeWithBooleanMasks() {
        double[][] p = {{0.9, 0.4, 0.6, 0.1}, {0.8, 0.2, 0.3, 0.0}};
        double[][] y = {{1, 1, 0, 0}, {1, 0, 0, 0}};
        assertEquals(twoImageSet(), BinarySegmentationScorer.score(p, y, 0.5));
        float[][] pf = {{0.9f, 0.4f, 0.6f, 0.1f}, {0.8f, 0.2f, 0.3f, 0.0f}};
        boolean[][] yb = {{true, true, false, false}, {true, false, false, false}};
        SegmentationScores fromFloats = BinarySegmentationScorer.score(pf, yb, 0.5);
        assertEquals(twoImageSet().iou(), fromFloats.iou(), 0.0);
        assertEquals(twoImageSet().softIou(), fromFloats.softIou(), 1e-6);
        SegmentationScores floatTruth = new BinarySegmentationScorer()
                .add(pf[0], new float[]{1, 1, 0, 0}).add(pf[1], new float[]{1, 0, 0, 0}).scores();
        assertEquals(fromFloats, floatTruth);
    }

    @Test
    void hardMasksIgnoreTheThresholdAndWithoutProbabilitiesGiveNaNSoftIou() {
        SegmentationScores s = new BinarySegmentationScorer(0.99)
                .addHard(new boolean[]{true, false, true}, new float[]{0.6f, 0.1f, 0.7f},
                        new boolean[]{true, false, false})
                .scores();
        assertEquals(1, s.truePositives());
        assertEquals(1, s.falsePositives());
        assertEquals(0.5, s.iou(), 0.0);
        assertTrue(s.hasSoftIou());
        SegmentationScores noProbabilities = new BinarySegmentationScorer()
                .addHard(new boolean[]{true, false}, null, new boolean[]{true, false})
                .add(new float[]{0.9f, 0.1f}, new boolean[]{true, false})
                .scores();
        assertTrue(Double.isNaN(noProbabilities.softIou()));
        assertFalse(noProbabilities.hasSoftIou());
        assertEquals(1.0, noProbabilities.iou(), 0.0);
        assertTrue(noProbabilities.toString().contains("softIoU=n/a"), noProbabilities.toString());
    }

    @Test
    void sizeMismatchIsRejectedNamingTheImage() {
        BinarySegmentationScorer scorer = new BinarySegmentationScorer()
                .add(new float[]{0.1f}, new boolean[]{false});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scorer.add(new float[]{0.1f, 0.2f, 0.3f}, new boolean[2]));
        assertTrue(e.getMessage().contains("image 1") && e.getMessage().contains("3 pixels")
                && e.getMessage().contains("has 2"), e.getMessage());
        IllegalArgumentException sets = assertThrows(IllegalArgumentException.class,
                () -> BinarySegmentationScorer.score(new float[2][1], new boolean[3][1], 0.5));
        assertTrue(sets.getMessage().contains("2 predicted images but 3 truth masks"), sets.getMessage());
    }

    @Test
    void invalidValuesAreRejectedNamingImageAndPixel() {
        BinarySegmentationScorer scorer = new BinarySegmentationScorer();
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> scorer.add(new float[]{0.1f, Float.NaN}, new boolean[2]));
        assertTrue(nan.getMessage().contains("image 0, pixel 1") && nan.getMessage().contains("NaN"),
                nan.getMessage());
        IllegalArgumentException above = assertThrows(IllegalArgumentException.class,
                () -> scorer.add(new double[]{1.5}, new boolean[1]));
        assertTrue(above.getMessage().contains("1.5"), above.getMessage());
        IllegalArgumentException truth = assertThrows(IllegalArgumentException.class,
                () -> scorer.add(new double[]{0.5, 0.5}, new double[]{0.0, 0.5}));
        assertTrue(truth.getMessage().contains("pixel 1") && truth.getMessage().contains("not 0 or 1"),
                truth.getMessage());
        assertThrows(IllegalArgumentException.class, () -> scorer.add(new float[0], new boolean[0]));
        assertEquals(0, scorer.imageCount(), "rejected images must not be counted");
    }

    @Test
    void emptySetsAndBadThresholdsAreRejected() {
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> new BinarySegmentationScorer().scores());
        assertTrue(none.getMessage().contains("No images"), none.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BinarySegmentationScorer.score(new float[0][], new boolean[0][], 0.5));
        assertThrows(IllegalArgumentException.class, () -> new BinarySegmentationScorer(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new BinarySegmentationScorer(1.2));
    }

    @Test
    void toStringNamesTheMainScores() {
        String text = twoImageSet().toString();
        assertTrue(text.contains("IoU=0.5000"), text);
        assertTrue(text.contains("Dice=0.6667"), text);
        assertTrue(text.contains("backgroundIoU=0.6667"), text);
        assertTrue(text.contains("TP=2, FP=1, FN=1, TN=4"), text);
    }
}

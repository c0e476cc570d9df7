package org.hybridqml.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed answers for every measure, including AUROC ties and the single-class conventions. */
class MultiLabelMetricsTest {

    private static final double EPS = 1e-12;

    // 4 examples x 3 labels; at threshold 0.5 the predictions are
    // [1,0,1] [0,1,0] [1,0,1] [0,1,0] against truth [1,0,1] [0,1,0] [1,1,0] [0,0,0].
    private static final int[][] TRUTH = {{1, 0, 1}, {0, 1, 0}, {1, 1, 0}, {0, 0, 0}};
    private static final double[][] SCORES = {{0.9, 0.2, 0.6}, {0.3, 0.7, 0.4}, {0.6, 0.4, 0.5}, {0.1, 0.5, 0.2}};

    @Test
    void sklearnDocumentationExampleGivesThreeQuarters() {
        // The example in scikit-learn's roc_auc_score documentation.
        assertEquals(0.75, MultiLabelMetrics.rocAuc(new double[]{0.1, 0.4, 0.35, 0.8}, new int[]{0, 0, 1, 1}), EPS);
    }

    @Test
    void tiedScoresCountOneHalfPerPositiveNegativePair() {
        // Positives 0.5, 0.9, 0.5; negatives 0.2, 0.5: pairs won 1+0.5 (twice) + 2 = 5 of 6.
        assertEquals(5.0 / 6.0,
                MultiLabelMetrics.rocAuc(new double[]{0.2, 0.5, 0.5, 0.9, 0.5}, new int[]{0, 1, 0, 1, 1}), EPS);
        // Checked against a trapezoidal ROC at distinct thresholds (scikit-learn's construction): 7/12.
        double[] s = {0.3, 0.3, 0.8, 0.1, 0.1, 0.5, 0.5, 0.5, 0.9, 0.2, 0.8, 0.3};
        int[] y = {1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1};
        assertEquals(7.0 / 12.0, MultiLabelMetrics.rocAuc(s, y), EPS);
    }

    @Test
    void allEqualScoresGiveOneHalfAndPerfectAndReversedRankingsGiveOneAndZero() {
        assertEquals(0.5, MultiLabelMetrics.rocAuc(new double[]{0.3, 0.3, 0.3, 0.3}, new int[]{1, 0, 0, 1}), EPS);
        assertEquals(1.0, MultiLabelMetrics.rocAuc(new double[]{0.9, 0.1, 0.2, 0.8}, new int[]{1, 0, 0, 1}), EPS);
        assertEquals(0.0, MultiLabelMetrics.rocAuc(new double[]{0.1, 0.9, 0.8, 0.2}, new int[]{1, 0, 0, 1}), EPS);
    }

    @Test
    void singleClassLabelHasNoAucAndIsSkippedFromTheMacroMean() {
        int[][] truth = {{1, 0, 1}, {0, 0, 1}, {1, 0, 1}};
        double[][] scores = {{0.9, 0.2, 0.1}, {0.1, 0.4, 0.7}, {0.8, 0.3, 0.5}};
        double[] perLabel = MultiLabelMetrics.perLabelAuroc(scores, truth);
        assertEquals(1.0, perLabel[0], EPS);
        assertTrue(Double.isNaN(perLabel[1]), "label 1 is never relevant");
        assertTrue(Double.isNaN(perLabel[2]), "label 2 is always relevant");
        MultiLabelReport r = MultiLabelMetrics.evaluate(scores, truth);
        assertEquals(1.0, r.macroAuroc(), EPS);
        assertEquals(2, r.labelsSkippedForAuroc());
        assertTrue(r.toString().contains("2 single-class skipped"), r.toString());
        int[][] allNegative = {{0}, {0}};
        assertTrue(Double.isNaN(MultiLabelMetrics.macroAuroc(new double[][]{{0.2}, {0.4}}, allNegative)));
    }

    @Test
    void handComputedExampleGivesEveryMeasure() {
        MultiLabelReport r = MultiLabelMetrics.evaluate(SCORES, TRUTH, 0.5, List.of("a", "b", "c"));
        // Label b: positives 0.7, 0.4 vs negatives 0.2, 0.5 -> 3 of 4 pairs; a and c are ranked perfectly.
        assertArrayEquals(new double[]{1.0, 0.75, 1.0}, r.perLabelAuroc(), EPS);
        assertEquals(2.75 / 3, r.macroAuroc(), EPS);
        assertEquals(0, r.labelsSkippedForAuroc());
        // Wrong pairs: example 2 labels b and c, example 3 label b -> 3 of 12.
        assertEquals(3.0 / 12, r.hammingLoss(), EPS);
        // Per example: 2/2, 1/1, 1/3 ({a,b} vs {a,c}), 0/1 ({} vs {b}).
        assertEquals((1 + 1 + 1.0 / 3 + 0) / 4, r.jaccardIndex(), EPS);
        // Pooled TP 4, FP 2, FN 1 -> 8/11.
        assertEquals(8.0 / 11, r.microF1(), EPS);
        // Per label F1: a 1, b 2/4, c 2/3.
        assertEquals((1 + 0.5 + 2.0 / 3) / 3, r.macroF1(), EPS);
        assertEquals(0.5, r.subsetAccuracy(), EPS);
        assertEquals(4, r.numExamples());
        assertTrue(r.toString().contains("macro AUROC     0.9167"), r.toString());
        assertTrue(r.toString().contains("Hamming loss    0.2500"), r.toString());
    }

    @Test
    void emptyTruthAndEmptyPredictionScoreJaccardOne() {
        int[][] empty = {{0, 0, 0}, {0, 0, 0}};
        assertEquals(1.0, MultiLabelMetrics.jaccardIndex(empty, empty), EPS);
        assertEquals(0.5, MultiLabelMetrics.jaccardIndex(empty, new int[][]{{0, 0, 0}, {0, 1, 0}}), EPS);
        // No true positive anywhere: F1 is 0 by MEKA's convention, not NaN; exact match is perfect.
        assertEquals(0.0, MultiLabelMetrics.microF1(empty, empty), EPS);
        assertEquals(0.0, MultiLabelMetrics.macroF1ByLabel(empty, empty), EPS);
        assertEquals(1.0, MultiLabelMetrics.subsetAccuracy(empty, empty), EPS);
        assertEquals(0.0, MultiLabelMetrics.hammingLoss(empty, empty), EPS);
    }

    @Test
    void logitsGiveTheSameAurocAndWithThresholdZeroTheSamePredictions() {
        double[][] logits = new double[SCORES.length][3];
        for (int i = 0; i < SCORES.length; i++) {
            for (int l = 0; l < 3; l++) {
                logits[i][l] = Math.log(SCORES[i][l] / (1 - SCORES[i][l]));
            }
        }
        MultiLabelReport fromProbabilities = MultiLabelMetrics.evaluate(SCORES, TRUTH, 0.5, null);
        MultiLabelReport fromLogits = MultiLabelMetrics.evaluate(logits, TRUTH, 0.0, null);
        assertArrayEquals(fromProbabilities.perLabelAuroc(), fromLogits.perLabelAuroc(), EPS);
        assertEquals(fromProbabilities.hammingLoss(), fromLogits.hammingLoss(), EPS);
        assertEquals(fromProbabilities.jaccardIndex(), fromLogits.jaccardIndex(), EPS);
        assertEquals(List.of("label0", "label1", "label2"), fromLogits.labelNames());
    }

    @Test
    void givenDecisionsOverrideTheThresholdButNotTheAuroc() {
        int[][] allOn = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
        MultiLabelReport r = MultiLabelMetrics.evaluate(SCORES, TRUTH, allOn, null);
        assertEquals(2.75 / 3, r.macroAuroc(), EPS);
        // Truth has 5 positives in 12 cells: predicting everything gives 7 false positives.
        assertEquals(7.0 / 12, r.hammingLoss(), EPS);
        assertTrue(Double.isNaN(r.threshold()));
        assertTrue(r.toString().contains("model's own decisions"), r.toString());
    }

    @Test
    void thresholdIsInclusive() {
        assertArrayEquals(new int[][]{{1, 0, 1}}, MultiLabelMetrics.threshold(new double[][]{{0.5, 0.49, 0.51}}, 0.5));
    }

    @Test
    void shapeAndValueErrorsNameTheProblem() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> MultiLabelMetrics.evaluate(new double[][]{{0.1, 0.2}}, new int[][]{{1, 0, 1}}));
        assertTrue(e.getMessage().contains("label count mismatch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MultiLabelMetrics.hammingLoss(new int[][]{{1, 2}}, new int[][]{{1, 0}}));
        assertTrue(e.getMessage().contains("non-binary truth value 2 at example 0, label 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MultiLabelMetrics.microF1(new int[][]{{1, 0}}, new int[][]{{1, 0}, {0, 0}}));
        assertTrue(e.getMessage().contains("example count mismatch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MultiLabelMetrics.evaluate(SCORES, TRUTH, 0.5, List.of("a", "b")));
        assertTrue(e.getMessage().contains("2 label names for 3 label columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MultiLabelMetrics.rocAuc(new double[]{Double.NaN, 1}, new int[]{0, 1}));
        assertTrue(e.getMessage().contains("NaN score"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MultiLabelMetrics.jaccardIndex(new int[0][], new int[0][]));
        assertTrue(e.getMessage().contains("no examples"), e.getMessage());
    }
}

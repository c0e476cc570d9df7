package org.hybridqml.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PCut1 on hand-made probabilities with hand-computed thresholds, ties, and the edge cases. */
class PCutThresholdTest {

    private static final double EPS = 1e-12;

    // Sorted: 0.05 0.1 0.2 0.3 0.35 0.4 — every probability below 0.5, so a fixed 0.5 predicts nothing.
    private static final double[][] P = {{0.1, 0.4, 0.3}, {0.2, 0.35, 0.05}};

    private static double predictedCardinality(double[][] p, double t) {
        return PCutThreshold.labelCardinality(MultiLabelMetrics.threshold(p, t));
    }

    @Test
    void cardinalityOneOnTwoRowsPredictsTheTwoLargestProbabilities() {
        double t = PCutThreshold.pcut1(P, 1.0);
        assertEquals((0.35 + 0.3) / 2, t, EPS);
        assertEquals(1.0, predictedCardinality(P, t), EPS);
        assertEquals(0.0, predictedCardinality(P, 0.5), EPS);
    }

    @Test
    void equallyCloseCountsKeepTheHigherThreshold() {
        // Target 1.5 labels in all: 1 and 2 are both 0.5 away; the smaller count (higher threshold) wins.
        double t = PCutThreshold.pcut1(P, 0.75);
        assertEquals((0.4 + 0.35) / 2, t, EPS);
        assertEquals(0.5, predictedCardinality(P, t), EPS);
    }

    @Test
    void fullCardinalityPredictsEveryLabel() {
        double t = PCutThreshold.pcut1(P, 3.0);
        assertEquals(0.05 / 2, t, EPS);
        assertEquals(3.0, predictedCardinality(P, t), EPS);
    }

    @Test
    void tiedProbabilitiesMoveTogether() {
        // Values 0.5 (three times) and 0.2; target 2 labels in all: counts 0, 3, 4 are 2, 1, 2 away -> 3.
        double[][] p = {{0.5, 0.5}, {0.5, 0.2}};
        double t = PCutThreshold.pcut1(p, 1.0);
        assertEquals(0.35, t, EPS);
        assertEquals(1.5, predictedCardinality(p, t), EPS);
    }

    @Test
    void cardinalityZeroGivesAThresholdAboveEveryProbability() {
        assertEquals(0.7, PCutThreshold.pcut1(P, 0.0), EPS);
        double t = PCutThreshold.pcut1(new double[][]{{1.0, 0.3}, {0.9, 1.0}}, 0.0);
        assertTrue(t > 1.0, "threshold " + t);
        assertEquals(0.0, predictedCardinality(new double[][]{{1.0, 0.3}, {0.9, 1.0}}, t), EPS);
    }

    @Test
    void labelCardinalityIsTheMeanRowSum() {
        assertEquals(1.5, PCutThreshold.labelCardinality(new int[][]{{1, 0, 1}, {0, 0, 0}, {1, 1, 1}, {0, 1, 0}}),
                EPS);
    }

    @Test
    void badInputsAreRejectedByName() {
        assertMessage(() -> PCutThreshold.pcut1(new double[0][], 1), "no rows");
        assertMessage(() -> PCutThreshold.pcut1(null, 1), "no rows");
        assertMessage(() -> PCutThreshold.pcut1(new double[][]{{}}, 0), "row 0 has no labels");
        assertMessage(() -> PCutThreshold.pcut1(new double[][]{{0.1, Double.NaN}}, 1), "row 0, label 1 is NaN");
        assertMessage(() -> PCutThreshold.pcut1(new double[][]{{0.1, 0.2}, {0.3}}, 1), "row 1 has 1 labels");
        assertMessage(() -> PCutThreshold.pcut1(new double[][]{{0.1, 1.5}}, 1), "not a probability");
        assertMessage(() -> PCutThreshold.pcut1(P, Double.NaN), "label cardinality");
        assertMessage(() -> PCutThreshold.pcut1(P, 4), "label cardinality");
        assertMessage(() -> PCutThreshold.labelCardinality(new int[0][]), "no label rows");
        assertMessage(() -> PCutThreshold.labelCardinality(new int[][]{{0, 2}}), "not 0 or 1");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}

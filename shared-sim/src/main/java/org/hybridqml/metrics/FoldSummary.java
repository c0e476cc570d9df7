package org.hybridqml.metrics;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.Locale;

/**
 * Mean, median and interquartile range of a metric over cross-validation folds, the summary the QuFeX paper reports
 * (Jain &amp; Kalev, arXiv:2501.13165, Sec. IV.A: "Average IoU" is the mean over the 5 folds, as the authors' logs in
 * {@code Jain-Naman/QuNet-Ph2/results} print it; median and IQR are compared too).
 *
 * <p>Quantile definition: linear interpolation between order statistics, Hyndman &amp; Fan type 7, which is
 * numpy's default {@code np.percentile(..., method="linear")} and R's default {@code quantile(type=7)}: for sorted
 * values x<sub>0</sub> &le; … &le; x<sub>n−1</sub> the q-quantile is at position h = (n − 1)·q, interpolated between
 * x<sub>⌊h⌋</sub> and x<sub>⌈h⌉</sub>. Computed with Commons Math's {@code Percentile} set to
 * {@code EstimationType.R_7}; its default estimation differs and would give other quartiles for small fold
 * counts (for 1, 2, 3, 4: Q1 = 1.75 here, 1.25 with Commons Math's default).
 *
 * @param count                number of folds
 * @param mean                 arithmetic mean
 * @param median               50th percentile
 * @param firstQuartile        25th percentile (Q1)
 * @param thirdQuartile        75th percentile (Q3)
 * @param interquartileRange   Q3 − Q1
 * @param min                  smallest value
 * @param max                  largest value
 */
public record FoldSummary(int count, double mean, double median, double firstQuartile, double thirdQuartile,
                          double interquartileRange, double min, double max) {

    /**
     * Summarises per-fold values.
     *
     * @param values one metric value per fold, at least one, all finite
     * @return the summary
     * @throws IllegalArgumentException if there is no value or a value is NaN or infinite
     */
    public static FoldSummary of(double... values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("A fold summary needs at least one fold value");
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("Fold value " + i + " is not finite: " + values[i]);
            }
            sum += values[i];
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(values.clone());
        double q1 = percentile.evaluate(25.0);
        double median = percentile.evaluate(50.0);
        double q3 = percentile.evaluate(75.0);
        return new FoldSummary(values.length, sum / values.length, median, q1, q3, q3 - q1, min, max);
    }

    /**
     * One line: mean, median and IQR with four decimals, then the quartiles, range and count.
     *
     * @return a readable summary
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "mean %.4f, median %.4f, IQR %.4f (Q1 %.4f, Q3 %.4f, min %.4f, max %.4f, n=%d)",
                mean, median, interquartileRange, firstQuartile, thirdQuartile, min, max, count);
    }
}

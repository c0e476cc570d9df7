package org.hybridqml.metrics;

import java.util.Arrays;

/**
 * Calibrates one decision threshold for all labels of a multi-label model so that its predicted label cardinality
 * on the training rows matches the training label cardinality: the "PCut1" rule of MEKA (Read et al., "MEKA: A
 * Multi-label/Multi-target Extension to WEKA", JMLR 17(21), 2016; the {@code -threshold PCut1} default of MEKA's
 * multi-label evaluation). A head whose probabilities on rare labels never reach 0.5 (e.g. the dressed quantum
 * circuit of Chan et al., arXiv:2405.00156, on the rare yeast labels) then still predicts some labels, as it does
 * when MEKA evaluates it.
 *
 * <h2>Rule</h2>
 * A label is predicted when its probability is {@code >= t} (MEKA's and {@link MultiLabelMetrics}'s rule). With
 * {@code n} rows and {@code L} labels, let {@code v_1 > v_2 > ... > v_m} be the distinct values among the
 * {@code n·L} probabilities and {@code c_j} the number of probabilities {@code >= v_j}. The candidates are
 * "predict nothing" (count 0) and each {@code v_j} (count {@code c_j}); their predicted cardinalities are
 * {@code count / n}. The search (one sort, then a scan of the candidates in order of increasing count) keeps the
 * candidate whose predicted cardinality is closest to the target, {@code |count/n − cardinality|}; on a tie the
 * candidate with the <em>smaller</em> count (the higher threshold, fewer predicted labels) wins.
 *
 * <p>Every threshold in the half-open interval between the chosen value and the next lower distinct value
 * reproduces the chosen count on the training rows; the returned threshold is the middle of that interval, so
 * that unseen rows whose probabilities lie slightly below a training value are treated alike:
 * <ul>
 *   <li>"predict nothing": {@code (v_1 + 1) / 2}, or the next double above {@code v_1} when {@code v_1 = 1} — in
 *       both cases above every probability;</li>
 *   <li>{@code v_j} with a lower value {@code v_(j+1)}: {@code (v_j + v_(j+1)) / 2};</li>
 *   <li>{@code v_m} (every probability predicted): {@code v_m / 2}, or {@code v_m} itself when it is 0.</li>
 * </ul>
 * A target cardinality of 0 therefore always returns a threshold above every probability. Which rows are given is
 * the caller's choice: MEKA 1.9.7's evaluation passes the predictions on the evaluated (test) rows with the
 * training cardinality as the target; the Tribuo multi-label trainer passes the training rows. MEKA also takes a
 * midpoint between neighbouring sorted values; its rounding of the target count and its edge cases differ, so the
 * thresholds agree only up to that choice (this is an independent implementation, not a port).
 */
public final class PCutThreshold {

    private PCutThreshold() {
    }

    /**
     * The PCut1 threshold (see the class description for the search and tie rule).
     *
     * @param probabilities    the training rows' label probabilities, {@code [n][L]}, each in [0, 1], n ≥ 1, L ≥ 1,
     *                         every row of length L
     * @param labelCardinality the training label cardinality (mean number of relevant labels per row), in [0, L]
     * @return the threshold; labels with probability {@code >= } it are predicted
     * @throws IllegalArgumentException naming the probabilities or the cardinality if they are missing, empty,
     *                                  ragged, NaN or out of range
     */
    public static double pcut1(double[][] probabilities, double labelCardinality) {
        if (probabilities == null || probabilities.length == 0) {
            throw new IllegalArgumentException("PCut1 probabilities: no rows (need the training rows' label "
                    + "probabilities)");
        }
        if (probabilities[0] == null || probabilities[0].length == 0) {
            throw new IllegalArgumentException("PCut1 probabilities: row 0 has no labels");
        }
        int n = probabilities.length;
        int numLabels = probabilities[0].length;
        if (!(labelCardinality >= 0 && labelCardinality <= numLabels)) {
            throw new IllegalArgumentException("PCut1 label cardinality must be in [0, " + numLabels
                    + "] (the number of labels), got " + labelCardinality);
        }
        double[] all = new double[n * numLabels];
        for (int i = 0; i < n; i++) {
            double[] row = probabilities[i];
            if (row == null || row.length != numLabels) {
                throw new IllegalArgumentException("PCut1 probabilities: row " + i + " has "
                        + (row == null ? "no array" : row.length + " labels") + ", row 0 has " + numLabels);
            }
            for (int k = 0; k < numLabels; k++) {
                double p = row[k];
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("PCut1 probabilities: row " + i + ", label " + k + " is "
                            + p + ", not a probability in [0, 1]");
                }
                all[i * numLabels + k] = p;
            }
        }
        Arrays.sort(all);
        // Candidate "predict nothing": count 0, threshold above the largest value.
        int top = all.length - 1;
        double bestError = labelCardinality;
        double best = all[top] < 1 ? (all[top] + 1) / 2 : Math.nextUp(all[top]);
        // Scan the distinct values from the largest down: the count of values >= v grows with each step, so a
        // strictly smaller error is needed to replace the current best (ties keep the smaller count).
        int j = top;
        while (j >= 0) {
            double v = all[j];
            int lowest = j;
            while (lowest > 0 && all[lowest - 1] == v) {
                lowest--;
            }
            int count = all.length - lowest;
            double error = Math.abs((double) count / n - labelCardinality);
            if (error < bestError) {
                bestError = error;
                best = lowest > 0 ? (v + all[lowest - 1]) / 2 : v / 2;
            }
            j = lowest - 1;
        }
        return best;
    }

    /**
     * The label cardinality of 0/1 label rows: the mean number of relevant labels per row.
     *
     * @param labels {@code [n][L]} of 0/1, n ≥ 1
     * @return the mean row sum
     * @throws IllegalArgumentException if there are no rows or an entry is not 0 or 1
     */
    public static double labelCardinality(int[][] labels) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("Label cardinality: no label rows");
        }
        long sum = 0;
        for (int i = 0; i < labels.length; i++) {
            for (int k = 0; k < labels[i].length; k++) {
                int v = labels[i][k];
                if (v != 0 && v != 1) {
                    throw new IllegalArgumentException("Label cardinality: row " + i + ", label " + k + " is " + v
                            + ", not 0 or 1");
                }
                sum += v;
            }
        }
        return (double) sum / labels.length;
    }
}

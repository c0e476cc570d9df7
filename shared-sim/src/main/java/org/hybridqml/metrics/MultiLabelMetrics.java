package org.hybridqml.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-label evaluation measures on plain arrays.
 *
 * <h2>Inputs</h2>
 * <ul>
 *   <li>{@code truth}: {@code int[n][L]}, each entry 0 (irrelevant) or 1 (relevant); every row has L entries.</li>
 *   <li>{@code scores}: {@code double[n][L]}, larger means "more relevant". Probabilities in [0, 1] and logits
 *       are both accepted: the ROC AUC only depends on the ordering of the scores, so a sigmoid does not change it.
 *       The threshold, however, is on the scale given: use {@value #DEFAULT_THRESHOLD} for probabilities and 0 for
 *       logits. NaN scores are rejected.</li>
 *   <li>{@code predicted}: {@code int[n][L]} of 0/1, e.g. from {@link #threshold(double[][], double)}: a label is
 *       predicted relevant when its score is {@code >= threshold} (MEKA's rule).</li>
 * </ul>
 * Shape errors and non-binary entries throw {@link IllegalArgumentException} naming the row and label.
 *
 * <h2>Conventions (match MEKA 1.9.7 {@code meka.core.Metrics} and scikit-learn)</h2>
 * <ul>
 *   <li>ROC AUC is the Mann–Whitney statistic with tied scores given their average rank, so a positive and a
 *       negative with the same score count one half; this equals scikit-learn's {@code roc_auc_score}. A label whose
 *       truth holds only one class has no ROC AUC ({@code NaN}).</li>
 *   <li>Macro AUROC is the unweighted mean of the per-label ROC AUCs over the labels that have both classes in the
 *       truth; the others are skipped and counted ({@link MultiLabelReport#labelsSkippedForAuroc()}). scikit-learn's
 *       macro average raises an error instead; the DQC paper's analysis scores each label separately, so on its
 *       test sets (every label present) both agree. If no label has both classes the macro AUROC is NaN.</li>
 *   <li>Jaccard index (MEKA's "Accuracy"): per example |truth ∩ predicted| / |truth ∪ predicted|, 1 when both
 *       are empty, averaged over examples. (Tribuo's {@code jaccardScore} gives NaN for that case.)</li>
 *   <li>F1 of a set of counts is 2TP / (2TP + FP + FN), and 0 when TP = 0 (MEKA: precision or recall is 0).
 *       Micro F1 pools the counts of all labels; macro F1 by label averages the per-label F1 over all L labels,
 *       so a label that is never relevant and never predicted contributes 0, as in MEKA.</li>
 *   <li>Hamming loss is (FP + FN) / (n · L); subset accuracy (exact match) is the fraction of examples whose
 *       predicted label set equals the truth.</li>
 * </ul>
 */
public final class MultiLabelMetrics {

    /** Default decision threshold for scores that are probabilities. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private MultiLabelMetrics() {
    }

    /**
     * Computes every measure at once.
     *
     * @param scores     per-example, per-label scores (probabilities or logits)
     * @param truth      per-example, per-label 0/1 truth
     * @param threshold  decision threshold on the scale of {@code scores}
     * @param labelNames label names in column order, or {@code null} for {@code label0, label1, ...}
     * @return the report
     */
    public static MultiLabelReport evaluate(double[][] scores, int[][] truth, double threshold,
                                            List<String> labelNames) {
        int numLabels = checkTruth(truth);
        checkScores(scores, truth.length, numLabels);
        return evaluate(scores, truth, threshold(scores, threshold), threshold, names(labelNames, numLabels));
    }

    /**
     * Computes every measure, taking the decisions from {@code predicted} rather than thresholding the scores:
     * for a model whose own decision rule is not "score &gt;= t" (e.g. a Tribuo model's predicted label set), so
     * the thresholded measures match the platform's own evaluation while the AUROC still uses the scores.
     *
     * @param scores     per-example, per-label scores (used for the ROC AUCs only)
     * @param truth      per-example, per-label 0/1 truth
     * @param predicted  per-example, per-label 0/1 decisions
     * @param labelNames label names in column order, or {@code null} for {@code label0, label1, ...}
     * @return the report, with {@link MultiLabelReport#threshold()} NaN (no threshold was applied)
     */
    public static MultiLabelReport evaluate(double[][] scores, int[][] truth, int[][] predicted,
                                            List<String> labelNames) {
        int numLabels = checkTruth(truth);
        checkScores(scores, truth.length, numLabels);
        checkPair(truth, predicted);
        return evaluate(scores, truth, predicted, Double.NaN, names(labelNames, numLabels));
    }

    /** The given names after checking their count, or generated {@code label0, label1, ...}. */
    private static List<String> names(List<String> labelNames, int numLabels) {
        if (labelNames == null) {
            List<String> names = new ArrayList<>();
            for (int l = 0; l < numLabels; l++) {
                names.add("label" + l);
            }
            return names;
        }
        if (labelNames.size() != numLabels) {
            throw new IllegalArgumentException("label count mismatch: " + labelNames.size() + " label names for "
                    + numLabels + " label columns");
        }
        return labelNames;
    }

    private static MultiLabelReport evaluate(double[][] scores, int[][] truth, int[][] predicted, double threshold,
                                             List<String> names) {
        double[] auroc = perLabelAuroc(scores, truth);
        int skipped = 0;
        for (double a : auroc) {
            if (Double.isNaN(a)) {
                skipped++;
            }
        }
        return new MultiLabelReport(List.copyOf(names), truth.length, threshold, auroc, macroAuroc(auroc), skipped,
                hammingLoss(truth, predicted), jaccardIndex(truth, predicted), microF1(truth, predicted),
                macroF1ByLabel(truth, predicted), subsetAccuracy(truth, predicted));
    }

    /**
     * Same as {@link #evaluate(double[][], int[][], double, List)} with threshold {@value #DEFAULT_THRESHOLD}
     * (probability scores) and generated label names.
     *
     * @param scores probability scores
     * @param truth  0/1 truth
     * @return the report
     */
    public static MultiLabelReport evaluate(double[][] scores, int[][] truth) {
        return evaluate(scores, truth, DEFAULT_THRESHOLD, null);
    }

    /**
     * Binarises scores: 1 where {@code score >= threshold}.
     *
     * @param scores    the scores
     * @param threshold the threshold on the scale of the scores
     * @return 0/1 predictions of the same shape
     */
    public static int[][] threshold(double[][] scores, double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        int[][] out = new int[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            out[i] = new int[scores[i].length];
            for (int l = 0; l < scores[i].length; l++) {
                out[i][l] = scores[i][l] >= threshold ? 1 : 0;
            }
        }
        return out;
    }

    /**
     * ROC AUC of one label: the probability that a random relevant example scores above a random irrelevant one,
     * ties counting one half (average ranks), equal to scikit-learn's {@code roc_auc_score}.
     *
     * @param scores the scores of the n examples
     * @param truth  the 0/1 truth of the n examples
     * @return the AUC in [0, 1], or NaN when the truth holds only one class
     */
    public static double rocAuc(double[] scores, int[] truth) {
        if (scores.length != truth.length) {
            throw new IllegalArgumentException("example count mismatch: " + scores.length + " scores, "
                    + truth.length + " truth values");
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        long positives = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            if (truth[i] != 0 && truth[i] != 1) {
                throw new IllegalArgumentException("non-binary truth value " + truth[i] + " at example " + i);
            }
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("NaN score at example " + i);
            }
            positives += truth[i];
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        // Sum of the 1-based ranks of the positives, each tie group getting the mean of its ranks.
        double positiveRankSum = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1.0;
            for (int k = start; k <= end; k++) {
                if (truth[order[k]] == 1) {
                    positiveRankSum += averageRank;
                }
            }
            start = end + 1;
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /**
     * ROC AUC of every label.
     *
     * @param scores {@code double[n][L]} scores
     * @param truth  {@code int[n][L]} 0/1 truth
     * @return L values, NaN for labels whose truth holds one class only
     */
    public static double[] perLabelAuroc(double[][] scores, int[][] truth) {
        int numLabels = checkTruth(truth);
        checkScores(scores, truth.length, numLabels);
        double[] out = new double[numLabels];
        double[] s = new double[truth.length];
        int[] t = new int[truth.length];
        for (int l = 0; l < numLabels; l++) {
            for (int i = 0; i < truth.length; i++) {
                s[i] = scores[i][l];
                t[i] = truth[i][l];
            }
            out[l] = rocAuc(s, t);
        }
        return out;
    }

    /**
     * Macro AUROC: the unweighted mean of the per-label AUCs that are defined (not NaN).
     *
     * @param perLabelAuroc per-label AUCs from {@link #perLabelAuroc(double[][], int[][])}
     * @return the mean, or NaN if no label has both classes
     */
    public static double macroAuroc(double[] perLabelAuroc) {
        double sum = 0;
        int count = 0;
        for (double a : perLabelAuroc) {
            if (!Double.isNaN(a)) {
                sum += a;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * Macro AUROC of scores against truth (single-class labels skipped).
     *
     * @param scores {@code double[n][L]} scores
     * @param truth  {@code int[n][L]} 0/1 truth
     * @return the macro AUROC, or NaN if no label has both classes
     */
    public static double macroAuroc(double[][] scores, int[][] truth) {
        return macroAuroc(perLabelAuroc(scores, truth));
    }

    /**
     * Hamming loss: the fraction of (example, label) pairs predicted wrongly, (FP + FN) / (n · L).
     *
     * @param truth     0/1 truth
     * @param predicted 0/1 predictions
     * @return the loss in [0, 1]
     */
    public static double hammingLoss(int[][] truth, int[][] predicted) {
        int numLabels = checkPair(truth, predicted);
        long wrong = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int l = 0; l < numLabels; l++) {
                if (truth[i][l] != predicted[i][l]) {
                    wrong++;
                }
            }
        }
        return (double) wrong / ((double) truth.length * numLabels);
    }

    /**
     * Jaccard index averaged over examples, with an empty truth and an empty prediction scoring 1 (MEKA).
     *
     * @param truth     0/1 truth
     * @param predicted 0/1 predictions
     * @return the mean Jaccard index in [0, 1]
     */
    public static double jaccardIndex(int[][] truth, int[][] predicted) {
        int numLabels = checkPair(truth, predicted);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            int union = 0;
            int intersection = 0;
            for (int l = 0; l < numLabels; l++) {
                union += truth[i][l] | predicted[i][l];
                intersection += truth[i][l] & predicted[i][l];
            }
            sum += union == 0 ? 1.0 : (double) intersection / union;
        }
        return sum / truth.length;
    }

    /**
     * Micro-averaged F1: F1 of the true/false positive and false negative counts pooled over all labels.
     *
     * @param truth     0/1 truth
     * @param predicted 0/1 predictions
     * @return micro F1 in [0, 1] (0 when there is no true positive)
     */
    public static double microF1(int[][] truth, int[][] predicted) {
        int numLabels = checkPair(truth, predicted);
        long[] counts = new long[3];
        for (int l = 0; l < numLabels; l++) {
            addCounts(truth, predicted, l, counts);
        }
        return f1(counts);
    }

    /**
     * Macro F1 by label: the unweighted mean over all L labels of each label's F1 (0 when it has no true positive).
     *
     * @param truth     0/1 truth
     * @param predicted 0/1 predictions
     * @return macro F1 in [0, 1]
     */
    public static double macroF1ByLabel(int[][] truth, int[][] predicted) {
        int numLabels = checkPair(truth, predicted);
        double sum = 0;
        for (int l = 0; l < numLabels; l++) {
            long[] counts = new long[3];
            addCounts(truth, predicted, l, counts);
            sum += f1(counts);
        }
        return sum / numLabels;
    }

    /**
     * Subset accuracy (exact match): the fraction of examples whose whole label vector is predicted correctly.
     *
     * @param truth     0/1 truth
     * @param predicted 0/1 predictions
     * @return the fraction in [0, 1]
     */
    public static double subsetAccuracy(int[][] truth, int[][] predicted) {
        checkPair(truth, predicted);
        int exact = 0;
        for (int i = 0; i < truth.length; i++) {
            if (Arrays.equals(truth[i], predicted[i])) {
                exact++;
            }
        }
        return (double) exact / truth.length;
    }

    /** Adds label l's TP, FP, FN to counts[0..2]. */
    private static void addCounts(int[][] truth, int[][] predicted, int l, long[] counts) {
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i][l];
            int p = predicted[i][l];
            if (t == 1 && p == 1) {
                counts[0]++;
            } else if (p == 1) {
                counts[1]++;
            } else if (t == 1) {
                counts[2]++;
            }
        }
    }

    private static double f1(long[] tpFpFn) {
        long tp = tpFpFn[0];
        return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + tpFpFn[1] + tpFpFn[2]);
    }

    /** Checks a 0/1 matrix with at least one row and one label; returns L. */
    private static int checkBinary(int[][] m, String what) {
        if (m == null || m.length == 0) {
            throw new IllegalArgumentException(what + " has no examples");
        }
        int numLabels = m[0].length;
        if (numLabels == 0) {
            throw new IllegalArgumentException(what + " has no labels");
        }
        for (int i = 0; i < m.length; i++) {
            if (m[i].length != numLabels) {
                throw new IllegalArgumentException("label count mismatch: " + what + " row " + i + " has "
                        + m[i].length + " labels, row 0 has " + numLabels);
            }
            for (int l = 0; l < numLabels; l++) {
                if (m[i][l] != 0 && m[i][l] != 1) {
                    throw new IllegalArgumentException("non-binary " + what + " value " + m[i][l] + " at example " + i
                            + ", label " + l + " (expected 0 or 1)");
                }
            }
        }
        return numLabels;
    }

    private static int checkTruth(int[][] truth) {
        return checkBinary(truth, "truth");
    }

    private static int checkPair(int[][] truth, int[][] predicted) {
        int numLabels = checkTruth(truth);
        int predictedLabels = checkBinary(predicted, "prediction");
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("example count mismatch: " + predicted.length + " predictions, "
                    + truth.length + " truth rows");
        }
        if (predictedLabels != numLabels) {
            throw new IllegalArgumentException("label count mismatch: predictions have " + predictedLabels
                    + " labels, truth has " + numLabels);
        }
        return numLabels;
    }

    private static void checkScores(double[][] scores, int numExamples, int numLabels) {
        if (scores == null || scores.length != numExamples) {
            throw new IllegalArgumentException("example count mismatch: " + (scores == null ? 0 : scores.length)
                    + " score rows, " + numExamples + " truth rows");
        }
        for (int i = 0; i < numExamples; i++) {
            if (scores[i].length != numLabels) {
                throw new IllegalArgumentException("label count mismatch: score row " + i + " has "
                        + scores[i].length + " labels, truth has " + numLabels);
            }
            for (int l = 0; l < numLabels; l++) {
                if (Double.isNaN(scores[i][l])) {
                    throw new IllegalArgumentException("NaN score at example " + i + ", label " + l);
                }
            }
        }
    }
}

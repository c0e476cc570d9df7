package org.hybridqml.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The multi-label measures of one evaluation, as computed by {@link MultiLabelMetrics#evaluate}. See
 * {@link MultiLabelMetrics} for the definitions and edge-case conventions.
 *
 * @param labelNames            label names, in the column order of {@link #perLabelAuroc()}
 * @param numExamples           number of examples evaluated
 * @param threshold             decision threshold used for the thresholded measures; NaN when the decisions
 *                              were given (the model's own), not thresholded
 * @param perLabelAuroc         ROC AUC per label, NaN where the truth holds one class only
 * @param macroAuroc            unweighted mean of the defined per-label AUCs (NaN if none is defined)
 * @param labelsSkippedForAuroc how many labels had a single class in the truth and were left out of the mean
 * @param hammingLoss           (FP + FN) / (n · L)
 * @param jaccardIndex          mean per-example Jaccard index, empty/empty = 1
 * @param microF1               F1 of the pooled counts
 * @param macroF1               mean per-label F1 over all labels
 * @param subsetAccuracy        fraction of examples predicted exactly
 */
public record MultiLabelReport(List<String> labelNames, int numExamples, double threshold, double[] perLabelAuroc,
                               double macroAuroc, int labelsSkippedForAuroc, double hammingLoss,
                               double jaccardIndex, double microF1, double macroF1, double subsetAccuracy) {

    /**
     * Copies the label names and AUCs and checks that there is one AUC per label.
     *
     * @param labelNames            label names
     * @param numExamples           number of examples
     * @param threshold             threshold, or NaN for given decisions
     * @param perLabelAuroc         AUC per label (NaN where undefined)
     * @param macroAuroc            macro AUROC
     * @param labelsSkippedForAuroc single-class labels left out of the macro AUROC
     * @param hammingLoss           Hamming loss
     * @param jaccardIndex          Jaccard index
     * @param microF1               micro F1
     * @param macroF1               macro F1 by label
     * @param subsetAccuracy        exact-match ratio
     */
    public MultiLabelReport {
        labelNames = List.copyOf(labelNames);
        perLabelAuroc = perLabelAuroc.clone();
        if (perLabelAuroc.length != labelNames.size()) {
            throw new IllegalArgumentException("label count mismatch: " + perLabelAuroc.length + " AUCs for "
                    + labelNames.size() + " labels");
        }
    }

    /** @return a copy of the per-label AUCs */
    @Override
    public double[] perLabelAuroc() {
        return perLabelAuroc.clone();
    }

    /** @return number of labels */
    public int numLabels() {
        return labelNames.size();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Multi-label evaluation: %d examples, %d labels, %s%n",
                numExamples, labelNames.size(), Double.isNaN(threshold) ? "model's own decisions"
                        : String.format(Locale.ROOT, "threshold %.3g", threshold)));
        b.append(String.format(Locale.ROOT, "  macro AUROC     %.4f  (%d of %d labels; %d single-class skipped)%n",
                macroAuroc, labelNames.size() - labelsSkippedForAuroc, labelNames.size(), labelsSkippedForAuroc));
        b.append(String.format(Locale.ROOT, "  Hamming loss    %.4f%n", hammingLoss));
        b.append(String.format(Locale.ROOT, "  Jaccard index   %.4f%n", jaccardIndex));
        b.append(String.format(Locale.ROOT, "  micro F1        %.4f%n", microF1));
        b.append(String.format(Locale.ROOT, "  macro F1        %.4f%n", macroF1));
        b.append(String.format(Locale.ROOT, "  subset accuracy %.4f%n", subsetAccuracy));
        b.append("  per-label AUROC:");
        for (int l = 0; l < labelNames.size(); l++) {
            b.append(String.format(Locale.ROOT, "%n    %-20s %s", labelNames.get(l),
                    Double.isNaN(perLabelAuroc[l]) ? "n/a (one class)"
                            : String.format(Locale.ROOT, "%.4f", perLabelAuroc[l])));
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MultiLabelReport r)) {
            return false;
        }
        return labelNames.equals(r.labelNames) && numExamples == r.numExamples
                && Double.compare(threshold, r.threshold) == 0 && Arrays.equals(perLabelAuroc, r.perLabelAuroc)
                && Double.compare(macroAuroc, r.macroAuroc) == 0 && labelsSkippedForAuroc == r.labelsSkippedForAuroc
                && Double.compare(hammingLoss, r.hammingLoss) == 0 && Double.compare(jaccardIndex, r.jaccardIndex) == 0
                && Double.compare(microF1, r.microF1) == 0 && Double.compare(macroF1, r.macroF1) == 0
                && Double.compare(subsetAccuracy, r.subsetAccuracy) == 0;
    }

    @Override
    public int hashCode() {
        return labelNames.hashCode() * 31 + Arrays.hashCode(perLabelAuroc) * 17 + numExamples;
    }
}

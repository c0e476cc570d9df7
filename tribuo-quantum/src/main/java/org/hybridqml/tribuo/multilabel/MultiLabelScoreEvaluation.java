package org.hybridqml.tribuo.multilabel;

import org.hybridqml.metrics.MultiLabelReport;
import org.tribuo.multilabel.evaluation.MultiLabelEvaluation;

import java.util.List;
import java.util.Locale;

/**
 * The result of {@link MultiLabelScoreEvaluator}: the core measures ({@link #report()}) and Tribuo's own
 * {@link MultiLabelEvaluation} for the same predictions (when Tribuo can compute it: {@link #hasTribuoEvaluation()}),
 * plus the matrices they were computed from, with columns in {@link #labelOrder()}.
 */
public final class MultiLabelScoreEvaluation {

    private final List<String> labelOrder;
    private final MultiLabelScoreEvaluator.ScoreSource scoreSource;
    private final double[][] scores;
    private final int[][] truth;
    private final int[][] predicted;
    private final MultiLabelReport report;
    private final MultiLabelEvaluation tribuoEvaluation;

    MultiLabelScoreEvaluation(List<String> labelOrder, MultiLabelScoreEvaluator.ScoreSource scoreSource,
                              double[][] scores, int[][] truth, int[][] predicted, MultiLabelReport report,
                              MultiLabelEvaluation tribuoEvaluation) {
        this.labelOrder = List.copyOf(labelOrder);
        this.scoreSource = scoreSource;
        this.scores = scores;
        this.truth = truth;
        this.predicted = predicted;
        this.report = report;
        this.tribuoEvaluation = tribuoEvaluation;
    }

    /** @return label names in column order (the model's output-ID order, or the declared label set's order) */
    public List<String> labelOrder() {
        return labelOrder;
    }

    /** @return where the per-label scores came from */
    public MultiLabelScoreEvaluator.ScoreSource scoreSource() {
        return scoreSource;
    }

    /** @return the core measures */
    public MultiLabelReport report() {
        return report;
    }

    /**
     * Whether Tribuo's evaluation was computed: always without a declared label set; with one, only when the ground
     * truth holds no label the model never saw (Tribuo's evaluator rejects such a label).
     *
     * @return true when {@link #tribuoEvaluation()} is available
     */
    public boolean hasTribuoEvaluation() {
        return tribuoEvaluation != null;
    }

    /**
     * @return Tribuo's evaluation of the same predictions
     * @throws IllegalStateException when it was not computed ({@link #hasTribuoEvaluation()} is false)
     */
    public MultiLabelEvaluation tribuoEvaluation() {
        if (tribuoEvaluation == null) {
            throw new IllegalStateException("no Tribuo evaluation: the ground truth holds labels the model never saw,"
                    + " which Tribuo's MultiLabelEvaluator rejects; the core measures (report()) count them");
        }
        return tribuoEvaluation;
    }

    /** @return macro AUROC over labels with both classes in the truth */
    public double macroAuroc() {
        return report.macroAuroc();
    }

    /** @return Hamming loss (FP + FN) / (n · L) */
    public double hammingLoss() {
        return report.hammingLoss();
    }

    /** @return mean Jaccard index, empty/empty = 1 */
    public double jaccardIndex() {
        return report.jaccardIndex();
    }

    /** @return micro-averaged F1 */
    public double microF1() {
        return report.microF1();
    }

    /**
     * Hamming loss recomputed from Tribuo's confusion counts, (FP + FN) / (n · L), as a cross-check of
     * {@link #hammingLoss()}.
     *
     * @return the Hamming loss according to Tribuo's evaluation
     * @throws IllegalStateException when Tribuo's evaluation was not computed ({@link #hasTribuoEvaluation()})
     */
    public double tribuoHammingLoss() {
        MultiLabelEvaluation tribuoEvaluation = tribuoEvaluation();
        return (tribuoEvaluation.fp() + tribuoEvaluation.fn()) / ((double) truth.length * labelOrder.size());
    }

    /** @return a copy of the per-example, per-label scores */
    public double[][] scores() {
        return deepCopy(scores);
    }

    /** @return a copy of the 0/1 truth */
    public int[][] truth() {
        return deepCopy(truth);
    }

    /** @return a copy of the 0/1 predicted label sets */
    public int[][] predicted() {
        return deepCopy(predicted);
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    private static int[][] deepCopy(int[][] m) {
        int[][] out = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    @Override
    public String toString() {
        if (tribuoEvaluation == null) {
            return report + String.format(Locale.ROOT, "%n  scores from %s%n  Tribuo: not computed (the truth holds"
                    + " labels the model never saw)", scoreSource);
        }
        return report + String.format(Locale.ROOT,
                "%n  scores from %s%n  Tribuo: micro F1 %.4f, macro F1 %.4f, Jaccard %.4f, Hamming from counts %.4f",
                scoreSource, tribuoEvaluation.microAveragedF1(), tribuoEvaluation.macroAveragedF1(),
                tribuoEvaluation.jaccardScore(), tribuoHammingLoss());
    }
}

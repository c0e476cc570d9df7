package org.hybridqml.tribuo.multilabel;

import org.hybridqml.metrics.MultiLabelMetrics;
import org.hybridqml.metrics.MultiLabelReport;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.multilabel.baseline.IndependentMultiLabelModel;
import org.tribuo.multilabel.evaluation.MultiLabelEvaluation;
import org.tribuo.multilabel.evaluation.MultiLabelEvaluator;
import org.tribuo.provenance.DataProvenance;
import org.tribuo.transform.TransformedModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Evaluates a {@code Model<MultiLabel>} with the core's {@link MultiLabelMetrics} (macro AUROC, Hamming loss,
 * Jaccard index with empty/empty = 1, micro and macro F1, exact match) alongside Tribuo's own
 * {@link MultiLabelEvaluator}.
 *
 * <h2>Label order and labels the model never saw</h2>
 * By default ({@link #MultiLabelScoreEvaluator()}) the label columns are the model's output domain in output-ID
 * order ({@code model.getOutputIDInfo()}), each domain element being a single-label {@code MultiLabel}, and a label
 * in the ground truth that the model never saw is rejected with an {@link IllegalArgumentException} naming it. That
 * is Tribuo's convention: its {@link MultiLabelEvaluator} evaluates against the model's output domain and rejects
 * a ground-truth label outside it, so the default keeps both evaluations comparable.
 *
 * <p>With a declared label set ({@link #MultiLabelScoreEvaluator(List)}, e.g. the label list of a Mulan XML file,
 * {@code MulanDataSource.getLabelNames()}), the columns are the declared labels in their declared order. A declared
 * label the model never saw (absent from the training data) counts as never predicted: its predicted column is all
 * 0 and its score column a constant 0. Under {@link MultiLabelMetrics}' conventions such a label has an AUROC of
 * exactly 0.5 when the test truth holds both classes (every positive ties with every negative) and is skipped as
 * undefined otherwise; its precision, recall and F1 are 0 (no true positive), so it lowers the macro F1 by its
 * share 1/L, and its positives count as false negatives in the Hamming loss and the micro F1. A ground-truth label
 * outside the declared set, or a model label outside it, is an {@link IllegalArgumentException} naming it.
 * Tribuo's own evaluation is then computed only when the ground truth holds no label outside the model's domain
 * ({@link MultiLabelScoreEvaluation#hasTribuoEvaluation()}).
 *
 * <h2>Where the scores come from</h2>
 * <ul>
 *   <li>{@link ScoreSource#INDEPENDENT_BINARY_MODELS}: Tribuo's {@link IndependentMultiLabelModel} (binary
 *       relevance) returns a bare {@code MultiLabel} of the predicted labels, with no output-scores map and no score
 *       for a label it did not predict, so the AUROC cannot be computed from its predictions. For this model the
 *       evaluator asks each per-label binary model for its score of the positive label (the probability when the
 *       binary model produces probabilities, e.g. a logistic {@code LinearSGDModel}). A {@link TransformedModel}
 *       wrapping an {@code IndependentMultiLabelModel} (Tribuo's usual way to standardise features) is handled the
 *       same way: its predictions already hold the transformed example (it predicts with the inner model on the
 *       transformed copy), so the binary models are applied to that example as it is.</li>
 *   <li>{@link ScoreSource#PREDICTION_OUTPUT_SCORES}: any other model must fill the prediction's output-scores map
 *       with an entry per label (as Tribuo's multi-label {@code LinearSGDModel} does: key = label name, value = a
 *       {@code MultiLabel} carrying the score); the label's score is {@code getLabelScore(label)} when present,
 *       else the entry's {@code getScore()}. A model without that map is rejected with an
 *       {@link IllegalStateException}.</li>
 * </ul>
 * The thresholded measures use the label sets the model predicted (its own decision rule), so they agree with
 * Tribuo's evaluator; the scores serve the ROC AUCs only.
 */
public final class MultiLabelScoreEvaluator {

    /** Where the per-label scores for the ROC AUC were taken from. */
    public enum ScoreSource {
        /** The per-label binary models inside an {@link IndependentMultiLabelModel}. */
        INDEPENDENT_BINARY_MODELS,
        /** The output-scores map of each prediction. */
        PREDICTION_OUTPUT_SCORES
    }

    private final MultiLabelEvaluator tribuoEvaluator = new MultiLabelEvaluator();

    /** The declared label set in column order, or null to use the model's output domain. */
    private final List<String> declaredLabels;

    /**
     * Creates an evaluator whose columns are the model's output domain; a ground-truth label the model never saw is
     * an error.
     */
    public MultiLabelScoreEvaluator() {
        this.declaredLabels = null;
    }

    /**
     * Creates an evaluator scoring against a declared label set: labels the model never saw are counted as never
     * predicted instead of refusing the test set (see the class documentation for what that gives each measure).
     *
     * @param declaredLabels the label names in column order, e.g. {@code MulanDataSource.getLabelNames()}
     * @throws IllegalArgumentException if the list is empty or names a label twice
     */
    public MultiLabelScoreEvaluator(List<String> declaredLabels) {
        if (declaredLabels.isEmpty()) {
            throw new IllegalArgumentException("the declared label set is empty");
        }
        if (new HashSet<>(declaredLabels).size() != declaredLabels.size()) {
            throw new IllegalArgumentException("the declared label set names a label twice: " + declaredLabels);
        }
        this.declaredLabels = List.copyOf(declaredLabels);
    }

    /**
     * Predicts the dataset with the model and evaluates the predictions.
     *
     * @param model   the model
     * @param dataset the labelled data
     * @return the evaluation
     */
    public MultiLabelScoreEvaluation evaluate(Model<MultiLabel> model, Dataset<MultiLabel> dataset) {
        return evaluate(model, model.predict(dataset), dataset.getProvenance());
    }

    /**
     * Evaluates predictions the model already made; each prediction's example carries the ground truth.
     *
     * @param model          the model that made the predictions
     * @param predictions    the predictions
     * @param dataProvenance provenance of the evaluated data (for Tribuo's evaluation record)
     * @return the evaluation
     */
    public MultiLabelScoreEvaluation evaluate(Model<MultiLabel> model, List<Prediction<MultiLabel>> predictions,
                                              DataProvenance dataProvenance) {
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("no predictions to evaluate");
        }
        List<String> modelLabels = labelOrder(model);
        List<String> labelOrder = declaredLabels == null ? modelLabels : declaredLabels;
        Map<String, Integer> column = new HashMap<>();
        for (int l = 0; l < labelOrder.size(); l++) {
            column.put(labelOrder.get(l), l);
        }
        for (String label : modelLabels) {
            if (!column.containsKey(label)) {
                throw new IllegalArgumentException("label '" + label + "' of model '" + model.getName()
                        + "' is not in the declared label set " + labelOrder);
            }
        }
        boolean truthInModelDomain = true;
        int n = predictions.size();
        int numLabels = labelOrder.size();
        int[][] truth = new int[n][numLabels];
        int[][] predicted = new int[n][numLabels];
        for (int i = 0; i < n; i++) {
            Prediction<MultiLabel> p = predictions.get(i);
            MultiLabel trueOutput = p.getExample().getOutput();
            if (trueOutput.equals(MultiLabelFactory.UNKNOWN_MULTILABEL)) {
                throw new IllegalArgumentException("example " + i + " has the unknown output, not a ground truth");
            }
            fill(truth[i], trueOutput, column, "ground truth", i, model);
            for (Label label : trueOutput.getLabelSet()) {
                truthInModelDomain &= modelLabels.contains(label.getLabel());
            }
            fill(predicted[i], p.getOutput(), column, "prediction", i, model);
        }
        ScoreSource source;
        double[][] scores;
        if (model instanceof IndependentMultiLabelModel binaryRelevance) {
            source = ScoreSource.INDEPENDENT_BINARY_MODELS;
            scores = binaryModelScores(binaryRelevance, predictions, column);
        } else if (model instanceof TransformedModel<MultiLabel> transformed
                && transformed.getInnerModel() instanceof IndependentMultiLabelModel binaryRelevance) {
            source = ScoreSource.INDEPENDENT_BINARY_MODELS;
            scores = binaryModelScores(binaryRelevance, predictions, column);
        } else {
            source = ScoreSource.PREDICTION_OUTPUT_SCORES;
            scores = outputScores(model, predictions, modelLabels, column);
        }
        MultiLabelReport report = MultiLabelMetrics.evaluate(scores, truth, predicted, labelOrder);
        // Tribuo's evaluator rejects a ground-truth label outside the model's domain: only without one
        MultiLabelEvaluation tribuo = truthInModelDomain
                ? tribuoEvaluator.evaluate(model, predictions, dataProvenance) : null;
        return new MultiLabelScoreEvaluation(labelOrder, source, scores, truth, predicted, report, tribuo);
    }

    /**
     * The label columns used for a model: its output domain in output-ID order.
     *
     * @param model the model
     * @return the label names
     */
    public static List<String> labelOrder(Model<MultiLabel> model) {
        ImmutableOutputInfo<MultiLabel> info = model.getOutputIDInfo();
        List<String> order = new ArrayList<>(info.size());
        for (int id = 0; id < info.size(); id++) {
            MultiLabel output = info.getOutput(id);
            if (output == null || output.getLabelSet().size() != 1) {
                throw new IllegalStateException("output domain of " + model.getName() + " has no single label at id "
                        + id + ": " + output);
            }
            order.add(output.getLabelSet().iterator().next().getLabel());
        }
        return order;
    }

    private static void fill(int[] row, MultiLabel output, Map<String, Integer> column, String what, int index,
                             Model<MultiLabel> model) {
        for (Label label : output.getLabelSet()) {
            Integer l = column.get(label.getLabel());
            if (l == null) {
                throw new IllegalArgumentException("label '" + label.getLabel() + "' in the " + what + " of example "
                        + index + " is not among the evaluated labels " + column.keySet() + " (the output domain of"
                        + " model '" + model.getName() + "' or the declared label set); to count labels the model"
                        + " never saw as never predicted, declare the label set: new MultiLabelScoreEvaluator(labels)");
            }
            row[l] = 1;
        }
    }

    /** Scores each label with its binary model: the score of the positive label. */
    private static double[][] binaryModelScores(IndependentMultiLabelModel model,
                                                List<Prediction<MultiLabel>> predictions,
                                                Map<String, Integer> column) {
        List<Model<Label>> binaryModels = model.getModels();
        List<Label> binaryLabels = model.getLabelOrder();
        double[][] scores = new double[predictions.size()][column.size()];
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < predictions.size(); i++) {
            features.clear();
            for (Feature f : predictions.get(i).getExample()) {
                features.add(f);
            }
            Example<Label> binaryExample = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, features);
            for (int k = 0; k < binaryModels.size(); k++) {
                String name = binaryLabels.get(k).getLabel();
                Prediction<Label> bp = binaryModels.get(k).predict(binaryExample);
                Label positive = bp.getOutputScores().get(name);
                double score;
                if (positive != null) {
                    score = positive.getScore();
                } else {
                    // The binary model never saw the label as positive (or keeps no scores): use its decision.
                    score = bp.getOutput().getLabel().equals(name) ? bp.getOutput().getScore() : 0.0;
                }
                scores[i][column.get(name)] = score;
            }
        }
        return scores;
    }

    private static double[][] outputScores(Model<MultiLabel> model, List<Prediction<MultiLabel>> predictions,
                                           List<String> modelLabels, Map<String, Integer> column) {
        // a declared label the model never saw keeps the constant score 0
        double[][] scores = new double[predictions.size()][column.size()];
        for (int i = 0; i < predictions.size(); i++) {
            Map<String, MultiLabel> map = predictions.get(i).getOutputScores();
            for (String name : modelLabels) {
                MultiLabel entry = map.get(name);
                if (entry == null) {
                    throw new IllegalStateException("model '" + model.getName() + "' (" + model.getClass().getName()
                            + ") gives no score for label '" + name + "' in prediction " + i
                            + " (its output-scores map has " + map.keySet() + "); the ROC AUC needs a score for"
                            + " every label and example");
                }
                OptionalDouble labelScore = entry.getLabelScore(new Label(name));
                scores[i][column.get(name)] = labelScore.isPresent() ? labelScore.getAsDouble() : entry.getScore();
            }
        }
        return scores;
    }
}

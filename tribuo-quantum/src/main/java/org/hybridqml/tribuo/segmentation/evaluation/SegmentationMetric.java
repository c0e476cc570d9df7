package org.hybridqml.tribuo.segmentation.evaluation;

import org.hybridqml.metrics.BinarySegmentationScorer;
import org.hybridqml.metrics.SegmentationScores;
import org.hybridqml.tribuo.segmentation.SegmentationMask;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.evaluation.metrics.EvaluationMetric;
import org.tribuo.evaluation.metrics.MetricContext;
import org.tribuo.evaluation.metrics.MetricTarget;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleBiFunction;

/**
 * One segmentation metric for one target (a class mask or an average), as Tribuo's evaluation framework expects.
 * The value is read from the {@link Context}, which scores all predictions once with shared-sim's
 * {@link BinarySegmentationScorer}.
 */
public final class SegmentationMetric implements EvaluationMetric<SegmentationMask, SegmentationMetric.Context> {

    private final MetricTarget<SegmentationMask> target;
    private final String name;
    private final ToDoubleBiFunction<MetricTarget<SegmentationMask>, Context> impl;

    /**
     * Creates a metric.
     *
     * @param target what the metric is about (a class mask or an average)
     * @param name   metric name
     * @param impl   reads the value for the target from the context
     */
    public SegmentationMetric(MetricTarget<SegmentationMask> target, String name,
                              ToDoubleBiFunction<MetricTarget<SegmentationMask>, Context> impl) {
        this.target = Objects.requireNonNull(target, "target is null");
        this.name = Objects.requireNonNull(name, "name is null");
        this.impl = Objects.requireNonNull(impl, "impl is null");
    }

    /**
     * Computes the metric.
     *
     * @param context the scored predictions
     * @return the value
     */
    @Override
    public double compute(Context context) {
        return impl.applyAsDouble(target, context);
    }

    /**
     * The metric's target.
     *
     * @return the target
     */
    @Override
    public MetricTarget<SegmentationMask> getTarget() {
        return target;
    }

    /**
     * The metric's name.
     *
     * @return the name
     */
    @Override
    public String getName() {
        return name;
    }

    /**
     * Scores predictions into a context.
     *
     * @param model       the model that made them
     * @param predictions predictions whose examples carry the truth masks
     * @return the context
     */
    @Override
    public Context createContext(Model<SegmentationMask> model, List<Prediction<SegmentationMask>> predictions) {
        return new Context(model, predictions);
    }

    /**
     * Name and target.
     *
     * @return a readable description
     */
    @Override
    public String toString() {
        return "SegmentationMetric(" + name + ", " + target + ")";
    }

    /**
     * The predictions of one evaluation scored once: each prediction's mask (the model's hard decision) and
     * probabilities, if any, against its example's truth mask, fed image by image to a
     * {@link BinarySegmentationScorer}. Every metric reads its value from {@link #getScores()}.
     */
    public static final class Context extends MetricContext<SegmentationMask> {

        private final SegmentationScores scores;

        /**
         * Scores the predictions.
         *
         * @param model       the model that made them
         * @param predictions predictions whose examples carry the truth masks
         * @throws IllegalArgumentException if there is no prediction, a truth or predicted mask is unknown, or a
         *                                  predicted mask differs in size from its truth mask
         */
        public Context(Model<SegmentationMask> model, List<Prediction<SegmentationMask>> predictions) {
            super(model, predictions);
            this.scores = score(predictions);
        }

        /**
         * The scores of all predictions.
         *
         * @return the scores
         */
        public SegmentationScores getScores() {
            return scores;
        }

        private static SegmentationScores score(List<Prediction<SegmentationMask>> predictions) {
            if (predictions.isEmpty()) {
                throw new IllegalArgumentException("No predictions to evaluate");
            }
            BinarySegmentationScorer scorer = new BinarySegmentationScorer();
            int i = 0;
            for (Prediction<SegmentationMask> prediction : predictions) {
                SegmentationMask truth = prediction.getExample().getOutput();
                SegmentationMask predicted = prediction.getOutput();
                if (truth.isUnknown()) {
                    throw new IllegalArgumentException("Prediction " + i
                            + ": the example's ground truth is the unknown mask, so it cannot be scored");
                }
                if (predicted.isUnknown()) {
                    throw new IllegalArgumentException("Prediction " + i + ": the model predicted the unknown mask");
                }
                if (truth.getHeight() != predicted.getHeight() || truth.getWidth() != predicted.getWidth()) {
                    throw new IllegalArgumentException("Prediction " + i + ": predicted mask is "
                            + predicted.getHeight() + "x" + predicted.getWidth() + " but the truth mask is "
                            + truth.getHeight() + "x" + truth.getWidth());
                }
                scorer.addHard(predicted.getForeground(), predicted.getProbabilities().orElse(null),
                        truth.getForeground());
                i++;
            }
            return scorer.scores();
        }
    }
}

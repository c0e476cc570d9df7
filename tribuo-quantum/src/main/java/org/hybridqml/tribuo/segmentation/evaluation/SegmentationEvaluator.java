package org.hybridqml.tribuo.segmentation.evaluation;

import org.hybridqml.tribuo.segmentation.SegmentationFactory;
import org.hybridqml.tribuo.segmentation.SegmentationMask;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.evaluation.AbstractEvaluator;
import org.tribuo.evaluation.metrics.EvaluationMetric;
import org.tribuo.evaluation.metrics.MetricID;
import org.tribuo.evaluation.metrics.MetricTarget;
import org.tribuo.provenance.EvaluationProvenance;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates segmentation models: every {@link SegmentationMetrics} value, IoU for the foreground class, the
 * background class and their macro average (mean IoU). Hard metrics use each prediction's mask as the model
 * decided it; the soft IoU uses the predictions' probabilities (NaN if a prediction has none).
 *
 * <pre>{@code
 * SegmentationEvaluation eval = new SegmentationEvaluator().evaluate(model, testDataset);
 * double paperMetric = eval.softIou();
 * }</pre>
 */
public final class SegmentationEvaluator extends AbstractEvaluator<SegmentationMask, SegmentationMetric.Context,
        SegmentationEvaluation, SegmentationMetric> {

    /** Creates the evaluator. */
    public SegmentationEvaluator() {
    }

    /**
     * The metrics of a segmentation evaluation.
     *
     * @param model the model being evaluated (unused: the metrics are the same for every model)
     * @return the metrics
     */
    @Override
    protected Set<SegmentationMetric> createMetrics(Model<SegmentationMask> model) {
        MetricTarget<SegmentationMask> foreground = new MetricTarget<>(SegmentationFactory.FOREGROUND_CLASS);
        MetricTarget<SegmentationMask> background = new MetricTarget<>(SegmentationFactory.BACKGROUND_CLASS);
        MetricTarget<SegmentationMask> macro = new MetricTarget<>(EvaluationMetric.Average.MACRO);
        Set<SegmentationMetric> metrics = new java.util.LinkedHashSet<>();
        for (SegmentationMetrics m : SegmentationMetrics.values()) {
            metrics.add(m.forTarget(foreground));
        }
        metrics.add(SegmentationMetrics.IOU.forTarget(background));
        metrics.add(SegmentationMetrics.IOU.forTarget(macro));
        return metrics;
    }

    /**
     * Scores the predictions once.
     *
     * @param model       the model
     * @param predictions its predictions
     * @return the context
     */
    @Override
    protected SegmentationMetric.Context createContext(Model<SegmentationMask> model,
                                                       List<Prediction<SegmentationMask>> predictions) {
        return new SegmentationMetric.Context(model, predictions);
    }

    /**
     * Wraps the results.
     *
     * @param context    the scored predictions
     * @param results    metric values by id
     * @param provenance model and data provenance
     * @return the evaluation
     */
    @Override
    protected SegmentationEvaluation createEvaluation(SegmentationMetric.Context context,
                                                      Map<MetricID<SegmentationMask>, Double> results,
                                                      EvaluationProvenance provenance) {
        return new SegmentationEvaluationImpl(results, context, provenance);
    }
}

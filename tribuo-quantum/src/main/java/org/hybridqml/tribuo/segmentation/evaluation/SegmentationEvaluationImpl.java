package org.hybridqml.tribuo.segmentation.evaluation;

import org.hybridqml.metrics.SegmentationScores;
import org.hybridqml.tribuo.segmentation.SegmentationFactory;
import org.hybridqml.tribuo.segmentation.SegmentationMask;
import org.tribuo.Prediction;
import org.tribuo.evaluation.metrics.EvaluationMetric;
import org.tribuo.evaluation.metrics.MetricID;
import org.tribuo.evaluation.metrics.MetricTarget;
import org.tribuo.provenance.EvaluationProvenance;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link SegmentationEvaluation} made by {@link SegmentationEvaluator}: the metric values keyed by id, the
 * context (predictions and scores) and the provenance.
 */
final class SegmentationEvaluationImpl implements SegmentationEvaluation {

    private static final MetricTarget<SegmentationMask> FOREGROUND =
            new MetricTarget<>(SegmentationFactory.FOREGROUND_CLASS);
    private static final MetricTarget<SegmentationMask> BACKGROUND =
            new MetricTarget<>(SegmentationFactory.BACKGROUND_CLASS);
    private static final MetricTarget<SegmentationMask> MACRO =
            new MetricTarget<>(EvaluationMetric.Average.MACRO);

    private final Map<MetricID<SegmentationMask>, Double> results;
    private final SegmentationMetric.Context context;
    private final EvaluationProvenance provenance;

    SegmentationEvaluationImpl(Map<MetricID<SegmentationMask>, Double> results, SegmentationMetric.Context context,
                               EvaluationProvenance provenance) {
        this.results = results;
        this.context = context;
        this.provenance = provenance;
    }

    private double get(SegmentationMetrics metric, MetricTarget<SegmentationMask> target) {
        return get(new MetricID<>(target, metric.name()));
    }

    @Override
    public double iou() {
        return get(SegmentationMetrics.IOU, FOREGROUND);
    }

    @Override
    public double dice() {
        return get(SegmentationMetrics.DICE, FOREGROUND);
    }

    @Override
    public double softIou() {
        return get(SegmentationMetrics.SOFT_IOU, FOREGROUND);
    }

    @Override
    public double meanPerImageIou() {
        return get(SegmentationMetrics.MEAN_PER_IMAGE_IOU, FOREGROUND);
    }

    @Override
    public double meanPerImageDice() {
        return get(SegmentationMetrics.MEAN_PER_IMAGE_DICE, FOREGROUND);
    }

    @Override
    public double pixelAccuracy() {
        return get(SegmentationMetrics.PIXEL_ACCURACY, FOREGROUND);
    }

    @Override
    public double backgroundIou() {
        return get(SegmentationMetrics.IOU, BACKGROUND);
    }

    @Override
    public double meanIou() {
        return get(SegmentationMetrics.IOU, MACRO);
    }

    @Override
    public long truePositives() {
        return (long) get(SegmentationMetrics.TP, FOREGROUND);
    }

    @Override
    public long falsePositives() {
        return (long) get(SegmentationMetrics.FP, FOREGROUND);
    }

    @Override
    public long falseNegatives() {
        return (long) get(SegmentationMetrics.FN, FOREGROUND);
    }

    @Override
    public long trueNegatives() {
        return (long) get(SegmentationMetrics.TN, FOREGROUND);
    }

    @Override
    public SegmentationScores getScores() {
        return context.getScores();
    }

    @Override
    public Map<MetricID<SegmentationMask>, Double> asMap() {
        return Collections.unmodifiableMap(results);
    }

    @Override
    public List<Prediction<SegmentationMask>> getPredictions() {
        return context.getPredictions();
    }

    @Override
    public EvaluationProvenance getProvenance() {
        return provenance;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "SegmentationEvaluation(images=%d, IoU=%.4f, Dice=%.4f, softIoU=%.4f, meanPerImageIoU=%.4f, "
                        + "meanPerImageDice=%.4f, pixelAccuracy=%.4f, backgroundIoU=%.4f, meanIoU=%.4f, "
                        + "TP=%d, FP=%d, FN=%d, TN=%d)",
                getScores().images(), iou(), dice(), softIou(), meanPerImageIou(), meanPerImageDice(),
                pixelAccuracy(), backgroundIou(), meanIou(),
                truePositives(), falsePositives(), falseNegatives(), trueNegatives());
    }
}

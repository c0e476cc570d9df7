package org.hybridqml.tribuo.segmentation.evaluation;

import org.hybridqml.metrics.SegmentationScores;
import org.hybridqml.tribuo.segmentation.SegmentationFactory;
import org.hybridqml.tribuo.segmentation.SegmentationMask;
import org.tribuo.evaluation.metrics.EvaluationMetric;
import org.tribuo.evaluation.metrics.MetricTarget;

import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The segmentation metrics, each read from the shared-sim {@link SegmentationScores} of a
 * {@link SegmentationMetric.Context}. Definitions (pooled = counts summed over all images, then divided once)
 * are in {@link SegmentationScores}.
 *
 * <p>Targets: {@link #IOU} accepts the foreground class mask (pooled foreground IoU), the background class mask
 * (pooled background IoU) or the macro average (mean IoU of the two classes). Every other metric describes the
 * foreground class or the whole mask and accepts the foreground class target only; use {@link #forTarget} or the
 * foreground default {@link #asMetric()}.
 */
public enum SegmentationMetrics {
    /** Pooled IoU of the target class, or the two-class mean IoU for the macro-average target. */
    IOU(null),
    /** Pooled foreground Dice (F1). */
    DICE(SegmentationScores::dice),
    /** The QuFeX paper's soft IoU on probabilities, pooled; NaN if some prediction had no probabilities. */
    SOFT_IOU(SegmentationScores::softIou),
    /** Mean over images of each image's foreground IoU. */
    MEAN_PER_IMAGE_IOU(SegmentationScores::meanPerImageIou),
    /** Mean over images of each image's foreground Dice. */
    MEAN_PER_IMAGE_DICE(SegmentationScores::meanPerImageDice),
    /** Fraction of pixels predicted correctly. */
    PIXEL_ACCURACY(SegmentationScores::pixelAccuracy),
    /** Foreground pixels predicted foreground. */
    TP(s -> (double) s.truePositives()),
    /** Background pixels predicted foreground. */
    FP(s -> (double) s.falsePositives()),
    /** Foreground pixels predicted background. */
    FN(s -> (double) s.falseNegatives()),
    /** Background pixels predicted background. */
    TN(s -> (double) s.trueNegatives());

    /** Reads a foreground / whole-mask value; null for IOU, which depends on its target. */
    private final ToDoubleFunction<SegmentationScores> foregroundValue;

    SegmentationMetrics(ToDoubleFunction<SegmentationScores> foregroundValue) {
        this.foregroundValue = foregroundValue;
    }

    /**
     * This metric for the foreground class.
     *
     * @return the metric
     */
    public SegmentationMetric asMetric() {
        return forTarget(new MetricTarget<>(SegmentationFactory.FOREGROUND_CLASS));
    }

    /**
     * This metric for a target.
     *
     * @param target the foreground or background class mask, or the macro average (for {@link #IOU} only)
     * @return the metric
     * @throws IllegalArgumentException if the metric is not defined for the target
     */
    public SegmentationMetric forTarget(MetricTarget<SegmentationMask> target) {
        Optional<SegmentationMask> output = target.getOutputTarget();
        boolean foreground = output.isPresent() && output.get().equals(SegmentationFactory.FOREGROUND_CLASS);
        boolean background = output.isPresent() && output.get().equals(SegmentationFactory.BACKGROUND_CLASS);
        boolean macro = target.getAverageTarget().map(a -> a == EvaluationMetric.Average.MACRO).orElse(false);
        if (this == IOU) {
            if (!(foreground || background || macro)) {
                throw new IllegalArgumentException("IOU is defined for the FOREGROUND_CLASS or BACKGROUND_CLASS "
                        + "mask or the MACRO average, not for " + target);
            }
            return new SegmentationMetric(target, name(), (t, c) -> foreground ? c.getScores().iou()
                    : background ? c.getScores().backgroundIou() : c.getScores().meanIou());
        }
        if (!foreground) {
            throw new IllegalArgumentException(name() + " is defined for the FOREGROUND_CLASS mask target only, not "
                    + target);
        }
        return new SegmentationMetric(target, name(), (t, c) -> foregroundValue.applyAsDouble(c.getScores()));
    }
}

package org.hybridqml.tribuo.segmentation.evaluation;

import org.hybridqml.metrics.SegmentationScores;
import org.hybridqml.tribuo.segmentation.SegmentationMask;
import org.tribuo.evaluation.Evaluation;

/**
 * The evaluation of a segmentation model on a set of images, with typed accessors for the metrics that
 * {@link SegmentationEvaluator} computes. The values are those of {@link #getScores()} (shared-sim's
 * {@link SegmentationScores}, where each metric is defined); {@link #asMap()} holds the same values keyed by
 * Tribuo metric ids.
 */
public interface SegmentationEvaluation extends Evaluation<SegmentationMask> {

    /**
     * Foreground IoU pooled over all images.
     *
     * @return the IoU
     */
    double iou();

    /**
     * Foreground Dice pooled over all images.
     *
     * @return the Dice coefficient
     */
    double dice();

    /**
     * The QuFeX paper's soft IoU on predicted probabilities, pooled over all images.
     *
     * @return the soft IoU, NaN if some prediction carried no probabilities
     */
    double softIou();

    /**
     * Mean over images of the per-image foreground IoU.
     *
     * @return the mean IoU per image
     */
    double meanPerImageIou();

    /**
     * Mean over images of the per-image foreground Dice.
     *
     * @return the mean Dice per image
     */
    double meanPerImageDice();

    /**
     * Fraction of pixels predicted correctly.
     *
     * @return the pixel accuracy
     */
    double pixelAccuracy();

    /**
     * Background IoU pooled over all images.
     *
     * @return the background IoU
     */
    double backgroundIou();

    /**
     * Mean of the foreground and background pooled IoUs.
     *
     * @return the mean IoU
     */
    double meanIou();

    /**
     * Foreground pixels predicted foreground.
     *
     * @return the count
     */
    long truePositives();

    /**
     * Background pixels predicted foreground.
     *
     * @return the count
     */
    long falsePositives();

    /**
     * Foreground pixels predicted background.
     *
     * @return the count
     */
    long falseNegatives();

    /**
     * Background pixels predicted background.
     *
     * @return the count
     */
    long trueNegatives();

    /**
     * All scores, including the per-image IoUs.
     *
     * @return the shared-sim scores this evaluation was built from
     */
    SegmentationScores getScores();
}

package org.hybridqml.metrics;

import java.util.List;
import java.util.Locale;

/**
 * Binary-segmentation scores of a set of images, as computed by {@link BinarySegmentationScorer}.
 *
 * <p>"Foreground" is the positive class (mask value 1 / {@code true}); "background" the other. Hard metrics use
 * the hard prediction (a probability above {@link #threshold()} or an explicit predicted mask). Ratios whose
 * denominator is zero (no pixel of the class in truth or prediction) are defined as 1: predicting nothing where
 * there is nothing is perfect.
 *
 * @param images            number of images scored
 * @param pixels            number of pixels scored, over all images
 * @param threshold         probability threshold that binarises predictions given as probabilities
 *                          (foreground iff p &gt; threshold); images added with an explicit hard mask ignore it
 * @param truePositives     foreground pixels predicted foreground, over all images
 * @param falsePositives    background pixels predicted foreground
 * @param falseNegatives    foreground pixels predicted background
 * @param trueNegatives     background pixels predicted background
 * @param iou               foreground IoU pooled over the set: TP / (TP + FP + FN)
 * @param dice              foreground Dice (F1) pooled over the set: 2TP / (2TP + FP + FN)
 * @param softIou           the QuFeX paper's soft IoU pooled over the set (arXiv:2501.13165; {@code compute_iou}
 *                          in the authors' code {@code Jain-Naman/QuNet-Ph2/utils/kfold.py}):
 *                          (Σ y·p + ε) / (Σ y + Σ p − Σ y·p + ε), ε = 1e-7, on probabilities without
 *                          thresholding; NaN when at least one image was given without probabilities
 * @param meanPerImageIou   mean over images of each image's foreground IoU
 * @param meanPerImageDice  mean over images of each image's foreground Dice
 * @param pixelAccuracy     (TP + TN) / pixels
 * @param backgroundIou     background IoU pooled over the set: TN / (TN + FN + FP)
 * @param meanIou           mean of the two pooled class IoUs, (iou + backgroundIou) / 2
 * @param perImageIou       each image's foreground IoU, in the order the images were added (unmodifiable)
 */
public record SegmentationScores(int images, long pixels, double threshold,
                                 long truePositives, long falsePositives, long falseNegatives, long trueNegatives,
                                 double iou, double dice, double softIou,
                                 double meanPerImageIou, double meanPerImageDice,
                                 double pixelAccuracy, double backgroundIou, double meanIou,
                                 List<Double> perImageIou) {

    /**
     * Validates the counts and freezes the per-image list. The parameters are described on the record.
     *
     * @param images see the record description
     * @param pixels see the record description
     * @param threshold see the record description
     * @param truePositives see the record description
     * @param falsePositives see the record description
     * @param falseNegatives see the record description
     * @param trueNegatives see the record description
     * @param iou see the record description
     * @param dice see the record description
     * @param softIou see the record description
     * @param meanPerImageIou see the record description
     * @param meanPerImageDice see the record description
     * @param pixelAccuracy see the record description
     * @param backgroundIou see the record description
     * @param meanIou see the record description
     * @param perImageIou see the record description
     * @throws IllegalArgumentException if a count is negative, the confusion counts do not add up to
     *                                  {@code pixels}, or {@code perImageIou} does not have {@code images} entries
     */
    public SegmentationScores {
        if (images < 1) {
            throw new IllegalArgumentException("Scores need at least one image, got " + images);
        }
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0 || trueNegatives < 0) {
            throw new IllegalArgumentException("Confusion counts must be non-negative, got TP=" + truePositives
                    + " FP=" + falsePositives + " FN=" + falseNegatives + " TN=" + trueNegatives);
        }
        if (truePositives + falsePositives + falseNegatives + trueNegatives != pixels) {
            throw new IllegalArgumentException("Confusion counts TP+FP+FN+TN = "
                    + (truePositives + falsePositives + falseNegatives + trueNegatives)
                    + " do not add up to the pixel count " + pixels);
        }
        perImageIou = List.copyOf(perImageIou);
        if (perImageIou.size() != images) {
            throw new IllegalArgumentException("perImageIou has " + perImageIou.size() + " entries for "
                    + images + " images");
        }
    }

    /**
     * Whether {@link #softIou()} could be computed (every image came with probabilities).
     *
     * @return true if the soft IoU is a number
     */
    public boolean hasSoftIou() {
        return !Double.isNaN(softIou);
    }

    /**
     * One line with every scalar score, four decimals, for logs and reports.
     *
     * @return a readable summary
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "SegmentationScores(images=%d, pixels=%d, threshold=%s, IoU=%.4f, Dice=%.4f, softIoU=%s, "
                        + "meanPerImageIoU=%.4f, meanPerImageDice=%.4f, pixelAccuracy=%.4f, backgroundIoU=%.4f, "
                        + "meanIoU=%.4f, TP=%d, FP=%d, FN=%d, TN=%d)",
                images, pixels, Double.toString(threshold),
                iou, dice, hasSoftIou() ? String.format(Locale.ROOT, "%.4f", softIou) : "n/a (no probabilities)",
                meanPerImageIou, meanPerImageDice, pixelAccuracy, backgroundIou, meanIou,
                truePositives, falsePositives, falseNegatives, trueNegatives);
    }
}

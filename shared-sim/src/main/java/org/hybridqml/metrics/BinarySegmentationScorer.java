package org.hybridqml.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Accumulates binary-segmentation statistics image by image and turns them into {@link SegmentationScores}.
 *
 * <p>Each added image contributes its confusion counts (TP, FP, FN, TN), its own IoU and Dice (for the per-image
 * means) and the three sums of the paper's soft IoU (Σ y·p, Σ y, Σ p). Nothing else is kept, so a whole
 * validation fold can be streamed through one scorer. Pooled metrics sum the counts over all images first and
 * divide once, as the QuFeX code does for its soft IoU over a fold ({@code compute_iou} in
 * {@code Jain-Naman/QuNet-Ph2/utils/kfold.py}; arXiv:2501.13165).
 *
 * <p>Conventions:
 * <ul>
 *   <li>a probability p is predicted foreground iff {@code p > threshold} (Keras' {@code y_pred > threshold}
 *       convention); the default threshold is {@value #DEFAULT_THRESHOLD};</li>
 *   <li>probabilities must lie in [0, 1] and truth masks given as numbers must be exactly 0 or 1; anything else,
 *       NaN included, is rejected with the image and pixel index;</li>
 *   <li>a ratio with a zero denominator is 1 (an image with no foreground in truth and prediction has IoU = Dice
 *       = 1).</li>
 * </ul>
 *
 * <p>Not thread-safe. Typical use:
 * <pre>{@code
 * BinarySegmentationScorer scorer = new BinarySegmentationScorer();
 * for (int i = 0; i < n; i++) {
 *     scorer.add(probabilities[i], truthMasks[i]);
 * }
 * SegmentationScores scores = scorer.scores();
 * }</pre>
 */
public final class BinarySegmentationScorer {

    /** Default probability threshold for hard predictions. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** The soft IoU's smoothing term: Keras' {@code epsilon()}, as in the QuFeX code's {@code compute_iou}. */
    public static final double SOFT_IOU_EPSILON = 1e-7;

    private final double threshold;

    private long truePositives;
    private long falsePositives;
    private long falseNegatives;
    private long trueNegatives;
    private double sumTruthTimesProbability;
    private double sumTruth;
    private double sumProbability;
    private int imagesWithoutProbabilities;
    private final List<Double> perImageIou = new ArrayList<>();
    private final List<Double> perImageDice = new ArrayList<>();

    /** Creates a scorer with the default threshold {@value #DEFAULT_THRESHOLD}. */
    public BinarySegmentationScorer() {
        this(DEFAULT_THRESHOLD);
    }

    /**
     * Creates a scorer.
     *
     * @param threshold probability above which a pixel is predicted foreground, in [0, 1]
     * @throws IllegalArgumentException if the threshold is NaN or outside [0, 1]
     */
    public BinarySegmentationScorer(double threshold) {
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("Threshold must be in [0, 1], got " + threshold);
        }
        this.threshold = threshold;
    }

    /**
     * Scores a whole set at once with the given threshold.
     *
     * @param probabilities per image, the predicted foreground probability of each pixel
     * @param truth         per image, the truth mask (same length as that image's probabilities)
     * @param threshold     probability above which a pixel is predicted foreground
     * @return the scores
     * @throws IllegalArgumentException on an empty set, different image counts, or any invalid image
     */
    public static SegmentationScores score(float[][] probabilities, boolean[][] truth, double threshold) {
        checkSetSizes(probabilities.length, truth.length);
        BinarySegmentationScorer scorer = new BinarySegmentationScorer(threshold);
        for (int i = 0; i < probabilities.length; i++) {
            scorer.add(probabilities[i], truth[i]);
        }
        return scorer.scores();
    }

    /**
     * Scores a whole set at once with the given threshold.
     *
     * @param probabilities per image, the predicted foreground probability of each pixel
     * @param truth         per image, the truth mask with values exactly 0 or 1
     * @param threshold     probability above which a pixel is predicted foreground
     * @return the scores
     * @throws IllegalArgumentException on an empty set, different image counts, or any invalid image
     */
    public static SegmentationScores score(double[][] probabilities, double[][] truth, double threshold) {
        checkSetSizes(probabilities.length, truth.length);
        BinarySegmentationScorer scorer = new BinarySegmentationScorer(threshold);
        for (int i = 0; i < probabilities.length; i++) {
            scorer.add(probabilities[i], truth[i]);
        }
        return scorer.scores();
    }

    /**
     * Whether a probability counts as a foreground prediction under a threshold: {@code p > threshold}. Adapters
     * that binarise probabilities themselves should call this so that every module uses the same rule.
     *
     * @param probability the predicted foreground probability
     * @param threshold   the threshold
     * @return true if the pixel is predicted foreground
     */
    public static boolean isForeground(double probability, double threshold) {
        return probability > threshold;
    }

    /**
     * The probability threshold of this scorer.
     *
     * @return the threshold
     */
    public double threshold() {
        return threshold;
    }

    /**
     * Number of images added so far.
     *
     * @return the image count
     */
    public int imageCount() {
        return perImageIou.size();
    }

    /**
     * Adds one image given as probabilities; the hard prediction is {@code p > threshold}.
     *
     * @param probabilities predicted foreground probability per pixel, each in [0, 1]
     * @param truth         truth mask, same length
     * @return this scorer
     * @throws IllegalArgumentException on a length mismatch, an empty image or an invalid probability
     */
    public BinarySegmentationScorer add(float[] probabilities, boolean[] truth) {
        int image = imageCount();
        Objects.requireNonNull(probabilities, () -> "image " + image + ": probabilities are null");
        Objects.requireNonNull(truth, () -> "image " + image + ": truth mask is null");
        checkLengths(image, "probabilities", probabilities.length, truth.length);
        for (int i = 0; i < probabilities.length; i++) {
            checkProbability(image, i, probabilities[i]);
        }
        accumulate(probabilities.length, i -> probabilities[i], i -> isForeground(probabilities[i], threshold),
                i -> truth[i]);
        return this;
    }

    /**
     * Adds one image given as probabilities; the hard prediction is {@code p > threshold}.
     *
     * @param probabilities predicted foreground probability per pixel, each in [0, 1]
     * @param truth         truth mask, same length
     * @return this scorer
     * @throws IllegalArgumentException on a length mismatch, an empty image or an invalid probability
     */
    public BinarySegmentationScorer add(double[] probabilities, boolean[] truth) {
        int image = imageCount();
        Objects.requireNonNull(probabilities, () -> "image " + image + ": probabilities are null");
        Objects.requireNonNull(truth, () -> "image " + image + ": truth mask is null");
        checkLengths(image, "probabilities", probabilities.length, truth.length);
        for (int i = 0; i < probabilities.length; i++) {
            checkProbability(image, i, probabilities[i]);
        }
        accumulate(probabilities.length, i -> probabilities[i], i -> isForeground(probabilities[i], threshold),
                i -> truth[i]);
        return this;
    }

    /**
     * Adds one image given as probabilities, with the truth mask as 0/1 numbers (as image loaders produce it).
     *
     * @param probabilities predicted foreground probability per pixel, each in [0, 1]
     * @param truth         truth mask, same length, every value exactly 0 or 1
     * @return this scorer
     * @throws IllegalArgumentException on a length mismatch, an empty image, an invalid probability or a truth
     *                                  value other than 0 or 1
     */
    public BinarySegmentationScorer add(float[] probabilities, float[] truth) {
        int image = imageCount();
        Objects.requireNonNull(truth, () -> "image " + image + ": truth mask is null");
        boolean[] mask = new boolean[truth.length];
        for (int i = 0; i < truth.length; i++) {
            mask[i] = checkTruthValue(image, i, truth[i]);
        }
        return add(probabilities, mask);
    }

    /**
     * Adds one image given as probabilities, with the truth mask as 0/1 numbers (as image loaders produce it).
     *
     * @param probabilities predicted foreground probability per pixel, each in [0, 1]
     * @param truth         truth mask, same length, every value exactly 0 or 1
     * @return this scorer
     * @throws IllegalArgumentException on a length mismatch, an empty image, an invalid probability or a truth
     *                                  value other than 0 or 1
     */
    public BinarySegmentationScorer add(double[] probabilities, double[] truth) {
        int image = imageCount();
        Objects.requireNonNull(truth, () -> "image " + image + ": truth mask is null");
        boolean[] mask = new boolean[truth.length];
        for (int i = 0; i < truth.length; i++) {
            mask[i] = checkTruthValue(image, i, truth[i]);
        }
        return add(probabilities, mask);
    }

    /**
     * Adds one image whose hard prediction was decided elsewhere (for instance a Tribuo model's predicted mask).
     * The threshold is not used for this image. The probabilities, when given, feed the soft IoU only; an image
     * without them makes the set's soft IoU NaN.
     *
     * @param predicted     predicted mask
     * @param probabilities predicted foreground probability per pixel, each in [0, 1], or null if unknown
     * @param truth         truth mask
     * @return this scorer
     * @throws IllegalArgumentException on a length mismatch, an empty image or an invalid probability
     */
    public BinarySegmentationScorer addHard(boolean[] predicted, float[] probabilities, boolean[] truth) {
        int image = imageCount();
        Objects.requireNonNull(predicted, () -> "image " + image + ": predicted mask is null");
        Objects.requireNonNull(truth, () -> "image " + image + ": truth mask is null");
        checkLengths(image, "predicted mask", predicted.length, truth.length);
        if (probabilities != null) {
            checkLengths(image, "probabilities", probabilities.length, truth.length);
            for (int i = 0; i < probabilities.length; i++) {
                checkProbability(image, i, probabilities[i]);
            }
            accumulate(predicted.length, i -> probabilities[i], i -> predicted[i], i -> truth[i]);
        } else {
            accumulate(predicted.length, null, i -> predicted[i], i -> truth[i]);
        }
        return this;
    }

    /**
     * The scores of all images added so far.
     *
     * @return the scores
     * @throws IllegalStateException if no image was added
     */
    public SegmentationScores scores() {
        int images = imageCount();
        if (images == 0) {
            throw new IllegalStateException("No images were added, so there is nothing to score");
        }
        long pixels = truePositives + falsePositives + falseNegatives + trueNegatives;
        double iou = ratio(truePositives, truePositives + falsePositives + falseNegatives);
        double dice = ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
        double backgroundIou = ratio(trueNegatives, trueNegatives + falsePositives + falseNegatives);
        double softIou = imagesWithoutProbabilities > 0 ? Double.NaN
                : (sumTruthTimesProbability + SOFT_IOU_EPSILON)
                / (sumTruth + sumProbability - sumTruthTimesProbability + SOFT_IOU_EPSILON);
        return new SegmentationScores(images, pixels, threshold,
                truePositives, falsePositives, falseNegatives, trueNegatives,
                iou, dice, softIou, mean(perImageIou), mean(perImageDice),
                (double) (truePositives + trueNegatives) / pixels, backgroundIou, (iou + backgroundIou) / 2.0,
                perImageIou);
    }

    /** Reads pixel i of an image as a probability. */
    @FunctionalInterface
    private interface PixelValue {
        double at(int i);
    }

    /** Reads pixel i of an image as a mask bit. */
    @FunctionalInterface
    private interface PixelBit {
        boolean at(int i);
    }

    private void accumulate(int n, PixelValue probability, PixelBit predicted, PixelBit truth) {
        if (n == 0) {
            throw new IllegalArgumentException("image " + imageCount() + " has no pixels");
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        double sumYP = 0;
        double sumY = 0;
        double sumP = 0;
        for (int i = 0; i < n; i++) {
            boolean y = truth.at(i);
            boolean yHat = predicted.at(i);
            if (y && yHat) {
                tp++;
            } else if (yHat) {
                fp++;
            } else if (y) {
                fn++;
            }
            if (probability != null) {
                double p = probability.at(i);
                sumP += p;
                if (y) {
                    sumY += 1.0;
                    sumYP += p;
                }
            }
        }
        long tn = n - tp - fp - fn;
        truePositives += tp;
        falsePositives += fp;
        falseNegatives += fn;
        trueNegatives += tn;
        if (probability != null) {
            sumTruthTimesProbability += sumYP;
            sumTruth += sumY;
            sumProbability += sumP;
        } else {
            imagesWithoutProbabilities++;
        }
        perImageIou.add(ratio(tp, tp + fp + fn));
        perImageDice.add(ratio(2 * tp, 2 * tp + fp + fn));
    }

    /** numerator / denominator, with 0/0 = 1 (nothing to find and nothing predicted is a perfect score). */
    private static double ratio(long numerator, long denominator) {
        return ClassOverlap.ratio(numerator, denominator);
    }

    private static double mean(List<Double> values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.size();
    }

    private static void checkSetSizes(int predictions, int truths) {
        if (predictions == 0) {
            throw new IllegalArgumentException("No images to score: the prediction set is empty");
        }
        if (predictions != truths) {
            throw new IllegalArgumentException("The set has " + predictions + " predicted images but "
                    + truths + " truth masks");
        }
    }

    private static void checkLengths(int image, String what, int predictionLength, int truthLength) {
        if (predictionLength != truthLength) {
            throw new IllegalArgumentException("image " + image + ": " + what + " have " + predictionLength
                    + " pixels but the truth mask has " + truthLength);
        }
    }

    private static void checkProbability(int image, int pixel, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("image " + image + ", pixel " + pixel + ": probability " + p
                    + " is not a number in [0, 1]");
        }
    }

    private static boolean checkTruthValue(int image, int pixel, double y) {
        if (y == 1.0) {
            return true;
        }
        if (y == 0.0) {
            return false;
        }
        throw new IllegalArgumentException("image " + image + ", pixel " + pixel + ": truth value " + y
                + " is not 0 or 1 (binarise the mask first)");
    }
}

package org.hybridqml.metrics;

/**
 * Per-class overlap scores of a (possibly weighted) multi-class confusion matrix, as used for per-pixel
 * segmentation evaluated by a general classification framework (each pixel one instance): for class k,
 * IoU = TP / (TP + FP + FN) and Dice = 2TP / (2TP + FP + FN), pooled over all instances, and their unweighted means
 * over the classes (mean IoU is the usual "mIoU"). As in {@link BinarySegmentationScorer}, a ratio with a zero
 * denominator (a class absent from truth and prediction) is 1.
 */
public final class ClassOverlap {

    private ClassOverlap() {
    }

    /**
     * The zero-denominator convention shared by the segmentation scores.
     *
     * @param numerator   numerator
     * @param denominator denominator (&ge; 0)
     * @return numerator / denominator, or 1 when the denominator is 0
     */
    public static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 1.0 : numerator / denominator;
    }

    private static double[] counts(double[][] confusion, int k) {
        check(confusion, k);
        double tp = confusion[k][k];
        double fn = 0;
        double fp = 0;
        for (int j = 0; j < confusion.length; j++) {
            if (j != k) {
                fn += confusion[k][j];
                fp += confusion[j][k];
            }
        }
        return new double[]{tp, fp, fn};
    }

    private static void check(double[][] confusion, int k) {
        if (confusion.length == 0) {
            throw new IllegalArgumentException("empty confusion matrix");
        }
        for (double[] row : confusion) {
            if (row.length != confusion.length) {
                throw new IllegalArgumentException("confusion matrix must be square, got a row of " + row.length
                        + " in a " + confusion.length + "-row matrix");
            }
        }
        if (k < 0 || k >= confusion.length) {
            throw new IllegalArgumentException("class " + k + " outside [0, " + confusion.length + ")");
        }
    }

    /**
     * @param confusion confusion[actual][predicted] counts or weights
     * @param k         the class
     * @return IoU of class k
     */
    public static double iou(double[][] confusion, int k) {
        double[] c = counts(confusion, k);
        return ratio(c[0], c[0] + c[1] + c[2]);
    }

    /**
     * @param confusion confusion[actual][predicted] counts or weights
     * @param k         the class
     * @return Dice (F1) of class k
     */
    public static double dice(double[][] confusion, int k) {
        double[] c = counts(confusion, k);
        return ratio(2 * c[0], 2 * c[0] + c[1] + c[2]);
    }

    /**
     * @param confusion confusion[actual][predicted]
     * @return the unweighted mean of the classes' IoU
     */
    public static double meanIou(double[][] confusion) {
        double s = 0;
        for (int k = 0; k < confusion.length; k++) {
            s += iou(confusion, k);
        }
        return s / confusion.length;
    }

    /**
     * @param confusion confusion[actual][predicted]
     * @return the unweighted mean of the classes' Dice
     */
    public static double meanDice(double[][] confusion) {
        double s = 0;
        for (int k = 0; k < confusion.length; k++) {
            s += dice(confusion, k);
        }
        return s / confusion.length;
    }
}

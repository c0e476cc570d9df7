package org.hybridqml.qnn.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-feature standardisation x ↦ (x − mean) / sd, fitted on training data only (population standard deviation).
 *
 * <p>Constant features (sd = 0 on the training data, common for dead ReLU channels of a frozen backbone) are not an
 * error: they carry no information for training, so they are mapped to 0 for every input — training data and any
 * later data alike — and reported by {@link #constantFeatures()} (the trainer logs a warning naming them).
 */
public final class Standardizer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] mean;
    private final double[] invSd;

    private Standardizer(double[] mean, double[] invSd) {
        this.mean = mean;
        this.invSd = invSd;
    }

    /**
     * Fits the statistics.
     *
     * @param x rows of features (all rows the same width, finite)
     * @return the fitted standardiser
     */
    public static Standardizer fit(double[][] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("Cannot fit a standardiser on no rows");
        }
        int f = x[0].length;
        double[] mean = new double[f];
        for (double[] row : x) {
            for (int j = 0; j < f; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] /= x.length;
        }
        double[] var = new double[f];
        for (double[] row : x) {
            for (int j = 0; j < f; j++) {
                double d = row[j] - mean[j];
                var[j] += d * d;
            }
        }
        double[] invSd = new double[f];
        for (int j = 0; j < f; j++) {
            double sd = Math.sqrt(var[j] / x.length);
            // relative threshold: values equal up to rounding of the mean count as constant
            invSd[j] = sd <= 1e-12 * Math.max(1.0, Math.abs(mean[j])) ? 0.0 : 1.0 / sd;
        }
        return new Standardizer(mean, invSd);
    }

    /** @return the number of features */
    public int numFeatures() {
        return mean.length;
    }

    /** @return indices of features that were constant on the training data (mapped to 0) */
    public List<Integer> constantFeatures() {
        List<Integer> c = new ArrayList<>();
        for (int j = 0; j < invSd.length; j++) {
            if (invSd[j] == 0) {
                c.add(j);
            }
        }
        return c;
    }

    /**
     * Standardises rows into new arrays.
     *
     * @param x rows of {@link #numFeatures()} features
     * @return standardised copies
     */
    public double[][] transform(double[][] x) {
        double[][] out = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != mean.length) {
                throw new IllegalArgumentException("Row " + r + " has " + x[r].length + " features, expected "
                        + mean.length);
            }
            double[] o = new double[mean.length];
            for (int j = 0; j < o.length; j++) {
                o[j] = invSd[j] == 0 ? 0.0 : (x[r][j] - mean[j]) * invSd[j];
            }
            out[r] = o;
        }
        return out;
    }
}

package org.hybridqml.qnn.head;

import java.util.random.RandomGenerator;

/**
 * An affine layer y = W x + b stored inside a flat parameter vector: W row-major [out][in] at {@code wOff}, b at
 * {@code bOff}. Plain loops in a fixed order, so results are bitwise reproducible.
 */
final class Dense implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** 1 / (standard deviation of a standard normal truncated to [−2, 2]), as in JAX's variance_scaling. */
    private static final double TRUNCATED_NORMAL_STD_CORRECTION = 1.0 / 0.87962566103423978;

    final int in;
    final int out;
    final int wOff;
    final int bOff;

    Dense(int in, int out, int offset) {
        this.in = in;
        this.out = out;
        this.wOff = offset;
        this.bOff = offset + in * out;
    }

    /** @return the offset just past this layer's parameters */
    int end() {
        return bOff + out;
    }

    double[][] forward(double[] p, double[][] x) {
        double[][] y = new double[x.length][out];
        for (int b = 0; b < x.length; b++) {
            double[] xb = x[b];
            double[] yb = y[b];
            for (int o = 0; o < out; o++) {
                int w = wOff + o * in;
                double s = 0;
                for (int i = 0; i < in; i++) {
                    s += p[w + i] * xb[i];
                }
                yb[o] = s + p[bOff + o];
            }
        }
        return y;
    }

    /** Accumulates dW, db into {@code g}; returns dL/dx. */
    double[][] backward(double[] p, double[][] x, double[][] dy, double[] g) {
        double[][] dx = new double[x.length][in];
        for (int b = 0; b < x.length; b++) {
            double[] xb = x[b];
            double[] dyb = dy[b];
            double[] dxb = dx[b];
            for (int o = 0; o < out; o++) {
                double d = dyb[o];
                g[bOff + o] += d;
                if (d == 0) {
                    continue;
                }
                int w = wOff + o * in;
                for (int i = 0; i < in; i++) {
                    g[w + i] += d * xb[i];
                    dxb[i] += d * p[w + i];
                }
            }
        }
        return dx;
    }

    /**
     * LeCun-normal kernel (Flax's default for {@code nn.Dense}: truncated normal on [−2σ, 2σ] with variance 1/fan_in)
     * and zero bias.
     */
    void initLecunNormal(double[] p, RandomGenerator rng) {
        double sd = Math.sqrt(1.0 / in) * TRUNCATED_NORMAL_STD_CORRECTION;
        for (int k = 0; k < in * out; k++) {
            double z;
            do {
                z = rng.nextGaussian();
            } while (z < -2 || z > 2);
            p[wOff + k] = sd * z;
        }
        for (int o = 0; o < out; o++) {
            p[bOff + o] = 0;
        }
    }

    /** Makes output o constant: its weight row 0 and its bias {@code value}, whatever the input. */
    void setConstant(double[] p, int o, double value) {
        if (o < 0 || o >= out) {
            throw new IllegalArgumentException("Output index " + o + " out of range 0.." + (out - 1));
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Constant output " + o + " must be finite, got " + value);
        }
        java.util.Arrays.fill(p, wOff + o * in, wOff + (o + 1) * in, 0.0);
        p[bOff + o] = value;
    }

    void setBias(double[] p, double[] bias) {
        if (bias == null || bias.length != out) {
            throw new IllegalArgumentException("Output bias needs " + out + " values, got "
                    + (bias == null ? "null" : bias.length));
        }
        System.arraycopy(bias, 0, p, bOff, out);
    }

    static void checkBatch(double[][] x, int width) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("Empty batch: need at least one feature row");
        }
        for (int b = 0; b < x.length; b++) {
            if (x[b] == null || x[b].length != width) {
                throw new IllegalArgumentException("Row " + b + " has " + (x[b] == null ? "no" : x[b].length)
                        + " features, the head expects " + width);
            }
        }
    }
}

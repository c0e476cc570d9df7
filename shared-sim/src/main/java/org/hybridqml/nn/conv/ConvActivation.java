package org.hybridqml.nn.conv;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The activations the fast convolution kernels fuse into their output. Each derivative is written in terms of the
 * activated output {@code a}, so the backward pass needs only the forward output, not the pre-activation.
 */
public enum ConvActivation {
    /** a = z. */
    IDENTITY,
    /** a = max(0, z); da/dz = 1 where a &gt; 0 (0 at z = 0, as DL4J). */
    RELU,
    /** a = tanh(z); da/dz = 1 − a². */
    TANH,
    /** a = 1 / (1 + e^−z); da/dz = a(1 − a). */
    SIGMOID;

    /**
     * @param a a DL4J activation
     * @return the fused equivalent
     * @throws IllegalArgumentException if the activation has no fused kernel
     */
    public static ConvActivation of(IActivation a) {
        if (a == null || a instanceof ActivationIdentity) {
            return IDENTITY;
        }
        if (a instanceof ActivationReLU r) {
            if (r.getMax() != null || nonZero(r.getThreshold()) || nonZero(r.getNegativeSlope())) {
                throw new IllegalArgumentException("fast convolution supports plain ReLU only, got " + a);
            }
            return RELU;
        }
        if (a instanceof ActivationTanH) {
            return TANH;
        }
        if (a instanceof ActivationSigmoid) {
            return SIGMOID;
        }
        throw new IllegalArgumentException("fast convolution supports identity, ReLU, tanh and sigmoid, got " + a
                + "; use the DL4J engine for other activations");
    }

    private static boolean nonZero(Double d) {
        return d != null && d != 0.0;
    }

    /** Applies the activation in place to {@code v[off, off+len)}. */
    void apply(float[] v, int off, int len) {
        switch (this) {
            case RELU -> {
                for (int i = off; i < off + len; i++) {
                    v[i] = Math.max(v[i], 0f);
                }
            }
            case TANH -> {
                for (int i = off; i < off + len; i++) {
                    v[i] = (float) Math.tanh(v[i]);
                }
            }
            case SIGMOID -> {
                for (int i = off; i < off + len; i++) {
                    v[i] = (float) (1.0 / (1.0 + Math.exp(-v[i])));
                }
            }
            default -> {
            }
        }
    }

    /** Applies the activation in place (double precision). */
    void apply(double[] v, int off, int len) {
        for (int i = off; i < off + len; i++) {
            v[i] = value(v[i]);
        }
    }

    /** @return the activation of z */
    double value(double z) {
        return switch (this) {
            case RELU -> Math.max(z, 0);
            case TANH -> Math.tanh(z);
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-z));
            default -> z;
        };
    }

    /** @return da/dz written with the output a */
    double derivativeFromOutput(double a) {
        return switch (this) {
            case RELU -> a > 0 ? 1 : 0;
            case TANH -> 1 - a * a;
            case SIGMOID -> a * (1 - a);
            default -> 1;
        };
    }

    /** dst[i] = g[i] · da/dz(a[i]) for i in [0, len) (float). */
    void gradient(float[] a, float[] g, float[] dst, int off, int len) {
        switch (this) {
            case RELU -> {
                for (int i = off; i < off + len; i++) {
                    dst[i] = a[i] > 0f ? g[i] : 0f;
                }
            }
            case TANH -> {
                for (int i = off; i < off + len; i++) {
                    dst[i] = g[i] * (1f - a[i] * a[i]);
                }
            }
            case SIGMOID -> {
                for (int i = off; i < off + len; i++) {
                    dst[i] = g[i] * (a[i] * (1f - a[i]));
                }
            }
            default -> System.arraycopy(g, off, dst, off, len);
        }
    }
}

package org.hybridqml.qnn.train;

/**
 * Adam (Kingma &amp; Ba) exactly as optax's {@code adam}: m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g²,
 * θ ← θ − lr · m̂ / (√v̂ + ε) with bias-corrected m̂, v̂ (ε outside the square root, no ε_root).
 *
 * <p>Optionally the parameters from an index on use lr · scale (as optax's {@code multi_transform} of two
 * {@code adam}s with different rates and the same β and ε). With scale 1 the update is exactly the plain one.
 */
public final class Adam {

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double[] m;
    private final double[] v;
    /** First parameter whose learning rate is scaled ({@code m.length}: none). */
    private final int from;
    /** lr · scale, the learning rate of parameters from..size-1. */
    private final double scaledLr;
    private long step;

    /**
     * @param size  number of parameters
     * @param lr    learning rate
     * @param beta1 first-moment decay
     * @param beta2 second-moment decay
     * @param eps   ε
     */
    public Adam(int size, double lr, double beta1, double beta2, double eps) {
        this(size, lr, beta1, beta2, eps, size, 1);
    }

    /**
     * Adam whose parameters from index {@code from} on take {@code scale} × the learning rate (e.g. a head's readout
     * layer, {@link org.hybridqml.qnn.head.ClassifierHead#readoutStart()}).
     *
     * @param size  number of parameters
     * @param lr    learning rate of parameters 0..from-1
     * @param beta1 first-moment decay
     * @param beta2 second-moment decay
     * @param eps   ε
     * @param from  first scaled parameter, in [0, size] ({@code size}: none)
     * @param scale factor on lr for parameters from..size-1, finite and &gt; 0
     * @throws IllegalArgumentException if {@code from} or {@code scale} is out of range
     */
    public Adam(int size, double lr, double beta1, double beta2, double eps, int from, double scale) {
        if (from < 0 || from > size) {
            throw new IllegalArgumentException("first scaled parameter must be in [0, " + size + "], got " + from);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("learning-rate scale must be positive and finite, got " + scale);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new double[size];
        this.v = new double[size];
        this.from = from;
        this.scaledLr = lr * scale;
    }

    /**
     * One update, in place.
     *
     * @param params the parameters
     * @param grad   the gradient of the loss
     */
    public void step(double[] params, double[] grad) {
        if (params.length != m.length || grad.length != m.length) {
            throw new IllegalArgumentException("Adam was built for " + m.length + " parameters");
        }
        step++;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        for (int i = 0; i < params.length; i++) {
            double g = grad[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            double rate = i < from ? lr : scaledLr;
            params[i] -= rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
        }
    }

    /** @return updates applied so far */
    public long steps() {
        return step;
    }
}

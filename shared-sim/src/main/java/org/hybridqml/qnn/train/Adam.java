package org.hybridqml.qnn.train;

/**
 * Adam (Kingma &amp; Ba) exactly as optax's {@code adam}: m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g²,
 * θ ← θ − lr · m̂ / (√v̂ + ε) with bias-corrected m̂, v̂ (ε outside the square root, no ε_root).
 */
public final class Adam {

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double[] m;
    private final double[] v;
    private long step;

    /**
     * @param size  number of parameters
     * @param lr    learning rate
     * @param beta1 first-moment decay
     * @param beta2 second-moment decay
     * @param eps   ε
     */
    public Adam(int size, double lr, double beta1, double beta2, double eps) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new double[size];
        this.v = new double[size];
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
            params[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
        }
    }

    /** @return updates applied so far */
    public long steps() {
        return step;
    }
}

package org.hybridqml.qnn.train;

/**
 * Training losses over a batch of logits and 0/1 targets, with their gradients.
 */
public enum Loss {

    /**
     * Multi-label: sigmoid binary cross-entropy averaged over samples and labels (optax's
     * {@code sigmoid_binary_cross_entropy(logits, y).mean()}), in the stable form max(z,0) − z·y + log(1 + e^−|z|).
     */
    SIGMOID_BINARY_CROSS_ENTROPY {
        @Override
        double valueAndGradient(double[][] logits, double[][] targets, double[][] grad) {
            int batch = logits.length;
            int width = logits[0].length;
            double scale = 1.0 / ((double) batch * width);
            double sum = 0;
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < width; k++) {
                    double z = logits[b][k];
                    double y = targets[b][k];
                    sum += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
                    if (grad != null) {
                        grad[b][k] = (sigmoid(z) - y) * scale;
                    }
                }
            }
            return sum * scale;
        }

        @Override
        double[] scores(double[] logits) {
            double[] s = new double[logits.length];
            for (int k = 0; k < s.length; k++) {
                s[k] = sigmoid(logits[k]);
            }
            return s;
        }
    },

    /**
     * Single-label: softmax cross-entropy over the outputs (one-hot targets), averaged over samples, in the stable
     * form logsumexp(z) − z_y.
     */
    SOFTMAX_CROSS_ENTROPY {
        @Override
        double valueAndGradient(double[][] logits, double[][] targets, double[][] grad) {
            int batch = logits.length;
            double scale = 1.0 / batch;
            double sum = 0;
            for (int b = 0; b < batch; b++) {
                double[] z = logits[b];
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double se = 0;
                for (double v : z) {
                    se += Math.exp(v - max);
                }
                double lse = max + Math.log(se);
                for (int k = 0; k < z.length; k++) {
                    double y = targets[b][k];
                    sum += y * (lse - z[k]);
                    if (grad != null) {
                        grad[b][k] = (Math.exp(z[k] - lse) - y) * scale;
                    }
                }
            }
            return sum * scale;
        }

        @Override
        double[] scores(double[] logits) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : logits) {
                max = Math.max(max, v);
            }
            double[] s = new double[logits.length];
            double se = 0;
            for (int k = 0; k < s.length; k++) {
                s[k] = Math.exp(logits[k] - max);
                se += s[k];
            }
            for (int k = 0; k < s.length; k++) {
                s[k] /= se;
            }
            return s;
        }
    };

    /**
     * The mean loss of a batch and, if {@code grad} is not null, dLoss/dlogits written into it.
     *
     * @param logits  [batch][outputs]
     * @param targets [batch][outputs], 0/1 (one-hot rows for softmax)
     * @param grad    [batch][outputs] to fill, or null
     * @return the mean loss
     */
    abstract double valueAndGradient(double[][] logits, double[][] targets, double[][] grad);

    /**
     * Probabilities from one row of logits: per-label sigmoid, or softmax over the classes.
     *
     * @param logits one sample's logits
     * @return probabilities
     */
    abstract double[] scores(double[] logits);

    /**
     * The mean loss of a batch.
     *
     * @param logits  [batch][outputs]
     * @param targets [batch][outputs]
     * @return the mean loss
     */
    public double value(double[][] logits, double[][] targets) {
        return valueAndGradient(logits, targets, null);
    }

    /**
     * dLoss/dlogits of the mean loss of a batch.
     *
     * @param logits  [batch][outputs]
     * @param targets [batch][outputs]
     * @return [batch][outputs]
     */
    public double[][] gradient(double[][] logits, double[][] targets) {
        double[][] g = new double[logits.length][logits[0].length];
        valueAndGradient(logits, targets, g);
        return g;
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}

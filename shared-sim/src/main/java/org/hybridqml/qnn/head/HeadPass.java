package org.hybridqml.qnn.head;

/**
 * The result of {@link ClassifierHead#forward}: the logits, plus the activations the head's
 * {@link ClassifierHead#backward} needs (opaque to callers).
 */
public final class HeadPass {

    private final ClassifierHead head;
    private final double[][] features;
    private final double[][] logits;
    final double[][][] cache;

    HeadPass(ClassifierHead head, double[][] features, double[][] logits, double[][]... cache) {
        this.head = head;
        this.features = features;
        this.logits = logits;
        this.cache = cache;
    }

    /** @return the input batch (not copied) */
    public double[][] features() {
        return features;
    }

    /** @return the logits, [batch][outputs] */
    public double[][] logits() {
        return logits;
    }

    /** @return the batch size */
    public int batchSize() {
        return features.length;
    }

    void checkOwner(ClassifierHead expected, double[][] logitGrad) {
        if (head != expected) {
            throw new IllegalArgumentException("This pass was produced by a different head");
        }
        if (logitGrad == null || logitGrad.length != logits.length) {
            throw new IllegalArgumentException("Logit gradient must have " + logits.length + " rows (the batch), got "
                    + (logitGrad == null ? "null" : logitGrad.length));
        }
        for (int b = 0; b < logitGrad.length; b++) {
            if (logitGrad[b] == null || logitGrad[b].length != logits[b].length) {
                throw new IllegalArgumentException("Logit gradient row " + b + " must have " + logits[b].length
                        + " entries");
            }
        }
    }
}

package org.hybridqml.qnn.head;

import java.io.Serializable;
import java.util.random.RandomGenerator;

/**
 * A differentiable map from a batch of feature rows to one logit per output (label or class), with all trainable
 * parameters in one flat vector.
 *
 * <p>Use: {@link #forward} a batch, compute dL/dlogits from the returned {@link HeadPass#logits()}, then
 * {@link #backward} that pass to get dL/dθ (summed over the batch, laid out like {@link #parameters()}) and dL/dx per
 * sample. Implementations are deterministic: the same parameters and inputs give bitwise identical results.
 * Heads are not thread-safe; {@link #copy()} gives an independent head.
 */
public interface ClassifierHead extends Serializable {

    /** @return input width F */
    int numFeatures();

    /** @return number of logits per sample (labels, or classes in single-label mode) */
    int numOutputs();

    /** @return length of the flat parameter vector */
    int numParameters();

    /**
     * Where the readout parameters start: the layer that maps the head's last hidden features to the logits, when
     * the head has such a separate readout (the DQC's output Dense after ⟨Z⟩). Parameters from this index to the
     * end are the readout; trainers may give them their own learning rate
     * ({@link org.hybridqml.qnn.train.TrainingConfig#readoutLearningRateScale()}).
     *
     * @return the index of the first readout parameter; by default {@link #numParameters()}, i.e. no separate readout
     *         (the CDL, a single dense layer)
     */
    default int readoutStart() {
        return numParameters();
    }

    /**
     * The live flat parameter vector: writes change the head (optimisers update it in place). The layout is
     * documented by each implementation.
     *
     * @return the parameters, not a copy
     */
    double[] parameters();

    /**
     * Overwrites all parameters.
     *
     * @param values {@link #numParameters()} finite values
     * @throws IllegalArgumentException on another count or a non-finite value (index and value named)
     */
    default void setParameters(double[] values) {
        double[] p = parameters();
        if (values == null || values.length != p.length) {
            throw new IllegalArgumentException("Head has " + p.length + " parameters, got "
                    + (values == null ? "null" : values.length));
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("Head parameter " + i + " must be finite, got " + values[i]);
            }
        }
        System.arraycopy(values, 0, p, 0, p.length);
    }

    /**
     * Draws fresh initial parameters (each implementation documents its scheme).
     *
     * @param rng the random source; the same sequence gives the same parameters
     */
    void initialize(RandomGenerator rng);

    /**
     * Sets the bias of the final dense layer (e.g. to each label's log-odds).
     *
     * @param bias {@link #numOutputs()} values
     */
    void setOutputBias(double[] bias);

    /**
     * Makes one output constant: its logit becomes {@code logit} for every input (the final dense layer's weights
     * for it are set to 0 and its bias to {@code logit}). Used for a label that was never positive in training,
     * which is kept and predicts its prior.
     *
     * @param output the output index, 0..{@link #numOutputs()}-1
     * @param logit  the constant logit, finite
     */
    void setConstantOutput(int output, double logit);

    /**
     * Forward pass for a batch, keeping what {@link #backward} needs.
     *
     * @param features [batch][{@link #numFeatures()}]
     * @return the logits and the cached activations
     */
    HeadPass forward(double[][] features);

    /**
     * Backward pass.
     *
     * @param pass        a pass returned by {@link #forward} with the current parameters
     * @param logitGrad   dL/dlogits, [batch][{@link #numOutputs()}]
     * @return dL/dθ summed over the batch and dL/dfeatures per sample
     */
    HeadGradients backward(HeadPass pass, double[][] logitGrad);

    /**
     * Logits only, without keeping a cache.
     *
     * @param features [batch][{@link #numFeatures()}]
     * @return [batch][{@link #numOutputs()}]
     */
    default double[][] logits(double[][] features) {
        return forward(features).logits();
    }

    /**
     * Throws if training with this mini-batch size cannot run (for the DQC head: the simulator's memory guard).
     * Called by trainers before any training work.
     *
     * @param batchSize the mini-batch size
     * @throws IllegalArgumentException with the reason
     */
    default void checkTrainable(int batchSize) {
    }

    /** @return an independent deep copy */
    ClassifierHead copy();

    /** @return a one-line description (architecture and sizes) */
    String describe();
}

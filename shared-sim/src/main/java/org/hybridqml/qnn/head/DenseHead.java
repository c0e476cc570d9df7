package org.hybridqml.qnn.head;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The classical twin of the DQC head (CDL in Chan et al., arXiv:2405.00156; authors' code
 * {@code BioIntelligence-Lab/QuMI/src/model.py}): one dense layer Dense(F → L) producing logits.
 *
 * <p>Parameter layout: W row-major [L][F] at offset 0, then the bias (L values). Initialisation: LeCun-normal kernel
 * (Flax's {@code nn.Dense} default, truncated normal with variance 1/F) and zero bias.
 */
public final class DenseHead implements ClassifierHead {

    private static final long serialVersionUID = 1L;

    private final Dense dense;
    private final double[] params;

    /**
     * A head initialised from seed 0 (trainers re-initialise from their own seed).
     *
     * @param numFeatures input width F &ge; 1
     * @param numOutputs  logits L &ge; 1
     */
    public DenseHead(int numFeatures, int numOutputs) {
        if (numFeatures < 1 || numOutputs < 1) {
            throw new IllegalArgumentException("Dense head needs >= 1 feature and >= 1 output, got " + numFeatures
                    + " and " + numOutputs);
        }
        this.dense = new Dense(numFeatures, numOutputs, 0);
        this.params = new double[dense.end()];
        initialize(new SplittableRandom(0));
    }

    private DenseHead(DenseHead other) {
        this.dense = other.dense;
        this.params = other.params.clone();
    }

    @Override
    public int numFeatures() {
        return dense.in;
    }

    @Override
    public int numOutputs() {
        return dense.out;
    }

    @Override
    public int numParameters() {
        return params.length;
    }

    @Override
    public double[] parameters() {
        return params;
    }

    @Override
    public void initialize(RandomGenerator rng) {
        dense.initLecunNormal(params, rng);
    }

    @Override
    public void setConstantOutput(int output, double logit) {
        dense.setConstant(params, output, logit);
    }

    @Override
    public void setOutputBias(double[] bias) {
        dense.setBias(params, bias);
    }

    @Override
    public HeadPass forward(double[][] features) {
        Dense.checkBatch(features, dense.in);
        return new HeadPass(this, features, dense.forward(params, features));
    }

    @Override
    public HeadGradients backward(HeadPass pass, double[][] logitGrad) {
        pass.checkOwner(this, logitGrad);
        double[] g = new double[params.length];
        double[][] dx = dense.backward(params, pass.features(), logitGrad, g);
        return new HeadGradients(g, dx);
    }

    @Override
    public DenseHead copy() {
        return new DenseHead(this);
    }

    @Override
    public String describe() {
        return "CDL head: Dense(" + dense.in + " -> " + dense.out + ") logits, " + params.length + " parameters";
    }

    @Override
    public String toString() {
        return describe();
    }
}

package org.hybridqml.nn;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.hybridqml.circuits.StronglyEntanglingLayers;
import org.hybridqml.nn.layer.PlainJavaLayer;
import org.hybridqml.nn.layer.PlainJavaParamInitializer;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.QuantumPointwiseConv;
import org.hybridqml.qnn.TrainedCircuit;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

import java.util.List;
import java.util.Objects;

/**
 * DL4J configuration of the quantum pointwise convolution ({@link QuantumPointwiseConv}): NCHW input
 * [mb, C, H, W] → output [mb, K·n, H, W] with n = ⌈log2 C⌉, K circuits of L strongly entangling layers.
 *
 * <p>A {@link PlainJavaLayer}: one parameter array {@value PlainJavaParamInitializer#THETA} of K·L·n·3 rotation
 * angles, laid out as in {@code QuantumPointwiseConv}, and DL4J's updater, JSON configuration, ModelSerializer and
 * gradient checks apply unchanged. Initialisation: uniform in [0, 2π) from a generator seeded with the network
 * seed, like the default of PennyLane's {@code TorchLayer}/{@code KerasLayer}. The layer has no bias and no
 * activation (its outputs are ⟨Z⟩ values in [−1, 1]); the activation field is fixed to identity. {@code theta}
 * counts as a weight, so a global L2/weight decay would pull the angles towards 0 — usually not wanted for rotation
 * angles. Dropout on this layer's input is not applied. Only the NCHW data format is supported.
 *
 * <p>Example: {@code new QuantumPointwiseConvLayer.Builder().numLayers(2).numCircuits(2).build()} after a
 * convolution with 8 output channels gives 2·3 = 6 output channels and 36 parameters.
 */
public class QuantumPointwiseConvLayer extends PlainJavaLayer {
    private static final long serialVersionUID = 2L;

    private int numLayers = 1;
    private int numCircuits = 1;
    private int threads;
    private transient QuantumPointwiseConv conv;

    /** Test hook for negative controls: multiplies the returned input gradient (1 = correct). */
    transient double debugInputGradientScale = 1.0;

    /** For Jackson. */
    public QuantumPointwiseConvLayer() {
        this.activationFn = new ActivationIdentity();
    }

    private QuantumPointwiseConvLayer(Builder b) {
        super(b);
        this.nIn = b.nIn;
        this.numLayers = b.numLayers;
        this.numCircuits = b.numCircuits;
        this.threads = b.threads;
        this.activationFn = new ActivationIdentity();
    }

    /** @return strongly entangling layers L per circuit */
    public int getNumLayers() {
        return numLayers;
    }

    /** @param numLayers strongly entangling layers L per circuit */
    public void setNumLayers(int numLayers) {
        this.numLayers = numLayers;
        this.conv = null;
    }

    /** @return circuits K */
    public int getNumCircuits() {
        return numCircuits;
    }

    /** @param numCircuits circuits K */
    public void setNumCircuits(int numCircuits) {
        this.numCircuits = numCircuits;
        this.conv = null;
    }

    /** @return worker threads for the Java forward/backward pass (0 = all processors) */
    public int getThreads() {
        return threads;
    }

    /** @param threads worker threads (0 = all processors); results do not depend on it */
    public void setThreads(int threads) {
        this.threads = threads;
        this.conv = null;
    }

    /** @return qubits per circuit n = ⌈log2 C⌉ */
    public int qubits() {
        requireNIn();
        return StronglyEntanglingLayers.qubitsFor((int) nIn);
    }

    /** @return output channels K·n */
    public long nOut() {
        requireNIn();
        return outputChannels(nIn);
    }

    @Override
    public int numParams() {
        return 3 * numCircuits * numLayers * qubits();
    }

    @Override
    public long outputChannels(long inputChannels) {
        return (long) numCircuits * StronglyEntanglingLayers.qubitsFor((int) inputChannels);
    }

    @Override
    public void initParams(double[] params, java.util.Random random) {
        for (int i = 0; i < params.length; i++) {
            params[i] = 2 * Math.PI * random.nextDouble();
        }
    }

    /** @return the engine-neutral layer this DL4J layer runs (built once per configuration) */
    public QuantumPointwiseConv quantumLayer() {
        if (conv == null || conv.channels() != nIn) {
            int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            conv = new QuantumPointwiseConv((int) nIn, numLayers, numCircuits, t);
        }
        return conv;
    }

    /** The K circuits, {@code "pointwise circuit k"}, each with its slice of the parameters (no weight sharing). */
    @Override
    public List<TrainedCircuit> trainedCircuits(double[] params) {
        return quantumLayer().trainedCircuits(params);
    }

    /** @return the pixels of one image, H·W */
    @Override
    public int circuitSites(int channels, int height, int width) {
        return height * width;
    }

    /** @return the channel vector of one pixel, {@link QuantumPointwiseConv#pixelInputs}; every circuit gets it */
    @Override
    public double[] circuitInputs(int[] shape, double[] input, int site) {
        checkChannels(shape);
        return quantumLayer().pixelInputs(input, shape[2] * shape[3], site);
    }

    @Override
    public void forward(int[] shape, double[] input, double[] params, double[] output) {
        checkChannels(shape);
        double[] y = quantumLayer().forward(params, input, shape[0], shape[2] * shape[3]);
        System.arraycopy(y, 0, output, 0, y.length);
    }

    /** Inference with the prediction-time setting: each pixel's circuits through {@link PredictionNoise}. */
    @Override
    protected void noisyForward(int[] shape, double[] input, double[] params, double[] output,
                                PredictionNoise noise) {
        checkChannels(shape);
        double[] y = quantumLayer().forward(params, input, shape[0], shape[2] * shape[3], noise);
        System.arraycopy(y, 0, output, 0, y.length);
    }

    /** @return true: inference can evaluate the circuits with shots and noise */
    @Override
    protected boolean hasNoisyInference() {
        return true;
    }

    @Override
    public void backward(int[] shape, double[] input, double[] params, double[] gradOutput, double[] gradInput,
                         double[] gradParams) {
        checkChannels(shape);
        QuantumPointwiseConv.Gradients g = quantumLayer().backward(params, input, shape[0], shape[2] * shape[3],
                gradOutput);
        double[] dx = g.inputGradient();
        for (int i = 0; i < dx.length; i++) {
            gradInput[i] = dx[i] * debugInputGradientScale;
        }
        System.arraycopy(g.parameterGradient(), 0, gradParams, 0, gradParams.length);
    }

    private void checkChannels(int[] shape) {
        if (shape[1] != nIn) {
            throw new IllegalArgumentException("Quantum pointwise layer " + getLayerName() + " expects NCHW input [mb, "
                    + nIn + ", H, W], got " + shape[1] + " channels");
        }
    }

    private void requireNIn() {
        if (nIn < 1) {
            throw new IllegalStateException("Quantum pointwise layer " + getLayerName()
                    + ": number of input channels not set (set nIn or give the network an input type)");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof QuantumPointwiseConvLayer q) || !super.equals(o)) {
            return false;
        }
        return nIn == q.nIn && numLayers == q.numLayers && numCircuits == q.numCircuits && threads == q.threads;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, numLayers, numCircuits, threads);
    }

    @Override
    public String toString() {
        return "QuantumPointwiseConvLayer(name=" + getLayerName() + ", nIn=" + nIn + ", layers=" + numLayers
                + ", circuits=" + numCircuits + ", threads=" + threads + ")";
    }

    /** Builder. */
    public static class Builder extends BaseLayer.Builder<Builder> {
        private long nIn;
        private int numLayers = 1;
        private int numCircuits = 1;
        private int threads;

        /**
         * @param nIn input channels C (optional when the network has an input type)
         * @return this builder
         */
        public Builder nIn(long nIn) {
            this.nIn = nIn;
            return this;
        }

        /**
         * @param layers strongly entangling layers L per circuit, &ge; 1
         * @return this builder
         */
        public Builder numLayers(int layers) {
            this.numLayers = layers;
            return this;
        }

        /**
         * @param circuits circuits K, &ge; 1
         * @return this builder
         */
        public Builder numCircuits(int circuits) {
            this.numCircuits = circuits;
            return this;
        }

        /**
         * @param threads worker threads for the Java passes (0 = all processors)
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public QuantumPointwiseConvLayer build() {
            if (numLayers < 1 || numCircuits < 1 || threads < 0 || nIn < 0) {
                throw new IllegalArgumentException("Quantum pointwise layer needs numLayers >= 1, numCircuits >= 1, "
                        + "threads >= 0, nIn >= 0; got " + numLayers + ", " + numCircuits + ", " + threads + ", "
                        + nIn);
            }
            return new QuantumPointwiseConvLayer(this);
        }
    }
}

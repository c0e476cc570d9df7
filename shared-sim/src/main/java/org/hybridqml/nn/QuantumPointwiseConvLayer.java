package org.hybridqml.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.hybridqml.circuits.StronglyEntanglingLayers;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * DL4J configuration of the quantum pointwise convolution ({@link org.hybridqml.qnn.QuantumPointwiseConv}): NCHW
 * input [mb, C, H, W] → output [mb, K·n, H, W] with n = ⌈log2 C⌉, K circuits of L strongly entangling layers.
 *
 * <p>One parameter array {@value QuantumPointwiseConvParamInitializer#THETA} of K·L·n·3 rotation angles, laid out
 * as in {@code QuantumPointwiseConv}. Initialisation: uniform in [0, 2π) from ND4J's seeded random generator, like
 * the default of PennyLane's {@code TorchLayer}/{@code KerasLayer}. The layer has no bias and no activation (its
 * outputs are ⟨Z⟩ values in [−1, 1]); the activation field is fixed to identity. The global updater,
 * regularization and gradient normalization apply as to any {@link BaseLayer} ({@code theta} counts as a weight,
 * so a global L2/weight decay would pull the angles towards 0 — usually not wanted for rotation angles). Dropout
 * on this layer's input is not applied. Only the NCHW data format is supported. The configuration survives
 * DL4J's JSON round trip and {@code ComputationGraph.save/load}.
 *
 * <p>Example: {@code new QuantumPointwiseConvLayer.Builder().numLayers(2).numCircuits(2).build()} after a
 * convolution with 8 output channels gives 2·3 = 6 output channels and 36 parameters.
 */
public class QuantumPointwiseConvLayer extends BaseLayer {
    private static final long serialVersionUID = 1L;

    private long nIn;
    private int numLayers = 1;
    private int numCircuits = 1;
    private int threads;

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
        initializeConstraints(b);
    }

    /** @return input channels C (0 until set from the input type) */
    public long getNIn() {
        return nIn;
    }

    /** @param nIn input channels C */
    public void setNIn(long nIn) {
        this.nIn = nIn;
    }

    /** @return strongly entangling layers L per circuit */
    public int getNumLayers() {
        return numLayers;
    }

    /** @param numLayers strongly entangling layers L per circuit */
    public void setNumLayers(int numLayers) {
        this.numLayers = numLayers;
    }

    /** @return circuits K */
    public int getNumCircuits() {
        return numCircuits;
    }

    /** @param numCircuits circuits K */
    public void setNumCircuits(int numCircuits) {
        this.numCircuits = numCircuits;
    }

    /** @return worker threads for the Java forward/backward pass (0 = all processors) */
    public int getThreads() {
        return threads;
    }

    /** @param threads worker threads (0 = all processors); results do not depend on it */
    public void setThreads(int threads) {
        this.threads = threads;
    }

    /** @return qubits per circuit n = ⌈log2 C⌉ */
    public int qubits() {
        requireNIn();
        return StronglyEntanglingLayers.qubitsFor((int) nIn);
    }

    /** @return output channels K·n */
    public long nOut() {
        return (long) numCircuits * qubits();
    }

    /** @return trainable parameters K·L·n·3 */
    public long numParams() {
        return 3L * numCircuits * numLayers * qubits();
    }

    private void requireNIn() {
        if (nIn < 1) {
            throw new IllegalStateException("Quantum pointwise layer " + getLayerName()
                    + ": number of input channels not set (set nIn or give the network an input type)");
        }
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        QuantumPointwiseConvLayerImpl layer = new QuantumPointwiseConvLayerImpl(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> table = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(table);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return QuantumPointwiseConvParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional c = convInput(inputType);
        return InputType.convolutional(c.getHeight(), c.getWidth(), (long) numCircuits
                * StronglyEntanglingLayers.qubitsFor((int) c.getChannels()), CNN2DFormat.NCHW);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeConvolutional c = convInput(inputType);
        if (nIn <= 0 || override) {
            nIn = c.getChannels();
        }
    }

    private InputType.InputTypeConvolutional convInput(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new IllegalArgumentException("Quantum pointwise layer " + getLayerName()
                    + " needs convolutional (NCHW) input, got " + inputType);
        }
        if (c.getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("Quantum pointwise layer " + getLayerName()
                    + " supports only the NCHW data format, got " + c.getFormat());
        }
        return c;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long working = out.arrayElementsPerExample() + inputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(getLayerName(), QuantumPointwiseConvLayer.class, inputType, out)
                .standardMemory(numParams(), 0)
                .workingMemory(0, working, MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
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

package org.hybridqml.nn.classify;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hybridqml.nn.QuantumPointwiseConvLayer;
import org.hybridqml.nn.conv.ConvEngine;
import org.hybridqml.options.OptionValues;
import org.hybridqml.options.QuantumPointwiseCNNOptions;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Locale;

/**
 * Builder of the hybrid pointwise CNN and its classical twin (same everything except the pointwise layer).
 *
 * <p>Architecture (the paper leaves it open; each choice is made for CPU training on a 2-core machine):
 * <ol>
 *   <li>{@code conv1}: 3x3 convolution, {@code C} filters (default 8 = 2^3, so the quantum layer's amplitude
 *       embedding uses exactly n = 3 qubits without zero padding), same padding, ReLU;</li>
 *   <li>{@code pool1}: 2x2 max pooling, stride 2 (quarters the pixels the pointwise layer sees);</li>
 *   <li>{@code pointwise}: either the quantum pointwise layer (C &rarr; K&middot;n channels, L strongly
 *       entangling layers, ⟨Z⟩ outputs in [-1,1], no extra activation) or, for the twin, a 1x1 convolution
 *       C &rarr; K&middot;n with tanh (tanh keeps the twin's output range equal to the quantum one's);</li>
 *   <li>{@code conv2}: 3x3 convolution, 2C filters by default ({@link #conv2Channels(int)}), same padding,
 *       ReLU;</li>
 *   <li>{@code pool2}: 2x2 max pooling, stride 2;</li>
 *   <li>{@code dense}: the conv2&middot;(H/4)&middot;(W/4) feature values flattened into a ReLU layer of 64
 *       units by default ({@link #denseUnits(int)}) (a global average pooling head here kept accuracy near 40-45 % on MNIST after 3 quick epochs: averaging
 *       away where a stroke is loses most of what a 7x7 map knows);</li>
 *   <li>{@code out}: dense softmax with multi-class cross-entropy.</li>
 * </ol>
 * Adam (the learning rate is set per epoch by {@link QuantumPointwiseCNNNetworkTrainer}'s cosine annealing), Xavier init,
 * FLOAT data type, seeded: the same seed gives identical initial parameters.
 */
public final class QuantumPointwiseCNNBuilder {

    /** Index of the pointwise layer (quantum or 1x1 conv) in the built network. */
    public static final int POINTWISE_LAYER = 2;

    /** Width of the dense layer between the flattened feature maps and the softmax. */
    public static final int DENSE_UNITS = 64;

    private int width = 28;
    private int height = 28;
    private int channels = 1;
    private int numClasses = 10;
    private int convChannels = 8;
    private int conv2Channels;
    private int denseUnits = DENSE_UNITS;
    private int quantumLayers = 2;
    private int circuits = 2;
    private boolean classical;
    private double learningRate = 0.01;
    private long seed = 42;
    private ConvEngine engine = ConvEngine.FAST;

    /**
     * The network that values of {@link QuantumPointwiseCNNOptions#SPEC} describe, as the platform adapters build it.
     *
     * @param v       values of {@link QuantumPointwiseCNNOptions#SPEC}
     * @param classes number of classes (&ge; 2)
     * @return the network description
     */
    public static QuantumPointwiseCNNBuilder fromOptions(OptionValues v, int classes) {
        return new QuantumPointwiseCNNBuilder().width(v.getInt("imageWidth")).height(v.getInt("imageHeight"))
                .channels(v.getInt("imageChannels")).numClasses(classes).convChannels(v.getInt("convChannels"))
                .quantumLayers(v.getInt("quantumLayers")).circuits(v.getInt("circuits"))
                .classical(QuantumPointwiseCNNOptions.CLASSICAL.equals(v.getString("pointwiseLayer")));
    }

    /** Image width in pixels (default 28). @param w width @return this */
    public QuantumPointwiseCNNBuilder width(int w) { this.width = positive(w, "width"); return this; }
    /** Image height in pixels (default 28). @param h height @return this */
    public QuantumPointwiseCNNBuilder height(int h) { this.height = positive(h, "height"); return this; }
    /** Image channels (1 grayscale, 3 RGB; default 1). @param c channels @return this */
    public QuantumPointwiseCNNBuilder channels(int c) { this.channels = positive(c, "channels"); return this; }
    /** Number of classes (at least 2; default 10). @param k classes @return this */
    public QuantumPointwiseCNNBuilder numClasses(int k) {
        if (k < 2) throw new IllegalArgumentException("numClasses must be >= 2, got " + k);
        this.numClasses = k; return this;
    }
    /** Channels C of the first convolution, i.e. the pointwise layer's input (default 8). @param c C @return this */
    public QuantumPointwiseCNNBuilder convChannels(int c) {
        if (c < 2) throw new IllegalArgumentException("convChannels must be >= 2, got " + c);
        this.convChannels = c; return this;
    }
    /** Strongly entangling layers L per circuit (default 2). @param l L @return this */
    public QuantumPointwiseCNNBuilder quantumLayers(int l) { this.quantumLayers = positive(l, "quantumLayers"); return this; }
    /** Circuits K (default 2). @param k K @return this */
    public QuantumPointwiseCNNBuilder circuits(int k) { this.circuits = positive(k, "circuits"); return this; }
    /** Use the classical 1x1 convolution instead of the quantum layer. @param c twin flag @return this */
    public QuantumPointwiseCNNBuilder classical(boolean c) { this.classical = c; return this; }
    /** Initial (peak) Adam learning rate (default 0.01). @param lr learning rate @return this */
    public QuantumPointwiseCNNBuilder learningRate(double lr) {
        if (!(lr > 0)) throw new IllegalArgumentException("learningRate must be > 0, got " + lr);
        this.learningRate = lr; return this;
    }
    /** Seed of the initial parameters. @param s seed @return this */
    public QuantumPointwiseCNNBuilder seed(long s) { this.seed = s; return this; }
    /** Implementation of the classical layers (default FAST: plain Java, the same results on every CPU). @param e engine @return this */
    public QuantumPointwiseCNNBuilder engine(ConvEngine e) { this.engine = java.util.Objects.requireNonNull(e); return this; }

    /**
     * @param c filters of the second 3x3 convolution (after the pointwise layer); 0 = twice {@link #convChannels}
     * @return this builder
     */
    public QuantumPointwiseCNNBuilder conv2Channels(int c) {
        if (c < 0) throw new IllegalArgumentException("conv2Channels must be >= 0 (0 = 2 x convChannels), got " + c);
        this.conv2Channels = c;
        return this;
    }

    /** @param units width of the dense ReLU layer before the softmax (default {@value #DENSE_UNITS}) @return this */
    public QuantumPointwiseCNNBuilder denseUnits(int units) { this.denseUnits = positive(units, "denseUnits"); return this; }

    /** @return filters of the second convolution */
    public int conv2Channels() { return conv2Channels == 0 ? 2 * convChannels : conv2Channels; }

    /** @return width of the dense layer */
    public int denseUnits() { return denseUnits; }

    /** @return qubits n = ceil(log2 C) of the quantum layer */
    public int qubits() {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(convChannels - 1));
    }

    /** @return output channels K&middot;n of the pointwise layer (quantum or classical) */
    public int pointwiseOut() { return circuits * qubits(); }

    /** @return image width */
    public int width() { return width; }
    /** @return image height */
    public int height() { return height; }
    /** @return image channels */
    public int channels() { return channels; }
    /** @return number of classes */
    public int numClasses() { return numClasses; }
    /** @return channels C of the first convolution */
    public int convChannels() { return convChannels; }
    /** @return strongly entangling layers L per circuit */
    public int quantumLayers() { return quantumLayers; }
    /** @return circuits K */
    public int circuits() { return circuits; }
    /** @return whether this is the classical twin */
    public boolean isClassical() { return classical; }

    /** @return the configuration of the network described by this builder */
    public MultiLayerConfiguration configuration() {
        if (width < 4 || height < 4) {
            throw new IllegalArgumentException("images must be at least 4x4 (two 2x2 poolings), got "
                    + width + "x" + height);
        }
        int c = convChannels;
        var pointwise = classical
                ? engine.conv(new ConvolutionLayer.Builder(1, 1).nOut(pointwiseOut()).activation(Activation.TANH))
                : new QuantumPointwiseConvLayer.Builder().numLayers(quantumLayers).numCircuits(circuits)
                        .threads(Math.max(1, Runtime.getRuntime().availableProcessors())).build();
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(engine.conv(new ConvolutionLayer.Builder(3, 3).nOut(c).activation(Activation.RELU)))
                .layer(engine.pool(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)))
                .layer(pointwise)
                .layer(engine.conv(new ConvolutionLayer.Builder(3, 3).nOut(conv2Channels())
                        .activation(Activation.RELU)))
                .layer(engine.pool(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)))
                .layer(engine.dense(new DenseLayer.Builder().nOut(denseUnits).activation(Activation.RELU)))
                .layer(engine.output(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(numClasses)
                        .activation(Activation.SOFTMAX)))
                .setInputType(InputType.convolutional(height, width, channels))
                .build();
    }

    /** @return a new initialised network */
    public MultiLayerNetwork build() {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
        net.init();
        return net;
    }

    /**
     * A description of a trained network of this shape for the platforms' model output: input, layers, parameter
     * counts and the training time per epoch.
     *
     * @param net          the trained network
     * @param epochSeconds seconds of each training epoch (may be empty)
     * @return newline-terminated lines
     */
    public String describe(MultiLayerNetwork net, double[] epochSeconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Input: %dx%d pixels, %d channel(s)%n", width, height, channels));
        sb.append("Layers: conv 3x3 (").append(convChannels).append(", ReLU) -> max-pool 2x2 -> ");
        if (classical) {
            sb.append("classical 1x1 conv (").append(pointwiseOut()).append(", tanh)");
        } else {
            sb.append("quantum pointwise conv (").append(circuits).append(" circuits x ").append(qubits())
                    .append(" qubits, ").append(quantumLayers).append(" entangling layers, <Z> outputs)");
        }
        sb.append(" -> conv 3x3 (").append(conv2Channels()).append(", ReLU) -> max-pool 2x2 -> flatten -> dense ")
                .append(denseUnits).append(" (ReLU) -> dense softmax (").append(numClasses).append(")\n");
        sb.append("Parameters: ").append(net.numParams()).append(" (pointwise layer ")
                .append(net.getLayer(POINTWISE_LAYER).numParams()).append(")\n");
        if (epochSeconds.length > 0) {
            double total = 0;
            for (double s : epochSeconds) {
                total += s;
            }
            sb.append(String.format(Locale.ROOT, "Epochs: %d, %.2f s per epoch on average%n", epochSeconds.length,
                    total / epochSeconds.length));
        }
        return sb.toString();
    }

    private static int positive(int v, String name) {
        if (v < 1) throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        return v;
    }
}

package org.hybridqml.nn.unet;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hybridqml.nn.conv.ConvEngine;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Arrays;

/**
 * Builds the U-Net of the QuFeX paper's PH2 code (Jain &amp; Kalev, arXiv:2501.13165; authors' code
 * {@code Jain-Naman/QuNet-Ph2/models/*.py}) as a DL4J {@link ComputationGraph}.
 *
 * <ul>
 *   <li>Encoder block i (filters f_i): Conv3×3 same + act, Conv3×3 same + act (output = skip i), MaxPool 2×2.</li>
 *   <li>Bottleneck: pluggable ({@link Bottleneck}); default {@link ConvBottleneck} (Conv3×3, 2×f_last, act).</li>
 *   <li>Decoder block j (filters reversed): Deconvolution2D 3×3 stride 2 same (identity activation; output size
 *       2H×2W exactly like Keras Conv2DTranspose(padding="same")), concat with skip, Conv3×3 same + act ×2.</li>
 *   <li>Head: Conv1×1, 1 filter, sigmoid; loss {@link PixelMeanBinaryCrossEntropy} (Keras BCE, mean over
 *       pixels).</li>
 *   <li>Glorot-uniform ({@code XAVIER_UNIFORM}) weights, zero biases, as Keras defaults.</li>
 * </ul>
 * Convolutions, transposed convolutions and max-pools are built by the {@link ConvEngine} (default
 * {@link ConvEngine#FAST}, plain-Java kernels; {@link ConvEngine#DL4J} for DL4J's own layers, e.g. with NHWC);
 * both engines give the same parameters for the same seed.
 * Vertex names: {@code input}, {@code enc{i}_conv{1,2}}, {@code enc{i}_pool}, the bottleneck's,
 * {@code dec{j}_up}, {@code dec{j}_cat}, {@code dec{j}_conv{1,2}}, {@code head}, {@code loss}.
 *
 * <p>Input height and width must be divisible by 2^(number of encoder blocks).
 */
public final class UNetBuilder {

    /** Name of the 1×1 output convolution whose sigmoid is the foreground probability. */
    public static final String HEAD = "head";

    /**
     * Sets the output convolution's bias to the log-odds of a foreground fraction, so that the untrained network
     * predicts the prior probability everywhere (the prior-probability initialisation of Lin et al., "Focal Loss for
     * Dense Object Detection", arXiv:1708.02002, Sec. 3.3): starting at zero bias (probability 0.5) the first
     * updates mostly learn the class balance. Optional ({@code SegmentationTrainer.outputBiasFromPrior}); on
     * DSB2018 it helped one slow-starting Qu-Net seed and not another.
     *
     * @param net                a network built by this class
     * @param foregroundFraction the share of foreground pixels in the training masks, clipped to [1e-4, 1 − 1e-4]
     * @return the bias that was set
     */
    public static double setOutputBiasFromPrior(ComputationGraph net, double foregroundFraction) {
        if (!(foregroundFraction >= 0 && foregroundFraction <= 1)) {
            throw new IllegalArgumentException("foregroundFraction must be in [0, 1], got " + foregroundFraction);
        }
        double p = Math.min(1 - 1e-4, Math.max(1e-4, foregroundFraction));
        double logit = Math.log(p / (1 - p));
        org.nd4j.linalg.api.ndarray.INDArray b = net.getLayer(HEAD).getParam("b");
        if (b == null) {
            throw new IllegalStateException("the output layer '" + HEAD + "' has no bias");
        }
        b.assign(logit);
        return logit;
    }
    /** The QuFeX paper's PH2 encoder filters. */
    public static final int[] PH2_FILTERS = {8, 16, 32, 16, 8};

    private int height = 192;
    private int width = 256;
    private int channels = 3;
    private int[] filters = PH2_FILTERS.clone();
    private Bottleneck bottleneck = new ConvBottleneck();
    private Activation activation = Activation.RELU;
    private DataType dataType = DataType.FLOAT;
    private IUpdater updater = kerasAdam(1e-3);
    private long seed = 42;
    private WorkspaceMode workspaceMode = WorkspaceMode.ENABLED;
    private CacheMode cacheMode = CacheMode.NONE;
    private CNN2DFormat format = CNN2DFormat.NCHW;
    private double clipEps = 1e-7;
    private ConvEngine engine = ConvEngine.FAST;

    /** @return Adam with Keras's defaults (β1 0.9, β2 0.999, ε 1e-7) and the given learning rate */
    public static Adam kerasAdam(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-7);
    }

    /** @param h input height @param w input width @param c input channels @return this */
    public UNetBuilder input(int h, int w, int c) {
        if (h < 1 || w < 1 || c < 1) {
            throw new IllegalArgumentException("input size must be positive, got " + h + "x" + w + "x" + c);
        }
        this.height = h;
        this.width = w;
        this.channels = c;
        return this;
    }

    /** @param encoderFilters filters per encoder block (decoder uses them reversed) @return this */
    public UNetBuilder filters(int... encoderFilters) {
        if (encoderFilters.length == 0 || Arrays.stream(encoderFilters).anyMatch(f -> f < 1)) {
            throw new IllegalArgumentException("need >= 1 positive filter counts, got "
                    + Arrays.toString(encoderFilters));
        }
        this.filters = encoderFilters.clone();
        return this;
    }

    /** @param b bottleneck @return this */
    public UNetBuilder bottleneck(Bottleneck b) {
        this.bottleneck = b;
        return this;
    }

    /** @param a activation of the hidden convolutions (ReLU in the paper; tanh for gradient checks) @return this */
    public UNetBuilder activation(Activation a) {
        this.activation = a;
        return this;
    }

    /** @param t network data type (FLOAT; DOUBLE for gradient checks) @return this */
    public UNetBuilder dataType(DataType t) {
        this.dataType = t;
        return this;
    }

    /** @param u updater (default {@link #kerasAdam} 1e-3) @return this */
    public UNetBuilder updater(IUpdater u) {
        this.updater = u;
        return this;
    }

    /** @param s seed of the weight initialisation @return this */
    public UNetBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    /** @param m DL4J workspace mode for training and inference @return this */
    public UNetBuilder workspaceMode(WorkspaceMode m) {
        this.workspaceMode = m;
        return this;
    }

    /** @param m DL4J cache mode @return this */
    public UNetBuilder cacheMode(CacheMode m) {
        this.cacheMode = m;
        return this;
    }

    /** @param f activation layout of all convolution layers (input arrays must use it too) @return this */
    public UNetBuilder format(CNN2DFormat f) {
        this.format = f;
        return this;
    }

    /** @param e which implementation computes the convolution and pooling layers @return this */
    public UNetBuilder engine(ConvEngine e) {
        this.engine = java.util.Objects.requireNonNull(e, "engine");
        return this;
    }

    /** @return the convolution engine */
    public ConvEngine engine() {
        return engine;
    }

    /** @return encoder depth (number of max-pools) */
    public int depth() {
        return filters.length;
    }

    /** @return input height */
    public int height() {
        return height;
    }

    /** @return input width */
    public int width() {
        return width;
    }

    /** @return input channels */
    public int channels() {
        return channels;
    }

    /** @return the bottleneck */
    public Bottleneck bottleneck() {
        return bottleneck;
    }

    /** @return the layout of activations */
    public CNN2DFormat format() {
        return format;
    }

    /**
     * Checks that H and W are divisible by 2^depth so every max-pool halves exactly and every skip matches the
     * upsampled map.
     *
     * @throws IllegalArgumentException naming the offending dimension
     */
    public void checkInputSize(int h, int w) {
        int div = 1 << depth();
        StringBuilder bad = new StringBuilder();
        if (h % div != 0) {
            bad.append("height ").append(h);
        }
        if (w % div != 0) {
            bad.append(bad.length() > 0 ? " and " : "").append("width ").append(w);
        }
        if (bad.length() > 0) {
            throw new IllegalArgumentException("Image " + bad + " not divisible by 2^" + depth() + " = " + div
                    + " (the U-Net has " + depth() + " max-pools); resize or crop to a multiple of " + div);
        }
    }

    /** @return the configuration (not yet initialised) */
    public ComputationGraphConfiguration configuration() {
        checkInputSize(height, width);
        if (engine == ConvEngine.FAST && format != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("the FAST convolution engine supports NCHW only, got " + format
                    + "; use engine(ConvEngine.DL4J)");
        }
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(updater)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0.0)
                .trainingWorkspaceMode(workspaceMode)
                .inferenceWorkspaceMode(workspaceMode)
                .cacheMode(cacheMode)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(height, width, channels, format));
        String prev = "input";
        int h = height;
        int w = width;
        String[] skips = new String[filters.length];
        for (int i = 0; i < filters.length; i++) {
            String c1 = "enc" + i + "_conv1";
            String c2 = "enc" + i + "_conv2";
            g.addLayer(c1, conv(3, filters[i]), prev);
            g.addLayer(c2, conv(3, filters[i]), c1);
            g.addLayer("enc" + i + "_pool", engine.pool(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2)
                    .stride(2, 2).convolutionMode(ConvolutionMode.Truncate).dataFormat(format)), c2);
            skips[i] = c2;
            prev = "enc" + i + "_pool";
            h /= 2;
            w /= 2;
        }
        Bottleneck.Output b = bottleneck.addTo(g, prev, filters[filters.length - 1], h, w, activation, engine);
        prev = b.vertex();
        for (int j = 0; j < filters.length; j++) {
            int i = filters.length - 1 - j;
            int f = filters[i]; // decoder filters are the encoder's reversed; block j meets skip i
            String up = "dec" + j + "_up";
            g.addLayer(up, engine.deconv(new Deconvolution2D.Builder(3, 3).stride(2, 2).nOut(f)
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY)
                    .dataFormat(format)), prev);
            String cat = "dec" + j + "_cat";
            g.addVertex(cat, engine.merge(), up, skips[i]);
            g.addLayer("dec" + j + "_conv1", conv(3, f), cat);
            g.addLayer("dec" + j + "_conv2", conv(3, f), "dec" + j + "_conv1");
            prev = "dec" + j + "_conv2";
        }
        g.addLayer(HEAD, engine.conv(new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.IDENTITY)
                .dataFormat(format)), prev);
        g.addLayer("loss", new CnnLossLayer.Builder(new PixelMeanBinaryCrossEntropy((long) height * width,
                clipEps)).activation(Activation.SIGMOID).format(format).build(), HEAD);
        g.setOutputs("loss");
        return g.build();
    }

    private org.deeplearning4j.nn.conf.layers.Layer conv(int k, int nOut) {
        return engine.conv(new ConvolutionLayer.Builder(k, k).nOut(nOut).convolutionMode(ConvolutionMode.Same)
                .activation(activation).dataFormat(format));
    }

    /** @return a new, initialised network */
    public ComputationGraph build() {
        ComputationGraph net = new ComputationGraph(configuration());
        net.init();
        return net;
    }

    /**
     * Trainable parameters of a built network (Keras's "Total params" for the same architecture).
     *
     * @param net network
     * @return parameter count
     */
    public static long parameterCount(ComputationGraph net) {
        return net.numParams();
    }

    @Override
    public String toString() {
        return "UNet(input " + height + "x" + width + "x" + channels + ", filters " + Arrays.toString(filters)
                + ", bottleneck " + bottleneck.describe() + ", " + activation + ", " + dataType + ", engine " + engine
                + ")";
    }
}

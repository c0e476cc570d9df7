package org.hybridqml.options;

import org.hybridqml.nn.classify.PointwiseCnn;
import org.hybridqml.nn.classify.PointwiseCnnTrainer;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.Locale;

/**
 * The options of the quantum pointwise CNN image classifier ({@link PointwiseCnn}, {@link PointwiseCnnTrainer}) for
 * platform adapters, and the network and trainer they describe.
 *
 * <p>Options (bean name, flag): {@code imageWidth} ({@code -width}), {@code imageHeight} ({@code -height}),
 * {@code imageChannels} ({@code -channels}), {@code imagesLocation} ({@code -images-location}), {@code pixelScale}
 * ({@code -pixel-scale}), {@code pointwiseLayer} ({@code -pointwise quantum|classical}), {@code convChannels}
 * ({@code -C}), {@code quantumLayers} ({@code -L}), {@code circuits} ({@code -K}), {@code epochs} ({@code -E}),
 * {@code miniBatchSize} ({@code -mini-batch}), {@code learningRate} ({@code -lr}). The seed is the platform's.
 */
public final class PointwiseCnnOptions {

    /** Pointwise layer choice: the quantum pointwise convolution. */
    public static final String QUANTUM = "quantum";
    /** Pointwise layer choice: the classical 1x1 convolution twin. */
    public static final String CLASSICAL = "classical";

    /** The options. */
    public static final OptionSpec SPEC = OptionSpec.of(
            OptionDef.ofInt("imageWidth", "width", 28, 4, 4096, "Image width in pixels (>= 4). Pixel-attribute "
                    + "data must have width*height*channels numeric attributes; image files of another size are "
                    + "resized (nearest neighbour)."),
            OptionDef.ofInt("imageHeight", "height", 28, 4, 4096, "Image height in pixels (>= 4)."),
            OptionDef.ofInt("imageChannels", "channels", 1, 1, 3, "Image channels: 1 (grayscale) or 3 (RGB). Pixel "
                    + "attributes are read channel by channel, each channel row by row."),
            OptionDef.ofString("imagesLocation", "images-location", "", "dir", "Directory of the image files named "
                    + "by a meta ARFF. The meta ARFF holds a string attribute (file name) and the class, as "
                    + "wekaDeeplearning4j's image iterator reads. Empty: file names are absolute or relative to the working directory. Not "
                    + "used for pixel-attribute data."),
            OptionDef.ofDouble("pixelScale", "pixel-scale", 1.0, 0, Double.MAX_VALUE, "Factor applied to pixel "
                    + "attribute values (> 0). For example 0.0625 for 0-16 intensities, 0.00392 for 0-255; image "
                    + "files are always read into [0,1].").exclusive(true, false),
            OptionDef.ofChoice("pointwiseLayer", "pointwise", QUANTUM, List.of(QUANTUM, CLASSICAL),
                    List.of("Quantum pointwise convolution (amplitude encoding, strongly entangling layers, <Z>)",
                            "Classical 1x1 convolution with tanh (the twin with the same shapes)"),
                    "The pointwise (1x1) layer: quantum or classical. quantum: the quantum pointwise convolution "
                            + "of Ning, Li and Chen; classical: the 1x1 convolution twin (same network otherwise), "
                            + "for comparison."),
            OptionDef.ofInt("convChannels", "C", 8, 2, 256, "Filters of the first convolution. They are the pointwise "
                    + "layer's input channels; the quantum layer uses ceil(log2 C) qubits (8 -> 3 qubits)."),
            OptionDef.ofInt("quantumLayers", "L", 2, 1, 50, "Strongly entangling layers per circuit (quantum "
                    + "pointwise layer only)."),
            OptionDef.ofInt("circuits", "K", 2, 1, 64, "Number of circuits K. The pointwise layer outputs "
                    + "K*qubits channels (the classical twin as many)."),
            OptionDef.ofInt("epochs", "E", 3, 1, 100000, "Training epochs (cosine-annealed learning rate)."),
            OptionDef.ofInt("miniBatchSize", "mini-batch", 32, 1, 1 << 20, "Training mini-batch size. (Weka's "
                    + "batchSize option is the prediction batch size.)"),
            OptionDef.ofDouble("learningRate", "lr", 0.01, 0, 10, "Peak Adam learning rate, annealed by a cosine "
                    + "over the epochs.").exclusive(true, false),
            ProgressOption.DEF);

    private PointwiseCnnOptions() {
    }

    /**
     * @param v       values of {@link #SPEC}
     * @param classes number of classes (&ge; 2)
     * @return the network description
     */
    public static PointwiseCnn network(OptionValues v, int classes) {
        return new PointwiseCnn().width(v.getInt("imageWidth")).height(v.getInt("imageHeight"))
                .channels(v.getInt("imageChannels")).numClasses(classes).convChannels(v.getInt("convChannels"))
                .quantumLayers(v.getInt("quantumLayers")).circuits(v.getInt("circuits"))
                .classical(CLASSICAL.equals(v.getString("pointwiseLayer")));
    }

    /**
     * @param v       values of {@link #SPEC}
     * @param network the network description from {@link #network}
     * @param seed    the seed
     * @return the trainer
     */
    public static PointwiseCnnTrainer trainer(OptionValues v, PointwiseCnn network, long seed) {
        return new PointwiseCnnTrainer(network).epochs(v.getInt("epochs")).batchSize(v.getInt("miniBatchSize"))
                .learningRate(v.getDouble("learningRate")).seed(seed);
    }

    /** @param v values @return the number of pixel values per image (width*height*channels) */
    public static int pixelsPerImage(OptionValues v) {
        return v.getInt("imageWidth") * v.getInt("imageHeight") * v.getInt("imageChannels");
    }

    /**
     * A description of a trained network for the platforms' model output: input, layers, parameter counts and the
     * training time per epoch.
     *
     * @param network      the network description
     * @param net          the trained network
     * @param epochSeconds seconds of each training epoch (may be empty)
     * @return newline-terminated lines
     */
    public static String describe(PointwiseCnn network, MultiLayerNetwork net, double[] epochSeconds) {
        int c = network.convChannels();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Input: %dx%d pixels, %d channel(s)%n", network.width(),
                network.height(), network.channels()));
        sb.append("Layers: conv 3x3 (").append(c).append(", ReLU) -> max-pool 2x2 -> ");
        if (network.isClassical()) {
            sb.append("classical 1x1 conv (").append(network.pointwiseOut()).append(", tanh)");
        } else {
            sb.append("quantum pointwise conv (").append(network.circuits()).append(" circuits x ")
                    .append(network.qubits()).append(" qubits, ").append(network.quantumLayers())
                    .append(" entangling layers, <Z> outputs)");
        }
        sb.append(" -> conv 3x3 (").append(network.conv2Channels())
                .append(", ReLU) -> max-pool 2x2 -> flatten -> dense ").append(network.denseUnits()).append(" (ReLU) -> dense softmax (").append(network.numClasses())
                .append(")\n");
        sb.append("Parameters: ").append(net.numParams()).append(" (pointwise layer ")
                .append(net.getLayer(PointwiseCnn.POINTWISE_LAYER).numParams()).append(")\n");
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
}

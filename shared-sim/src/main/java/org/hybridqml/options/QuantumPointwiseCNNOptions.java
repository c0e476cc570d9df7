package org.hybridqml.options;

import java.util.List;

/**
 * The options of the quantum pointwise CNN image classifier for platform adapters. The network and trainer they
 * describe are built from their values in {@code org.hybridqml.nn.classify} ({@code QuantumPointwiseCNNBuilder.fromOptions},
 * {@code QuantumPointwiseCNNNetworkTrainer.fromOptions}), which keeps this package free of DL4J.
 *
 * <p>Options (bean name, flag): {@code imageWidth} ({@code -width}), {@code imageHeight} ({@code -height}),
 * {@code imageChannels} ({@code -channels}), {@code imagesLocation} ({@code -images-location}), {@code pixelScale}
 * ({@code -pixel-scale}), {@code pointwiseLayer} ({@code -pointwise quantum|classical}), {@code convChannels}
 * ({@code -C}), {@code quantumLayers} ({@code -L}), {@code circuits} ({@code -K}), {@code epochs} ({@code -E}),
 * {@code miniBatchSize} ({@code -mini-batch}), {@code learningRate} ({@code -lr}). The seed is the platform's.
 */
public final class QuantumPointwiseCNNOptions {

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
            ProgressOption.DEF).plus(PredictionNoiseOptions.defs("the classical pointwise layer"));

    private QuantumPointwiseCNNOptions() {
    }

    /** @param v values @return the number of pixel values per image (width*height*channels) */
    public static int pixelsPerImage(OptionValues v) {
        return v.getInt("imageWidth") * v.getInt("imageHeight") * v.getInt("imageChannels");
    }
}

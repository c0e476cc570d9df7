package org.hybridqml.nn.unet;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.hybridqml.nn.conv.ConvEngine;
import org.nd4j.linalg.activations.Activation;

/**
 * The classical U-Net bottleneck of the QuFeX paper's baseline: one 3×3 same convolution with
 * {@code multiplier ×} the last encoder filter count (the PH2 code uses 2×8 = 16), activation as the rest.
 */
public final class ConvBottleneck implements Bottleneck {
    private final int multiplier;

    /** The paper's baseline: 2 × last encoder filters. */
    public ConvBottleneck() {
        this(2);
    }

    /** @param multiplier output channels = multiplier × input channels */
    public ConvBottleneck(int multiplier) {
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
        }
        this.multiplier = multiplier;
    }

    /** Adds the convolution as a DL4J {@code ConvolutionLayer} ({@link ConvEngine#DL4J}). */
    @Override
    public Output addTo(ComputationGraphConfiguration.GraphBuilder graph, String input, int channels, int height,
                        int width, Activation activation) {
        return addTo(graph, input, channels, height, width, activation, ConvEngine.DL4J);
    }

    @Override
    public Output addTo(ComputationGraphConfiguration.GraphBuilder graph, String input, int channels, int height,
                        int width, Activation activation, ConvEngine engine) {
        int out = multiplier * channels;
        graph.addLayer("bottleneck_conv", engine.conv(new ConvolutionLayer.Builder(3, 3).nOut(out)
                .convolutionMode(ConvolutionMode.Same).activation(activation)), input);
        return new Output("bottleneck_conv", out);
    }

    @Override
    public String describe() {
        return "conv3x3(" + multiplier + "x)";
    }
}

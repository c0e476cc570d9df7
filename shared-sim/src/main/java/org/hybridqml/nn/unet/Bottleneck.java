package org.hybridqml.nn.unet;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * The U-Net bottleneck as a pluggable piece: the classical baseline ({@link ConvBottleneck}), an identity for
 * tests, or the QuFeX layer of the Qu-Net (Jain &amp; Kalev, arXiv:2501.13165, Sec. III.B).
 */
public interface Bottleneck {

    /** The vertex that ends the bottleneck and its channel count (spatial size is unchanged). */
    record Output(String vertex, int channels) {
    }

    /**
     * Adds the bottleneck's vertices to the graph.
     *
     * @param graph      the graph builder
     * @param input      name of the vertex feeding the bottleneck (the last max-pool)
     * @param channels   channels of that input
     * @param height     its height
     * @param width      its width
     * @param activation activation name the classical convolutions use (e.g. "relu")
     * @return the last vertex and its channel count
     * @throws IllegalArgumentException if this bottleneck cannot work on that input (e.g. patches do not tile it)
     */
    Output addTo(ComputationGraphConfiguration.GraphBuilder graph, String input, int channels, int height,
                 int width, org.nd4j.linalg.activations.Activation activation);

    /**
     * Adds the bottleneck's vertices, building classical convolutions with the given engine; the default ignores
     * the engine (for bottlenecks without convolutions).
     *
     * @param engine which implementation computes convolution layers
     * @return the last vertex and its channel count
     * @see #addTo(ComputationGraphConfiguration.GraphBuilder, String, int, int, int,
     *      org.nd4j.linalg.activations.Activation)
     */
    default Output addTo(ComputationGraphConfiguration.GraphBuilder graph, String input, int channels, int height,
                         int width, org.nd4j.linalg.activations.Activation activation,
                         org.hybridqml.nn.conv.ConvEngine engine) {
        return addTo(graph, input, channels, height, width, activation);
    }

    /** @return a short description for logs and model summaries */
    String describe();

    /** @return the identity bottleneck (passes the last max-pool through; for tests) */
    static Bottleneck identity() {
        return new Bottleneck() {
            @Override
            public Output addTo(ComputationGraphConfiguration.GraphBuilder graph, String input, int channels,
                                int height, int width, org.nd4j.linalg.activations.Activation activation) {
                return new Output(input, channels);
            }

            @Override
            public String describe() {
                return "identity";
            }
        };
    }
}

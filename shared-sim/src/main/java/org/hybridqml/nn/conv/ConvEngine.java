package org.hybridqml.nn.conv;

import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * Which implementation computes the classical layers of a network: convolutions, transposed convolutions,
 * max-pooling, channel concatenation, dense layers and the softmax output layer. Both give ordinary DL4J layers
 * with the same parameters (keys, shapes, initialisation for a given seed):
 * <ul>
 *   <li>{@link #FAST}: the plain-Java kernels of this package (stride-1 1×1/3×3 Same convolutions, 3×3
 *       stride-2 transposed convolutions, 2×2 max-pooling; NCHW only) — several times faster than DL4J's
 *       im2col/gemm path on the small channel counts of the project's networks — and {@link FastDense} /
 *       {@link FastOutput}, so that no layer goes through native BLAS: results are bitwise the same on every CPU
 *       (OpenBLAS picks its matrix-multiply kernel by CPU model, and its kernels round differently);</li>
 *   <li>{@link #DL4J}: DL4J's own layers (any configuration, NHWC, helpers); their float results depend on the
 *       CPU's BLAS kernel in the last digits.</li>
 * </ul>
 * Builders pass a configured DL4J layer builder; the engine decides which layer class is built.
 */
public enum ConvEngine {
    /** Plain-Java kernels ({@link FastConvolution2D}, {@link FastDeconvolution2D}, {@link FastMaxPooling2D}). */
    FAST,
    /** DL4J's ConvolutionLayer, Deconvolution2D and SubsamplingLayer. */
    DL4J;

    /** @param b configured convolution builder @return the layer this engine uses for it */
    public Layer conv(ConvolutionLayer.Builder b) {
        return this == FAST ? new FastConvolution2D(b) : b.build();
    }

    /** @param b configured transposed-convolution builder @return the layer this engine uses for it */
    public Layer deconv(Deconvolution2D.Builder b) {
        return this == FAST ? new FastDeconvolution2D(b) : b.build();
    }

    /** @return the vertex this engine uses to concatenate activations along the channels */
    public org.deeplearning4j.nn.conf.graph.MergeVertex merge() {
        return this == FAST ? new FastMergeVertex() : new org.deeplearning4j.nn.conf.graph.MergeVertex();
    }

    /** @param b configured dense-layer builder @return the layer this engine uses for it */
    public Layer dense(DenseLayer.Builder b) {
        return this == FAST ? FastDense.of(b) : b.build();
    }

    /** @param b configured softmax/MCXENT output-layer builder @return the layer this engine uses for it */
    public Layer output(OutputLayer.Builder b) {
        return this == FAST ? FastOutput.of(b) : b.build();
    }

    /** @param b configured max-pooling builder @return the layer this engine uses for it */
    public Layer pool(SubsamplingLayer.Builder b) {
        return this == FAST ? new FastMaxPooling2D(b) : b.build();
    }
}

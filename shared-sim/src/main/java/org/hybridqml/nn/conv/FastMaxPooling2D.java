package org.hybridqml.nn.conv;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Collection;

/**
 * DL4J {@link SubsamplingLayer} restricted to max-pooling 2×2 stride 2 without padding (Truncate: ⌊H/2⌋; Same:
 * ⌈H/2⌉ with partial windows), NCHW, computed in plain Java ({@link FastMaxPooling2DImpl}). Build one through
 * {@link ConvEngine}.
 */
public class FastMaxPooling2D extends SubsamplingLayer {

    /** For Jackson. */
    public FastMaxPooling2D() {
    }

    /**
     * @param builder a configured DL4J builder (validated as DL4J's own {@code build()} does)
     */
    public FastMaxPooling2D(SubsamplingLayer.Builder builder) {
        super(validated(builder));
    }

    private static SubsamplingLayer.Builder validated(SubsamplingLayer.Builder builder) {
        builder.build();
        return builder;
    }

    /** Checks that the configuration is one the plain-Java pooling implements. */
    void validate() {
        String what = "fast max-pooling layer " + getLayerName();
        if (getPoolingType() != org.deeplearning4j.nn.conf.layers.PoolingType.MAX) {
            throw new IllegalArgumentException(what + ": pooling type must be MAX, got " + getPoolingType());
        }
        if (!Arrays.equals(getKernelSize(), new int[]{2, 2}) || !Arrays.equals(getStride(), new int[]{2, 2})) {
            throw new IllegalArgumentException(what + ": kernel and stride must be 2x2, got kernel "
                    + Arrays.toString(getKernelSize()) + " stride " + Arrays.toString(getStride()));
        }
        if (getPadding() != null && (getPadding()[0] != 0 || getPadding()[1] != 0)) {
            throw new IllegalArgumentException(what + ": padding must be 0, got " + Arrays.toString(getPadding()));
        }
        if (getDilation() != null && (getDilation()[0] != 1 || getDilation()[1] != 1)) {
            throw new IllegalArgumentException(what + ": dilation must be 1, got " + Arrays.toString(getDilation()));
        }
        if (getCnn2dDataFormat() != null && getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException(what + ": only NCHW is supported, got " + getCnn2dDataFormat());
        }
        if (getConvolutionMode() != ConvolutionMode.Truncate && getConvolutionMode() != ConvolutionMode.Same) {
            throw new IllegalArgumentException(what + ": convolution mode must be Truncate or Same, got "
                    + getConvolutionMode());
        }
    }

    /** @return whether the output size rounds up (Same) */
    boolean roundsUp() {
        return getConvolutionMode() == ConvolutionMode.Same;
    }

    /**
     * Creates the runtime layer; subclasses (tests) may return a subclass of {@link FastMaxPooling2DImpl}.
     *
     * @param conf     configuration holding this layer
     * @param dataType network data type
     * @return the runtime layer
     */
    protected FastMaxPooling2DImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new FastMaxPooling2DImpl(conf, dataType);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        validate();
        FastMaxPooling2DImpl ret = newImpl(conf, networkDataType);
        ret.setListeners(trainingListeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        ret.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        ret.setConf(conf);
        return ret;
    }
}

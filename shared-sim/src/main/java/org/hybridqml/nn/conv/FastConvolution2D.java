package org.hybridqml.nn.conv;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * DL4J {@link ConvolutionLayer} (k×k, k ∈ {1, 3}, stride 1, Same, NCHW; identity, ReLU, tanh or sigmoid) computed
 * by the plain-Java kernels of this package ({@link FastConvolutionImpl}). Everything else — parameters "W"
 * [out, in, k, k] and "b", their initialisation, JSON form, updater and regularisation — is DL4J's
 * {@code ConvolutionLayer}, so networks stay ordinary DL4J networks. Build one through {@link ConvEngine}.
 */
public class FastConvolution2D extends ConvolutionLayer {

    /** For Jackson. */
    public FastConvolution2D() {
    }

    /**
     * @param builder a configured DL4J builder (validated as DL4J's own {@code build()} does)
     */
    public FastConvolution2D(ConvolutionLayer.Builder builder) {
        super(validated(builder));
    }

    private static ConvolutionLayer.Builder validated(ConvolutionLayer.Builder builder) {
        builder.build();
        return builder;
    }

    /**
     * Creates the runtime layer; subclasses (tests) may return a subclass of {@link FastConvolutionImpl}.
     *
     * @param conf     configuration holding this layer
     * @param dataType network data type
     * @return the runtime layer
     */
    protected FastConvolutionImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
        return new FastConvolutionImpl(conf, dataType, false);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        FastConvolutionImpl.validate(this, false, getLayerName());
        FastConvolutionImpl ret = newImpl(conf, networkDataType);
        ret.setListeners(trainingListeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        ParamInitializer init = initializer();
        Map<String, INDArray> paramTable = init.init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        return ret;
    }
}

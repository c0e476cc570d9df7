package org.hybridqml.nn.conv;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

/**
 * DL4J {@link Deconvolution2D} (3×3, stride 2, Same, NCHW: output 2H×2W exactly like DL4J's layer and Keras
 * {@code Conv2DTranspose(padding="same")}) computed by the plain-Java kernels of this package. Parameters "W"
 * [in, out, 3, 3] and "b", their initialisation and JSON form are DL4J's. Build one through {@link ConvEngine}.
 */
public class FastDeconvolution2D extends Deconvolution2D {

    /** For Jackson. */
    public FastDeconvolution2D() {
    }

    /**
     * @param builder a configured DL4J builder (validated as DL4J's own {@code build()} does)
     */
    public FastDeconvolution2D(Deconvolution2D.Builder builder) {
        super(validated(builder));
    }

    private static Deconvolution2D.Builder validated(Deconvolution2D.Builder builder) {
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
        return new FastConvolutionImpl(conf, dataType, true);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        FastConvolutionImpl.validate(this, true, getLayerName());
        FastConvolutionImpl ret = newImpl(conf, networkDataType);
        ret.setListeners(trainingListeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        return ret;
    }
}

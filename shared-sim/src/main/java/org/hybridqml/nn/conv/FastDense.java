package org.hybridqml.nn.conv;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.Map;

/**
 * DL4J {@link DenseLayer} (identity, ReLU, tanh or sigmoid; no layer norm, no weight noise) computed in plain Java by
 * {@link DenseKernels} ({@link FastDenseImpl}), so its results do not depend on the CPU's BLAS kernel. Parameters
 * "W" [in, out] and "b", their initialisation, JSON form, updater and regularisation are DL4J's own. Build one
 * through {@link ConvEngine#dense}.
 */
public class FastDense extends DenseLayer {

    /** For Jackson. */
    public FastDense() {
    }

    /**
     * @param builder a configured DL4J builder
     * @return the same layer (every option copied through DL4J's own JSON form) computed in plain Java
     */
    public static FastDense of(DenseLayer.Builder builder) {
        return copyAs(builder.build(), FastDense.class);
    }

    /**
     * Copies a layer configuration into a subclass through DL4J's JSON mapper, so every option (including ones
     * added by later DL4J versions) carries over.
     */
    static <T extends Layer> T copyAs(Layer built, Class<T> type) {
        ObjectMapper mapper = NeuralNetConfiguration.mapper();
        ObjectNode node = mapper.valueToTree(built);
        node.put("@class", type.getName());
        try {
            return type.cast(mapper.treeToValue(node, Layer.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot copy the " + built.getClass().getSimpleName() + " configuration "
                    + "into " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Checks that the configuration is one the plain-Java layer implements. */
    void validate() {
        String what = "fast dense layer " + getLayerName();
        if (hasLayerNorm()) {
            throw new IllegalArgumentException(what + ": layer normalisation is not supported; use ConvEngine.DL4J");
        }
        if (getWeightNoise() != null) {
            throw new IllegalArgumentException(what + ": weight noise is not supported; use ConvEngine.DL4J");
        }
        ConvActivation.of(getActivationFn());
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        validate();
        return wire(new FastDenseImpl(conf, networkDataType), conf, trainingListeners, layerIndex, layerParamsView,
                initializeParams, initializer());
    }

    /** Sets up a runtime layer as DL4J's own {@code instantiate} methods do (listeners, index, parameter views). */
    static <L extends org.deeplearning4j.nn.layers.BaseLayer<?>> L wire(L layer, NeuralNetConfiguration conf,
                                                                        Collection<TrainingListener> listeners,
                                                                        int index, INDArray paramsView,
                                                                        boolean initializeParams,
                                                                        ParamInitializer init) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> paramTable = init.init(conf, paramsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }
}

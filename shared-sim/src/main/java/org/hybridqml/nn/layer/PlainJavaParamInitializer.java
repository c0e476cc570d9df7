package org.hybridqml.nn.layer;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One parameter vector {@value #THETA} of shape [1, numParams] for a {@link PlainJavaLayer}; returns views into
 * DL4J's flattened parameter and gradient buffers.
 */
public final class PlainJavaParamInitializer implements ParamInitializer {
    /** Parameter key. */
    public static final String THETA = "theta";
    /** Shared instance (stateless). */
    public static final PlainJavaParamInitializer INSTANCE = new PlainJavaParamInitializer();

    private PlainJavaParamInitializer() {
    }

    private static int count(Layer layer) {
        return ((PlainJavaLayer) layer).numParams();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return count(layer);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return count(layer) == 0 ? Collections.emptyList() : Collections.singletonList(THETA);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return paramKeys(layer);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return THETA.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        PlainJavaLayer layer = (PlainJavaLayer) conf.getLayer();
        int n = layer.numParams();
        Map<String, INDArray> out = new LinkedHashMap<>();
        if (n == 0) {
            return out;
        }
        INDArray theta = paramsView.reshape('c', 1, n);
        if (initializeParams) {
            double[] init = new double[n];
            layer.initParams(init, new Random(conf.getSeed()));
            theta.assign(Nd4j.createFromArray(init).reshape(1, n).castTo(theta.dataType()));
        }
        out.put(THETA, theta);
        return out;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        int n = count(conf.getLayer());
        Map<String, INDArray> out = new LinkedHashMap<>();
        if (n > 0) {
            out.put(THETA, gradientView.reshape('c', 1, n));
        }
        return out;
    }
}

package org.hybridqml.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of {@link QuantumPointwiseConvLayer}: one weight array {@value #THETA}, shape [1, K·L·n·3], a view
 * into DL4J's flattened parameter (and gradient) buffer, initialised uniform in [0, 2π) from ND4J's random
 * generator (seeded by the network configuration).
 */
public final class QuantumPointwiseConvParamInitializer implements ParamInitializer {

    /** The parameter key: the circuits' rotation angles. */
    public static final String THETA = "theta";

    private static final QuantumPointwiseConvParamInitializer INSTANCE = new QuantumPointwiseConvParamInitializer();

    private QuantumPointwiseConvParamInitializer() {
    }

    /** @return the shared instance */
    public static QuantumPointwiseConvParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return ((QuantumPointwiseConvLayer) layer).numParams();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return Collections.singletonList(THETA);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.singletonList(THETA);
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
        long n = numParams(conf);
        if (paramsView.length() != n) {
            throw new IllegalStateException("Expected a parameter view of length " + n + ", got "
                    + paramsView.length());
        }
        INDArray theta = paramsView.reshape('c', 1, n);
        if (initializeParams) {
            INDArray u = Nd4j.rand(paramsView.dataType(), 1, n);
            theta.assign(u.muli(2 * Math.PI));
        }
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(THETA, theta);
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(THETA, gradientView.reshape('c', 1, numParams(conf)));
        return m;
    }
}

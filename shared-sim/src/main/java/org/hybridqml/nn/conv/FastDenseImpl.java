package org.hybridqml.nn.conv;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hybridqml.nn.layer.LayerArrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;

/**
 * Runtime side of {@link FastDense}: DL4J's dense layer with its forward and backward passes computed by
 * {@link DenseKernels} (double-precision sums, CPU-independent) and {@link ConvActivation}.
 */
public class FastDenseImpl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {

    /** The training-mode forward pass kept for the backward pass: input array, weights and activations. */
    private transient INDArray cachedInput;
    private transient double[] cachedWeights;
    private transient double[] cachedActivations;

    /**
     * @param conf     configuration holding a {@link FastDense}
     * @param dataType network data type
     */
    public FastDenseImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private ConvActivation act() {
        return ConvActivation.of(layerConf().getActivationFn());
    }

    /**
     * @return {n, in} of a rank-2 input whose width is the layer's nIn
     * @throws IllegalStateException naming the layer, the expected width and the actual shape otherwise
     */
    static int[] rows(INDArray input, long nIn, String layerId) {
        if (input.rank() != 2 || input.size(1) != nIn) {
            throw new IllegalStateException("Layer " + layerId + " expects input of shape [minibatch, " + nIn
                    + "], got " + Arrays.toString(input.shape()));
        }
        return new int[]{(int) input.size(0), (int) nIn};
    }

    /** z = xW + b for the layer's current parameters (row-major [n, out]). */
    static double[] preActivation(double[] x, int[] rows, Map<String, INDArray> params, int out) {
        return preActivation(x, rows, weights(params), params, out);
    }

    /** @return the weights W [in, out], row-major */
    static double[] weights(Map<String, INDArray> params) {
        return LayerArrays.doubles(params.get(DefaultParamInitializer.WEIGHT_KEY));
    }

    /** z = xW + b with the given weights and the layer's bias. */
    static double[] preActivation(double[] x, int[] rows, double[] w, Map<String, INDArray> params, int out) {
        INDArray bias = params.get(DefaultParamInitializer.BIAS_KEY);
        double[] z = new double[rows[0] * out];
        DenseKernels.forward(x, rows[0], rows[1], w, bias == null ? null : LayerArrays.doubles(bias), out, z);
        return z;
    }

    /**
     * Fills the weight and bias gradient views from delta = ∂L/∂z and returns ∂L/∂x.
     *
     * @param gradient receives the views under DL4J's keys
     */
    static double[] backward(double[] x, int[] rows, double[] w, Map<String, INDArray> views, int out,
                             double[] delta, Gradient gradient) {
        INDArray wGrad = views.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray bGrad = views.get(DefaultParamInitializer.BIAS_KEY);
        double[] gW = new double[w.length];
        double[] gB = bGrad == null ? null : new double[out];
        double[] gX = new double[x.length];
        DenseKernels.backward(x, rows[0], rows[1], w, out, delta, gX, gW, gB);
        LayerArrays.assign(wGrad, gW);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, wGrad);
        if (bGrad != null) {
            LayerArrays.assign(bGrad, gB);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, bGrad);
        }
        return gX;
    }

    private double[] activations(double[] x, int[] rows, double[] w) {
        int out = (int) layerConf().getNOut();
        double[] a = preActivation(x, rows, w, params, out);
        ConvActivation f = act();
        for (int i = 0; i < a.length; i++) {
            a[i] = f.value(a[i]);
        }
        return a;
    }

    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        int[] rows = rows(input, layerConf().getNIn(), layerId());
        int out = (int) layerConf().getNOut();
        double[] z = preActivation(LayerArrays.doubles(input), rows, params, out);
        return LayerArrays.create(z, new long[]{rows[0], out}, dataType, ArrayType.FF_WORKING_MEM, workspaceMgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        int[] rows = rows(input, layerConf().getNIn(), layerId());
        double[] w = weights(params);
        double[] a = activations(LayerArrays.doubles(input), rows, w);
        if (training) {
            cachedInput = input;
            cachedWeights = w;
            cachedActivations = a;
        } else {
            clearCache();
        }
        return LayerArrays.create(a, new long[]{rows[0], layerConf().getNOut()}, dataType, ArrayType.ACTIVATIONS,
                workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        int[] rows = rows(input, layerConf().getNIn(), layerId());
        int out = (int) layerConf().getNOut();
        double[] x = LayerArrays.doubles(input);
        double[] w = weights(params);
        double[] a = cachedInput == input && java.util.Arrays.equals(cachedWeights, w) ? cachedActivations
                : activations(x, rows, w);
        clearCache();
        double[] eps = LayerArrays.doubles(epsilon);
        if (eps.length != a.length) {
            throw new IllegalStateException("Layer " + layerId() + " expects an epsilon of shape [" + rows[0] + ", "
                    + out + "], got " + Arrays.toString(epsilon.shape()));
        }
        ConvActivation f = act();
        double[] delta = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            delta[i] = eps[i] * f.derivativeFromOutput(a[i]);
        }
        Gradient g = new DefaultGradient();
        double[] gX = backward(x, rows, w, gradientViews, out, delta, g);
        INDArray epsOut = LayerArrays.create(gX, input.shape(), dataType, ArrayType.ACTIVATION_GRAD, workspaceMgr);
        return new Pair<>(g, backpropDropOutIfPresent(epsOut));
    }

    private void clearCache() {
        cachedInput = null;
        cachedWeights = null;
        cachedActivations = null;
    }

    @Override
    public void clear() {
        super.clear();
        clearCache();
    }
}

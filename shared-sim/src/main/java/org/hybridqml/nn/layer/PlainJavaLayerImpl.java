package org.hybridqml.nn.layer;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runtime side of a {@link PlainJavaLayer}: copies activations to {@code double[]}, calls the configuration's
 * forward/backward, and copies results back into arrays allocated through the workspace manager
 * ({@link LayerArrays}).
 */
public final class PlainJavaLayerImpl extends BaseLayer<PlainJavaLayer> {

    /** @param conf network configuration holding the layer; @param dataType network data type */
    public PlainJavaLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private static double[] toDoubles(INDArray a) {
        return LayerArrays.doubles(a);
    }

    private double[] paramValues() {
        int n = layerConf().numParams();
        return n == 0 ? new double[0] : toDoubles(params.get(PlainJavaParamInitializer.THETA));
    }

    private int[] inputShape() {
        long[] s = input.shape();
        if (s.length != 4) {
            throw new IllegalStateException("Layer " + layerId() + " expects NCHW input, got rank " + s.length);
        }
        return new int[]{(int) s[0], (int) s[1], (int) s[2], (int) s[3]};
    }

    private INDArray copyOut(double[] values, long[] shape, DataType type, ArrayType arrayType,
                             LayerWorkspaceMgr mgr) {
        return LayerArrays.create(values, shape, type, arrayType, mgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        int[] shape = inputShape();
        long outC = layerConf().outputChannels(shape[1]);
        double[] out = new double[Math.multiplyExact(Math.multiplyExact((int) outC, shape[0]), shape[2] * shape[3])];
        layerConf().forward(shape, toDoubles(input), paramValues(), out, training);
        return copyOut(out, new long[]{shape[0], outC, shape[2], shape[3]}, input.dataType(),
                ArrayType.ACTIVATIONS, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        int[] shape = inputShape();
        double[] x = toDoubles(input);
        double[] gradIn = new double[x.length];
        double[] gradParams = new double[layerConf().numParams()];
        layerConf().backward(shape, x, paramValues(), toDoubles(epsilon), gradIn, gradParams);
        Gradient g = new DefaultGradient();
        if (gradParams.length > 0) {
            INDArray view = gradientViews.get(PlainJavaParamInitializer.THETA);
            LayerArrays.assign(view, gradParams);
            g.gradientForVariable().put(PlainJavaParamInitializer.THETA, view);
        }
        INDArray eps = copyOut(gradIn, input.shape(), input.dataType(), ArrayType.ACTIVATION_GRAD, workspaceMgr);
        return new Pair<>(g, eps);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }
}

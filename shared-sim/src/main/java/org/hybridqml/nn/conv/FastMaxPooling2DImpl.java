package org.hybridqml.nn.conv;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hybridqml.nn.layer.LayerArrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Runtime side of {@link FastMaxPooling2D}: {@link FastConvKernels} max-pooling for FLOAT networks,
 * {@link ReferenceConvKernels} for DOUBLE ones. The backward pass finds each window's maximum again from the
 * input (no argmax is stored); a training forward pass keeps the input's float values for it, so that they are not
 * copied out of the INDArray twice.
 */
public class FastMaxPooling2DImpl extends SubsamplingLayer {

    /** The input of the last training forward pass and its values (FLOAT networks). */
    private transient INDArray cachedInput;
    private transient float[] cachedInputValues;

    /** @param conf configuration holding a {@link FastMaxPooling2D}; @param dataType network data type */
    public FastMaxPooling2DImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private int[] dims() {
        if (input.rank() != 4) {
            throw new IllegalStateException("Layer " + layerId() + " expects NCHW input of rank 4, got shape "
                    + Arrays.toString(input.shape()));
        }
        long[] s = input.shape();
        boolean up = ((FastMaxPooling2D) layerConf()).roundsUp();
        int h = (int) s[2];
        int w = (int) s[3];
        return new int[]{(int) s[0], (int) s[1], h, w, up ? (h + 1) / 2 : h / 2, up ? (w + 1) / 2 : w / 2};
    }

    private boolean isDouble() {
        if (dataType == DataType.DOUBLE || dataType == DataType.FLOAT) {
            return dataType == DataType.DOUBLE;
        }
        throw new IllegalStateException("Layer " + layerId() + ": fast max-pooling supports FLOAT and DOUBLE "
                + "networks, got " + dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        int[] d = dims();
        if (d[4] < 1 || d[5] < 1) {
            throw new IllegalStateException("Layer " + layerId() + ": input " + d[2] + "x" + d[3]
                    + " is too small for 2x2 max-pooling");
        }
        long[] outShape = {d[0], d[1], d[4], d[5]};
        int planes = d[0] * d[1];
        if (isDouble()) {
            double[] out = new double[planes * d[4] * d[5]];
            ReferenceConvKernels.maxPoolForward(LayerArrays.doubles(input), planes, d[2], d[3], d[4], d[5], out);
            return LayerArrays.create(out, outShape, dataType, ArrayType.ACTIVATIONS, workspaceMgr);
        }
        float[] out = new float[planes * d[4] * d[5]];
        float[] x = LayerArrays.floats(input);
        FastConvKernels.maxPoolForward(x, planes, d[2], d[3], d[4], d[5], out);
        cachedInput = training ? input : null;
        cachedInputValues = training ? x : null;
        return LayerArrays.create(out, outShape, dataType, ArrayType.ACTIVATIONS, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        int[] d = dims();
        int planes = d[0] * d[1];
        INDArray eps;
        if (isDouble()) {
            double[] gIn = new double[planes * d[2] * d[3]];
            ReferenceConvKernels.maxPoolBackward(LayerArrays.doubles(input), planes, d[2], d[3], d[4], d[5],
                    LayerArrays.doubles(epsilon), gIn);
            eps = LayerArrays.create(gIn, input.shape(), dataType, ArrayType.ACTIVATION_GRAD, workspaceMgr);
        } else {
            float[] gIn = new float[planes * d[2] * d[3]];
            float[] x = cachedInput == input && cachedInputValues != null ? cachedInputValues
                    : LayerArrays.floats(input);
            clearCache();
            FastConvKernels.maxPoolBackward(x, planes, d[2], d[3], d[4], d[5], LayerArrays.floats(epsilon), gIn);
            eps = LayerArrays.create(gIn, input.shape(), dataType, ArrayType.ACTIVATION_GRAD, workspaceMgr);
        }
        return new Pair<>(new DefaultGradient(), backpropDropOutIfPresent(eps));
    }

    private void clearCache() {
        cachedInput = null;
        cachedInputValues = null;
    }

    @Override
    public void clear() {
        super.clear();
        clearCache();
    }
}

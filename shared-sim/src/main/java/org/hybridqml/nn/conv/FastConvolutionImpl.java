package org.hybridqml.nn.conv;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hybridqml.nn.layer.LayerArrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Runtime side of {@link FastConvolution2D} and {@link FastDeconvolution2D}: DL4J's convolution layer with its
 * forward and backward passes replaced by {@link FastConvKernels} (FLOAT networks) or
 * {@link ReferenceConvKernels} (DOUBLE networks). Parameters, their keys ("W", "b"), shapes and initialisation are
 * DL4J's own.
 *
 * <p>The training-mode forward output is kept for the backward pass (all supported activations have derivatives
 * written in their output); it is recomputed when the input array or the weights changed in between.
 */
public class FastConvolutionImpl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {

    private final boolean transposed;
    private transient INDArray cachedInput;
    private transient Object cachedOutput;
    private transient Object cachedWeights;
    /** The input's values as read by the forward pass (float[] or double[]), so the backward pass need not copy
     *  them out of the INDArray again; valid while {@code cachedInput == input}, like the cached output. */
    private transient Object cachedInputValues;

    /**
     * @param conf       configuration holding a {@link FastConvolution2D} or {@link FastDeconvolution2D}
     * @param dataType   network data type (FLOAT or DOUBLE)
     * @param transposed whether this is the transposed (stride-2) convolution
     */
    public FastConvolutionImpl(NeuralNetConfiguration conf, DataType dataType, boolean transposed) {
        super(conf, dataType);
        this.transposed = transposed;
    }

    /** Checks that a configuration is one these kernels implement. */
    static void validate(ConvolutionLayer c, boolean transposed, String name) {
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        int[] d = c.getDilation();
        String what = (transposed ? "fast transposed convolution" : "fast convolution") + " layer " + name;
        if (k[0] != k[1] || (transposed ? k[0] != 3 : (k[0] != 1 && k[0] != 3))) {
            throw new IllegalArgumentException(what + ": kernel must be " + (transposed ? "3x3" : "1x1 or 3x3")
                    + ", got " + Arrays.toString(k));
        }
        int stride = transposed ? 2 : 1;
        if (s[0] != stride || s[1] != stride) {
            throw new IllegalArgumentException(what + ": stride must be " + stride + ", got " + Arrays.toString(s));
        }
        if (d != null && (d[0] != 1 || d[1] != 1)) {
            throw new IllegalArgumentException(what + ": dilation must be 1, got " + Arrays.toString(d));
        }
        if (c.getConvolutionMode() != ConvolutionMode.Same && k[0] != 1) {
            throw new IllegalArgumentException(what + ": convolution mode must be Same, got "
                    + c.getConvolutionMode());
        }
        if (c.getCnn2dDataFormat() != null && c.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException(what + ": only NCHW is supported, got " + c.getCnn2dDataFormat()
                    + "; use ConvEngine.DL4J for NHWC");
        }
        if (c.getWeightNoise() != null) {
            throw new IllegalArgumentException(what + ": weight noise is not supported");
        }
        ConvActivation.of(c.getActivationFn());
    }

    private int[] shape() {
        if (input.rank() != 4) {
            throw new IllegalStateException("Layer " + layerId() + " expects NCHW input of rank 4, got shape "
                    + Arrays.toString(input.shape()));
        }
        long[] s = input.shape();
        if (s[1] != layerConf().getNIn()) {
            throw new IllegalStateException("Layer " + layerId() + " expects " + layerConf().getNIn()
                    + " input channels, got shape " + Arrays.toString(s));
        }
        return new int[]{(int) s[0], (int) s[1], (int) s[2], (int) s[3]};
    }

    private int kernel() {
        return layerConf().getKernelSize()[0];
    }

    private int outChannels() {
        return (int) layerConf().getNOut();
    }

    private ConvActivation act() {
        return ConvActivation.of(layerConf().getActivationFn());
    }

    private long[] outShape(int[] s) {
        int f = transposed ? 2 : 1;
        return new long[]{s[0], outChannels(), (long) f * s[2], (long) f * s[3]};
    }

    private boolean isDouble() {
        if (dataType == DataType.DOUBLE) {
            return true;
        }
        if (dataType == DataType.FLOAT) {
            return false;
        }
        throw new IllegalStateException("Layer " + layerId() + ": fast convolution supports FLOAT and DOUBLE "
                + "networks, got " + dataType);
    }

    private float[] biasF() {
        return layerConf().hasBias() ? LayerArrays.floats(getParam(ConvolutionParamInitializer.BIAS_KEY)) : null;
    }

    private double[] biasD() {
        return layerConf().hasBias() ? LayerArrays.doubles(getParam(ConvolutionParamInitializer.BIAS_KEY)) : null;
    }

    private Object inputValues() {
        return isDouble() ? LayerArrays.doubles(input) : LayerArrays.floats(input);
    }

    private Object forward(int[] s, Object weights, Object inputValues) {
        int n = s[0];
        int c = s[1];
        int h = s[2];
        int w = s[3];
        int co = outChannels();
        int outLen = Math.toIntExact(n * (long) co * (transposed ? 4L : 1L) * h * w);
        if (isDouble()) {
            double[] x = (double[]) inputValues;
            double[] out = new double[outLen];
            if (transposed) {
                ReferenceConvKernels.deconvForward(x, n, c, h, w, (double[]) weights, biasD(), co, act(), out);
            } else {
                ReferenceConvKernels.convForward(x, n, c, h, w, (double[]) weights, biasD(), co, kernel(), act(),
                        out);
            }
            return out;
        }
        float[] x = (float[]) inputValues;
        float[] out = new float[outLen];
        if (transposed) {
            FastConvKernels.deconvForward(x, n, c, h, w, (float[]) weights, biasF(), co, act(), out);
        } else {
            FastConvKernels.convForward(x, n, c, h, w, (float[]) weights, biasF(), co, kernel(), act(), out);
        }
        return out;
    }

    private Object weights() {
        INDArray wv = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        return isDouble() ? LayerArrays.doubles(wv) : LayerArrays.floats(wv);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        int[] s = shape();
        Object weights = weights();
        Object xv = inputValues();
        Object out = forward(s, weights, xv);
        if (training) {
            cachedInput = input;
            cachedOutput = out;
            cachedWeights = weights;
            cachedInputValues = xv;
        } else {
            clearCache();
        }
        return out instanceof double[] d
                ? LayerArrays.create(d, outShape(s), dataType, ArrayType.ACTIVATIONS, workspaceMgr)
                : LayerArrays.create((float[]) out, outShape(s), dataType, ArrayType.ACTIVATIONS, workspaceMgr);
    }

    private void clearCache() {
        cachedInput = null;
        cachedOutput = null;
        cachedWeights = null;
        cachedInputValues = null;
    }

    private static boolean sameValues(Object a, Object b) {
        if (a instanceof double[] x && b instanceof double[] y) {
            return Arrays.equals(x, y);
        }
        return a instanceof float[] x && b instanceof float[] y && Arrays.equals(x, y);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        int[] s = shape();
        int n = s[0];
        int c = s[1];
        int h = s[2];
        int w = s[3];
        int co = outChannels();
        Object weights = weights();
        Object xv = cachedInput == input && cachedInputValues != null ? cachedInputValues : inputValues();
        Object out = cachedInput == input && sameValues(cachedWeights, weights) ? cachedOutput
                : forward(s, weights, xv);
        clearCache();
        INDArray wGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray bGrad = layerConf().hasBias() ? gradientViews.get(ConvolutionParamInitializer.BIAS_KEY) : null;
        INDArray epsOut;
        if (isDouble()) {
            double[] x = (double[]) xv;
            double[] gIn = new double[x.length];
            double[] gW = new double[(int) wGrad.length()];
            double[] gB = bGrad == null ? null : new double[co];
            double[] eps = LayerArrays.doubles(epsilon);
            if (transposed) {
                ReferenceConvKernels.deconvBackward(x, n, c, h, w, (double[]) weights, co, act(), (double[]) out,
                        eps, gIn, gW, gB);
            } else {
                ReferenceConvKernels.convBackward(x, n, c, h, w, (double[]) weights, co, kernel(), act(),
                        (double[]) out, eps, gIn, gW, gB);
            }
            LayerArrays.assign(wGrad, gW);
            if (gB != null) {
                LayerArrays.assign(bGrad, gB);
            }
            epsOut = LayerArrays.create(gIn, input.shape(), dataType, ArrayType.ACTIVATION_GRAD, workspaceMgr);
        } else {
            float[] x = (float[]) xv;
            float[] gIn = new float[x.length];
            float[] gW = new float[(int) wGrad.length()];
            float[] gB = bGrad == null ? null : new float[co];
            float[] eps = LayerArrays.floats(epsilon);
            if (transposed) {
                FastConvKernels.deconvBackward(x, n, c, h, w, (float[]) weights, co, act(), (float[]) out, eps,
                        gIn, gW, gB);
            } else {
                FastConvKernels.convBackward(x, n, c, h, w, (float[]) weights, co, kernel(), act(), (float[]) out,
                        eps, gIn, gW, gB);
            }
            LayerArrays.assign(wGrad, gW);
            if (gB != null) {
                LayerArrays.assign(bGrad, gB);
            }
            epsOut = LayerArrays.create(gIn, input.shape(), dataType, ArrayType.ACTIVATION_GRAD, workspaceMgr);
        }
        Gradient g = new DefaultGradient();
        if (bGrad != null) {
            g.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, bGrad);
        }
        g.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, wGrad);
        return new Pair<>(g, backpropDropOutIfPresent(epsOut));
    }

    @Override
    public void clear() {
        super.clear();
        clearCache();
    }
}

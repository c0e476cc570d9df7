package org.hybridqml.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hybridqml.qnn.QuantumPointwiseConv;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.common.primitives.Pair;

import java.util.Arrays;

/**
 * The DL4J layer behind {@link QuantumPointwiseConvLayer}: copies the NCHW input to {@code double[]}, runs the
 * plain-Java {@link QuantumPointwiseConv} forward/backward pass, and copies results into arrays allocated through
 * the workspace manager. The weight gradient is summed over the minibatch (DL4J's losses already include the
 * 1/minibatch factor in the incoming epsilon).
 */
public class QuantumPointwiseConvLayerImpl extends BaseLayer<QuantumPointwiseConvLayer> {
    private static final long serialVersionUID = 1L;

    private transient QuantumPointwiseConv conv;

    /** Test hook for negative controls: multiplies the returned input gradient (1 = correct). */
    double debugInputGradientScale = 1.0;

    /**
     * @param conf     the layer's network configuration
     * @param dataType the network's data type
     */
    public QuantumPointwiseConvLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** @return the engine-neutral layer this DL4J layer runs */
    public QuantumPointwiseConv quantumLayer() {
        if (conv == null) {
            QuantumPointwiseConvLayer c = layerConf();
            int threads = c.getThreads() > 0 ? c.getThreads() : Runtime.getRuntime().availableProcessors();
            conv = new QuantumPointwiseConv((int) c.getNIn(), c.getNumLayers(), c.getNumCircuits(), threads);
        }
        return conv;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }

    private void checkInput() {
        if (input.rank() != 4 || input.size(1) != layerConf().getNIn()) {
            throw new IllegalArgumentException("Quantum pointwise layer " + layerId() + " expects NCHW input [mb, "
                    + layerConf().getNIn() + ", H, W], got shape " + Arrays.toString(input.shape()));
        }
    }

    /** The values of {@code a} in C order, converted to double; one copy when {@code a} owns a dense C buffer. */
    private static double[] toDoubles(INDArray a) {
        if (a.ordering() == 'c' && !a.isView() && a.data().length() == a.length()
                && (a.dataType() == DataType.DOUBLE || a.dataType() == DataType.FLOAT)) {
            return a.data().asDouble();
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return a.castTo(DataType.DOUBLE).dup('c').ravel().toDoubleVector();
        }
    }

    private static void copyInto(INDArray target, double[] values) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            target.assign(Nd4j.createFromArray(values).reshape('c', target.shape()));
        }
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        checkInput();
        long mb = input.size(0), h = input.size(2), w = input.size(3);
        QuantumPointwiseConv q = quantumLayer();
        double[] y = q.forward(toDoubles(getParam(QuantumPointwiseConvParamInitializer.THETA)), toDoubles(input),
                (int) mb, (int) (h * w));
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(),
                new long[]{mb, q.outputChannels(), h, w}, 'c');
        copyInto(out, y);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        checkInput();
        long mb = input.size(0), h = input.size(2), w = input.size(3);
        QuantumPointwiseConv q = quantumLayer();
        QuantumPointwiseConv.Gradients g = q.backward(toDoubles(getParam(QuantumPointwiseConvParamInitializer.THETA)),
                toDoubles(input), (int) mb, (int) (h * w), toDoubles(epsilon));
        INDArray gView = gradientViews.get(QuantumPointwiseConvParamInitializer.THETA);
        copyInto(gView, g.parameterGradient());
        Gradient ret = new DefaultGradient();
        ret.gradientForVariable().put(QuantumPointwiseConvParamInitializer.THETA, gView);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape(), 'c');
        double[] dx = g.inputGradient();
        if (debugInputGradientScale != 1.0) {
            for (int i = 0; i < dx.length; i++) {
                dx[i] *= debugInputGradientScale;
            }
        }
        copyInto(epsOut, dx);
        return new Pair<>(ret, epsOut);
    }
}

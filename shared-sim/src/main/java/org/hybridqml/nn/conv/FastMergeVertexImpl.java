package org.hybridqml.nn.conv;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.impl.MergeVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hybridqml.nn.layer.LayerArrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runtime side of {@link FastMergeVertex}: concatenates rank-4 NCHW FLOAT or DOUBLE inputs along the channels
 * (axis 1) by copying each sample's channel blocks, and splits the gradient the same way; defers to DL4J's
 * {@link MergeVertex} otherwise.
 */
public class FastMergeVertexImpl extends MergeVertex {
    private final int axis;
    private long[][] shapes;

    /**
     * @param graph    the network
     * @param name     vertex name
     * @param idx      vertex index
     * @param dataType network data type
     * @param axis     merge axis
     */
    public FastMergeVertexImpl(ComputationGraph graph, String name, int idx, DataType dataType, int axis) {
        super(graph, name, idx, dataType, axis);
        this.axis = axis;
    }

    private boolean handled() {
        if (inputs == null || inputs.length < 2 || axis != 1) {
            return false;
        }
        DataType t = inputs[0].dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) {
            return false;
        }
        long[] s0 = inputs[0].shape();
        for (INDArray in : inputs) {
            long[] s = in.shape();
            if (in.rank() != 4 || in.dataType() != t || s[0] != s0[0] || s[2] != s0[2] || s[3] != s0[3]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!handled()) {
            shapes = null;
            return super.doForward(training, workspaceMgr);
        }
        int k = inputs.length;
        shapes = new long[k][];
        long channels = 0;
        for (int i = 0; i < k; i++) {
            shapes[i] = inputs[i].shape();
            channels += shapes[i][1];
        }
        long[] s0 = shapes[0];
        int n = (int) s0[0];
        int plane = (int) (s0[2] * s0[3]);
        long[] outShape = {n, channels, s0[2], s0[3]};
        int total = Math.toIntExact(n * channels * plane);
        if (inputs[0].dataType() == DataType.DOUBLE) {
            double[] out = new double[total];
            int off = 0;
            for (int i = 0; i < k; i++) {
                double[] v = LayerArrays.doubles(inputs[i]);
                int block = (int) shapes[i][1] * plane;
                for (int s = 0; s < n; s++) {
                    System.arraycopy(v, s * block, out, (int) (s * channels * plane) + off, block);
                }
                off += block;
            }
            return LayerArrays.create(out, outShape, DataType.DOUBLE, ArrayType.ACTIVATIONS, workspaceMgr);
        }
        float[] out = new float[total];
        int off = 0;
        for (int i = 0; i < k; i++) {
            float[] v = LayerArrays.floats(inputs[i]);
            int block = (int) shapes[i][1] * plane;
            for (int s = 0; s < n; s++) {
                System.arraycopy(v, s * block, out, (int) (s * channels * plane) + off, block);
            }
            off += block;
        }
        return LayerArrays.create(out, outShape, DataType.FLOAT, ArrayType.ACTIVATIONS, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (shapes == null || epsilon == null || epsilon.rank() != 4) {
            return super.doBackward(tbptt, workspaceMgr);
        }
        int k = shapes.length;
        long[] s0 = shapes[0];
        int n = (int) s0[0];
        int plane = (int) (s0[2] * s0[3]);
        long channels = epsilon.size(1);
        INDArray[] out = new INDArray[k];
        boolean dbl = epsilon.dataType() == DataType.DOUBLE;
        float[] ef = dbl ? null : LayerArrays.floats(epsilon);
        double[] ed = dbl ? LayerArrays.doubles(epsilon) : null;
        int off = 0;
        for (int i = 0; i < k; i++) {
            int block = (int) shapes[i][1] * plane;
            if (dbl) {
                double[] g = new double[n * block];
                for (int s = 0; s < n; s++) {
                    System.arraycopy(ed, (int) (s * channels * plane) + off, g, s * block, block);
                }
                out[i] = LayerArrays.create(g, shapes[i], DataType.DOUBLE, ArrayType.ACTIVATION_GRAD, workspaceMgr);
            } else {
                float[] g = new float[n * block];
                for (int s = 0; s < n; s++) {
                    System.arraycopy(ef, (int) (s * channels * plane) + off, g, s * block, block);
                }
                out[i] = LayerArrays.create(g, shapes[i], DataType.FLOAT, ArrayType.ACTIVATION_GRAD, workspaceMgr);
            }
            off += block;
        }
        return new Pair<>(null, out);
    }
}

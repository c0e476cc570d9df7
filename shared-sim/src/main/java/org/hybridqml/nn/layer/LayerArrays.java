package org.hybridqml.nn.layer;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between ND4J arrays and Java arrays for layers computed in plain Java ({@link PlainJavaLayerImpl}, the
 * fast convolution layers of {@code org.hybridqml.nn.conv}). Reads give a fresh row-major Java array whatever the
 * array's order, offset or data type; writes create the result through the layer's workspace manager (DL4J's
 * workspace validation rejects activations and epsilons of a custom layer that were not allocated through its
 * {@code LayerWorkspaceMgr}) or fill an existing (e.g. gradient) view.
 */
public final class LayerArrays {

    private LayerArrays() {
    }

    /** Whether a's buffer holds exactly its values in row-major order (a permuted array can claim order 'c'). */
    private static boolean plain(INDArray a) {
        if (a.isView() || a.offset() != 0 || a.ordering() != 'c' || a.data().length() != a.length()) {
            return false;
        }
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expect = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expect) {
                return false;
            }
            expect *= shape[d];
        }
        return true;
    }

    /** @return the values of a in row-major order as float */
    public static float[] floats(INDArray a) {
        if (a.dataType() == DataType.FLOAT && plain(a)) {
            float[] v = new float[Math.toIntExact(a.length())];
            new FloatPointer(a.data().addressPointer()).get(v); // bulk copy (DataBuffer.asFloat goes element-wise)
            return v;
        }
        INDArray copy;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            copy = (a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT)).dup('c');
        }
        if (!plain(copy)) {
            throw new IllegalStateException("dup('c') of " + a.shapeInfoToString() + " is not a dense C-order array");
        }
        return floats(copy);
    }

    /**
     * @return the values of a in row-major order as double; FLOAT arrays are bulk-copied and widened in Java
     *         (ND4J's cast plus {@code DataBuffer.asDouble} goes element by element and dominated the quantum layers'
     *         time in float networks)
     */
    public static double[] doubles(INDArray a) {
        if (a.dataType() == DataType.DOUBLE && plain(a)) {
            double[] v = new double[Math.toIntExact(a.length())];
            new DoublePointer(a.data().addressPointer()).get(v);
            return v;
        }
        if (a.dataType() == DataType.FLOAT) {
            float[] f = floats(a);
            double[] v = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                v[i] = f[i];
            }
            return v;
        }
        INDArray copy;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            copy = a.castTo(DataType.DOUBLE).dup('c');
        }
        if (!plain(copy)) {
            throw new IllegalStateException("dup('c') of " + a.shapeInfoToString() + " is not a dense C-order array");
        }
        return doubles(copy);
    }

    /**
     * @return a new array of the given shape, data type and workspace array type holding the values (row-major)
     */
    public static INDArray create(float[] values, long[] shape, DataType type, ArrayType arrayType,
                                  LayerWorkspaceMgr mgr) {
        INDArray out = mgr.createUninitialized(arrayType, type, shape, 'c');
        if (type == DataType.FLOAT && plain(out) && out.length() == values.length) {
            new FloatPointer(out.data().addressPointer()).put(values); // bulk copy
        } else {
            assign(out, values);
        }
        return out;
    }

    /** Double-precision variant of {@link #create(float[], long[], DataType, ArrayType, LayerWorkspaceMgr)}. */
    public static INDArray create(double[] values, long[] shape, DataType type, ArrayType arrayType,
                                  LayerWorkspaceMgr mgr) {
        if (type == DataType.FLOAT) {
            return create(narrow(values), shape, type, arrayType, mgr);
        }
        INDArray out = mgr.createUninitialized(arrayType, type, shape, 'c');
        if (type == DataType.DOUBLE && plain(out) && out.length() == values.length) {
            new DoublePointer(out.data().addressPointer()).put(values);
        } else {
            assign(out, values);
        }
        return out;
    }

    /** Copies values (row-major, same length) into target, which may be a view of any data type. */
    public static void assign(INDArray target, float[] values) {
        INDArray tmp;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            tmp = Nd4j.createFromArray(values).reshape('c', target.shape()).castTo(target.dataType());
        }
        target.assign(tmp);
    }

    /** Copies values (row-major, same length) into target, which may be a view of any data type. */
    public static void assign(INDArray target, double[] values) {
        if (target.dataType() == DataType.FLOAT) {
            assign(target, narrow(values));
            return;
        }
        INDArray tmp;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            tmp = Nd4j.createFromArray(values).reshape('c', target.shape()).castTo(target.dataType());
        }
        target.assign(tmp);
    }

    private static float[] narrow(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}

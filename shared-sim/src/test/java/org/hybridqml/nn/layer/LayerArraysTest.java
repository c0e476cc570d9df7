package org.hybridqml.nn.layer;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link LayerArrays}: row-major values of plain arrays, views and permuted arrays of each data type. */
class LayerArraysTest {

    private static INDArray sample(DataType type) {
        return Nd4j.linspace(1, 24, 24, DataType.DOUBLE).reshape('c', 2, 3, 4).castTo(type);
    }

    /** Row-major values by element access (the slow, obviously right way). */
    private static double[] expected(INDArray a) {
        INDArray c = a.dup('c');
        double[] v = new double[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.getDouble(i);
        }
        return v;
    }

    @Test
    void readsPlainViewsAndPermutedArraysOfEveryType() {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE, DataType.HALF}) {
            INDArray plain = sample(type);
            INDArray view = plain.get(NDArrayIndex.point(1), NDArrayIndex.interval(1, 3), NDArrayIndex.all());
            INDArray permuted = plain.permute(2, 0, 1);
            INDArray fOrder = plain.dup('f');
            for (INDArray a : new INDArray[]{plain, view, permuted, fOrder}) {
                double[] want = expected(a);
                assertArrayEquals(want, LayerArrays.doubles(a), 0.0, type + " doubles " + a.shapeInfoToString());
                float[] got = LayerArrays.floats(a);
                assertEquals(want.length, got.length);
                for (int i = 0; i < got.length; i++) {
                    assertEquals((float) want[i], got[i], 0.0f, type + " floats " + i);
                }
            }
        }
    }

    @Test
    void writesDoublesIntoFloatAndDoubleArraysAndViews() {
        double[] values = {0.1, -2.5, 3.25, 1e-3, 7, -0.0625};
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray out = LayerArrays.create(values, new long[]{2, 3}, type, ArrayType.ACTIVATIONS, mgr);
            assertEquals(type, out.dataType());
            for (int i = 0; i < values.length; i++) {
                assertEquals(type == DataType.FLOAT ? (float) values[i] : values[i], out.getDouble(i / 3, i % 3), 0.0);
            }
            INDArray big = Nd4j.zeros(type, 4, 3);
            INDArray rows = big.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
            LayerArrays.assign(rows, values);
            assertEquals(0.0, big.getDouble(0, 0), 0.0);
            assertEquals(type == DataType.FLOAT ? (float) values[5] : values[5], big.getDouble(2, 2), 0.0);
            assertEquals(0.0, big.getDouble(3, 1), 0.0);
        }
    }
}

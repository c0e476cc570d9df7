package org.hybridqml.nn.conv;

import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J {@link MergeVertex} whose channel concatenation of NCHW activations (and the split of its gradient) is a
 * plain-Java block copy ({@link FastMergeVertexImpl}); ND4J's concat and strided assign took about as long as
 * some convolutions. Any other case (other ranks, axes or data types) runs DL4J's own code.
 */
public class FastMergeVertex extends MergeVertex {

    /** Merges along the channel axis (DL4J's default). */
    public FastMergeVertex() {
    }

    @Override
    public FastMergeVertex clone() {
        FastMergeVertex v = new FastMergeVertex();
        v.setMergeAxis(getMergeAxis());
        v.setModified(isModified());
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastMergeVertex && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                      INDArray paramsView, boolean initializeParams,
                                                                      DataType networkDatatype) {
        return new FastMergeVertexImpl(graph, name, idx, networkDatatype, getMergeAxis());
    }
}

package org.hybridqml.nn.layer;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hybridqml.qnn.TrainedCircuit;

import java.util.ArrayList;
import java.util.List;

/**
 * The trained circuits of a DL4J network: for every {@link PlainJavaLayer} (the quantum pointwise convolution, the
 * QuFeX layer), its {@link PlainJavaLayer#trainedCircuits circuits} with the layer's current parameters read from the
 * network, in layer order. Networks without a quantum layer give an empty list.
 */
public final class NetworkCircuits {

    private NetworkCircuits() {
    }

    /**
     * @param network a multi-layer network (e.g. the pointwise CNN)
     * @return its trained circuits, in layer order
     */
    public static List<TrainedCircuit> of(MultiLayerNetwork network) {
        return of(network.getLayers());
    }

    /**
     * @param network a computation graph (e.g. Qu-Net)
     * @return its trained circuits, in the graph's layer order
     */
    public static List<TrainedCircuit> of(ComputationGraph network) {
        return of(network.getLayers());
    }

    private static List<TrainedCircuit> of(Layer[] layers) {
        List<TrainedCircuit> out = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer.conf() != null && layer.conf().getLayer() instanceof PlainJavaLayer p && p.numParams() > 0) {
                out.addAll(p.trainedCircuits(LayerArrays.doubles(layer.getParam(PlainJavaParamInitializer.THETA))));
            }
        }
        return List.copyOf(out);
    }
}

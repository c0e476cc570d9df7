package org.hybridqml.nn.layer;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hybridqml.qnn.PredictionNoise;
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

    /**
     * Sets the prediction-time evaluation of every quantum layer of a network that has one
     * ({@link PlainJavaLayer#predictionNoise(PredictionNoise)}: the QuFeX layer, the quantum pointwise convolution);
     * training stays exact.
     *
     * @param network a computation graph (e.g. Qu-Net)
     * @param noise   the setting, not null
     * @return the number of layers that use it
     */
    public static int predictionNoise(ComputationGraph network, PredictionNoise noise) {
        return predictionNoise(network.getLayers(), noise);
    }

    /**
     * Sets the prediction-time evaluation of every quantum layer of a network that has one (the quantum pointwise
     * convolution); training stays exact.
     *
     * @param network a multi-layer network (e.g. the pointwise CNN)
     * @param noise   the setting, not null
     * @return the number of layers that use it
     */
    public static int predictionNoise(MultiLayerNetwork network, PredictionNoise noise) {
        return predictionNoise(network.getLayers(), noise);
    }

    private static int predictionNoise(Layer[] layers, PredictionNoise noise) {
        if (noise == null) {
            throw new IllegalArgumentException("prediction noise must not be null; use PredictionNoise.exact()");
        }
        int n = 0;
        for (Layer layer : layers) {
            if (layer.conf() != null && layer.conf().getLayer() instanceof PlainJavaLayer p && p.predictionNoise(noise)) {
                n++;
            }
        }
        return n;
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

package org.hybridqml.nn.layer;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hybridqml.qnn.BoundCircuit;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.TrainedCircuit;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The trained circuits of a DL4J network: for every {@link PlainJavaLayer} (the quantum pointwise convolution, the
 * QuFeX layer), its {@link PlainJavaLayer#trainedCircuits circuits} with the layer's current parameters read from the
 * network, in layer order. Networks without a quantum layer give an empty list.
 *
 * <p>{@link #bound} binds those circuits to the inputs of one site (a QuFeX patch, a pointwise pixel) of one image:
 * the network runs the image up to each quantum layer ({@code feedForward}, inference mode), and the layer cuts the
 * circuit inputs of that site out of its input ({@link PlainJavaLayer#circuitInputs}), so the bound circuits
 * simulate to the layer's own circuit outputs there and export to OpenQASM one circuit instance each.
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

    /**
     * The trained circuits of a computation graph bound to the circuit inputs of one site of one image.
     *
     * @param network a computation graph with one input (e.g. Qu-Net)
     * @param image   one image as the network takes it, [1, C, H, W] of the network's data type
     * @param site    the site (QuFeX: the bottleneck patch; pointwise: the pixel y·W + x of the layer's input)
     * @return per quantum layer, in layer order, its circuits bound to that site's inputs; empty without one
     * @throws IllegalArgumentException if the array is not one image, or the site is out of range for a layer (the
     *                                  message names the range)
     */
    public static List<BoundCircuit> bound(ComputationGraph network, INDArray image, int site) {
        requireOneImage(image);
        Map<String, INDArray> activations = null;
        List<BoundCircuit> out = new ArrayList<>();
        for (Layer layer : network.getLayers()) {
            PlainJavaLayer p = quantumLayer(layer);
            if (p == null) {
                continue;
            }
            if (activations == null) {
                activations = network.feedForward(image, false);
            }
            String from = network.getConfiguration().getVertexInputs().get(p.getLayerName()).get(0);
            INDArray in = network.getConfiguration().getNetworkInputs().contains(from) ? image
                    : activations.get(from);
            out.addAll(bind(layer, p, in, site));
        }
        return List.copyOf(out);
    }

    /**
     * The trained circuits of a multi-layer network bound to the circuit inputs of one site of one image.
     *
     * @param network a multi-layer network (e.g. the pointwise CNN)
     * @param image   one image as the network takes it, [1, C, H, W] of the network's data type
     * @param site    the site (pointwise: the pixel y·W + x of the quantum layer's input)
     * @return per quantum layer, in layer order, its circuits bound to that site's inputs; empty without one
     * @throws IllegalArgumentException if the array is not one image, or the site is out of range for a layer (the
     *                                  message names the range)
     */
    public static List<BoundCircuit> bound(MultiLayerNetwork network, INDArray image, int site) {
        requireOneImage(image);
        List<INDArray> activations = null;
        List<BoundCircuit> out = new ArrayList<>();
        Layer[] layers = network.getLayers();
        for (int i = 0; i < layers.length; i++) {
            PlainJavaLayer p = quantumLayer(layers[i]);
            if (p == null) {
                continue;
            }
            if (activations == null) {
                activations = network.feedForward(image, false); // [0] the input, [i + 1] the output of layer i
            }
            out.addAll(bind(layers[i], p, activations.get(i), site));
        }
        return List.copyOf(out);
    }

    /**
     * The number of circuit input sites per image of a graph's quantum layers for images of a given size, from the
     * configuration alone (no forward pass, so it can be checked before training).
     *
     * @param conf     the graph's configuration (with one input)
     * @param channels image channels
     * @param height   image height
     * @param width    image width
     * @return the smallest site count over the quantum layers (the valid sites of {@link #bound} are 0 … count−1);
     *         0 without a quantum layer
     */
    public static int circuitSites(ComputationGraphConfiguration conf, int channels, int height, int width) {
        ComputationGraphConfiguration c = conf.clone();
        Map<String, InputType> types = c.getLayerActivationTypes(InputType.convolutional(height, width, channels));
        int sites = Integer.MAX_VALUE;
        for (Map.Entry<String, GraphVertex> v : c.getVertices().entrySet()) {
            if (v.getValue() instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof PlainJavaLayer p
                    && p.numParams() > 0) {
                String from = c.getVertexInputs().get(v.getKey()).get(0);
                InputType in = c.getNetworkInputs().contains(from) && !types.containsKey(from)
                        ? InputType.convolutional(height, width, channels) : types.get(from);
                sites = Math.min(sites, sites(p, in));
            }
        }
        return sites == Integer.MAX_VALUE ? 0 : sites;
    }

    /**
     * The number of circuit input sites per image of a multi-layer network's quantum layers for images of a given
     * size, from the configuration alone.
     *
     * @param conf     the network's configuration
     * @param channels image channels
     * @param height   image height
     * @param width    image width
     * @return the smallest site count over the quantum layers; 0 without a quantum layer
     */
    public static int circuitSites(MultiLayerConfiguration conf, int channels, int height, int width) {
        MultiLayerConfiguration c = conf.clone();
        InputType input = InputType.convolutional(height, width, channels);
        List<InputType> outputs = c.getLayerActivationTypes(input);
        int sites = Integer.MAX_VALUE;
        for (int i = 0; i < c.getConfs().size(); i++) {
            if (c.getConf(i).getLayer() instanceof PlainJavaLayer p && p.numParams() > 0) {
                sites = Math.min(sites, sites(p, i == 0 ? input : outputs.get(i - 1)));
            }
        }
        return sites == Integer.MAX_VALUE ? 0 : sites;
    }

    private static int sites(PlainJavaLayer p, InputType in) {
        InputType.InputTypeConvolutional t = (InputType.InputTypeConvolutional) in;
        return p.circuitSites((int) t.getChannels(), (int) t.getHeight(), (int) t.getWidth());
    }

    private static void requireOneImage(INDArray image) {
        if (image.rank() != 4 || image.size(0) != 1) {
            throw new IllegalArgumentException("expected one image [1, C, H, W], got shape "
                    + Arrays.toString(image.shape()));
        }
    }

    /** The layer's configuration when it is a quantum layer (a plain-Java layer with parameters), else null. */
    private static PlainJavaLayer quantumLayer(Layer layer) {
        return layer.conf() != null && layer.conf().getLayer() instanceof PlainJavaLayer p && p.numParams() > 0 ? p
                : null;
    }

    /** A layer's trained circuits, each bound to the site's inputs cut from the layer's input. */
    private static List<BoundCircuit> bind(Layer layer, PlainJavaLayer p, INDArray input, int site) {
        long[] s = input.shape();
        int[] shape = {Math.toIntExact(s[0]), Math.toIntExact(s[1]), Math.toIntExact(s[2]), Math.toIntExact(s[3])};
        double[] inputs = p.circuitInputs(shape, LayerArrays.doubles(input), site);
        List<BoundCircuit> out = new ArrayList<>();
        for (TrainedCircuit c : p.trainedCircuits(LayerArrays.doubles(layer.getParam(PlainJavaParamInitializer.THETA)))) {
            out.add(new BoundCircuit(c, inputs));
        }
        return out;
    }

    private static List<TrainedCircuit> of(Layer[] layers) {
        List<TrainedCircuit> out = new ArrayList<>();
        for (Layer layer : layers) {
            PlainJavaLayer p = quantumLayer(layer);
            if (p != null) {
                out.addAll(p.trainedCircuits(LayerArrays.doubles(layer.getParam(PlainJavaParamInitializer.THETA))));
            }
        }
        return List.copyOf(out);
    }
}

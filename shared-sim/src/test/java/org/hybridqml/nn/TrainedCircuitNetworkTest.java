package org.hybridqml.nn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hybridqml.data.SegmentationDataset;
import org.hybridqml.nn.classify.QuantumPointwiseCNNBuilder;
import org.hybridqml.nn.layer.LayerArrays;
import org.hybridqml.nn.layer.NetworkCircuits;
import org.hybridqml.nn.layer.PlainJavaParamInitializer;
import org.hybridqml.nn.unet.ConvBottleneck;
import org.hybridqml.nn.unet.QuFeXBottleneck;
import org.hybridqml.nn.unet.QuNetSegmenterModel;
import org.hybridqml.nn.unet.QuNetSegmenterSpec;
import org.hybridqml.nn.unet.UNetBuilder;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.qnn.qufex.QuFeXConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trained circuits of DL4J networks: read from the quantum layers' parameters, empty for classical ones. */
class TrainedCircuitNetworkTest {

    /** Qu-Net (arXiv:2501.13165): "QuFeX filter f" circuits carry the QuFeX layer's 4 parameters per filter. */
    @Test
    void quNetCircuitsCarryTheQuFeXLayerParameters() {
        ComputationGraph net = new UNetBuilder().input(8, 8, 1).filters(2, 4)
                .bottleneck(new QuFeXBottleneck(QuFeXConfig.of("4-2"))).activation(Activation.TANH)
                .dataType(DataType.DOUBLE).updater(new NoOp()).seed(3).build();
        double[] layer = LayerArrays.doubles(net.getLayer("bottleneck_qufex").getParam(PlainJavaParamInitializer.THETA));
        assertEquals(8, layer.length);
        List<TrainedCircuit> circuits = NetworkCircuits.of(net);
        assertEquals(List.of("QuFeX filter 1 (PQC1)", "QuFeX filter 2 (PQC2)"),
                circuits.stream().map(TrainedCircuit::name).toList());
        assertArrayEquals(Arrays.copyOfRange(layer, 0, 4), circuits.get(0).parameters());
        assertArrayEquals(Arrays.copyOfRange(layer, 4, 8), circuits.get(1).parameters());
        assertEquals(4, circuits.get(0).circuit().numQubits());

        ComputationGraph unet = new UNetBuilder().input(8, 8, 1).filters(2, 4).bottleneck(new ConvBottleneck())
                .activation(Activation.TANH).dataType(DataType.DOUBLE).seed(3).build();
        assertEquals(List.of(), NetworkCircuits.of(unet));
    }

    /** After training, the segmenter's circuits show the trained (changed) QuFeX parameters. */
    @Test
    void trainedSegmenterShowsItsTrainedQuFeXParameters() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 2;
        float[] images = new float[n * 8 * 8];
        float[] masks = new float[n * 8 * 8];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) rng.nextDouble();
            masks[i] = images[i] > 0.5f ? 1 : 0;
        }
        SegmentationDataset data = new SegmentationDataset(1, 8, 8, images, masks, Collections.nCopies(n, "s"));
        QuNetSegmenterModel qunet = QuNetSegmenterModel.train(
                new QuNetSegmenterSpec(8, 8, 1, new int[]{2, 4}, "4-1", 1, 2, 1e-1, 7), data, null, null);
        List<TrainedCircuit> circuits = qunet.trainedCircuits();
        assertEquals(1, circuits.size());
        double[] layer = LayerArrays.doubles(qunet.network().getLayer("bottleneck_qufex")
                .getParam(PlainJavaParamInitializer.THETA));
        assertArrayEquals(layer, circuits.get(0).parameters());
        QuNetSegmenterModel unet = QuNetSegmenterModel.train(
                new QuNetSegmenterSpec(8, 8, 1, new int[]{2, 4}, "conv", 1, 2, 1e-1, 7), data, null, null);
        assertEquals(List.of(), unet.trainedCircuits());
    }

    /** Pointwise CNN (arXiv:2412.01241): K circuits with K·L·n·3 parameters in all; none for the classical twin. */
    @Test
    void pointwiseCnnHasKCircuitsWithTheirSlices() {
        QuantumPointwiseCNNBuilder spec = new QuantumPointwiseCNNBuilder().width(8).height(8).channels(1)
                .numClasses(3).convChannels(4).quantumLayers(2).circuits(3);
        MultiLayerNetwork net = spec.build();
        double[] layer = LayerArrays.doubles(net.getLayer(QuantumPointwiseCNNBuilder.POINTWISE_LAYER)
                .getParam(PlainJavaParamInitializer.THETA));
        List<TrainedCircuit> circuits = NetworkCircuits.of(net);
        assertEquals(3, circuits.size());
        int per = 3 * 2 * spec.qubits();
        assertEquals(3 * per, layer.length);
        for (int k = 0; k < 3; k++) {
            assertEquals("pointwise circuit " + (k + 1), circuits.get(k).name());
            assertEquals(spec.qubits(), circuits.get(k).circuit().numQubits());
            assertArrayEquals(Arrays.copyOfRange(layer, k * per, (k + 1) * per), circuits.get(k).parameters());
        }
        assertTrue(NetworkCircuits.of(spec.classical(true).build()).isEmpty());
    }
}

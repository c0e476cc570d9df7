package org.hybridqml.nn.layer;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hybridqml.data.SegmentationDataset;
import org.hybridqml.nn.classify.QuantumPointwiseCNNBuilder;
import org.hybridqml.nn.classify.QuantumPointwiseCNNNetworkTrainer;
import org.hybridqml.nn.unet.QuNetSegmenterModel;
import org.hybridqml.nn.unet.QuNetSegmenterSpec;
import org.hybridqml.qnn.BoundCircuit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hybridqml.nn.layer.QuantumLayerOutputs.simulate;

/**
 * {@link NetworkCircuits#bound}: the trained QuFeX circuits of a Qu-Net bound to one bottleneck patch and the trained
 * pointwise circuits of a pointwise CNN bound to one pixel export to OpenQASM programs that, imported and simulated,
 * give the quantum layer's own outputs there (computed by the layer's forward pass on its input, not by the
 * exported circuits) to 1e-12.
 */
class BoundNetworkCircuitsTest {

    private static float[] randomImages(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    @Test
    void quNetPatchCircuitsReproduceTheQuFeXLayer() {
        Random r = new Random(5);
        int n = 4, h = 16, w = 16;
        float[] images = randomImages(r, n * h * w);
        float[] masks = new float[n * h * w];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = images[i] > 0.5f ? 1 : 0;
        }
        SegmentationDataset train = new SegmentationDataset(1, h, w, images, masks, List.of("a", "b", "c", "d"));
        QuNetSegmenterModel model = QuNetSegmenterModel.train(
                new QuNetSegmenterSpec(h, w, 1, new int[]{4, 8}, "4-2", 1, 2, 1e-2, 3), train, null, null);
        ComputationGraph net = model.network();
        float[] image = java.util.Arrays.copyOfRange(images, h * w, 2 * h * w);
        INDArray x = Nd4j.create(image, new long[]{1, 1, h, w}, 'c').castTo(net.params().dataType());
        int patches = model.patchesPerImage();
        // 16x16 images pooled after both encoder blocks: 8 maps of 4x4 at the bottleneck, cut into 2x2 patches
        assertEquals(8 * 2 * 2, patches);
        for (int patch : new int[]{0, patches - 1, patches / 2 + 1}) {
            List<String> qasm2 = model.toOpenQasm(image, 1, h, w, patch, false);
            List<String> qasm3 = model.toOpenQasm(image, 1, h, w, patch, true);
            assertEquals(2, qasm2.size(), "the 4-2 bottleneck has two filters, one program each");
            for (int f = 0; f < qasm2.size(); f++) {
                assertArrayEquals(QuantumLayerOutputs.quFeXPatch(net, x, patch, f), simulate(qasm2.get(f)), 1e-12,
                        "patch " + patch + ", filter " + (f + 1));
                assertTrue(qasm3.get(f).startsWith("OPENQASM 3.0;"), qasm3.get(f));
            }
        }
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> model.boundCircuits(image, 1, h, w, patches));
        assertTrue(e.getMessage().contains("valid 0.." + (patches - 1)), e.getMessage());
    }

    @Test
    void pointwisePixelCircuitsReproduceTheQuantumLayer() {
        Random r = new Random(8);
        int n = 12, side = 8;
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = randomImages(r, side * side);
            y[i] = i % 2;
        }
        QuantumPointwiseCNNBuilder spec = new QuantumPointwiseCNNBuilder().width(side).height(side).channels(1)
                .numClasses(2).convChannels(3).quantumLayers(1).circuits(2).seed(4);
        MultiLayerNetwork net = new QuantumPointwiseCNNNetworkTrainer(spec).epochs(1).batchSize(4).seed(4)
                .train(x, y, null, null);
        INDArray image = Nd4j.create(x[3], new long[]{1, 1, side, side}, 'c').castTo(DataType.FLOAT);
        int spatial = side / 2 * side / 2; // after the first 2x2 pooling
        assertEquals(spatial, NetworkCircuits.circuitSites(net.getLayerWiseConfigurations(), 1, side, side));
        List<Integer> pixels = new ArrayList<>(List.of(0, spatial - 1, 5));
        int zero = QuantumLayerOutputs.zeroPixel(net, image);
        if (zero >= 0) {
            pixels.add(zero); // an all-zero pixel after the ReLU: embedded as |0...0>
        }
        for (int pixel : pixels) {
            List<BoundCircuit> bound = NetworkCircuits.bound(net, image, pixel);
            assertEquals(2, bound.size());
            for (int j = 0; j < bound.size(); j++) {
                assertArrayEquals(QuantumLayerOutputs.pointwisePixel(net, image, pixel, j),
                        simulate(bound.get(j).toOpenQasm(false)), 1e-12, "pixel " + pixel + ", circuit " + (j + 1));
                assertTrue(bound.get(j).toOpenQasm(true).startsWith("OPENQASM 3.0;"));
            }
        }
        Exception e = assertThrows(IllegalArgumentException.class, () -> NetworkCircuits.bound(net, image, -1));
        assertTrue(e.getMessage().contains("valid 0.." + (spatial - 1)), e.getMessage());
    }
}

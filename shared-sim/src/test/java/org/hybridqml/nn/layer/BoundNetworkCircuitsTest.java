package org.hybridqml.nn.layer;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hybridqml.data.SegmentationDataset;
import org.hybridqml.nn.QuFeXLayer;
import org.hybridqml.nn.QuantumPointwiseConvLayer;
import org.hybridqml.nn.classify.QuantumPointwiseCNNBuilder;
import org.hybridqml.nn.classify.QuantumPointwiseCNNNetworkTrainer;
import org.hybridqml.nn.unet.QuNetSegmenterModel;
import org.hybridqml.nn.unet.QuNetSegmenterSpec;
import org.hybridqml.qnn.BoundCircuit;
import org.hybridqml.qnn.qufex.QuFeXConfig;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.qasm.OpenQasmImporter;
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

/**
 * {@link NetworkCircuits#bound}: the trained QuFeX circuits of a Qu-Net bound to one bottleneck patch and the trained
 * pointwise circuits of a pointwise CNN bound to one pixel export to OpenQASM programs that, imported and simulated,
 * give the quantum layer's own outputs there (computed by the layer's forward pass on its input, not by the
 * exported circuits) to 1e-12.
 */
class BoundNetworkCircuitsTest {

    /** The ⟨·⟩ values of an OpenQASM 2.0 program, imported and simulated. */
    static double[] simulate(String qasm2) {
        assertTrue(qasm2.startsWith("OPENQASM 2.0;"), qasm2);
        return new StatevectorSimulator(1).expectations(OpenQasmImporter.fromQasm2(qasm2), new double[0],
                new double[][]{{}})[0];
    }

    /** The input activation (double) and parameters of a graph's layer for one image, from the network itself. */
    private static double[] layerInput(ComputationGraph net, String layer, INDArray image) {
        String from = net.getConfiguration().getVertexInputs().get(layer).get(0);
        return LayerArrays.doubles(net.feedForward(image, false).get(from));
    }

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
        String name = "bottleneck_qufex";
        Layer layer = net.getLayer(name);
        QuFeXLayer conf = (QuFeXLayer) layer.conf().getLayer();
        QuFeXConfig qc = conf.config();
        float[] image = java.util.Arrays.copyOfRange(images, h * w, 2 * h * w);
        INDArray x = Nd4j.create(image, new long[]{1, 1, h, w}, 'c').castTo(net.params().dataType());
        INDArray bottleneckIn = net.feedForward(x, false).get(net.getConfiguration().getVertexInputs().get(name).get(0));
        int c = (int) bottleneckIn.size(1), bh = (int) bottleneckIn.size(2), bw = (int) bottleneckIn.size(3);
        double[] in = layerInput(net, name, x);
        double[] params = LayerArrays.doubles(layer.getParam(PlainJavaParamInitializer.THETA));
        double[] out = new double[qc.filters() * in.length];
        conf.forward(new int[]{1, c, bh, bw}, in, params, out);

        int patchRows = bh / qc.patchHeight(), patchCols = bw / qc.patchWidth();
        int patches = c / qc.mapsPerGroup() * patchRows * patchCols;
        assertEquals(patches, model.patchesPerImage());
        assertTrue(patches > 1, "several patches, so the patch order is checked");
        for (int patch : new int[]{0, patches - 1, patches / 2 + 1}) {
            List<String> qasm2 = model.toOpenQasm(image, 1, h, w, patch, false);
            List<String> qasm3 = model.toOpenQasm(image, 1, h, w, patch, true);
            assertEquals(qc.filters(), qasm2.size());
            assertEquals(2, qasm2.size(), "the 4-2 bottleneck has two filters, one program each");
            int g = patch / (patchRows * patchCols), pr = patch % (patchRows * patchCols) / patchCols,
                    pc = patch % patchCols;
            for (int f = 0; f < qasm2.size(); f++) {
                // the layer adds the circuit's values to its input: out_f = x + Q_f(x) at the patch's places
                double[] expected = new double[qc.qubits()];
                for (int rr = 0; rr < qc.patchHeight(); rr++) {
                    for (int col = 0; col < qc.patchWidth(); col++) {
                        for (int m = 0; m < qc.mapsPerGroup(); m++) {
                            int ch = g * qc.mapsPerGroup() + m, y = pr * qc.patchHeight() + rr,
                                    xx = pc * qc.patchWidth() + col;
                            int k = (rr * qc.patchWidth() + col) * qc.mapsPerGroup() + m;
                            expected[k] = out[((f * c + ch) * bh + y) * bw + xx] - in[(ch * bh + y) * bw + xx];
                        }
                    }
                }
                assertArrayEquals(expected, simulate(qasm2.get(f)), 1e-12, "patch " + patch + ", filter " + (f + 1));
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
        int q = QuantumPointwiseCNNBuilder.POINTWISE_LAYER;
        Layer layer = net.getLayer(q);
        QuantumPointwiseConvLayer conf = (QuantumPointwiseConvLayer) layer.conf().getLayer();
        INDArray image = Nd4j.create(x[3], new long[]{1, 1, side, side}, 'c').castTo(DataType.FLOAT);
        INDArray act = net.feedForward(image, false).get(q); // the output of layer q - 1: the quantum layer's input
        int c = (int) act.size(1), hh = (int) act.size(2), ww = (int) act.size(3), spatial = hh * ww;
        double[] in = LayerArrays.doubles(act);
        double[] params = LayerArrays.doubles(layer.getParam(PlainJavaParamInitializer.THETA));
        int nq = conf.qubits(), k = conf.getNumCircuits();
        double[] out = new double[k * nq * spatial];
        conf.forward(new int[]{1, c, hh, ww}, in, params, out);
        assertEquals(spatial, NetworkCircuits.circuitSites(net.getLayerWiseConfigurations(), 1, side, side));

        List<Integer> pixels = new ArrayList<>(List.of(0, spatial - 1, 5));
        for (int p = 0; p < spatial; p++) {
            double norm = 0;
            for (int ch = 0; ch < c; ch++) {
                norm += in[ch * spatial + p] * in[ch * spatial + p];
            }
            if (norm == 0) {
                pixels.add(p); // an all-zero pixel after the ReLU: embedded as |0...0>
                break;
            }
        }
        for (int pixel : pixels) {
            List<BoundCircuit> bound = NetworkCircuits.bound(net, image, pixel);
            assertEquals(k, bound.size());
            for (int j = 0; j < k; j++) {
                double[] expected = new double[nq];
                for (int qq = 0; qq < nq; qq++) {
                    expected[qq] = out[(j * nq + qq) * spatial + pixel];
                }
                assertArrayEquals(expected, simulate(bound.get(j).toOpenQasm(false)), 1e-12,
                        "pixel " + pixel + ", circuit " + (j + 1));
                assertTrue(bound.get(j).toOpenQasm(true).startsWith("OPENQASM 3.0;"));
            }
        }
        Exception e = assertThrows(IllegalArgumentException.class, () -> NetworkCircuits.bound(net, image, -1));
        assertTrue(e.getMessage().contains("valid 0.." + (spatial - 1)), e.getMessage());
    }
}

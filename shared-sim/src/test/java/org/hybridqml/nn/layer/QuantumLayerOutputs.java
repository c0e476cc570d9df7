package org.hybridqml.nn.layer;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hybridqml.nn.QuFeXLayer;
import org.hybridqml.nn.QuantumPointwiseConvLayer;
import org.hybridqml.qnn.qufex.QuFeXConfig;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.qasm.OpenQasmImporter;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test support for the OpenQASM export of network circuits (shared by the shared-sim, Tribuo and Weka tests): a
 * quantum layer's own circuit outputs at one QuFeX patch or pointwise pixel, computed by the layer's forward pass
 * (double precision) on the input activation the network gives it, independently of the export; and the ⟨·⟩ values
 * of an exported program imported back and simulated.
 */
public final class QuantumLayerOutputs {

    private QuantumLayerOutputs() {
    }

    /**
     * @param qasm2 an OpenQASM 2.0 program
     * @return its observables' values, imported with {@link OpenQasmImporter#fromQasm2} and simulated
     */
    public static double[] simulate(String qasm2) {
        assertTrue(qasm2.startsWith("OPENQASM 2.0;"), qasm2);
        return new StatevectorSimulator(1).expectations(OpenQasmImporter.fromQasm2(qasm2), new double[0],
                new double[][]{{}})[0];
    }

    /**
     * The circuit values Q_f(x) that a graph's QuFeX layer adds to one patch (out_f = x + Q_f(x), Jain &amp; Kalev,
     * arXiv:2501.13165, Sec. II.B), in circuit output order (row, column, map).
     *
     * @param net    the network with a QuFeX layer
     * @param image  one image [1, C, H, W] of the network's data type
     * @param patch  the patch (group, then patch row, then patch column)
     * @param filter the filter, from 0
     * @return the filter's values at the patch
     */
    public static double[] quFeXPatch(ComputationGraph net, INDArray image, int patch, int filter) {
        Layer layer = null;
        for (Layer l : net.getLayers()) {
            if (l.conf().getLayer() instanceof QuFeXLayer) {
                layer = l;
            }
        }
        QuFeXLayer conf = (QuFeXLayer) layer.conf().getLayer();
        String from = net.getConfiguration().getVertexInputs().get(conf.getLayerName()).get(0);
        INDArray act = net.feedForward(image, false).get(from);
        int c = (int) act.size(1), h = (int) act.size(2), w = (int) act.size(3);
        double[] in = LayerArrays.doubles(act);
        QuFeXConfig qc = conf.config();
        double[] out = new double[qc.filters() * in.length];
        conf.forward(new int[]{1, c, h, w}, in, LayerArrays.doubles(layer.getParam(PlainJavaParamInitializer.THETA)),
                out);
        int patchRows = h / qc.patchHeight(), patchCols = w / qc.patchWidth();
        int g = patch / (patchRows * patchCols), pr = patch % (patchRows * patchCols) / patchCols,
                pc = patch % patchCols;
        double[] q = new double[qc.qubits()];
        for (int r = 0; r < qc.patchHeight(); r++) {
            for (int col = 0; col < qc.patchWidth(); col++) {
                for (int m = 0; m < qc.mapsPerGroup(); m++) {
                    int ch = g * qc.mapsPerGroup() + m, y = pr * qc.patchHeight() + r, x = pc * qc.patchWidth() + col;
                    q[(r * qc.patchWidth() + col) * qc.mapsPerGroup() + m] =
                            out[((filter * c + ch) * h + y) * w + x] - in[(ch * h + y) * w + x];
                }
            }
        }
        return q;
    }

    /**
     * The ⟨Z⟩ values of one circuit of a network's quantum pointwise layer at one pixel (its output channels
     * k·n … k·n+n−1, Ning, Li &amp; Chen, arXiv:2412.01241).
     *
     * @param net     the network with a quantum pointwise layer
     * @param image   one image [1, C, H, W] of the network's data type
     * @param pixel   the pixel y·W' + x of the layer's input
     * @param circuit the circuit k, from 0
     * @return its n values at the pixel
     */
    public static double[] pointwisePixel(MultiLayerNetwork net, INDArray image, int pixel, int circuit) {
        Layer[] layers = net.getLayers();
        int i = 0;
        while (!(layers[i].conf().getLayer() instanceof QuantumPointwiseConvLayer)) {
            i++;
        }
        QuantumPointwiseConvLayer conf = (QuantumPointwiseConvLayer) layers[i].conf().getLayer();
        List<INDArray> acts = net.feedForward(image, false); // [i] is the output of layer i - 1, the layer's input
        INDArray act = acts.get(i);
        int c = (int) act.size(1), h = (int) act.size(2), w = (int) act.size(3), spatial = h * w;
        int n = conf.qubits();
        double[] out = new double[conf.getNumCircuits() * n * spatial];
        conf.forward(new int[]{1, c, h, w}, LayerArrays.doubles(act),
                LayerArrays.doubles(layers[i].getParam(PlainJavaParamInitializer.THETA)), out);
        double[] z = new double[n];
        for (int q = 0; q < n; q++) {
            z[q] = out[(circuit * n + q) * spatial + pixel];
        }
        return z;
    }

    /**
     * @param net   the network with a quantum pointwise layer
     * @param image one image
     * @return the index of an all-zero pixel of the layer's input (e.g. after a ReLU), or -1 when there is none
     */
    public static int zeroPixel(MultiLayerNetwork net, INDArray image) {
        Layer[] layers = net.getLayers();
        int i = 0;
        while (!(layers[i].conf().getLayer() instanceof QuantumPointwiseConvLayer)) {
            i++;
        }
        INDArray act = net.feedForward(image, false).get(i);
        int c = (int) act.size(1), spatial = (int) (act.size(2) * act.size(3));
        double[] in = LayerArrays.doubles(act);
        for (int p = 0; p < spatial; p++) {
            double norm = 0;
            for (int ch = 0; ch < c; ch++) {
                norm += in[ch * spatial + p] * in[ch * spatial + p];
            }
            if (norm == 0) {
                return p;
            }
        }
        return -1;
    }
}

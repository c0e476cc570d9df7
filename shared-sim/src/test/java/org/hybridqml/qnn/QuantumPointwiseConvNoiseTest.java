package org.hybridqml.qnn;

import org.hybridqml.nn.QuantumPointwiseConvLayer;
import org.hybridqml.sim.noise.NoiseModel;
import org.hybridqml.sim.noise.NoisySimulator;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The prediction-time path of the quantum pointwise convolution: exact = the fast path bit for bit; noise gives the
 * density matrix of each pixel's circuit (all-zero pixels as e_0); shots estimate the fast path's values; the DL4J
 * layer uses the setting only outside training.
 */
class QuantumPointwiseConvNoiseTest {

    @Test
    void noisyForwardIsThePerPixelNoisySimulation() {
        SplittableRandom rng = new SplittableRandom(2);
        QuantumPointwiseConv conv = new QuantumPointwiseConv(5, 2, 2, 1);
        int batch = 2;
        int spatial = 6;
        double[] params = rng.doubles(conv.numParameters(), 0, 2 * Math.PI).toArray();
        double[] x = rng.doubles((long) batch * 5 * spatial, -1, 1).toArray();
        for (int ch = 0; ch < 5; ch++) {
            x[(5 + ch) * spatial + 2] = 0.0; // image 1, pixel 2 is all zero
        }
        double[] fast = conv.forward(params, x, batch, spatial);
        assertArrayEquals(fast, conv.forward(params, x, batch, spatial, PredictionNoise.exact()), 0.0);

        NoiseModel dep = NoiseModel.parse("depolarizing:0.05@layer");
        double[] noisy = conv.forward(params, x, batch, spatial, new PredictionNoise(dep, 0, 1));
        assertFalse(Arrays.equals(fast, noisy));
        NoisySimulator sim = new NoisySimulator(1);
        int outC = conv.outputChannels();
        int n = conv.qubits();
        for (int b = 0; b < batch; b++) {
            for (int s = 0; s < spatial; s++) {
                double[] px = new double[5];
                for (int c = 0; c < 5; c++) {
                    px[c] = x[(b * 5 + c) * spatial + s];
                }
                if (b == 1 && s == 2) {
                    px[0] = 1.0;
                }
                for (int k = 0; k < 2; k++) {
                    double[] pk = Arrays.copyOfRange(params, k * conv.circuit().numParameters(),
                            (k + 1) * conv.circuit().numParameters());
                    double[] z = sim.expectations(conv.circuit(), pk, new double[][]{px}, dep, 0, 0)[0];
                    for (int q = 0; q < n; q++) {
                        assertEquals(z[q], noisy[(b * outC + k * n + q) * spatial + s], 1e-12);
                    }
                }
            }
        }

        int shots = 100_000;
        double[] sampled = conv.forward(params, x, batch, spatial, new PredictionNoise(NoiseModel.none(), shots, 4));
        for (int i = 0; i < fast.length; i++) {
            double se = Math.sqrt((1 - fast[i] * fast[i]) / shots);
            assertEquals(fast[i], sampled[i], 5 * se + 1e-9, "output " + i);
        }
    }

    @Test
    void theLayerUsesTheSettingOnlyOutsideTraining() {
        QuantumPointwiseConvLayer layer = new QuantumPointwiseConvLayer.Builder().nIn(4).numLayers(1).numCircuits(1)
                .threads(1).build();
        SplittableRandom rng = new SplittableRandom(3);
        double[] params = rng.doubles(layer.numParams(), 0, 2 * Math.PI).toArray();
        int[] shape = {1, 4, 2, 2};
        double[] x = rng.doubles(16, -1, 1).toArray();
        int outLen = (int) layer.outputChannels(4) * 4;
        double[] exact = new double[outLen];
        layer.forward(shape, x, params, exact);
        assertTrue(layer.predictionNoise(new PredictionNoise(NoiseModel.parse("bitflip:0.1"), 0, 1)));
        double[] training = new double[outLen];
        layer.forward(shape, x, params, training, true);
        assertArrayEquals(exact, training, 0.0);
        double[] inference = new double[outLen];
        layer.forward(shape, x, params, inference, false);
        assertFalse(Arrays.equals(exact, inference));
    }
}

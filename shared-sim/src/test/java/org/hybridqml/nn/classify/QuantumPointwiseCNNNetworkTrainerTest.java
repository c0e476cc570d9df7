package org.hybridqml.nn.classify;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tiny synthetic 8x8 task: class 0 bright left half, class 1 bright right half, class 2 bright top half. */
class QuantumPointwiseCNNNetworkTrainerTest {

    static float[][] images(int n, int[] labels, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][64];
        for (int i = 0; i < n; i++) {
            int k = i % 3;
            labels[i] = k;
            for (int p = 0; p < 64; p++) {
                int row = p / 8, col = p % 8;
                boolean on = k == 0 ? col < 4 : k == 1 ? col >= 4 : row < 4;
                x[i][p] = (on ? 0.8f : 0.1f) + 0.2f * (float) r.nextGaussian();
            }
        }
        return x;
    }

    private static QuantumPointwiseCNNBuilder spec(boolean classical) {
        return new QuantumPointwiseCNNBuilder().width(8).height(8).channels(1).numClasses(3).convChannels(4)
                .quantumLayers(1).circuits(1).classical(classical);
    }

    @Test
    void quantumAndClassicalLearnAndAreDeterministic() {
        int[] y = new int[90];
        float[][] x = images(90, y, 1);
        int[] vy = new int[30];
        float[][] vx = images(30, vy, 2);
        for (boolean classical : new boolean[]{false, true}) {
            QuantumPointwiseCNNNetworkTrainer t = new QuantumPointwiseCNNNetworkTrainer(spec(classical)).epochs(8).batchSize(15)
                    .learningRate(0.03).seed(7);
            MultiLayerNetwork a = t.train(x, y, vx, vy);
            double acc = t.accuracy(a, vx, vy);
            assertTrue(acc > 0.6, (classical ? "classical" : "quantum") + " accuracy " + acc);
            MultiLayerNetwork b = t.train(x, y, null, null);
            assertEquals(a.params(), b.params(), "same seed must give identical parameters");
            float[][] p = t.predictProba(a, vx);
            float sum = 0;
            for (float v : p[0]) sum += v;
            assertEquals(1f, sum, 1e-4f);
        }
    }

    /**
     * Real digits, where the head matters: 1,200 bundled MNIST images, 2 epochs. With the former global-average-
     * pooling head the classical twin stayed below 0.5 on MNIST after 3 epochs; the flatten + dense head gets > 0.8.
     */
    @Test
    void classicalTwinLearnsRealDigitsQuickly() throws Exception {
        java.nio.file.Path dir = org.hybridqml.data.BundledDatasets.resolve("mnist", "idx");
        org.hybridqml.data.IdxFile images = org.hybridqml.data.IdxFile.read(dir.resolve("t10k-images-idx3-ubyte.gz"));
        org.hybridqml.data.IdxFile labels = org.hybridqml.data.IdxFile.read(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        int n = 1200, test = 300;
        float[][] x = new float[n + test][784];
        int[] y = new int[n + test];
        for (int i = 0; i < n + test; i++) {
            for (int p = 0; p < 784; p++) x[i][p] = images.values()[i * 784 + p] / 255f;
            y[i] = labels.values()[i];
        }
        float[][] tx = java.util.Arrays.copyOfRange(x, n, n + test);
        int[] ty = java.util.Arrays.copyOfRange(y, n, n + test);
        QuantumPointwiseCNNNetworkTrainer t = new QuantumPointwiseCNNNetworkTrainer(new QuantumPointwiseCNNBuilder().classical(true)).epochs(2).batchSize(32)
                .learningRate(0.003).seed(3);
        MultiLayerNetwork net = t.train(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n), null, null);
        double acc = t.accuracy(net, tx, ty);
        assertTrue(acc > 0.8, "classical twin test accuracy " + acc);
    }

    @Test
    void pointwiseLayerSizes() {
        MultiLayerNetwork q = spec(false).circuits(2).build();
        MultiLayerNetwork c = spec(true).circuits(2).build();
        // 4 channels -> 2 qubits, K=2 -> 4 outputs; quantum: K*L*n*3 = 2*1*2*3 weights; classical 4*4+4
        assertEquals(12, q.getLayer(QuantumPointwiseCNNBuilder.POINTWISE_LAYER).numParams());
        assertEquals(20, c.getLayer(QuantumPointwiseCNNBuilder.POINTWISE_LAYER).numParams());
    }

    @Test
    void errors() {
        QuantumPointwiseCNNNetworkTrainer t = new QuantumPointwiseCNNNetworkTrainer(spec(false)).epochs(1);
        assertThrows(IllegalArgumentException.class,
                () -> t.train(new float[][]{new float[63]}, new int[]{0}, null, null));
        int[] y = new int[6];
        float[][] x = images(6, y, 3);
        y[2] = 0; y[5] = 0; // class 2 empty
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.train(x, y, null, null));
        assertTrue(e.getMessage().contains("class 2"), e.getMessage());
    }
}

package org.hybridqml.qnn.train;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loss values against direct formulas, gradients against finite differences, and stability at huge logits. */
class LossTest {

    @Test
    void gradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(1);
        double[][] z = new double[4][3];
        double[][] y = new double[4][3];
        for (int b = 0; b < 4; b++) {
            for (int k = 0; k < 3; k++) {
                z[b][k] = 4 * rng.nextDouble() - 2;
            }
            y[b][rng.nextInt(3)] = 1;      // one-hot rows are valid targets for both losses
        }
        for (Loss loss : Loss.values()) {
            double[][] g = loss.gradient(z, y);
            for (int b = 0; b < 4; b++) {
                for (int k = 0; k < 3; k++) {
                    double old = z[b][k];
                    z[b][k] = old + 1e-6;
                    double plus = loss.value(z, y);
                    z[b][k] = old - 1e-6;
                    double minus = loss.value(z, y);
                    z[b][k] = old;
                    assertEquals((plus - minus) / 2e-6, g[b][k], 1e-8, loss + " [" + b + "][" + k + "]");
                }
            }
        }
    }

    @Test
    void valuesMatchTheTextbookFormulas() {
        double[][] z = {{0.3, -1.2}};
        double[][] y = {{1, 0}};
        double s0 = 1 / (1 + Math.exp(-0.3));
        double s1 = 1 / (1 + Math.exp(1.2));
        assertEquals(-(Math.log(s0) + Math.log(1 - s1)) / 2, Loss.SIGMOID_BINARY_CROSS_ENTROPY.value(z, y), 1e-14);
        double lse = Math.log(Math.exp(0.3) + Math.exp(-1.2));
        assertEquals(lse - 0.3, Loss.SOFTMAX_CROSS_ENTROPY.value(z, y), 1e-14);
        double[] p = Loss.SOFTMAX_CROSS_ENTROPY.scores(z[0]);
        assertEquals(1.0, p[0] + p[1], 1e-15);
    }

    @Test
    void stableAtHugeLogits() {
        double[][] z = {{1000, -1000}};
        double[][] y = {{0, 1}};
        double bce = Loss.SIGMOID_BINARY_CROSS_ENTROPY.value(z, y);
        assertEquals(1000, bce, 1e-9);
        assertTrue(Double.isFinite(Loss.SOFTMAX_CROSS_ENTROPY.value(z, y)));
        assertArrayEquals(new double[]{0.5, -0.5}, Loss.SIGMOID_BINARY_CROSS_ENTROPY.gradient(z, y)[0], 1e-15);
    }
}

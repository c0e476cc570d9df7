package org.hybridqml.qnn.train;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The per-parameter learning-rate scale of {@link Adam}. */
class AdamTest {

    private static double[] gradient(SplittableRandom rng, int size) {
        double[] g = new double[size];
        for (int i = 0; i < size; i++) {
            g[i] = rng.nextGaussian() * (1 + i);
        }
        return g;
    }

    @Test
    void firstStepMovesEachParameterByItsLearningRate() {
        // Adam's first step is lr · g / (|g| + ε), i.e. lr · sign(g) up to ε
        double lr = 3e-3;
        double scale = 10;
        int size = 6;
        int from = 4;
        double[] g = {0.5, -2, 1e-3, -7, 0.25, -3};
        double[] p = new double[size];
        new Adam(size, lr, 0.9, 0.999, 1e-8, from, scale).step(p, g);
        for (int i = 0; i < size; i++) {
            double rate = i < from ? lr : scale * lr;
            assertEquals(-rate * Math.signum(g[i]), p[i], rate * 1e-8 / Math.abs(g[i]) + 1e-15, "parameter " + i);
        }
    }

    @Test
    void scaleOneOrNothingScaledIsThePlainAdamBitwise() {
        int size = 7;
        Adam plain = new Adam(size, 1e-2, 0.9, 0.999, 1e-8);
        Adam scaleOne = new Adam(size, 1e-2, 0.9, 0.999, 1e-8, 2, 1);
        Adam noneScaled = new Adam(size, 1e-2, 0.9, 0.999, 1e-8, size, 10);
        double[] a = new double[size];
        double[] b = new double[size];
        double[] c = new double[size];
        SplittableRandom rng = new SplittableRandom(3);
        for (int s = 0; s < 50; s++) {
            double[] g = gradient(rng, size);
            plain.step(a, g);
            scaleOne.step(b, g.clone());
            noneScaled.step(c, g.clone());
        }
        assertArrayEquals(a, b, 0.0);
        assertArrayEquals(a, c, 0.0);
    }

    @Test
    void unscaledParametersFollowThePlainAdamAndScaledOnesMoveFurther() {
        int size = 5;
        int from = 3;
        Adam plain = new Adam(size, 1e-3, 0.9, 0.999, 1e-8);
        Adam scaled = new Adam(size, 1e-3, 0.9, 0.999, 1e-8, from, 4);
        double[] a = new double[size];
        double[] b = new double[size];
        SplittableRandom rng = new SplittableRandom(5);
        for (int s = 0; s < 20; s++) {
            // the same gradients: the moments agree, so every update of a scaled parameter is 4 × the plain one
            double[] g = gradient(rng, size);
            double[] before = b.clone();
            double[] plainBefore = a.clone();
            plain.step(a, g);
            scaled.step(b, g.clone());
            for (int i = 0; i < size; i++) {
                double plainDelta = a[i] - plainBefore[i];
                double delta = b[i] - before[i];
                if (i < from) {
                    assertEquals(plainDelta, delta, 0.0, "unscaled parameter " + i);
                } else {
                    assertEquals(4 * plainDelta, delta, 1e-12 * Math.abs(plainDelta), "scaled parameter " + i);
                }
            }
        }
    }

    @Test
    void badScaleOrRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Adam(3, 1e-3, 0.9, 0.999, 1e-8, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(3, 1e-3, 0.9, 0.999, 1e-8, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> new Adam(3, 1e-3, 0.9, 0.999, 1e-8, 1, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new Adam(3, 1e-3, 0.9, 0.999, 1e-8, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> new Adam(3, 1e-3, 0.9, 0.999, 1e-8, -1, 2));
    }
}

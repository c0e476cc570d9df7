package org.hybridqml.nn.conv;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The SIMD kernels ({@link FastConvVectorKernels}) against the scalar ones bit for bit: forward, input gradient,
 * weight and bias gradients of the 3×3 convolution, on random inputs, for widths below, at and above the vector
 * width (odd widths and tails included), heights and widths spanning several row tiles and column blocks, with and
 * without bias and activation, for 1 and 3 threads.
 */
class FastConvVectorKernelsTest {
    private static final int SAVED_THREADS = ConvThreads.threads();

    @AfterEach
    void restore() {
        ConvThreads.setThreads(SAVED_THREADS);
        if (FastConvKernels.vectorAvailable()) {
            FastConvKernels.useVector(!Boolean.getBoolean("hybridqml.scalarConvKernels"));
        }
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (2 * r.nextGaussian());
        }
        return v;
    }

    /** Forward and backward of one layer with the kernels chosen by {@code vector}: out, gradIn, gradW, gradB. */
    private static float[][] run(boolean vector, int[] shape, ConvActivation act, boolean bias, long seed) {
        int n = shape[0];
        int c = shape[1];
        int h = shape[2];
        int w = shape[3];
        int co = shape[4];
        Random r = new Random(seed);
        float[] x = random(r, n * c * h * w);
        float[] wt = random(r, co * c * 9);
        float[] b = bias ? random(r, co) : null;
        float[] gradOut = random(r, n * co * h * w);
        FastConvKernels.useVector(vector);
        float[] out = new float[n * co * h * w];
        FastConvKernels.convForward(x, n, c, h, w, wt, b, co, 3, act, out);
        float[] gradIn = new float[x.length];
        float[] gradW = new float[wt.length];
        float[] gradB = bias ? new float[co] : null;
        FastConvKernels.convBackward(x, n, c, h, w, wt, co, 3, act, out, gradOut, gradIn, gradW, gradB);
        return new float[][]{out, gradIn, gradW, gradB == null ? new float[0] : gradB};
    }

    @Test
    void vectorKernelsAreBitwiseTheScalarOnes() {
        Assumptions.assumeTrue(FastConvKernels.vectorAvailable(), "no jdk.incubator.vector in this JVM");
        int l = FastConvVectorKernels.LANES;
        int[][] shapes = {
                // n, c, h, w, co
                {2, 3, 7, 9, 5}, {1, 1, 1, 1, 2}, {3, 4, 5, 1, 3}, {2, 2, 3, l, 4}, {1, 5, 6, l + 1, 8},
                {2, 8, 8, 2 * l, 16}, {2, 3, 5, 2 * l - 1, 9}, {1, 2, 4, 3 * l + 5, 4}, {2, 16, 6, 4 * l + 3, 8},
                {1, 1, 9, 5 * l, 7},
                // several row tiles (16 rows) and column blocks (64 columns) of the weight gradient
                {1, 2, 37, 67, 3}, {2, 3, 20, 130, 5}, {1, 4, 17, 16 * l + 7, 4}, {1, 3, 33, 64, 6},
        };
        String[] what = {"forward", "input gradient", "weight gradient", "bias gradient"};
        long seed = 11;
        for (int threads : new int[]{1, 3}) {
            ConvThreads.setThreads(threads);
            for (int[] s : shapes) {
                for (ConvActivation act : new ConvActivation[]{ConvActivation.IDENTITY, ConvActivation.RELU}) {
                    boolean bias = (seed & 1) == 1;
                    float[][] scalar = run(false, s, act, bias, seed);
                    float[][] vector = run(true, s, act, bias, seed);
                    for (int k = 0; k < 4; k++) {
                        assertArrayEquals(scalar[k], vector[k], what[k] + " " + java.util.Arrays.toString(s) + " "
                                + act + " bias " + bias + " threads " + threads);
                    }
                    seed++;
                }
            }
        }
    }
}

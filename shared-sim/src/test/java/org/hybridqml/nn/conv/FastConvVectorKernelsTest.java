package org.hybridqml.nn.conv;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SIMD kernels ({@link FastConvVectorKernels}) against the scalar ones bit for bit (tolerance 0): forward, input
 * gradient, weight and bias gradients of the 3×3 convolution and of the stride-2 transposed convolution, on random
 * inputs, for widths below, at and above the vector width (odd widths and tails included), heights and widths
 * spanning several row tiles and column blocks, channel counts that leave remainders of the register blocks, with
 * and without bias and activation, for 1 and 3 threads; and a JVM without the Vector API module, which runs the
 * scalar kernels, to the same bits.
 */
class FastConvVectorKernelsTest {
    private static final int SAVED_THREADS = ConvThreads.threads();

    private static final int SAVED_ROWS_MAX = FastConvKernels.vectorRowsMaxWidth;
    private static final int SAVED_WEIGHTS_MAX = FastConvKernels.vectorWeightsMaxWidth;

    @AfterEach
    void restore() {
        ConvThreads.setThreads(SAVED_THREADS);
        FastConvKernels.vectorRowsMaxWidth = SAVED_ROWS_MAX;
        FastConvKernels.vectorWeightsMaxWidth = SAVED_WEIGHTS_MAX;
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

    /**
     * Forward and backward of one layer with the kernels chosen by {@code vector}: out, gradIn, gradW, gradB. The
     * layer is a 3×3 convolution, or with {@code transposed} a stride-2 transposed convolution; shape
     * {n, c, h, w, co} is its input [n][c][h][w] and its output channels.
     */
    private static float[][] run(boolean vector, boolean transposed, int[] shape, ConvActivation act, boolean bias,
                                 long seed) {
        int n = shape[0];
        int c = shape[1];
        int h = shape[2];
        int w = shape[3];
        int co = shape[4];
        int outPlane = transposed ? 4 * h * w : h * w;
        Random r = new Random(seed);
        float[] x = random(r, n * c * h * w);
        float[] wt = random(r, co * c * 9);
        float[] b = bias ? random(r, co) : null;
        float[] gradOut = random(r, n * co * outPlane);
        if (FastConvKernels.vectorAvailable()) {
            FastConvKernels.useVector(vector);
        }
        float[] out = new float[gradOut.length];
        float[] gradIn = new float[x.length];
        float[] gradW = new float[wt.length];
        float[] gradB = bias ? new float[co] : null;
        if (transposed) {
            FastConvKernels.deconvForward(x, n, c, h, w, wt, b, co, act, out);
            FastConvKernels.deconvBackward(x, n, c, h, w, wt, co, act, out, gradOut, gradIn, gradW, gradB);
        } else {
            FastConvKernels.convForward(x, n, c, h, w, wt, b, co, 3, act, out);
            FastConvKernels.convBackward(x, n, c, h, w, wt, co, 3, act, out, gradOut, gradIn, gradW, gradB);
        }
        return new float[][]{out, gradIn, gradW, gradB == null ? new float[0] : gradB};
    }

    @Test
    void vectorKernelsAreBitwiseTheScalarOnes() {
        Assumptions.assumeTrue(FastConvKernels.vectorAvailable(), "no jdk.incubator.vector in this JVM");
        FastConvKernels.vectorRowsMaxWidth = Integer.MAX_VALUE; // the SIMD kernels at every width here
        FastConvKernels.vectorWeightsMaxWidth = Integer.MAX_VALUE;
        int l = FastConvVectorKernels.LANES;
        int[][] shapes = {
                // n, c, h, w, co
                {2, 3, 7, 9, 5}, {1, 1, 1, 1, 2}, {3, 4, 5, 1, 3}, {2, 2, 3, l, 4}, {1, 5, 6, l + 1, 8},
                {2, 8, 8, 2 * l, 16}, {2, 3, 5, 2 * l - 1, 9}, {1, 2, 4, 3 * l + 5, 4}, {2, 16, 6, 4 * l + 3, 8},
                {1, 1, 9, 5 * l, 7},
                // several row tiles (16 rows) and column blocks (64 columns) of the weight gradient
                {1, 2, 37, 67, 3}, {2, 3, 20, 130, 5}, {1, 4, 17, 16 * l + 7, 4}, {1, 3, 33, 64, 6},
                {1, 2, 5, 257, 5},
        };
        String[] what = {"forward", "input gradient", "weight gradient", "bias gradient"};
        long seed = 11;
        for (int threads : new int[]{1, 3}) {
            ConvThreads.setThreads(threads);
            for (int[] s : shapes) {
                for (ConvActivation act : new ConvActivation[]{ConvActivation.IDENTITY, ConvActivation.RELU}) {
                    boolean bias = (seed & 1) == 1;
                    float[][] scalar = run(false, false, s, act, bias, seed);
                    float[][] vector = run(true, false, s, act, bias, seed);
                    float[][] scalarT = run(false, true, s, act, bias, seed);
                    float[][] vectorT = run(true, true, s, act, bias, seed);
                    for (int k = 0; k < 4; k++) {
                        String where = " " + Arrays.toString(s) + " " + act + " bias " + bias + " threads " + threads;
                        assertArrayEquals(scalar[k], vector[k], what[k] + where);
                        assertArrayEquals(scalarT[k], vectorT[k], "transposed convolution " + what[k] + where);
                    }
                    seed++;
                }
            }
        }
    }

    @Test
    void aJvmWithoutTheModuleRunsTheScalarKernelsToTheSameBits() throws Exception {
        Assumptions.assumeTrue(FastConvKernels.vectorAvailable(), "no jdk.incubator.vector in this JVM");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ScalarJvmProbe.class.getName()).redirectErrorStream(true).start();
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            lines = r.lines().filter(l -> !l.startsWith("WARNING")).collect(Collectors.toList());
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM finished");
        assertEquals(0, p.exitValue(), "probe JVM exit code; output: " + lines);
        assertTrue(lines.get(0).startsWith("scalar (start the JVM with --add-modules"), lines.get(0));
        assertEquals(ScalarJvmProbe.hashes(), lines.subList(1, lines.size()), "scalar JVM vs SIMD");
    }

    /** Runs one layer's passes in a JVM started without {@code --add-modules jdk.incubator.vector}. */
    static final class ScalarJvmProbe {
        private ScalarJvmProbe() {
        }

        /**
         * @return the bit hashes (Arrays.hashCode) of out, gradIn, gradW, gradB of a convolution and a transposed
         *         convolution with the kernels this JVM uses
         */
        static List<String> hashes() {
            List<String> h = new java.util.ArrayList<>();
            FastConvKernels.vectorRowsMaxWidth = Integer.MAX_VALUE;
            FastConvKernels.vectorWeightsMaxWidth = Integer.MAX_VALUE;
            for (boolean transposed : new boolean[]{false, true}) {
                for (float[] a : run(FastConvKernels.vectorAvailable(), transposed, new int[]{2, 5, 21, 70, 6},
                        ConvActivation.RELU, true, 5)) {
                    h.add(Integer.toHexString(Arrays.hashCode(a)));
                }
            }
            return h;
        }

        /**
         * Prints the kernels in use, then the hashes.
         *
         * @param args unused
         */
        public static void main(String[] args) {
            System.out.println(FastConvKernels.describe());
            hashes().forEach(System.out::println);
        }
    }
}

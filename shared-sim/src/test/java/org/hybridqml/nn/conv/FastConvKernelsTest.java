package org.hybridqml.nn.conv;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The float kernels against the double reference (values and every gradient), and bit-identical results for any
 * thread count. Together with the DOUBLE gradient checks of the reference (FastLayersGradientCheckTest) this pins
 * the float kernels' gradients.
 */
class FastConvKernelsTest {
    private static final int SAVED_THREADS = ConvThreads.threads();

    @AfterEach
    void restoreThreads() {
        ConvThreads.setThreads(SAVED_THREADS);
    }

    private static double[] random(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (2 * r.nextDouble() - 1); // exactly representable in float
        }
        return v;
    }

    private static float[] f(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    /** Max |fast − ref| relative to max |ref| (floored at 1). */
    private static void assertClose(double[] ref, float[] fast, String what) {
        assertEquals(ref.length, fast.length, what + " length");
        double scale = 1;
        double err = 0;
        for (int i = 0; i < ref.length; i++) {
            scale = Math.max(scale, Math.abs(ref[i]));
            err = Math.max(err, Math.abs(ref[i] - fast[i]));
        }
        assertTrue(err / scale < 2e-6 * Math.sqrt(ref.length) + 1e-5,
                what + ": max error " + err + " (scale " + scale + ")");
    }

    private static final int[][] SHAPES = {
            // n, c, h, w, co
            {2, 3, 7, 9, 5}, {1, 1, 1, 1, 2}, {3, 4, 5, 1, 3}, {2, 2, 1, 6, 4}, {1, 5, 16, 33, 1}, {2, 8, 8, 8, 16},
    };

    @Test
    void convolutionMatchesReferenceForAllActivationsAndKernelSizes() {
        Random r = new Random(1);
        for (int k : new int[]{1, 3}) {
            for (ConvActivation act : ConvActivation.values()) {
                for (int[] s : SHAPES) {
                    int n = s[0], c = s[1], h = s[2], w = s[3], co = s[4];
                    String what = "k" + k + " " + act + " " + java.util.Arrays.toString(s);
                    double[] x = random(r, n * c * h * w);
                    double[] wt = random(r, co * c * k * k);
                    double[] b = random(r, co);
                    double[] g = random(r, n * co * h * w);
                    double[] out = new double[g.length];
                    ReferenceConvKernels.convForward(x, n, c, h, w, wt, b, co, k, act, out);
                    float[] fout = new float[g.length];
                    FastConvKernels.convForward(f(x), n, c, h, w, f(wt), f(b), co, k, act, fout);
                    assertClose(out, fout, what + " forward");
                    double[] gi = new double[x.length];
                    double[] gw = new double[wt.length];
                    double[] gb = new double[co];
                    ReferenceConvKernels.convBackward(x, n, c, h, w, wt, co, k, act, out, g, gi, gw, gb);
                    float[] fgi = new float[x.length];
                    float[] fgw = new float[wt.length];
                    float[] fgb = new float[co];
                    FastConvKernels.convBackward(f(x), n, c, h, w, f(wt), co, k, act, f(out), f(g), fgi, fgw, fgb);
                    assertClose(gi, fgi, what + " dInput");
                    assertClose(gw, fgw, what + " dW");
                    assertClose(gb, fgb, what + " dBias");
                }
            }
        }
    }

    @Test
    void transposedConvolutionMatchesReference() {
        Random r = new Random(2);
        for (ConvActivation act : new ConvActivation[]{ConvActivation.IDENTITY, ConvActivation.TANH}) {
            for (int[] s : SHAPES) {
                int n = s[0], c = s[1], h = s[2], w = s[3], co = s[4];
                String what = "deconv " + act + " " + java.util.Arrays.toString(s);
                double[] x = random(r, n * c * h * w);
                double[] wt = random(r, c * co * 9);
                double[] b = random(r, co);
                double[] g = random(r, n * co * 4 * h * w);
                double[] out = new double[g.length];
                ReferenceConvKernels.deconvForward(x, n, c, h, w, wt, b, co, act, out);
                float[] fout = new float[g.length];
                FastConvKernels.deconvForward(f(x), n, c, h, w, f(wt), f(b), co, act, fout);
                assertClose(out, fout, what + " forward");
                double[] gi = new double[x.length];
                double[] gw = new double[wt.length];
                double[] gb = new double[co];
                ReferenceConvKernels.deconvBackward(x, n, c, h, w, wt, co, act, out, g, gi, gw, gb);
                float[] fgi = new float[x.length];
                float[] fgw = new float[wt.length];
                float[] fgb = new float[co];
                FastConvKernels.deconvBackward(f(x), n, c, h, w, f(wt), co, act, f(out), f(g), fgi, fgw, fgb);
                assertClose(gi, fgi, what + " dInput");
                assertClose(gw, fgw, what + " dW");
                assertClose(gb, fgb, what + " dBias");
            }
        }
    }

    @Test
    void maxPoolingMatchesReferenceIncludingPartialWindows() {
        Random r = new Random(3);
        int[][] sizes = {{6, 8, 3, 4}, {7, 5, 3, 2}, {7, 5, 4, 3}, {1, 1, 1, 1}, {2, 3, 1, 2}};
        for (int[] s : sizes) {
            int planes = 3;
            double[] x = random(r, planes * s[0] * s[1]);
            x[0] = x[1]; // a tie: the first maximum gets the gradient in both
            double[] out = new double[planes * s[2] * s[3]];
            ReferenceConvKernels.maxPoolForward(x, planes, s[0], s[1], s[2], s[3], out);
            float[] fout = new float[out.length];
            FastConvKernels.maxPoolForward(f(x), planes, s[0], s[1], s[2], s[3], fout);
            assertClose(out, fout, "pool forward " + java.util.Arrays.toString(s));
            double[] g = random(r, out.length);
            double[] gi = new double[x.length];
            ReferenceConvKernels.maxPoolBackward(x, planes, s[0], s[1], s[2], s[3], g, gi);
            float[] fgi = new float[x.length];
            FastConvKernels.maxPoolBackward(f(x), planes, s[0], s[1], s[2], s[3], f(g), fgi);
            assertClose(gi, fgi, "pool backward " + java.util.Arrays.toString(s));
        }
    }

    @Test
    void referenceConvolutionIsTheTextbookSum() {
        // one 3x3 input, one 3x3 kernel: the centre output is the full dot product, the corner four terms
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] w = {1, 0, -1, 2, 0, -2, 1, 0, -1};
        double[] out = new double[9];
        ReferenceConvKernels.convForward(x, 1, 1, 3, 3, w, new double[]{0.5}, 1, 3, ConvActivation.IDENTITY, out);
        assertEquals(0.5 + (1 - 3) + 2 * (4 - 6) + (7 - 9), out[4], 1e-12);
        // corner (0,0): taps (1,1) (1,2) (2,1) (2,2) on x[0][0], x[0][1], x[1][0], x[1][1]
        assertEquals(0.5 + 0 * 1 - 2 * 2 + 0 * 4 - 1 * 5, out[0], 1e-12);
        // transposed convolution: input pixel (i, j) times w[ky][kx] lands at (2i+ky, 2j+kx), cropped to 2H x 2W
        double[] wt = new double[9];
        wt[2 * 3 + 1] = 1; // ky 2, kx 1
        double[] up = new double[16];
        ReferenceConvKernels.deconvForward(new double[]{3, 0, 0, 0}, 1, 1, 2, 2, wt, null, 1,
                ConvActivation.IDENTITY, up);
        assertEquals(3, up[2 * 4 + 1], 0.0);
        assertEquals(3, java.util.Arrays.stream(up).sum(), 0.0);
        ReferenceConvKernels.deconvForward(new double[]{0, 0, 0, 3}, 1, 1, 2, 2, wt, null, 1,
                ConvActivation.IDENTITY, up);
        assertEquals(0, java.util.Arrays.stream(up).sum(), 0.0, "(1,1) lands on row 4 of 4: cropped");
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Random r = new Random(4);
        int n = 3, c = 5, h = 12, w = 10, co = 6;
        float[] x = f(random(r, n * c * h * w));
        float[] wt = f(random(r, co * c * 9));
        float[] dwt = f(random(r, c * co * 9));
        float[] b = f(random(r, co));
        float[] g = f(random(r, n * co * h * w));
        float[] g4 = f(random(r, n * co * 4 * h * w));
        float[][] first = null;
        for (int threads : new int[]{1, 2, 3, 7}) {
            ConvThreads.setThreads(threads);
            float[] out = new float[n * co * h * w];
            FastConvKernels.convForward(x, n, c, h, w, wt, b, co, 3, ConvActivation.RELU, out);
            float[] gi = new float[x.length];
            float[] gw = new float[wt.length];
            float[] gb = new float[co];
            FastConvKernels.convBackward(x, n, c, h, w, wt, co, 3, ConvActivation.RELU, out, g, gi, gw, gb);
            float[] up = new float[n * co * 4 * h * w];
            FastConvKernels.deconvForward(x, n, c, h, w, dwt, b, co, ConvActivation.IDENTITY, up);
            float[] ugi = new float[x.length];
            float[] ugw = new float[dwt.length];
            float[] ugb = new float[co];
            FastConvKernels.deconvBackward(x, n, c, h, w, dwt, co, ConvActivation.IDENTITY, up, g4, ugi, ugw, ugb);
            float[][] all = {out, gi, gw, gb, up, ugi, ugw, ugb};
            if (first == null) {
                first = all;
            } else {
                for (int i = 0; i < all.length; i++) {
                    assertArrayEquals(first[i], all[i], "array " + i + " with " + threads + " threads");
                }
            }
        }
    }

    @Test
    void unsupportedKernelsAndThreadCountsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FastConvKernels
                .convForward(new float[25], 1, 1, 5, 5, new float[25], null, 1, 5, ConvActivation.IDENTITY,
                        new float[25]));
        assertTrue(e.getMessage().contains("kernel sizes 1 and 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvThreads.setThreads(0));
    }
}

package org.hybridqml.nn.conv;

import java.util.Arrays;
import java.util.Random;

/**
 * Per-pass timing of the fast convolution kernels, scalar against SIMD ({@link FastConvVectorKernels}) in the same
 * run, interleaved, on the 3×3 layer shapes of the U-Net and its stride-2 transposed convolutions: forward, input
 * gradient (full backward minus the backward without it) and weight gradient (backward without the input gradient).
 *
 * <p>Arguments: {@code [batch size (4)] [input height (256)] [input width (256)] [input channels (1)] [reps (9)]}.
 * Run with {@code --add-modules jdk.incubator.vector}; without it only the scalar column is printed.
 * {@code -Dbench.layers=deconv} times only the transposed convolutions; {@code -Dbench.kernels=scalar} or
 * {@code simd} times only one kind of kernel (for alternating runs in separate JVMs; the other columns print NaN);
 * {@code -Dbench.warmup=S} warms each layer up for at least S seconds (1).
 */
public final class ConvKernelBench {
    /** Which kernels {@link #times} runs: 0 scalar, 1 SIMD. */
    private static int[] modes;

    private ConvKernelBench() {
    }

    /** @param args see class comment */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int h = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int w = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int c0 = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int reps = args.length > 4 ? Integer.parseInt(args[4]) : 9;
        boolean vec = FastConvKernels.vectorAvailable();
        String kernels = System.getProperty("bench.kernels", "both");
        if (!kernels.equals("both") && !kernels.equals("scalar") && !kernels.equals("simd")) {
            throw new IllegalArgumentException("bench.kernels must be both, scalar or simd, got " + kernels);
        }
        if (kernels.equals("simd") && !vec) {
            throw new IllegalStateException("bench.kernels=simd needs --add-modules jdk.incubator.vector");
        }
        modes = kernels.equals("scalar") || !vec ? new int[]{0} : kernels.equals("simd") ? new int[]{1}
                : new int[]{0, 1};
        boolean deconvOnly = System.getProperty("bench.layers", "all").equals("deconv");
        System.out.printf("ConvKernelBench: batch %d, %dx%dx%d, median of %d, threads %d, SIMD %s, kernels %s, "
                        + "load %s%n", n, h, w, c0, reps, ConvThreads.threads(),
                vec ? FastConvVectorKernels.LANES + " floats" : "unavailable", kernels,
                org.hybridqml.bench.Timing.loadAverage());
        // (in, out, scale) of the U-Net's 3x3 convolutions (filters 8, 16, 32; decoder inputs are concatenations)
        int[][] convs = {{c0, 8, 0}, {8, 8, 0}, {16, 8, 0}, {8, 16, 1}, {16, 16, 1}, {32, 16, 1}, {16, 32, 2},
                {32, 32, 2}, {64, 32, 2}};
        // (in, out, output scale) of the transposed convolutions dec0_up .. dec4_up
        int[][] deconvs = {{16, 8, 4}, {8, 16, 3}, {16, 32, 2}, {32, 16, 1}, {16, 8, 0}};
        System.out.printf("%-26s %8s %8s %8s | %8s %8s %8s | %6s %6s %6s%n", "layer (ms)", "fwd", "dIn", "dW",
                "vfwd", "vdIn", "vdW", "x fwd", "x dIn", "x dW");
        double[] tot = new double[6];
        for (int[] l : deconvOnly ? new int[0][] : convs) {
            int hh = h >> l[2];
            int ww = w >> l[2];
            double[] t = convTimes(n, l[0], hh, ww, l[1], reps, vec);
            print(String.format("conv %d->%d %dx%d", l[0], l[1], hh, ww), t, tot);
        }
        for (int[] l : deconvs) {
            int hh = h >> (l[2] + 1);
            int ww = w >> (l[2] + 1);
            double[] t = deconvTimes(n, l[0], hh, ww, l[1], reps, vec);
            print(String.format("deconv %d->%d %dx%d", l[0], l[1], 2 * hh, 2 * ww), t, tot);
        }
        print("total", tot, null);
    }

    private static void print(String name, double[] t, double[] tot) {
        System.out.printf("%-26s %8.1f %8.1f %8.1f | %8.1f %8.1f %8.1f | %6.2f %6.2f %6.2f%n", name, t[0], t[1],
                t[2], t[3], t[4], t[5], t[0] / t[3], t[1] / t[4], t[2] / t[5]);
        if (tot != null) {
            for (int i = 0; i < 6; i++) {
                tot[i] += t[i];
            }
        }
    }

    private static float[] random(Random r, int len) {
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** scalar fwd, dIn, dW, then SIMD fwd, dIn, dW, medians in ms. */
    private static double[] convTimes(int n, int c, int h, int w, int co, int reps, boolean vec) {
        Random r = new Random(1);
        float[] x = random(r, n * c * h * w);
        float[] wt = random(r, co * c * 9);
        float[] b = random(r, co);
        float[] g = random(r, n * co * h * w);
        float[] out = new float[g.length];
        float[] gi = new float[x.length];
        float[] gw = new float[wt.length];
        float[] gb = new float[co];
        Runnable fwd = () -> FastConvKernels.convForward(x, n, c, h, w, wt, b, co, 3, ConvActivation.IDENTITY, out);
        Runnable full = () -> FastConvKernels.convBackward(x, n, c, h, w, wt, co, 3, ConvActivation.IDENTITY, out,
                g, gi, gw, gb);
        Runnable dw = () -> FastConvKernels.convBackward(x, n, c, h, w, wt, co, 3, ConvActivation.IDENTITY, out, g,
                null, gw, gb);
        return times(new Runnable[]{fwd, full, dw}, reps, vec);
    }

    private static double[] deconvTimes(int n, int c, int h, int w, int co, int reps, boolean vec) {
        Random r = new Random(2);
        float[] x = random(r, n * c * h * w);
        float[] wt = random(r, co * c * 9);
        float[] b = random(r, co);
        float[] g = random(r, n * co * 4 * h * w);
        float[] out = new float[g.length];
        float[] gi = new float[x.length];
        float[] gw = new float[wt.length];
        float[] gb = new float[co];
        Runnable fwd = () -> FastConvKernels.deconvForward(x, n, c, h, w, wt, b, co, ConvActivation.IDENTITY, out);
        Runnable full = () -> FastConvKernels.deconvBackward(x, n, c, h, w, wt, co, ConvActivation.IDENTITY, out, g,
                gi, gw, gb);
        Runnable dw = () -> FastConvKernels.deconvBackward(x, n, c, h, w, wt, co, ConvActivation.IDENTITY, out, g,
                null, gw, gb);
        return times(new Runnable[]{fwd, full, dw}, reps, vec);
    }

    /** Runs forward, full backward, weight-only backward, scalar and SIMD alternating; medians in ms. */
    private static double[] times(Runnable[] passes, int reps, boolean vec) {
        double[][] t = new double[6][reps];
        // warm-ups: at least two rounds and bench.warmup seconds (1), so that C2 has compiled the kernels (the
        // Vector API code is very slow before it is) also for the small layers
        long warmEnd = System.nanoTime()
                + (long) (1e9 * Double.parseDouble(System.getProperty("bench.warmup", "1")));
        for (int i = -2; i < reps; i++) {
            if (i == -1 && System.nanoTime() < warmEnd) {
                i = -2;
            }
            for (int mode : modes) {
                if (vec) {
                    FastConvKernels.useVector(mode == 1);
                }
                for (int p = 0; p < 3; p++) {
                    long t0 = System.nanoTime();
                    passes[p].run();
                    if (i >= 0) {
                        t[3 * mode + p][i] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
        }
        double[] m = new double[6];
        for (int k = 0; k < 6; k++) {
            Arrays.sort(t[k]);
            m[k] = t[k][reps / 2];
        }
        // columns: fwd, dIn (= full − weight-only backward), dW (weight-only backward, bias gradient included)
        double[] res = {m[0], m[1] - m[2], m[2], m[3], m[4] - m[5], m[5]};
        if (modes[0] != 0) {
            res[0] = res[1] = res[2] = Double.NaN;
        }
        if (modes[modes.length - 1] != 1) {
            res[3] = res[4] = res[5] = Double.NaN;
        }
        if (vec) {
            FastConvKernels.useVector(true);
        }
        return res;
    }
}

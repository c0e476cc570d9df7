package org.hybridqml.nn.conv;

/**
 * Double-precision reference implementations of the operations of {@link FastConvKernels}, written as the
 * textbook loops (one output or gradient element at a time, bounds tested per tap). The layers use them for
 * DOUBLE networks (gradient checks); tests check the float kernels against them.
 *
 * <p>Same conventions and argument layout as {@link FastConvKernels}, except that the convolution takes any odd
 * kernel size.
 */
public final class ReferenceConvKernels {

    private ReferenceConvKernels() {
    }

    /** Convolution k×k (k odd), stride 1, Same: out = act(Σ w·x + b); weights [co][c][k][k]. */
    public static void convForward(double[] x, int n, int c, int h, int w, double[] wt, double[] bias, int co, int k,
                                   ConvActivation act, double[] out) {
        checkOdd(k);
        int pad = (k - 1) / 2;
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < co; o++) {
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        double z = bias == null ? 0 : bias[o];
                        for (int ci = 0; ci < c; ci++) {
                            for (int ky = 0; ky < k; ky++) {
                                int iy = y + ky - pad;
                                for (int kx = 0; kx < k; kx++) {
                                    int ix = xx + kx - pad;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                        z += wt[((o * c + ci) * k + ky) * k + kx] * x[((s * c + ci) * h + iy) * w + ix];
                                    }
                                }
                            }
                        }
                        out[((s * co + o) * h + y) * w + xx] = act.value(z);
                    }
                }
            }
        }
    }

    /** Convolution backward (see {@link FastConvKernels#convBackward}); gradIn and gradB may be null. */
    public static void convBackward(double[] x, int n, int c, int h, int w, double[] wt, int co, int k,
                                    ConvActivation act, double[] out, double[] gradOut, double[] gradIn,
                                    double[] gradW, double[] gradB) {
        checkOdd(k);
        int pad = (k - 1) / 2;
        double[] dz = new double[gradOut.length];
        for (int i = 0; i < dz.length; i++) {
            dz[i] = gradOut[i] * act.derivativeFromOutput(out[i]);
        }
        if (gradIn != null) {
            java.util.Arrays.fill(gradIn, 0);
        }
        java.util.Arrays.fill(gradW, 0);
        if (gradB != null) {
            java.util.Arrays.fill(gradB, 0);
        }
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < co; o++) {
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        double d = dz[((s * co + o) * h + y) * w + xx];
                        if (gradB != null) {
                            gradB[o] += d;
                        }
                        for (int ci = 0; ci < c; ci++) {
                            for (int ky = 0; ky < k; ky++) {
                                int iy = y + ky - pad;
                                for (int kx = 0; kx < k; kx++) {
                                    int ix = xx + kx - pad;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                        int wi = ((o * c + ci) * k + ky) * k + kx;
                                        int xi = ((s * c + ci) * h + iy) * w + ix;
                                        gradW[wi] += d * x[xi];
                                        if (gradIn != null) {
                                            gradIn[xi] += d * wt[wi];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Transposed convolution 3×3 stride 2, output 2H×2W; weights [c][co][3][3]. */
    public static void deconvForward(double[] x, int n, int c, int h, int w, double[] wt, double[] bias, int co,
                                     ConvActivation act, double[] out) {
        int oh = 2 * h;
        int ow = 2 * w;
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < co; o++) {
                for (int i = 0; i < oh * ow; i++) {
                    out[(s * co + o) * oh * ow + i] = bias == null ? 0 : bias[o];
                }
            }
            for (int ci = 0; ci < c; ci++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double v = x[((s * c + ci) * h + i) * w + j];
                        for (int o = 0; o < co; o++) {
                            for (int ky = 0; ky < 3; ky++) {
                                for (int kx = 0; kx < 3; kx++) {
                                    int oy = 2 * i + ky;
                                    int ox = 2 * j + kx;
                                    if (oy < oh && ox < ow) {
                                        double wv = wt[((ci * co + o) * 3 + ky) * 3 + kx];
                                        out[((s * co + o) * oh + oy) * ow + ox] += v * wv;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        act.apply(out, 0, n * co * oh * ow);
    }

    /** Transposed convolution backward (see {@link FastConvKernels#deconvBackward}). */
    public static void deconvBackward(double[] x, int n, int c, int h, int w, double[] wt, int co,
                                      ConvActivation act, double[] out, double[] gradOut, double[] gradIn,
                                      double[] gradW, double[] gradB) {
        int oh = 2 * h;
        int ow = 2 * w;
        double[] dz = new double[gradOut.length];
        for (int i = 0; i < dz.length; i++) {
            dz[i] = gradOut[i] * act.derivativeFromOutput(out[i]);
        }
        if (gradIn != null) {
            java.util.Arrays.fill(gradIn, 0);
        }
        java.util.Arrays.fill(gradW, 0);
        if (gradB != null) {
            java.util.Arrays.fill(gradB, 0);
            for (int s = 0; s < n; s++) {
                for (int o = 0; o < co; o++) {
                    for (int i = 0; i < oh * ow; i++) {
                        gradB[o] += dz[(s * co + o) * oh * ow + i];
                    }
                }
            }
        }
        for (int s = 0; s < n; s++) {
            for (int ci = 0; ci < c; ci++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        int xi = ((s * c + ci) * h + i) * w + j;
                        for (int o = 0; o < co; o++) {
                            for (int ky = 0; ky < 3; ky++) {
                                for (int kx = 0; kx < 3; kx++) {
                                    int oy = 2 * i + ky;
                                    int ox = 2 * j + kx;
                                    if (oy < oh && ox < ow) {
                                        double d = dz[((s * co + o) * oh + oy) * ow + ox];
                                        int wi = ((ci * co + o) * 3 + ky) * 3 + kx;
                                        gradW[wi] += d * x[xi];
                                        if (gradIn != null) {
                                            gradIn[xi] += d * wt[wi];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Max-pool 2×2 stride 2 (output oh×ow; windows clipped at the border). */
    public static void maxPoolForward(double[] x, int planes, int h, int w, int oh, int ow, double[] out) {
        for (int q = 0; q < planes; q++) {
            for (int y = 0; y < oh; y++) {
                for (int xo = 0; xo < ow; xo++) {
                    out[(q * oh + y) * ow + xo] = x[q * h * w + argmax(x, q * h * w, h, w, y, xo)];
                }
            }
        }
    }

    /** Max-pool backward: the gradient goes to the first maximum (row-major) of each window. */
    public static void maxPoolBackward(double[] x, int planes, int h, int w, int oh, int ow, double[] gradOut,
                                       double[] gradIn) {
        java.util.Arrays.fill(gradIn, 0);
        for (int q = 0; q < planes; q++) {
            for (int y = 0; y < oh; y++) {
                for (int xo = 0; xo < ow; xo++) {
                    gradIn[q * h * w + argmax(x, q * h * w, h, w, y, xo)] += gradOut[(q * oh + y) * ow + xo];
                }
            }
        }
    }

    private static int argmax(double[] x, int ib, int h, int w, int y, int xo) {
        int best = -1;
        for (int yy = 2 * y; yy < Math.min(2 * y + 2, h); yy++) {
            for (int xx = 2 * xo; xx < Math.min(2 * xo + 2, w); xx++) {
                if (best < 0 || x[ib + yy * w + xx] > x[ib + best]) {
                    best = yy * w + xx;
                }
            }
        }
        return best;
    }

    private static void checkOdd(int k) {
        if (k < 1 || k % 2 == 0) {
            throw new IllegalArgumentException("Same convolution needs an odd kernel size, got " + k);
        }
    }
}

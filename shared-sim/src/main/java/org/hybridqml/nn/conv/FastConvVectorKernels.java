package org.hybridqml.nn.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions ({@code jdk.incubator.vector}) of the hottest loops of {@link FastConvKernels}: the 3×3
 * convolution's row pass (forward and input gradient) and its weight gradient.
 *
 * <p>Bitwise the same as the scalar kernels on every CPU: each output element is computed with the same float
 * operations in the same order as in {@link FastConvKernels} (separate multiply and add, never a fused
 * multiply-add, and no sum reordered); the vectors only run across independent elements along x, and the
 * register blocking (several output channels, two x-chunks) keeps each element's own order. So the vector width
 * (AVX2, AVX-512, NEON) cannot change a result, and neither can the thread count (the tasks are those of the scalar
 * kernels).
 *
 * <p>The gain is memory traffic: the scalar loops keep their accumulators in row buffers (a load and a store per
 * multiply-add), these keep them in registers over all input channels (forward) or over all samples and rows
 * of a row tile (weight gradient), reading the input from zero-padded rows staged per column block (64 columns)
 * so that they stay in L1.
 *
 * <p>Only loaded when the JVM resolved {@code jdk.incubator.vector}; {@link FastConvKernels} chooses.
 */
final class FastConvVectorKernels {
    /** The preferred float species of this CPU. */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int LANES = S.length();
    /** Output channels per register block of the forward pass. */
    private static final int OB = 4;
    /** Rows per tile of the weight gradient. */
    private static final int TY = 16;
    /** Columns per block of the row pass and the weight gradient (a multiple of twice every vector width). */
    private static final int XB = 64;

    private FastConvVectorKernels() {
    }

    /**
     * The row pass of {@code FastConvKernels.conv3x3Rows}: out[s][o][y] = act(bias[o] + Σ_ci Σ_ky (wk0·x[x−1] +
     * wk1·x[x] + wk2·x[x+1]) of row y+ky−1 of channel ci), accumulated over ci then ky as there.
     *
     * @param x  input [n][c][h][w]
     * @param wk weights [co][c][9] already in the orientation to apply
     */
    static void conv3x3Rows(float[] x, int n, int c, int h, int w, float[] wk, float[] bias, int co,
                            ConvActivation act, float[] out) {
        int pw = XB + 2; // a column block [xb, xb+XB) with one column each side
        int pp = 3 * pw; // per input channel: its rows y-1, y, y+1 over the block, zero-padded
        int plane = h * w;
        int vend = w - w % LANES;
        ConvThreads.run(n * h, t -> {
            int s = t / h;
            int y = t % h;
            float[] xp = new float[c * pp];
            float[] acc = new float[co * w];
            // column blocks: a block's staged rows (c·3·(XB+2) floats) stay in L1 for all output channels
            for (int xb = 0; xb < w; xb += XB) {
                int xe = Math.min(w, xb + XB);
                int from = Math.max(0, xb - 1);
                int to = Math.min(w, xe + 1);
                for (int ci = 0; ci < c; ci++) {
                    for (int ky = 0; ky < 3; ky++) {
                        int yy = y + ky - 1;
                        int row = ci * pp + ky * pw; // position k holds column xb-1+k
                        java.util.Arrays.fill(xp, row, row + pw, 0f);
                        if (yy >= 0 && yy < h) {
                            System.arraycopy(x, ((s * c + ci) * h + yy) * w + from, xp, row + from - xb + 1,
                                    to - from);
                        }
                    }
                }
                int ve = Math.min(xe, vend);
                for (int xs = xb; xs < ve; ) {
                    boolean two = xs + 2 * LANES <= ve;
                    int ib = xs - xb;
                    int o = 0;
                    if (two) {
                        for (; o + OB <= co; o += OB) {
                            fwd4x2(xp, ib, pp, pw, c, wk, o, bias, acc, o * w + xs, w);
                        }
                    }
                    for (; o < co; o++) {
                        fwd1(xp, ib, pp, pw, c, wk, o, bias, acc, o * w + xs);
                        if (two) {
                            fwd1(xp, ib + LANES, pp, pw, c, wk, o, bias, acc, o * w + xs + LANES);
                        }
                    }
                    xs += two ? 2 * LANES : LANES;
                }
                for (int xx = Math.max(xb, vend); xx < xe; xx++) {
                    for (int o = 0; o < co; o++) {
                        float a = bias == null ? 0f : bias[o];
                        for (int ci = 0; ci < c; ci++) {
                            int p = ci * pp + xx - xb;
                            int q = (o * c + ci) * 9;
                            for (int ky = 0; ky < 3; ky++) {
                                int r = p + ky * pw;
                                int k = q + 3 * ky;
                                a += wk[k] * xp[r] + wk[k + 1] * xp[r + 1] + wk[k + 2] * xp[r + 2];
                            }
                        }
                        acc[o * w + xx] = a;
                    }
                }
            }
            for (int o = 0; o < co; o++) {
                act.apply(acc, o * w, w);
                System.arraycopy(acc, o * w, out, (s * co + o) * plane + y * w, w);
            }
        });
    }

    /** One x-chunk of output channel o, the accumulator in a register. */
    private static void fwd1(float[] xp, int ib, int pp, int pw, int c, float[] wk, int o, float[] bias,
                             float[] acc, int at) {
        FloatVector a = FloatVector.broadcast(S, bias == null ? 0f : bias[o]);
        for (int ci = 0; ci < c; ci++) {
            int p = ib + ci * pp;
            int q = (o * c + ci) * 9;
            for (int ky = 0; ky < 3; ky++) {
                int r = p + ky * pw;
                int k = q + 3 * ky;
                FloatVector v0 = FloatVector.fromArray(S, xp, r);
                FloatVector v1 = FloatVector.fromArray(S, xp, r + 1);
                FloatVector v2 = FloatVector.fromArray(S, xp, r + 2);
                a = a.add(v0.mul(wk[k]).add(v1.mul(wk[k + 1])).add(v2.mul(wk[k + 2])));
            }
        }
        a.intoArray(acc, at);
    }

    /**
     * Two x-chunks (x and x+LANES) of four output channels o..o+3, the accumulators in registers. The four
     * channels are written out one after the other on purpose: vectors kept in an array would be boxed.
     */
    private static void fwd4x2(float[] xp, int ib, int pp, int pw, int c, float[] wk, int o, float[] bias,
                               float[] acc, int at, int w) {
        FloatVector a0 = FloatVector.broadcast(S, bias == null ? 0f : bias[o]);
        FloatVector a1 = FloatVector.broadcast(S, bias == null ? 0f : bias[o + 1]);
        FloatVector a2 = FloatVector.broadcast(S, bias == null ? 0f : bias[o + 2]);
        FloatVector a3 = FloatVector.broadcast(S, bias == null ? 0f : bias[o + 3]);
        FloatVector b0 = a0;
        FloatVector b1 = a1;
        FloatVector b2 = a2;
        FloatVector b3 = a3;
        int ws = c * 9;
        for (int ci = 0; ci < c; ci++) {
            int p = ib + ci * pp;
            int q = (o * c + ci) * 9;
            for (int ky = 0; ky < 3; ky++) {
                int r = p + ky * pw;
                int k = q + 3 * ky;
                FloatVector u0 = FloatVector.fromArray(S, xp, r);
                FloatVector u1 = FloatVector.fromArray(S, xp, r + 1);
                FloatVector u2 = FloatVector.fromArray(S, xp, r + 2);
                FloatVector v0 = FloatVector.fromArray(S, xp, r + LANES);
                FloatVector v1 = FloatVector.fromArray(S, xp, r + LANES + 1);
                FloatVector v2 = FloatVector.fromArray(S, xp, r + LANES + 2);
                float w0 = wk[k];
                float w1 = wk[k + 1];
                float w2 = wk[k + 2];
                a0 = a0.add(u0.mul(w0).add(u1.mul(w1)).add(u2.mul(w2)));
                b0 = b0.add(v0.mul(w0).add(v1.mul(w1)).add(v2.mul(w2)));
                k += ws;
                w0 = wk[k];
                w1 = wk[k + 1];
                w2 = wk[k + 2];
                a1 = a1.add(u0.mul(w0).add(u1.mul(w1)).add(u2.mul(w2)));
                b1 = b1.add(v0.mul(w0).add(v1.mul(w1)).add(v2.mul(w2)));
                k += ws;
                w0 = wk[k];
                w1 = wk[k + 1];
                w2 = wk[k + 2];
                a2 = a2.add(u0.mul(w0).add(u1.mul(w1)).add(u2.mul(w2)));
                b2 = b2.add(v0.mul(w0).add(v1.mul(w1)).add(v2.mul(w2)));
                k += ws;
                w0 = wk[k];
                w1 = wk[k + 1];
                w2 = wk[k + 2];
                a3 = a3.add(u0.mul(w0).add(u1.mul(w1)).add(u2.mul(w2)));
                b3 = b3.add(v0.mul(w0).add(v1.mul(w1)).add(v2.mul(w2)));
            }
        }
        a0.intoArray(acc, at);
        b0.intoArray(acc, at + LANES);
        a1.intoArray(acc, at + w);
        b1.intoArray(acc, at + w + LANES);
        a2.intoArray(acc, at + 2 * w);
        b2.intoArray(acc, at + 2 * w + LANES);
        a3.intoArray(acc, at + 3 * w);
        b3.intoArray(acc, at + 3 * w + LANES);
    }

    /**
     * The 3×3 weight gradient of {@code FastConvKernels.convBackward}: gradW[o][ci][j] = Σ_x buf_j[x] (summed in
     * double in x order) with buf_j[x] = Σ_s Σ_y dz[s][o][y][x]·x[s][ci][y+ky−1][x+kx−1] accumulated in float in
     * (s, y) order, j = 3ky+kx; the nine buf_j of one x-chunk stay in registers over all samples and rows.
     *
     * @param x     the forward input [n][c][h][w]
     * @param dz    dL/d(pre-activation) [n][co][h][w]
     * @param gradW dL/dw to fill [co][c][3][3]
     * @param ob    output channels per task (the scalar kernel's block)
     */
    static void conv3x3WeightGradient(float[] x, int n, int c, int h, int w, float[] dz, int co, float[] gradW,
                                      int ob) {
        int pw = XB + 2; // a column block [xb, xb+XB) with one column each side
        int plane = h * w;
        int vend = w - w % LANES;
        int blocks = (co + ob - 1) / ob;
        ConvThreads.run(c * blocks, t -> {
            int ci = t / blocks;
            int o0 = (t % blocks) * ob;
            int o1 = Math.min(co, o0 + ob);
            float[] buf = new float[(o1 - o0) * 9 * w]; // [o - o0][j][x]
            float[] tp = new float[(TY + 2) * pw]; // rows y0-1 .. y1 of the tile over the block, zero-padded
            float[] a = new float[9];
            // column blocks outermost (the sums of different columns are independent): a block's tile, sums and
            // gradient rows stay in L1 for all o
            for (int xb = 0; xb < w; xb += XB) {
                int from = Math.max(0, xb - 1);
                int to = Math.min(w, xb + XB + 1);
                for (int s = 0; s < n; s++) {
                    for (int y0 = 0; y0 < h; y0 += TY) {
                        int y1 = Math.min(h, y0 + TY);
                        for (int k = 0; k < y1 - y0 + 2; k++) { // position p of row k holds column xb-1+p
                            int yy = y0 - 1 + k;
                            java.util.Arrays.fill(tp, k * pw, (k + 1) * pw, 0f);
                            if (yy >= 0 && yy < h) {
                                System.arraycopy(x, ((s * c + ci) * h + yy) * w + from, tp, k * pw + from - xb + 1,
                                        to - from);
                            }
                        }
                        for (int o = o0; o < o1; o++) {
                            wgradBlock(tp, -xb, pw, dz, (s * co + o) * plane + y0 * w, w, y1 - y0, xb, vend, buf,
                                    (o - o0) * 9 * w, a);
                        }
                    }
                }
            }
            for (int o = o0; o < o1; o++) {
                sumTaps(buf, (o - o0) * 9 * w, w, gradW, (o * c + ci) * 9);
            }
        });
    }

    /**
     * Columns [xb, min(w, xb+XB)) of one output channel's nine per-tap sums (at buf[bo + j·w + x]) over
     * {@code rows} rows of the staged tile tp (row stride pw, column x at tb+x+1): SIMD chunks below vend
     * ({@link #grad1}), the columns from vend on in scalar code with the same operations.
     */
    private static void wgradBlock(float[] tp, int tb, int pw, float[] gs, int gb, int w, int rows, int xb, int vend,
                                   float[] buf, int bo, float[] a) {
        int xe = Math.min(w, xb + XB);
        for (int xs = xb; xs < Math.min(xe, vend); xs += LANES) {
            grad1(tp, tb + xs, pw, gs, gb + xs, w, rows, buf, bo + xs);
        }
        for (int xx = Math.max(xb, vend); xx < xe; xx++) {
            for (int j = 0; j < 9; j++) {
                a[j] = buf[bo + j * w + xx];
            }
            for (int y = 0; y < rows; y++) {
                float g = gs[gb + y * w + xx];
                int r = tb + y * pw + xx;
                for (int j = 0; j < 9; j++) {
                    a[j] += g * tp[r + (j / 3) * pw + j % 3];
                }
            }
            for (int j = 0; j < 9; j++) {
                buf[bo + j * w + xx] = a[j];
            }
        }
    }

    /** dst[at + j] = (float) Σ_x buf[bo + j·w + x], the sum in double in x order, for the nine taps j. */
    private static void sumTaps(float[] buf, int bo, int w, float[] dst, int at) {
        for (int j = 0; j < 9; j++) {
            double sum = 0;
            for (int xx = 0; xx < w; xx++) {
                sum += buf[bo + j * w + xx];
            }
            dst[at + j] = (float) sum;
        }
    }

    /**
     * Adds {@code rows} rows of one x-chunk to its nine per-tap sums {@code buf[at + j·w]}: for row y,
     * {@code sum_{3ky+kx} += g·tp[r + (y+ky)·pw + kx]} with g = gs[gb + y·w]. The sums stay in registers over the
     * rows (one loop level carries the vectors, so C2 keeps them there); the callers go through samples, then row
     * tiles in order, so each sum keeps the scalar kernel's (sample, row) order.
     */
    private static void grad1(float[] tp, int r, int pw, float[] gs, int gb, int w, int rows, float[] buf, int at) {
        FloatVector s0 = FloatVector.fromArray(S, buf, at);
        FloatVector s1 = FloatVector.fromArray(S, buf, at + w);
        FloatVector s2 = FloatVector.fromArray(S, buf, at + 2 * w);
        FloatVector s3 = FloatVector.fromArray(S, buf, at + 3 * w);
        FloatVector s4 = FloatVector.fromArray(S, buf, at + 4 * w);
        FloatVector s5 = FloatVector.fromArray(S, buf, at + 5 * w);
        FloatVector s6 = FloatVector.fromArray(S, buf, at + 6 * w);
        FloatVector s7 = FloatVector.fromArray(S, buf, at + 7 * w);
        FloatVector s8 = FloatVector.fromArray(S, buf, at + 8 * w);
        for (int y = 0; y < rows; y++) {
            FloatVector g = FloatVector.fromArray(S, gs, gb + y * w);
            s0 = s0.add(g.mul(FloatVector.fromArray(S, tp, r)));
            s1 = s1.add(g.mul(FloatVector.fromArray(S, tp, r + 1)));
            s2 = s2.add(g.mul(FloatVector.fromArray(S, tp, r + 2)));
            s3 = s3.add(g.mul(FloatVector.fromArray(S, tp, r + pw)));
            s4 = s4.add(g.mul(FloatVector.fromArray(S, tp, r + pw + 1)));
            s5 = s5.add(g.mul(FloatVector.fromArray(S, tp, r + pw + 2)));
            s6 = s6.add(g.mul(FloatVector.fromArray(S, tp, r + 2 * pw)));
            s7 = s7.add(g.mul(FloatVector.fromArray(S, tp, r + 2 * pw + 1)));
            s8 = s8.add(g.mul(FloatVector.fromArray(S, tp, r + 2 * pw + 2)));
            r += pw;
        }
        s0.intoArray(buf, at);
        s1.intoArray(buf, at + w);
        s2.intoArray(buf, at + 2 * w);
        s3.intoArray(buf, at + 3 * w);
        s4.intoArray(buf, at + 4 * w);
        s5.intoArray(buf, at + 5 * w);
        s6.intoArray(buf, at + 6 * w);
        s7.intoArray(buf, at + 7 * w);
        s8.intoArray(buf, at + 8 * w);
    }
}

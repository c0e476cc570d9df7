package org.hybridqml.nn.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions ({@code jdk.incubator.vector}) of the hottest loops of {@link FastConvKernels}: the 3×3
 * convolution's row pass (forward and input gradient) and its weight gradient, and the stride-2 transposed
 * convolution's forward, input gradient and weight gradient.
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
    /**
     * Output channels per task of the transposed convolution's weight gradient (their input rows are read once for
     * all of them); 2 measured faster than 1 and 4 with ConvKernelBench at the U-Net's two largest transposed
     * convolutions (2-core AMD EPYC, AVX2, 2026-12-08).
     */
    private static final int DOB = 2;
    /** Input rows per tile of the transposed convolution's weight gradient (8 measured faster than 16, as above). */
    private static final int DTY = 8;

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
                sumTaps(buf, (o - o0) * 9 * w, w, w, gradW, (o * c + ci) * 9);
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

    /**
     * dst[at + j] = (float) Σ_{x &lt; w} buf[bo + j·stride + x], the sum in double in x order, for the nine taps j.
     */
    private static void sumTaps(float[] buf, int bo, int stride, int w, float[] dst, int at) {
        for (int j = 0; j < 9; j++) {
            double sum = 0;
            for (int xx = 0; xx < w; xx++) {
                sum += buf[bo + j * stride + xx];
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

    // ---------------------------------------------------------------- transposed convolution 3x3, stride 2

    /** @return w rounded up to a multiple of the vector width */
    private static int padded(int w) {
        return (w + LANES - 1) / LANES * LANES;
    }

    /**
     * {@code FastConvKernels.deconvForward} with the four output phases of two output channels in registers over
     * all input channels: for output channel o and input channel ci (weights k = (ci·co+o)·9, a0 = in[m][l],
     * a1 = in[m][l−1], b0/b1 the same for row m−1, absent for m = 0),
     * ph0 += w0·a0 + w2·a1 + w6·b0 + w8·b1, ph1 += w1·a0 + w7·b0, ph2 += w3·a0 + w5·a1, ph3 += w4·a0, summed over
     * ci in order from zero as in {@code FastConvKernels.deconvPhases}; the bias, the interleaving and the
     * activation then as there. Rows are staged zero-padded to a multiple of the vector width (the padding
     * columns are computed and dropped), so there is no scalar tail.
     *
     * @param x    input [n][c][h][w]
     * @param wt   weights [c][co][3][3]
     * @param bias bias [co] (null: none)
     * @param out  output [n][co][2h][2w], overwritten
     */
    static void deconvForward(float[] x, int n, int c, int h, int w, float[] wt, float[] bias, int co,
                              ConvActivation act, float[] out) {
        int wp = padded(w);
        int rs = wp + 1; // a staged row: position 0 is column −1 (zero), position 1+l column l
        ConvThreads.run(n * h, t -> {
            int s = t / h;
            int m = t % h;
            float[] xp = new float[c * 2 * rs]; // per ci: row m, then row m−1
            for (int ci = 0; ci < c; ci++) {
                int base = (s * c + ci) * h;
                System.arraycopy(x, (base + m) * w, xp, ci * 2 * rs + 1, w);
                if (m > 0) {
                    System.arraycopy(x, (base + m - 1) * w, xp, ci * 2 * rs + rs + 1, w);
                }
            }
            float[][] ph = new float[4 * co][wp];
            for (int xs = 0; xs < wp; xs += LANES) {
                for (int o = 0; o < co; o += 2) { // an odd count's last channel is computed twice, same bits
                    deconvPhases2(xp, xs, rs, c, co, wt, o, Math.min(o + 1, co - 1), m == 0, ph);
                }
            }
            FastConvKernels.storeDeconvRows(ph, bias, co, act, out, s, m, h, w);
        });
    }

    /**
     * One x-chunk of the four phases of output channels o and o2 (see {@link #deconvForward}; o2 = o+1, or o for
     * an odd count's last channel). Written out for two channels on purpose: vectors kept in an array would be
     * boxed.
     */
    private static void deconvPhases2(float[] xp, int xs, int rs, int c, int co, float[] wt, int o, int o2,
                                      boolean first, float[][] ph) {
        FloatVector p0 = FloatVector.zero(S);
        FloatVector p1 = p0;
        FloatVector p2 = p0;
        FloatVector p3 = p0;
        FloatVector q0 = p0;
        FloatVector q1 = p0;
        FloatVector q2 = p0;
        FloatVector q3 = p0;
        for (int ci = 0; ci < c; ci++) {
            int r = ci * 2 * rs + xs;
            int k = (ci * co + o) * 9;
            int k2 = (ci * co + o2) * 9;
            FloatVector a0 = FloatVector.fromArray(S, xp, r + 1);
            FloatVector a1 = FloatVector.fromArray(S, xp, r);
            if (first) {
                p0 = p0.add(a0.mul(wt[k]).add(a1.mul(wt[k + 2])));
                p1 = p1.add(a0.mul(wt[k + 1]));
                q0 = q0.add(a0.mul(wt[k2]).add(a1.mul(wt[k2 + 2])));
                q1 = q1.add(a0.mul(wt[k2 + 1]));
            } else {
                FloatVector b0 = FloatVector.fromArray(S, xp, r + rs + 1);
                FloatVector b1 = FloatVector.fromArray(S, xp, r + rs);
                p0 = p0.add(a0.mul(wt[k]).add(a1.mul(wt[k + 2])).add(b0.mul(wt[k + 6])).add(b1.mul(wt[k + 8])));
                p1 = p1.add(a0.mul(wt[k + 1]).add(b0.mul(wt[k + 7])));
                q0 = q0.add(a0.mul(wt[k2]).add(a1.mul(wt[k2 + 2])).add(b0.mul(wt[k2 + 6]))
                        .add(b1.mul(wt[k2 + 8])));
                q1 = q1.add(a0.mul(wt[k2 + 1]).add(b0.mul(wt[k2 + 7])));
            }
            p2 = p2.add(a0.mul(wt[k + 3]).add(a1.mul(wt[k + 5])));
            p3 = p3.add(a0.mul(wt[k + 4]));
            q2 = q2.add(a0.mul(wt[k2 + 3]).add(a1.mul(wt[k2 + 5])));
            q3 = q3.add(a0.mul(wt[k2 + 4]));
        }
        p0.intoArray(ph[4 * o], xs);
        p1.intoArray(ph[4 * o + 1], xs);
        p2.intoArray(ph[4 * o + 2], xs);
        p3.intoArray(ph[4 * o + 3], xs);
        q0.intoArray(ph[4 * o2], xs);
        q1.intoArray(ph[4 * o2 + 1], xs);
        q2.intoArray(ph[4 * o2 + 2], xs);
        q3.intoArray(ph[4 * o2 + 3], xs);
    }

    /**
     * The input and weight gradients of {@code FastConvKernels.deconvBackward} from dz = dL/d(pre-activation).
     * dz is first split into its even and odd output columns, zero-padded: ev[s][o][r][j] = dz[..][r][2j],
     * od[..][r][j] = dz[..][r][2j+1], rows of rs = padded(w)+1 floats and one zero row 2h, so that row r's
     * (e, d, f) = (dz[r][2j], dz[r][2j+1], dz[r][2j+2]) are plain vector loads at j, j, j+1.
     *
     * <p>Input gradient: gradIn[s][ci][i][j] = Σ_o (in order) Σ_ky (in order) (w_{3ky}·e + w_{3ky+1}·d +
     * w_{3ky+2}·f) of row 2i+ky, weights (ci·co+o)·9, accumulated from zero as in {@code FastConvKernels.conv3};
     * four input channels' sums in registers over all output channels.
     *
     * <p>Weight gradient: gradW[ci][o][3ky+kx] = (float) Σ_j (in double, j order) of the float sums
     * Σ_s Σ_i x[s][ci][i][j]·(e, d, f)_kx of row 2i+ky, accumulated in (s, i) order as in
     * {@code FastConvKernels.grad3x3}; the nine sums of one x-chunk stay in registers over a tile of DTY input
     * rows. One task per DOB output channels (all input channels), so that their tiles of dz rows stay in cache for
     * all ci and each input row is read once for them.
     *
     * @param x      the forward input [n][c][h][w]
     * @param wt     weights [c][co][3][3]
     * @param dz     dL/d(pre-activation) [n][co][2h][2w]
     * @param gradIn dL/dx to fill (null: not needed)
     * @param gradW  dL/dw to fill [c][co][3][3]
     */
    static void deconvBackward(float[] x, int n, int c, int h, int w, float[] wt, int co, float[] dz,
                               float[] gradIn, float[] gradW) {
        int wp = padded(w);
        int rs = wp + 1;
        int rows = 2 * h + 1;
        int pl = rows * rs; // one padded plane of ev / od
        float[] ev = new float[n * co * pl];
        float[] od = new float[n * co * pl];
        ConvThreads.run(n * co * 2 * h, t -> {
            int q = t / (2 * h);
            int r = t % (2 * h);
            int src = t * 2 * w;
            int dst = q * pl + r * rs;
            for (int j = 0; j < w; j++) {
                ev[dst + j] = dz[src + 2 * j];
                od[dst + j] = dz[src + 2 * j + 1];
            }
        });
        if (gradIn != null) {
            ConvThreads.run(n * h, t -> {
                int s = t / h;
                int i = t % h;
                float[] acc = new float[c * wp];
                int rb = s * co * pl + 2 * i * rs; // row 2i of plane (s, 0)
                for (int xs = 0; xs < wp; xs += LANES) {
                    for (int ci = 0; ci < c; ci += 4) { // a count not divisible by 4 repeats the last channel
                        deconvGradIn4(ev, od, rb + xs, pl, rs, co, wt, ci, c - 1, acc, xs, wp);
                    }
                }
                for (int ci = 0; ci < c; ci++) {
                    System.arraycopy(acc, ci * wp, gradIn, ((s * c + ci) * h + i) * w, w);
                }
            });
        }
        float[] xq; // the input with rows padded to wp columns (zeros), so every chunk is a full vector
        if (wp == w) {
            xq = x;
        } else {
            xq = new float[n * c * h * wp];
            ConvThreads.run(n * c, q -> {
                for (int i = 0; i < h; i++) {
                    System.arraycopy(x, (q * h + i) * w, xq, (q * h + i) * wp, w);
                }
            });
        }
        int ob = DOB;
        int ty = DTY;
        int blocks = (co + ob - 1) / ob;
        ConvThreads.run(blocks, b -> {
            int o0 = b * ob;
            int o1 = Math.min(co, o0 + ob);
            float[] buf = new float[(o1 - o0) * c * 9 * wp]; // [o - o0][ci][j][x]
            for (int s = 0; s < n; s++) {
                for (int i0 = 0; i0 < h; i0 += ty) {
                    int len = Math.min(ty, h - i0);
                    for (int ci = 0; ci < c; ci++) {
                        int xb = ((s * c + ci) * h + i0) * wp;
                        for (int o = o0; o < o1; o++) {
                            int gb = (s * co + o) * pl + 2 * i0 * rs;
                            int bb = ((o - o0) * c + ci) * 9 * wp;
                            for (int xs = 0; xs < wp; xs += LANES) {
                                deconvGrad1(xq, xb + xs, wp, ev, od, gb + xs, rs, len, buf, bb + xs, wp);
                            }
                        }
                    }
                }
            }
            for (int o = o0; o < o1; o++) {
                for (int ci = 0; ci < c; ci++) {
                    sumTaps(buf, ((o - o0) * c + ci) * 9 * wp, wp, w, gradW, (ci * co + o) * 9);
                }
            }
        });
    }

    /**
     * One x-chunk (at xs) of the input gradient of input channels ci, ci+1, ci+2, ci+3, each capped at cLast
     * (see {@link #deconvBackward}; a capped channel is computed again, to the same bits); r is the chunk's
     * position in row 2i of output channel 0's padded planes, acc[cj·wp + xs] receives channel cj. Written out for
     * four channels on purpose: vectors kept in an array would be boxed.
     */
    private static void deconvGradIn4(float[] ev, float[] od, int r, int pl, int rs, int co, float[] wt, int ci,
                                      int cLast, float[] acc, int xs, int wp) {
        int c1 = Math.min(ci + 1, cLast);
        int c2 = Math.min(ci + 2, cLast);
        int c3 = Math.min(ci + 3, cLast);
        int d1 = (c1 - ci) * co * 9; // weight offsets of channels c1..c3 from channel ci
        int d2 = (c2 - ci) * co * 9;
        int d3 = (c3 - ci) * co * 9;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int o = 0; o < co; o++) {
            int k0 = (ci * co + o) * 9;
            for (int ky = 0; ky < 3; ky++) {
                int p = r + o * pl + ky * rs;
                FloatVector e = FloatVector.fromArray(S, ev, p);
                FloatVector d = FloatVector.fromArray(S, od, p);
                FloatVector f = FloatVector.fromArray(S, ev, p + 1);
                int k = k0 + 3 * ky;
                a0 = a0.add(e.mul(wt[k]).add(d.mul(wt[k + 1])).add(f.mul(wt[k + 2])));
                int k1 = k + d1;
                a1 = a1.add(e.mul(wt[k1]).add(d.mul(wt[k1 + 1])).add(f.mul(wt[k1 + 2])));
                int k2 = k + d2;
                a2 = a2.add(e.mul(wt[k2]).add(d.mul(wt[k2 + 1])).add(f.mul(wt[k2 + 2])));
                int k3 = k + d3;
                a3 = a3.add(e.mul(wt[k3]).add(d.mul(wt[k3 + 1])).add(f.mul(wt[k3 + 2])));
            }
        }
        a0.intoArray(acc, ci * wp + xs);
        a1.intoArray(acc, c1 * wp + xs);
        a2.intoArray(acc, c2 * wp + xs);
        a3.intoArray(acc, c3 * wp + xs);
    }

    /**
     * Adds {@code rows} input rows of one x-chunk to its nine per-tap weight-gradient sums {@code buf[at + j·wp]}:
     * for input row i (x at xq[xr + i·xs]) and ky = 0..2, sum_{3ky} += g·e, sum_{3ky+1} += g·d, sum_{3ky+2} += g·f
     * of dz row 2i+ky (at r + (2i+ky)·rs in ev / od). The sums stay in registers over the rows, and row 2i+2's
     * (e, f) are kept for the next row's ky = 0 (its d is not needed again: d of row 2i+2 is loaded there).
     */
    private static void deconvGrad1(float[] xq, int xr, int xs, float[] ev, float[] od, int r, int rs, int rows,
                                    float[] buf, int at, int wp) {
        FloatVector s0 = FloatVector.fromArray(S, buf, at);
        FloatVector s1 = FloatVector.fromArray(S, buf, at + wp);
        FloatVector s2 = FloatVector.fromArray(S, buf, at + 2 * wp);
        FloatVector s3 = FloatVector.fromArray(S, buf, at + 3 * wp);
        FloatVector s4 = FloatVector.fromArray(S, buf, at + 4 * wp);
        FloatVector s5 = FloatVector.fromArray(S, buf, at + 5 * wp);
        FloatVector s6 = FloatVector.fromArray(S, buf, at + 6 * wp);
        FloatVector s7 = FloatVector.fromArray(S, buf, at + 7 * wp);
        FloatVector s8 = FloatVector.fromArray(S, buf, at + 8 * wp);
        FloatVector e = FloatVector.fromArray(S, ev, r);
        FloatVector f = FloatVector.fromArray(S, ev, r + 1);
        for (int i = 0; i < rows; i++) {
            FloatVector g = FloatVector.fromArray(S, xq, xr + i * xs);
            int p = r + 2 * i * rs;
            s0 = s0.add(g.mul(e));
            s1 = s1.add(g.mul(FloatVector.fromArray(S, od, p)));
            s2 = s2.add(g.mul(f));
            p += rs;
            s3 = s3.add(g.mul(FloatVector.fromArray(S, ev, p)));
            s4 = s4.add(g.mul(FloatVector.fromArray(S, od, p)));
            s5 = s5.add(g.mul(FloatVector.fromArray(S, ev, p + 1)));
            p += rs;
            e = FloatVector.fromArray(S, ev, p);
            f = FloatVector.fromArray(S, ev, p + 1);
            s6 = s6.add(g.mul(e));
            s7 = s7.add(g.mul(FloatVector.fromArray(S, od, p)));
            s8 = s8.add(g.mul(f));
        }
        s0.intoArray(buf, at);
        s1.intoArray(buf, at + wp);
        s2.intoArray(buf, at + 2 * wp);
        s3.intoArray(buf, at + 3 * wp);
        s4.intoArray(buf, at + 4 * wp);
        s5.intoArray(buf, at + 5 * wp);
        s6.intoArray(buf, at + 6 * wp);
        s7.intoArray(buf, at + 7 * wp);
        s8.intoArray(buf, at + 8 * wp);
    }
}

package org.hybridqml.nn.conv;

/**
 * Float32 kernels of the fast convolution engine, NCHW row-major {@code float[]}, multithreaded through
 * {@link ConvThreads} with results independent of the thread count.
 *
 * <p>Every hot loop runs along one image row and updates one output row with several taps at once
 * ({@code out[x] += Σ_t w_t · src[off_t + x]}), or accumulates per-tap partial products into row buffers for the
 * weight gradients ({@code buf_t[x] += g[x] · src[off_t + x]}, reduced once at the end), so that HotSpot's
 * auto-vectoriser turns them into SIMD code. Inputs are copied into zero-padded planes once per call, so the loops
 * have no boundary tests.
 *
 * <p>When the JVM has {@code jdk.incubator.vector} (started with {@code --add-modules jdk.incubator.vector}), the
 * 3×3 convolution's forward, input-gradient and weight-gradient loops run in {@link FastConvVectorKernels} instead
 * for the row widths where they measured faster ({@code vectorRowsMaxWidth}, {@code vectorWeightsMaxWidth}), and
 * so do the stride-2 transposed convolution's forward, input gradient and weight gradient at every width. Those
 * kernels keep the accumulators in SIMD registers and compute every element with the same float operations in the
 * same order as the loops here, so the results are bitwise the same (tolerance 0, tested);
 * {@code -Dhybridqml.scalarConvKernels=true} keeps the scalar loops. The 1×1 convolution and max-pooling are
 * scalar only.
 *
 * <p>Conventions (the DL4J layers they replace):
 * <ul>
 *   <li>convolution: weights [out][in][k][k], k ∈ {1, 3}, stride 1, "Same" padding (k−1)/2 each side;</li>
 *   <li>transposed convolution: weights [in][out][3][3], stride 2, output 2H×2W with
 *       {@code out[2i+ky][2j+kx] += in[i][j]·w[ky][kx]} cropped at the bottom/right (DL4J Deconvolution2D Same,
 *       Keras Conv2DTranspose(padding="same"));</li>
 *   <li>max-pool 2×2 stride 2, output ⌊H/2⌋ (Truncate) or ⌈H/2⌉ (Same, partial windows); the gradient goes to
 *       the first maximum of each window in row-major order.</li>
 * </ul>
 */
public final class FastConvKernels {

    /** Whether this JVM resolved {@code jdk.incubator.vector} (started with --add-modules for it). */
    private static final boolean VECTOR_AVAILABLE =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    /** Floats per SIMD vector, 0 without the Vector API (FastConvVectorKernels is only loaded when it is there). */
    private static final int VECTOR_LANES = VECTOR_AVAILABLE ? FastConvVectorKernels.LANES : 0;
    /**
     * Whether the 3×3 and the transposed convolution hand their loops to {@link FastConvVectorKernels} (bitwise the
     * same results); off with {@code -Dhybridqml.scalarConvKernels=true}.
     */
    private static volatile boolean useVector = VECTOR_LANES >= 2
            && !Boolean.getBoolean("hybridqml.scalarConvKernels");

    /**
     * Widest rows for which the 3×3 forward and input-gradient passes use the SIMD kernels. Measured with
     * {@code ConvKernelBench} on a 2-core AMD EPYC (AVX2), 2026-12-07: 1.1–1.5× the scalar speed at 64 columns,
     * 0.8–1.2× at 128 and 0.55–1.0× at 256, where the scalar row loops run long and stay in L1.
     */
    static volatile int vectorRowsMaxWidth = 64;
    /**
     * Widest rows for which the 3×3 weight gradient uses the SIMD kernels; measured as above: 1.6–2.8× the scalar
     * speed at 64 and 128 columns, 0.55–0.9× at 256 (the cause is not known yet).
     */
    static volatile int vectorWeightsMaxWidth = 128;

    private FastConvKernels() {
    }

    /** @return whether the SIMD kernels can be used in this JVM */
    static boolean vectorAvailable() {
        return VECTOR_LANES >= 2;
    }

    /**
     * Switches the SIMD kernels on or off (tests and benchmarks compare the two).
     *
     * @return the previous setting
     * @throws IllegalStateException if switched on without the Vector API
     */
    static boolean useVector(boolean on) {
        if (on && !vectorAvailable()) {
            throw new IllegalStateException("the Vector API is not available: start the JVM with "
                    + "--add-modules jdk.incubator.vector");
        }
        boolean before = useVector;
        useVector = on;
        return before;
    }

    /** @return which kernels run, for benchmark logs */
    public static String describe() {
        if (useVector) {
            return "SIMD (" + VECTOR_LANES + " floats per vector, jdk.incubator.vector)";
        }
        return "scalar" + (vectorAvailable() ? " (SIMD switched off)"
                : " (start the JVM with --add-modules jdk.incubator.vector for SIMD kernels)");
    }

    // ---------------------------------------------------------------- primitives (the vectorised loops)
    // HotSpot C2 (JDK 17) vectorises these only with every array indexed at [x] (no offsets) and a small loop
    // body; rows are therefore staged into zero-based scratch arrays first.

    /**
     * One input channel's three kernel rows into one or two output rows: for ky = 0..2,
     * {@code a[x] += Σ_kx wk[p+3ky+kx]·st[3ky+kx][x]} and the same for b with the weights at q (b may be null).
     *
     * <p>The loops are written out in one method on purpose: it is larger than HotSpot's hot-inlining limit
     * ({@code FreqInlineSize}, 325 bytes of bytecode), and compiled on its own C2 reliably vectorises each loop,
     * which it does not always do once the loop is inlined into the callers' loop nests (measured: 5 vs 28 GFLOP/s
     * for one loop on one core; a U-Net step 0.7 s with these kernels out of line, up to 1.5 s when
     * {@link #grad3x3} and {@link #deconvPhases} were small enough to be inlined). Keep all three above the limit.
     */
    static void conv3(float[] a, float[] b, float[][] st, float[] wk, int p, int q, int len) {
        float[] s0 = st[0];
        float[] s1 = st[1];
        float[] s2 = st[2];
        float[] s3 = st[3];
        float[] s4 = st[4];
        float[] s5 = st[5];
        float[] s6 = st[6];
        float[] s7 = st[7];
        float[] s8 = st[8];
        if (b == null) {
            float w0 = wk[p];
            float w1 = wk[p + 1];
            float w2 = wk[p + 2];
            for (int x = 0; x < len; x++) {
                a[x] += w0 * s0[x] + w1 * s1[x] + w2 * s2[x];
            }
            w0 = wk[p + 3];
            w1 = wk[p + 4];
            w2 = wk[p + 5];
            for (int x = 0; x < len; x++) {
                a[x] += w0 * s3[x] + w1 * s4[x] + w2 * s5[x];
            }
            w0 = wk[p + 6];
            w1 = wk[p + 7];
            w2 = wk[p + 8];
            for (int x = 0; x < len; x++) {
                a[x] += w0 * s6[x] + w1 * s7[x] + w2 * s8[x];
            }
            return;
        }
        float w0 = wk[p];
        float w1 = wk[p + 1];
        float w2 = wk[p + 2];
        float u0 = wk[q];
        float u1 = wk[q + 1];
        float u2 = wk[q + 2];
        for (int x = 0; x < len; x++) {
            float v0 = s0[x];
            float v1 = s1[x];
            float v2 = s2[x];
            a[x] += w0 * v0 + w1 * v1 + w2 * v2;
            b[x] += u0 * v0 + u1 * v1 + u2 * v2;
        }
        w0 = wk[p + 3];
        w1 = wk[p + 4];
        w2 = wk[p + 5];
        u0 = wk[q + 3];
        u1 = wk[q + 4];
        u2 = wk[q + 5];
        for (int x = 0; x < len; x++) {
            float v0 = s3[x];
            float v1 = s4[x];
            float v2 = s5[x];
            a[x] += w0 * v0 + w1 * v1 + w2 * v2;
            b[x] += u0 * v0 + u1 * v1 + u2 * v2;
        }
        w0 = wk[p + 6];
        w1 = wk[p + 7];
        w2 = wk[p + 8];
        u0 = wk[q + 6];
        u1 = wk[q + 7];
        u2 = wk[q + 8];
        for (int x = 0; x < len; x++) {
            float v0 = s6[x];
            float v1 = s7[x];
            float v2 = s8[x];
            a[x] += w0 * v0 + w1 * v1 + w2 * v2;
            b[x] += u0 * v0 + u1 * v1 + u2 * v2;
        }
    }

    /**
     * Weight-gradient partial sums of one output row for the 9 taps: {@code bufs[bb+t][x] += g[x]·st[t][x]};
     * with {@code g2} non-null also {@code bufs[bb2+t][x] += g2[x]·st[t][x]}. Written out (not inlined) for the
     * reason given at {@link #conv3}.
     */
    static void grad3x3(float[][] bufs, int bb, float[] g, int bb2, float[] g2, float[][] st, int len) {
        float[] b0;
        float[] b1;
        float[] b2;
        float[] s0;
        float[] s1;
        float[] s2;
        b0 = bufs[bb + 0];
        b1 = bufs[bb + 1];
        b2 = bufs[bb + 2];
        s0 = st[0];
        s1 = st[1];
        s2 = st[2];
        for (int x = 0; x < len; x++) {
            float v = g[x];
            b0[x] += v * s0[x];
            b1[x] += v * s1[x];
            b2[x] += v * s2[x];
        }
        b0 = bufs[bb + 3];
        b1 = bufs[bb + 4];
        b2 = bufs[bb + 5];
        s0 = st[3];
        s1 = st[4];
        s2 = st[5];
        for (int x = 0; x < len; x++) {
            float v = g[x];
            b0[x] += v * s0[x];
            b1[x] += v * s1[x];
            b2[x] += v * s2[x];
        }
        b0 = bufs[bb + 6];
        b1 = bufs[bb + 7];
        b2 = bufs[bb + 8];
        s0 = st[6];
        s1 = st[7];
        s2 = st[8];
        for (int x = 0; x < len; x++) {
            float v = g[x];
            b0[x] += v * s0[x];
            b1[x] += v * s1[x];
            b2[x] += v * s2[x];
        }
        if (g2 == null) {
            return;
        }
        b0 = bufs[bb2 + 0];
        b1 = bufs[bb2 + 1];
        b2 = bufs[bb2 + 2];
        s0 = st[0];
        s1 = st[1];
        s2 = st[2];
        for (int x = 0; x < len; x++) {
            float v = g2[x];
            b0[x] += v * s0[x];
            b1[x] += v * s1[x];
            b2[x] += v * s2[x];
        }
        b0 = bufs[bb2 + 3];
        b1 = bufs[bb2 + 4];
        b2 = bufs[bb2 + 5];
        s0 = st[3];
        s1 = st[4];
        s2 = st[5];
        for (int x = 0; x < len; x++) {
            float v = g2[x];
            b0[x] += v * s0[x];
            b1[x] += v * s1[x];
            b2[x] += v * s2[x];
        }
        b0 = bufs[bb2 + 6];
        b1 = bufs[bb2 + 7];
        b2 = bufs[bb2 + 8];
        s0 = st[6];
        s1 = st[7];
        s2 = st[8];
        for (int x = 0; x < len; x++) {
            float v = g2[x];
            b0[x] += v * s0[x];
            b1[x] += v * s1[x];
            b2[x] += v * s2[x];
        }
    }

    /**
     * One input channel's contribution to the four output phases of a transposed convolution (see
     * {@link #deconvForward}); a0/a1 are input row m unshifted / shifted right by one, b0/b1 the same for row m−1
     * (ignored when {@code first}). Written out (not inlined) for the reason given at {@link #conv3}.
     */
    static void deconvPhases(float[] ph0, float[] ph1, float[] ph2, float[] ph3, float[] a0, float[] a1,
                             float[] b0, float[] b1, boolean first, float[] wt, int wb, int len) {
        if (ph0.length < len || ph1.length < len || ph2.length < len || ph3.length < len || a0.length < len
                || a1.length < len || (!first && (b0.length < len || b1.length < len))) {
            throw new IllegalArgumentException("phase or input rows shorter than " + len);
        }
        float w0 = wt[wb];
        float w1 = wt[wb + 1];
        float w2 = wt[wb + 2];
        float w3 = wt[wb + 3];
        float w4 = wt[wb + 4];
        float w5 = wt[wb + 5];
        float w6 = wt[wb + 6];
        float w7 = wt[wb + 7];
        float w8 = wt[wb + 8];
        if (first) {
            for (int x = 0; x < len; x++) {
                ph0[x] += w0 * a0[x] + w2 * a1[x];
            }
            for (int x = 0; x < len; x++) {
                ph1[x] += w1 * a0[x];
            }
        } else {
            for (int x = 0; x < len; x++) {
                ph0[x] += w0 * a0[x] + w2 * a1[x] + w6 * b0[x] + w8 * b1[x];
            }
            for (int x = 0; x < len; x++) {
                ph1[x] += w1 * a0[x] + w7 * b0[x];
            }
        }
        for (int x = 0; x < len; x++) {
            float v0 = a0[x];
            ph2[x] += w3 * v0 + w5 * a1[x];
            ph3[x] += w4 * v0;
        }
    }

    /** a[x] += w0·s0[x]. */
    static void r1(float[] a, float[] s0, float w0, int len) {
        for (int x = 0; x < len; x++) {
            a[x] += w0 * s0[x];
        }
    }

    /** b[x] += g[x]·s[x]. */
    static void g1(float[] b, float[] g, float[] s, int len) {
        for (int x = 0; x < len; x++) {
            b[x] += g[x] * s[x];
        }
    }

    /** b[x] += g[x]. */
    static void add(float[] b, float[] g, int len) {
        for (int x = 0; x < len; x++) {
            b[x] += g[x];
        }
    }

    private static double sum(float[] b) {
        double s = 0;
        for (float v : b) {
            s += v;
        }
        return s;
    }

    /**
     * Stages row y of plane base (rows of width w) as three shifted copies: s[0][x] = row[x−1], s[1][x] = row[x],
     * s[2][x] = row[x+1], zero outside the row and for y outside [0, h).
     */
    private static void stage3(float[] src, int base, int y, int h, int w, float[] s0, float[] s1, float[] s2) {
        if (y < 0 || y >= h) {
            java.util.Arrays.fill(s0, 0, w, 0f);
            java.util.Arrays.fill(s1, 0, w, 0f);
            java.util.Arrays.fill(s2, 0, w, 0f);
            return;
        }
        int r = base + y * w;
        s0[0] = 0f;
        System.arraycopy(src, r, s0, 1, w - 1);
        System.arraycopy(src, r, s1, 0, w);
        System.arraycopy(src, r + 1, s2, 0, w - 1);
        s2[w - 1] = 0f;
    }

    private static float[] activationGradient(ConvActivation act, float[] out, float[] gradOut, int planes,
                                              int plane) {
        float[] dz = new float[gradOut.length];
        ConvThreads.run(planes, q -> act.gradient(out, gradOut, dz, q * plane, plane));
        return dz;
    }

    private static void biasGradient(float[] dz, int n, int co, int plane, float[] gradB) {
        ConvThreads.run(co, o -> {
            float[] buf = new float[Math.min(plane, 4096)];
            float[] row = new float[buf.length];
            for (int s = 0; s < n; s++) {
                int base = (s * co + o) * plane;
                for (int i = 0; i < plane; i += buf.length) {
                    int len = Math.min(buf.length, plane - i);
                    System.arraycopy(dz, base + i, row, 0, len);
                    add(buf, row, len);
                }
            }
            gradB[o] = (float) sum(buf);
        });
    }

    /** Number of output channels a weight-gradient task handles (fixed by the shape, not the thread count). */
    private static int block(int channels) {
        return Math.min(channels, 4);
    }

    // ---------------------------------------------------------------- convolution k x k, stride 1, Same

    /**
     * Convolution forward: out = act(conv(x, w) + b).
     *
     * @param x    input [n][c][h][w]
     * @param wt   weights [co][c][k][k]
     * @param bias bias [co] (null: none)
     * @param out  output [n][co][h][w], overwritten
     */
    public static void convForward(float[] x, int n, int c, int h, int w, float[] wt, float[] bias, int co, int k,
                                   ConvActivation act, float[] out) {
        checkKernel(k);
        if (k == 1) {
            conv1x1Rows(x, n, c, h * w, wt, false, bias, co, act, out);
        } else {
            conv3x3Rows(x, n, c, h, w, wt, false, bias, co, act, out);
        }
    }

    /**
     * out[s][o] = act(bias[o] + Σ_ci corr3x3(x[s][ci], w[o][ci])), one task per (sample, row); with
     * {@code transposedFlipped} the weights are read as w[ci][o] rotated by 180° (the input gradient).
     */
    private static void conv3x3Rows(float[] x, int n, int c, int h, int w, float[] wt, boolean transposedFlipped,
                                    float[] bias, int co, ConvActivation act, float[] out) {
        float[] wk = new float[co * c * 9]; // [o][ci][9] in the orientation used here
        for (int o = 0; o < co; o++) {
            for (int ci = 0; ci < c; ci++) {
                for (int j = 0; j < 9; j++) {
                    wk[(o * c + ci) * 9 + j] = transposedFlipped ? wt[(ci * co + o) * 9 + 8 - j]
                            : wt[(o * c + ci) * 9 + j];
                }
            }
        }
        if (useVector && w <= vectorRowsMaxWidth) {
            FastConvVectorKernels.conv3x3Rows(x, n, c, h, w, wk, bias, co, act, out);
            return;
        }
        int plane = h * w;
        ConvThreads.run(n * h, t -> {
            int s = t / h;
            int y = t % h;
            float[][] st = new float[9][w];
            float[][] acc = new float[co][w];
            for (int o = 0; o < co; o++) {
                java.util.Arrays.fill(acc[o], bias == null ? 0f : bias[o]);
            }
            for (int ci = 0; ci < c; ci++) {
                int base = (s * c + ci) * plane;
                for (int ky = 0; ky < 3; ky++) {
                    stage3(x, base, y + ky - 1, h, w, st[3 * ky], st[3 * ky + 1], st[3 * ky + 2]);
                }
                for (int o = 0; o < co; o += 2) {
                    conv3(acc[o], o + 1 < co ? acc[o + 1] : null, st, wk, (o * c + ci) * 9,
                            ((o + 1) * c + ci) * 9, w);
                }
            }
            for (int o = 0; o < co; o++) {
                act.apply(acc[o], 0, w);
                System.arraycopy(acc[o], 0, out, (s * co + o) * plane + y * w, w);
            }
        });
    }

    /** The 1×1 case of {@link #conv3x3Rows}, on chunks of a flattened plane. */
    private static void conv1x1Rows(float[] x, int n, int c, int plane, float[] wt, boolean transposed,
                                    float[] bias, int co, ConvActivation act, float[] out) {
        int chunk = Math.min(plane, 1024);
        int chunks = (plane + chunk - 1) / chunk;
        ConvThreads.run(n * chunks, t -> {
            int s = t / chunks;
            int from = (t % chunks) * chunk;
            int len = Math.min(chunk, plane - from);
            float[] in = new float[chunk];
            float[][] acc = new float[co][chunk];
            for (int o = 0; o < co; o++) {
                java.util.Arrays.fill(acc[o], bias == null ? 0f : bias[o]);
            }
            for (int ci = 0; ci < c; ci++) {
                System.arraycopy(x, (s * c + ci) * plane + from, in, 0, len);
                for (int o = 0; o < co; o++) {
                    r1(acc[o], in, transposed ? wt[ci * co + o] : wt[o * c + ci], len);
                }
            }
            for (int o = 0; o < co; o++) {
                act.apply(acc[o], 0, len);
                System.arraycopy(acc[o], 0, out, (s * co + o) * plane + from, len);
            }
        });
    }

    /**
     * Convolution backward.
     *
     * @param x        the forward input [n][c][h][w]
     * @param wt       weights [co][c][k][k]
     * @param out      the forward output (after the activation) [n][co][h][w]
     * @param gradOut  dL/dout
     * @param gradIn   dL/dx to fill (null: not needed)
     * @param gradW    dL/dw to fill [co][c][k][k]
     * @param gradB    dL/db to fill [co] (null: no bias)
     */
    public static void convBackward(float[] x, int n, int c, int h, int w, float[] wt, int co, int k,
                                    ConvActivation act, float[] out, float[] gradOut, float[] gradIn, float[] gradW,
                                    float[] gradB) {
        checkKernel(k);
        int plane = h * w;
        float[] dz = act == ConvActivation.IDENTITY ? gradOut : activationGradient(act, out, gradOut, n * co, plane);
        if (gradB != null) {
            biasGradient(dz, n, co, plane, gradB);
        }
        if (k == 1) {
            if (gradIn != null) {
                conv1x1Rows(dz, n, co, plane, wt, true, null, c, ConvActivation.IDENTITY, gradIn);
            }
            int chunk = Math.min(plane, 1024);
            ConvThreads.run(co * c, t -> {
                int o = t / c;
                int ci = t % c;
                float[] buf = new float[chunk];
                float[] g = new float[chunk];
                float[] in = new float[chunk];
                for (int s = 0; s < n; s++) {
                    for (int i = 0; i < plane; i += chunk) {
                        int len = Math.min(chunk, plane - i);
                        System.arraycopy(dz, (s * co + o) * plane + i, g, 0, len);
                        System.arraycopy(x, (s * c + ci) * plane + i, in, 0, len);
                        g1(buf, g, in, len);
                    }
                }
                gradW[t] = (float) sum(buf);
            });
            return;
        }
        if (gradIn != null) {
            conv3x3Rows(dz, n, co, h, w, wt, true, null, c, ConvActivation.IDENTITY, gradIn);
        }
        int ob = block(co);
        if (useVector && w <= vectorWeightsMaxWidth) {
            FastConvVectorKernels.conv3x3WeightGradient(x, n, c, h, w, dz, co, gradW, ob);
            return;
        }
        int blocks = (co + ob - 1) / ob;
        ConvThreads.run(c * blocks, t -> {
            int ci = t / blocks;
            int o0 = (t % blocks) * ob;
            int o1 = Math.min(co, o0 + ob);
            float[][] st = new float[9][w];
            float[] g = new float[w];
            float[] g2 = new float[w];
            float[][] b = new float[(o1 - o0) * 9][w];
            for (int s = 0; s < n; s++) {
                int base = (s * c + ci) * plane;
                for (int y = 0; y < h; y++) {
                    for (int ky = 0; ky < 3; ky++) {
                        stage3(x, base, y + ky - 1, h, w, st[3 * ky], st[3 * ky + 1], st[3 * ky + 2]);
                    }
                    for (int o = o0; o < o1; o += 2) {
                        System.arraycopy(dz, ((s * co + o) * h + y) * w, g, 0, w);
                        boolean two = o + 1 < o1;
                        if (two) {
                            System.arraycopy(dz, ((s * co + o + 1) * h + y) * w, g2, 0, w);
                        }
                        grad3x3(b, (o - o0) * 9, g, (o + 1 - o0) * 9, two ? g2 : null, st, w);
                    }
                }
            }
            for (int o = o0; o < o1; o++) {
                for (int j = 0; j < 9; j++) {
                    gradW[(o * c + ci) * 9 + j] = (float) sum(b[(o - o0) * 9 + j]);
                }
            }
        });
    }

    private static void checkKernel(int k) {
        if (k != 1 && k != 3) {
            throw new IllegalArgumentException("fast convolution supports kernel sizes 1 and 3, got " + k);
        }
    }

    // ---------------------------------------------------------------- transposed convolution 3x3, stride 2

    /**
     * Transposed convolution 3×3, stride 2, output 2H×2W (see class comment). Output row 2m collects kernel rows
     * 0 (input row m) and 2 (input row m−1), row 2m+1 kernel row 1 (input row m); columns likewise.
     *
     * @param x    input [n][c][h][w]
     * @param wt   weights [c][co][3][3]
     * @param bias bias [co] (null: none)
     * @param out  output [n][co][2h][2w], overwritten
     */
    public static void deconvForward(float[] x, int n, int c, int h, int w, float[] wt, float[] bias, int co,
                                     ConvActivation act, float[] out) {
        if (useVector) {
            FastConvVectorKernels.deconvForward(x, n, c, h, w, wt, bias, co, act, out);
            return;
        }
        int plane = h * w;
        ConvThreads.run(n * h, t -> {
            int s = t / h;
            int m = t % h;
            float[] a0 = new float[w]; // in[m][l]
            float[] a1 = new float[w]; // in[m][l-1]
            float[] b0 = new float[w]; // in[m-1][l]
            float[] b1 = new float[w]; // in[m-1][l-1]
            float[][] ph = new float[4 * co][w]; // per o: phases (0,0), (0,1), (1,0), (1,1)
            for (int ci = 0; ci < c; ci++) {
                int base = (s * c + ci) * plane;
                System.arraycopy(x, base + m * w, a0, 0, w);
                a1[0] = 0f;
                System.arraycopy(x, base + m * w, a1, 1, w - 1);
                if (m > 0) {
                    System.arraycopy(x, base + (m - 1) * w, b0, 0, w);
                    b1[0] = 0f;
                    System.arraycopy(x, base + (m - 1) * w, b1, 1, w - 1);
                }
                for (int o = 0; o < co; o++) {
                    deconvPhases(ph[4 * o], ph[4 * o + 1], ph[4 * o + 2], ph[4 * o + 3], a0, a1, b0, b1, m == 0, wt,
                            (ci * co + o) * 9, w);
                }
            }
            storeDeconvRows(ph, bias, co, act, out, s, m, h, w);
        });
    }

    /**
     * Writes output rows 2m and 2m+1 of sample s of a transposed convolution from its phase sums:
     * out[o][2m+py][2l+px] = act(ph[4o+2py+px][l] + bias[o]).
     *
     * @param ph  per output channel o the phases (0,0), (0,1), (1,0), (1,1), rows of at least w floats
     * @param out output [n][co][2h][2w]
     */
    static void storeDeconvRows(float[][] ph, float[] bias, int co, ConvActivation act, float[] out, int s, int m,
                                int h, int w) {
        int ow = 2 * w;
        float[] row = new float[ow];
        for (int o = 0; o < co; o++) {
            float bo = bias == null ? 0f : bias[o];
            for (int py = 0; py < 2; py++) {
                float[] e = ph[4 * o + 2 * py];
                float[] d = ph[4 * o + 2 * py + 1];
                for (int l = 0; l < w; l++) {
                    row[2 * l] = e[l] + bo;
                    row[2 * l + 1] = d[l] + bo;
                }
                act.apply(row, 0, ow);
                System.arraycopy(row, 0, out, ((s * co + o) * 2 * h + 2 * m + py) * ow, ow);
            }
        }
    }

    /**
     * Stages row r of the de-interleaved output gradient (even columns ev, odd columns od, rows of width w, plane
     * base): e[j] = row[2j], d[j] = row[2j+1], f[j] = row[2j+2] (0 past the end); all zero when r ≥ rows.
     */
    private static void stageDeinterleaved(float[] ev, float[] od, int base, int r, int rows, int w, float[] e,
                                           float[] d, float[] f) {
        if (r >= rows) {
            java.util.Arrays.fill(e, 0, w, 0f);
            java.util.Arrays.fill(d, 0, w, 0f);
            java.util.Arrays.fill(f, 0, w, 0f);
            return;
        }
        int p = base + r * w;
        System.arraycopy(ev, p, e, 0, w);
        System.arraycopy(od, p, d, 0, w);
        System.arraycopy(ev, p + 1, f, 0, w - 1);
        f[w - 1] = 0f;
    }

    /**
     * Transposed convolution backward: dL/dx[i][j] = Σ w[ky][kx]·dL/dout[2i+ky][2j+kx] (a stride-2 correlation)
     * and dL/dw[ky][kx] = Σ x[i][j]·dL/dout[2i+ky][2j+kx].
     *
     * @param x       the forward input [n][c][h][w]
     * @param wt      weights [c][co][3][3]
     * @param out     forward output (after activation) [n][co][2h][2w]
     * @param gradOut dL/dout
     * @param gradIn  dL/dx to fill (null: not needed)
     * @param gradW   dL/dw to fill [c][co][3][3]
     * @param gradB   dL/db to fill (null: no bias)
     */
    public static void deconvBackward(float[] x, int n, int c, int h, int w, float[] wt, int co, ConvActivation act,
                                      float[] out, float[] gradOut, float[] gradIn, float[] gradW, float[] gradB) {
        int oplane = 4 * h * w;
        int plane = h * w;
        float[] dz = act == ConvActivation.IDENTITY ? gradOut : activationGradient(act, out, gradOut, n * co,
                oplane);
        if (gradB != null) {
            biasGradient(dz, n, co, oplane, gradB);
        }
        if (useVector) {
            FastConvVectorKernels.deconvBackward(x, n, c, h, w, wt, co, dz, gradIn, gradW);
            return;
        }
        // even and odd output columns as separate planes [n][co][2h][w], so staging is plain copies
        float[] ev = new float[dz.length / 2];
        float[] od = new float[dz.length / 2];
        ConvThreads.run(n * co * 2 * h, r -> {
            int src = r * 2 * w;
            int dst = r * w;
            for (int j = 0; j < w; j++) {
                ev[dst + j] = dz[src + 2 * j];
                od[dst + j] = dz[src + 2 * j + 1];
            }
        });
        int half = oplane / 2;
        if (gradIn != null) {
            ConvThreads.run(n * h, t -> {
                int s = t / h;
                int i = t % h;
                float[][] st = new float[9][w];
                float[][] acc = new float[c][w];
                for (int o = 0; o < co; o++) {
                    int base = (s * co + o) * half;
                    for (int ky = 0; ky < 3; ky++) {
                        stageDeinterleaved(ev, od, base, 2 * i + ky, 2 * h, w, st[3 * ky], st[3 * ky + 1],
                                st[3 * ky + 2]);
                    }
                    for (int ci = 0; ci < c; ci += 2) {
                        conv3(acc[ci], ci + 1 < c ? acc[ci + 1] : null, st, wt, (ci * co + o) * 9,
                                ((ci + 1) * co + o) * 9, w);
                    }
                }
                for (int ci = 0; ci < c; ci++) {
                    System.arraycopy(acc[ci], 0, gradIn, ((s * c + ci) * h + i) * w, w);
                }
            });
        }
        int ob = block(co);
        int blocks = (co + ob - 1) / ob;
        ConvThreads.run(c * blocks, t -> {
            int ci = t / blocks;
            int o0 = (t % blocks) * ob;
            int o1 = Math.min(co, o0 + ob);
            float[][] st = new float[9][w];
            float[] g = new float[w];
            float[][] b = new float[(o1 - o0) * 9][w];
            for (int s = 0; s < n; s++) {
                for (int i = 0; i < h; i++) {
                    System.arraycopy(x, ((s * c + ci) * h + i) * w, g, 0, w);
                    for (int o = o0; o < o1; o++) {
                        int base = (s * co + o) * half;
                        for (int ky = 0; ky < 3; ky++) {
                            stageDeinterleaved(ev, od, base, 2 * i + ky, 2 * h, w, st[3 * ky], st[3 * ky + 1],
                                    st[3 * ky + 2]);
                        }
                        grad3x3(b, (o - o0) * 9, g, 0, null, st, w);
                    }
                }
            }
            for (int o = o0; o < o1; o++) {
                for (int j = 0; j < 9; j++) {
                    gradW[(ci * co + o) * 9 + j] = (float) sum(b[(o - o0) * 9 + j]);
                }
            }
        });
    }

    // ---------------------------------------------------------------- max-pool 2x2, stride 2

    /**
     * Max-pool 2×2 stride 2 forward.
     *
     * @param x   input [planes][h][w]
     * @param oh  output height (h/2 floor for Truncate, ceil for Same)
     * @param ow  output width
     * @param out output [planes][oh][ow]
     */
    public static void maxPoolForward(float[] x, int planes, int h, int w, int oh, int ow, float[] out) {
        ConvThreads.run(planes, q -> {
            int ib = q * h * w;
            int ob = q * oh * ow;
            int fullRows = Math.min(oh, h / 2);
            int fullCols = Math.min(ow, w / 2);
            for (int y = 0; y < oh; y++) {
                int xo = 0;
                if (y < fullRows) {
                    for (int r = ib + 2 * y * w, o = ob + y * ow; xo < fullCols; xo++, r += 2) {
                        out[o + xo] = x[argmax2x2(x, r, w)];
                    }
                }
                for (; xo < ow; xo++) {
                    out[ob + y * ow + xo] = x[ib + argmax(x, ib, h, w, y, xo)];
                }
            }
        });
    }

    /**
     * {@link #argmax} for a full 2×2 window whose top-left element is at r (an index into x): the same comparisons
     * in the same row-major order, without the window-bound arithmetic.
     *
     * @return the index into x of the window's first maximum
     */
    private static int argmax2x2(float[] x, int r, int w) {
        int best = r;
        float m = x[r];
        float v = x[r + 1];
        if (v > m) {
            m = v;
            best = r + 1;
        }
        v = x[r + w];
        if (v > m) {
            m = v;
            best = r + w;
        }
        if (x[r + w + 1] > m) {
            best = r + w + 1;
        }
        return best;
    }

    /** @return offset within the plane of the first maximum of window (y, xo) in row-major order */
    private static int argmax(float[] x, int ib, int h, int w, int y, int xo) {
        int best = 2 * y * w + 2 * xo;
        float m = x[ib + best];
        int y1 = Math.min(2 * y + 1, h - 1);
        int x1 = Math.min(2 * xo + 1, w - 1);
        for (int yy = 2 * y; yy <= y1; yy++) {
            for (int xx = 2 * xo; xx <= x1; xx++) {
                float v = x[ib + yy * w + xx];
                if (v > m) {
                    m = v;
                    best = yy * w + xx;
                }
            }
        }
        return best;
    }

    /**
     * Max-pool backward: each output gradient goes to its window's (first) maximum.
     *
     * @param x       forward input
     * @param gradOut dL/dout [planes][oh][ow]
     * @param gradIn  dL/dx to fill [planes][h][w]
     */
    public static void maxPoolBackward(float[] x, int planes, int h, int w, int oh, int ow, float[] gradOut,
                                       float[] gradIn) {
        ConvThreads.run(planes, q -> {
            int ib = q * h * w;
            int ob = q * oh * ow;
            java.util.Arrays.fill(gradIn, ib, ib + h * w, 0f);
            int fullRows = Math.min(oh, h / 2);
            int fullCols = Math.min(ow, w / 2);
            for (int y = 0; y < oh; y++) {
                int xo = 0;
                if (y < fullRows) {
                    for (int r = ib + 2 * y * w, o = ob + y * ow; xo < fullCols; xo++, r += 2) {
                        gradIn[argmax2x2(x, r, w)] += gradOut[o + xo];
                    }
                }
                for (; xo < ow; xo++) {
                    gradIn[ib + argmax(x, ib, h, w, y, xo)] += gradOut[ob + y * ow + xo];
                }
            }
        });
    }
}

package org.hybridqml.nn.conv;

/**
 * Plain-Java kernels of the fully connected layers ({@link FastDense}, {@link FastOutput}): y = xW + b and
 * its gradients, on row-major arrays (x [n, in], W [in, out], b [out]).
 *
 * <p>The sums are in double precision whatever the network's data type (FLOAT networks round the results once,
 * when they are stored).
 *
 * <p>Why not ND4J's gemm: OpenBLAS chooses its matrix-multiply kernel by CPU model (Haswell, Zen, SkylakeX, ...),
 * and those kernels add the products in different orders, so a DL4J dense layer gives different float results on
 * different machines. Here every sum runs over one index in a fixed order, with no fused
 * multiply-add (Java never contracts {@code a * b + c}), so the results are bitwise the same on every x86-64 or
 * ARM CPU and JVM. Work is split over {@link ConvThreads} into tasks that each own whole output elements (rows of y;
 * rows of gW and columns of gX), so the thread count does not change any sum either. The layers these kernels serve are small (a few thousand inputs, at most a few
 * hundred outputs), so the loss of BLAS speed is small beside the convolutions and the quantum layer.
 */
final class DenseKernels {

    /** Examples per forward task (the tasks run on {@link ConvThreads}; each computes whole rows of y). */
    private static final int ROWS_PER_TASK = 4;
    /** Inputs per backward task (each computes whole rows of gW and whole columns of gX). */
    private static final int INPUTS_PER_TASK = 64;

    private DenseKernels() {
    }

    /**
     * y[r][o] = b[o] + Σ_i x[r][i]·W[i][o], the sum in ascending i (then the bias).
     *
     * <p>Loop order i, r, o: each row of W is read once, from memory, and used for every example while it is in
     * the cache (the rows of y stay in the cache too); the order of the additions into each y[r][o] is that of i.
     *
     * @param x   input [n, in]
     * @param n   rows
     * @param in  input width
     * @param w   weights [in, out]
     * @param b   bias [out] or null
     * @param out output width
     * @param y   result [n, out], overwritten
     */
    static void forward(double[] x, int n, int in, double[] w, double[] b, int out, double[] y) {
        int blocks = (n + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        ConvThreads.run(blocks, blk -> forwardRows(x, blk * ROWS_PER_TASK, Math.min(n, (blk + 1) * ROWS_PER_TASK),
                in, w, b, out, y));
    }

    /** y rows [r0, r1): loop order i, r, o, so the block's rows of y stay in the cache while W streams by once. */
    private static void forwardRows(double[] x, int r0, int r1, int in, double[] w, double[] b, int out,
                                    double[] y) {
        java.util.Arrays.fill(y, r0 * out, r1 * out, 0);
        for (int i = 0; i < in; i++) {
            int wo = i * out;
            for (int r = r0; r < r1; r++) {
                double xi = x[r * in + i];
                int yo = r * out;
                for (int o = 0; o < out; o++) {
                    y[yo + o] += xi * w[wo + o];
                }
            }
        }
        if (b != null) {
            for (int r = r0; r < r1; r++) {
                int yo = r * out;
                for (int o = 0; o < out; o++) {
                    y[yo + o] += b[o];
                }
            }
        }
    }

    /**
     * Gradients of y = xW + b given delta = ∂L/∂y: gW[i][o] = Σ_r x[r][i]·delta[r][o] (ascending r),
     * gB[o] = Σ_r delta[r][o] (ascending r), gX[r][i] = Σ_o delta[r][o]·W[i][o] (four partial sums over o ≡ 0, 1,
     * 2, 3 mod 4, each ascending, added as (s0 + s1) + (s2 + s3), then the tail of out mod 4 in ascending o).
     * One pass over the rows of W, each used for every example while it is in the cache.
     *
     * @param x     input [n, in]
     * @param n     rows
     * @param in    input width
     * @param w     weights [in, out]
     * @param out   output width
     * @param delta ∂L/∂y [n, out]
     * @param gX    ∂L/∂x [n, in], overwritten
     * @param gW    ∂L/∂W [in, out], overwritten
     * @param gB    ∂L/∂b [out], overwritten, or null when the layer has no bias
     */
    static void backward(double[] x, int n, int in, double[] w, int out, double[] delta, double[] gX, double[] gW,
                         double[] gB) {
        int blocks = (in + INPUTS_PER_TASK - 1) / INPUTS_PER_TASK;
        ConvThreads.run(blocks, blk -> backwardInputs(x, n, blk * INPUTS_PER_TASK,
                Math.min(in, (blk + 1) * INPUTS_PER_TASK), in, w, out, delta, gX, gW));
        if (gB != null) {
            java.util.Arrays.fill(gB, 0, out, 0);
            for (int r = 0; r < n; r++) {
                int d0 = r * out;
                for (int o = 0; o < out; o++) {
                    gB[o] += delta[d0 + o];
                }
            }
        }
    }

    /** Rows [i0, i1) of gW and columns [i0, i1) of gX. */
    private static void backwardInputs(double[] x, int n, int i0, int i1, int in, double[] w, int out,
                                       double[] delta, double[] gX, double[] gW) {
        java.util.Arrays.fill(gW, i0 * out, i1 * out, 0);
        int out4 = out & ~3;
        for (int i = i0; i < i1; i++) {
            int wo = i * out;
            for (int r = 0; r < n; r++) {
                double xi = x[r * in + i];
                int d0 = r * out;
                for (int o = 0; o < out; o++) {
                    gW[wo + o] += xi * delta[d0 + o];
                }
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int o = 0; o < out4; o += 4) {
                    s0 += delta[d0 + o] * w[wo + o];
                    s1 += delta[d0 + o + 1] * w[wo + o + 1];
                    s2 += delta[d0 + o + 2] * w[wo + o + 2];
                    s3 += delta[d0 + o + 3] * w[wo + o + 3];
                }
                double s = (s0 + s1) + (s2 + s3);
                for (int o = out4; o < out; o++) {
                    s += delta[d0 + o] * w[wo + o];
                }
                gX[r * in + i] = s;
            }
        }
    }
}

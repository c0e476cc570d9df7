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
 * different machines. Here every sum runs over one index in ascending order in one thread, with no fused
 * multiply-add (Java never contracts {@code a * b + c}), so the results are bitwise the same on every x86-64 or
 * ARM CPU, JVM and thread count. The layers these kernels serve are small (a few thousand inputs, at most a few
 * hundred outputs), so the loss of BLAS speed is small beside the convolutions and the quantum layer.
 */
final class DenseKernels {

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
        java.util.Arrays.fill(y, 0, n * out, 0);
        for (int i = 0; i < in; i++) {
            int wo = i * out;
            for (int r = 0; r < n; r++) {
                double xi = x[r * in + i];
                int yo = r * out;
                for (int o = 0; o < out; o++) {
                    y[yo + o] += xi * w[wo + o];
                }
            }
        }
        if (b != null) {
            for (int r = 0; r < n; r++) {
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
        java.util.Arrays.fill(gW, 0, in * out, 0);
        int out4 = out & ~3;
        for (int i = 0; i < in; i++) {
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
}

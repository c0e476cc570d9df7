package org.hybridqml.sim;

/**
 * Stage 5, the lane-batched kernels of {@link BatchedSmallEngine}: gate and adjoint kernels on a group of G samples
 * ("lanes") stored lane-innermost, amplitude {@code a} of lane {@code l} at {@code re[a * G + l]} (and
 * {@code im[a * G + l]} for complex states). Kernels named {@code …Lanes} take one matrix per lane at
 * {@code m[o + k·G + l]}; the others one matrix for every lane at {@code m[o + k]}. No kernel mixes lanes, and every
 * lane runs the same floating-point operations in the same order, so a sample's bits do not depend on its lane.
 * Matrices are 2×2 complex, row-major, 8 doubles (re, im of m00, m01, m10, m11); bit b is wire n−1−b (PennyLane's
 * wire 0 is the most significant bit).
 */
final class LaneKernels {

    private LaneKernels() {
    }


    /** ψ ← Mψ on {@code bit}, M the same for every lane: contiguous runs of 2^bit·g doubles. */
    static void apply(double[] re, double[] im, int bit, double[] m, int o, int dim, int g) {
        final double a0 = m[o], a1 = m[o + 1], b0 = m[o + 2], b1 = m[o + 3];
        final double c0 = m[o + 4], c1 = m[o + 5], d0 = m[o + 6], d1 = m[o + 7];
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i++) {
                final int j = i + sg;
                final double xr = re[i], xi = im[i], yr = re[j], yi = im[j];
                re[i] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                im[i] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                re[j] = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                im[j] = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
            }
        }
    }

    /** ψ ← RX(θ)ψ on {@code bit}: M = [[a0, i·b1], [i·c1, d0]] with real a0 = d0, so 8 multiplications per pair. */
    static void rxApply(double[] re, double[] im, int bit, double[] m, int o, int dim, int g) {
        final double a0 = m[o], b1 = m[o + 3], c1 = m[o + 5], d0 = m[o + 6];
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i++) {
                final int j = i + sg;
                final double xr = re[i], xi = im[i], yr = re[j], yi = im[j];
                re[i] = a0 * xr - b1 * yi;
                im[i] = a0 * xi + b1 * yr;
                re[j] = d0 * yr - c1 * xi;
                im[j] = d0 * yi + c1 * xr;
            }
        }
    }

    /** ψ ← RY(θ)ψ on {@code bit} for a complex state: the real matrix acts on re and im alike. */
    static void ryApply(double[] re, double[] im, int bit, double[] m, int o, int dim, int g) {
        final double a0 = m[o], b0 = m[o + 2], c0 = m[o + 4], d0 = m[o + 6];
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i++) {
                final int j = i + sg;
                final double xr = re[i], xi = im[i], yr = re[j], yi = im[j];
                re[i] = a0 * xr + b0 * yr;
                im[i] = a0 * xi + b0 * yi;
                re[j] = c0 * xr + d0 * yr;
                im[j] = c0 * xi + d0 * yi;
            }
        }
    }

    /** ψ ← M_l ψ per lane, M_l at {@code m[o + k·g + l]}. */
    static void applyLanes(double[] re, double[] im, int bit, double[] m, int o, int dim, int g) {
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        final int o1 = o + g, o2 = o + 2 * g, o3 = o + 3 * g, o4 = o + 4 * g, o5 = o + 5 * g, o6 = o + 6 * g,
                o7 = o + 7 * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i += g) {
                final int j = i + sg;
                for (int l = 0; l < g; l++) {
                    final double a0 = m[o + l], a1 = m[o1 + l], b0 = m[o2 + l], b1 = m[o3 + l];
                    final double c0 = m[o4 + l], c1 = m[o5 + l], d0 = m[o6 + l], d1 = m[o7 + l];
                    final double xr = re[i + l], xi = im[i + l], yr = re[j + l], yi = im[j + l];
                    re[i + l] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                    im[i + l] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                    re[j + l] = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                    im[j + l] = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                }
            }
        }
    }

    static void diagApply(double[] re, double[] im, int bit, double[] m, int o, int dim, int g) {
        final double a0 = m[o], a1 = m[o + 1], d0 = m[o + 6], d1 = m[o + 7];
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i++) {
                final int j = i + sg;
                final double xr = re[i], xi = im[i], yr = re[j], yi = im[j];
                re[i] = a0 * xr - a1 * xi;
                im[i] = a0 * xi + a1 * xr;
                re[j] = d0 * yr - d1 * yi;
                im[j] = d0 * yi + d1 * yr;
            }
        }
    }

    static void diagApplyLanes(double[] re, double[] im, int bit, double[] m, int o, int dim, int g) {
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        final int o1 = o + g, o6 = o + 6 * g, o7 = o + 7 * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i += g) {
                final int j = i + sg;
                for (int l = 0; l < g; l++) {
                    final double a0 = m[o + l], a1 = m[o1 + l], d0 = m[o6 + l], d1 = m[o7 + l];
                    final double xr = re[i + l], xi = im[i + l], yr = re[j + l], yi = im[j + l];
                    re[i + l] = a0 * xr - a1 * xi;
                    im[i + l] = a0 * xi + a1 * xr;
                    re[j + l] = d0 * yr - d1 * yi;
                    im[j + l] = d0 * yi + d1 * yr;
                }
            }
        }
    }

    static void realApply(double[] re, int bit, double[] m, int o, int dim, int g) {
        final double a = m[o], b = m[o + 2], c = m[o + 4], d = m[o + 6];
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i++) {
                final double x = re[i], y = re[i + sg];
                re[i] = a * x + b * y;
                re[i + sg] = c * x + d * y;
            }
        }
    }

    static void realApplyLanes(double[] re, int bit, double[] m, int o, int dim, int g) {
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        final int o2 = o + 2 * g, o4 = o + 4 * g, o6 = o + 6 * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i += g) {
                final int j = i + sg;
                for (int l = 0; l < g; l++) {
                    final double a = m[o + l], b = m[o2 + l], c = m[o4 + l], d = m[o6 + l];
                    final double x = re[i + l], y = re[j + l];
                    re[i + l] = a * x + b * y;
                    re[j + l] = c * x + d * y;
                }
            }
        }
    }

    /**
     * Gradient term of rotation op {@code kind} from the state after the gate: with dU = G·U (G = −iP/2 for
     * RX/RY/RZ, i·|1⟩⟨1| for PhaseShift), Re⟨λ|dU|U†φ⟩ = Re⟨λ|G|φ⟩. Adds 2·Re⟨λ|G|φ⟩ per lane to
     * {@code acc[go + l]}, using only G's two nonzero entries (no derivative matrices needed).
     */
    static void generatorDot(int kind, double[] pr, double[] pi, double[] lr, double[] li, int bit, double[] acc,
                             int go, int dim, int g) {
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        // one loop nest per generator: the kind is decided once per call, not once per amplitude pair
        switch (kind) {
            case CompiledCircuit.RY:
                // 2·Re⟨λ|(−i/2)Y|φ⟩ = Re(λ1*·φ0 − λ0*·φ1)
                if (pi == null) {
                    for (int base = 0; base < end; base += 2 * sg) {
                        for (int i = base; i < base + sg; i += g) {
                            final int j = i + sg;
                            for (int l = 0; l < g; l++) {
                                acc[go + l] += lr[j + l] * pr[i + l] - lr[i + l] * pr[j + l];
                            }
                        }
                    }
                } else {
                    for (int base = 0; base < end; base += 2 * sg) {
                        for (int i = base; i < base + sg; i += g) {
                            final int j = i + sg;
                            for (int l = 0; l < g; l++) {
                                acc[go + l] += lr[j + l] * pr[i + l] + li[j + l] * pi[i + l]
                                        - (lr[i + l] * pr[j + l] + li[i + l] * pi[j + l]);
                            }
                        }
                    }
                }
                return;
            case CompiledCircuit.RX:
                // 2·Re⟨λ|(−i/2)X|φ⟩ = Im(λ0*·φ1 + λ1*·φ0)
                for (int base = 0; base < end; base += 2 * sg) {
                    for (int i = base; i < base + sg; i += g) {
                        final int j = i + sg;
                        for (int l = 0; l < g; l++) {
                            acc[go + l] += lr[i + l] * pi[j + l] - li[i + l] * pr[j + l]
                                    + (lr[j + l] * pi[i + l] - li[j + l] * pr[i + l]);
                        }
                    }
                }
                return;
            case CompiledCircuit.RZ:
            case CompiledCircuit.PS: {
                // RZ: 2·Re⟨λ|(−i/2)Z|φ⟩ = Im(λ0*·φ0) − Im(λ1*·φ1); PhaseShift: 2·Re⟨λ|i·|1⟩⟨1||φ⟩ = −2·Im(λ1*·φ1)
                // (exact ×1/×0 weights select the term without a branch in the lane loop)
                final double w0 = kind == CompiledCircuit.RZ ? 1.0 : 0.0, w1 = 2.0 - w0;
                for (int base = 0; base < end; base += 2 * sg) {
                    for (int i = base; i < base + sg; i += g) {
                        final int j = i + sg;
                        for (int l = 0; l < g; l++) {
                            acc[go + l] += w0 * (lr[i + l] * pi[i + l] - li[i + l] * pr[i + l])
                                    - w1 * (lr[j + l] * pi[j + l] - li[j + l] * pr[j + l]);
                        }
                    }
                }
                return;
            }
            default:
                throw new IllegalStateException("Op kind " + kind + " has no angle");
        }
    }

    /**
     * One fused adjoint step for a trainable rotation with a lane-invariant matrix: per amplitude pair it adds
     * the gradient term of {@link #generatorDot} (from φ and λ after the gate) and then applies U† to both φ and
     * λ, so φ and λ are read and written once instead of three passes (gradient, φ ← U†φ, λ ← U†λ). The arithmetic
     * is that of the separate passes minus the products with matrix entries that are exactly zero (RX, RY) and with
     * exact ×1/×0 weights choosing the RZ or PhaseShift term, so the results are bitwise those of the separate passes
     * ({@code BatchedSmallEngineTest}).
     *
     * @return false when the op kind has no fused form (the caller then runs the separate passes)
     */
    static boolean adjointRotation(int kind, double[] pr, double[] pi, double[] lr, double[] li, int bit,
                                   double[] m, int o, double[] acc, int go, int dim, int g) {
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        // one small method per kernel, each compiled on its own, with only the matrix entries its gate has
        if (pi == null) {
            if (kind != CompiledCircuit.RY) {
                return false;
            }
            adjointRealRY(pr, lr, acc, go, sg, end, g, m[o], m[o + 2], m[o + 4], m[o + 6]);
            return true;
        }
        switch (kind) {
            case CompiledCircuit.RY:
                adjointRY(pr, pi, lr, li, acc, go, sg, end, g, m[o], m[o + 2], m[o + 4], m[o + 6]);
                return true;
            case CompiledCircuit.RX:
                adjointRX(pr, pi, lr, li, acc, go, sg, end, g, m[o], m[o + 3], m[o + 5], m[o + 6]);
                return true;
            case CompiledCircuit.RZ:
            case CompiledCircuit.PS:
                adjointDiag(kind == CompiledCircuit.RZ, pr, pi, lr, li, acc, go, sg, end, g, m[o], m[o + 1], m[o + 6],
                        m[o + 7]);
                return true;
            default:
                return false;
        }
    }

    private static void adjointRealRY(double[] pr, double[] lr, double[] acc, int go, int sg, int end, int g,
                                      double a, double b, double c, double d) {
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i += g) {
                final int j = i + sg;
                for (int l = 0; l < g; l++) {
                    final double x = pr[i + l], y = pr[j + l], u = lr[i + l], v = lr[j + l];
                    acc[go + l] += v * x - u * y;
                    pr[i + l] = a * x + b * y;
                    pr[j + l] = c * x + d * y;
                    lr[i + l] = a * u + b * v;
                    lr[j + l] = c * u + d * v;
                }
            }
        }
    }

    private static void adjointRY(double[] pr, double[] pi, double[] lr, double[] li, double[] acc, int go, int sg,
                                  int end, int g, double a0, double b0, double c0, double d0) {
        // U† = RY(−θ) is real: [[a0, b0], [c0, d0]] acts on re and im alike (half the general flops)
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i += g) {
                final int j = i + sg;
                for (int l = 0; l < g; l++) {
                    final double xr = pr[i + l], xi = pi[i + l], yr = pr[j + l], yi = pi[j + l];
                    final double ur = lr[i + l], ui = li[i + l], vr = lr[j + l], vi = li[j + l];
                    acc[go + l] += vr * xr + vi * xi - (ur * yr + ui * yi);
                    pr[i + l] = a0 * xr + b0 * yr;
                    pi[i + l] = a0 * xi + b0 * yi;
                    pr[j + l] = c0 * xr + d0 * yr;
                    pi[j + l] = c0 * xi + d0 * yi;
                    lr[i + l] = a0 * ur + b0 * vr;
                    li[i + l] = a0 * ui + b0 * vi;
                    lr[j + l] = c0 * ur + d0 * vr;
                    li[j + l] = c0 * ui + d0 * vi;
                }
            }
        }
    }

    private static void adjointRX(double[] pr, double[] pi, double[] lr, double[] li, double[] acc, int go, int sg,
                                  int end, int g, double a0, double b1, double c1, double d0) {
        // U† = RX(−θ) = [[c, i·s], [i·s, c]]: real diagonal a0 = d0, imaginary off-diagonal b1 = c1
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i += g) {
                final int j = i + sg;
                for (int l = 0; l < g; l++) {
                    final double xr = pr[i + l], xi = pi[i + l], yr = pr[j + l], yi = pi[j + l];
                    final double ur = lr[i + l], ui = li[i + l], vr = lr[j + l], vi = li[j + l];
                    acc[go + l] += ur * yi - ui * yr + (vr * xi - vi * xr);
                    pr[i + l] = a0 * xr - b1 * yi;
                    pi[i + l] = a0 * xi + b1 * yr;
                    pr[j + l] = d0 * yr - c1 * xi;
                    pi[j + l] = d0 * yi + c1 * xr;
                    lr[i + l] = a0 * ur - b1 * vi;
                    li[i + l] = a0 * ui + b1 * vr;
                    lr[j + l] = d0 * vr - c1 * ui;
                    li[j + l] = d0 * vi + c1 * ur;
                }
            }
        }
    }

    private static void adjointDiag(boolean rz, double[] pr, double[] pi, double[] lr, double[] li, double[] acc, int go,
                                    int sg, int end, int g, double a0, double a1, double d0, double d1) {
        // RZ: Im(λ0*φ0) − Im(λ1*φ1); PhaseShift: −2·Im(λ1*φ1)
        final double w0 = rz ? 1.0 : 0.0, w1 = 2.0 - w0;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i += g) {
                final int j = i + sg;
                for (int l = 0; l < g; l++) {
                    final double xr = pr[i + l], xi = pi[i + l], yr = pr[j + l], yi = pi[j + l];
                    final double ur = lr[i + l], ui = li[i + l], vr = lr[j + l], vi = li[j + l];
                    acc[go + l] += w0 * (ur * xi - ui * xr) - w1 * (vr * yi - vi * yr);
                    pr[i + l] = a0 * xr - a1 * xi;
                    pi[i + l] = a0 * xi + a1 * xr;
                    pr[j + l] = d0 * yr - d1 * yi;
                    pi[j + l] = d0 * yi + d1 * yr;
                    lr[i + l] = a0 * ur - a1 * ui;
                    li[i + l] = a0 * ui + a1 * ur;
                    lr[j + l] = d0 * vr - d1 * vi;
                    li[j + l] = d0 * vi + d1 * vr;
                }
            }
        }
    }

    /** CNOT: swaps the lane blocks of amplitudes with control = 1, target 0 ↔ 1. */
    static void cnot(double[] re, double[] im, int control, int target, int dim, int g) {
        final int lo = Math.min(control, target), hi = Math.max(control, target);
        final int sl = 1 << lo, sh = 1 << hi, c = 1 << control, t = 1 << target;
        final int run = sl * g;
        for (int a = 0; a < dim; a += sh << 1) {
            for (int b = a; b < a + sh; b += sl << 1) {
                swapRun(re, (b | c) * g, (b | c | t) * g, run);
                if (im != null) {
                    swapRun(im, (b | c) * g, (b | c | t) * g, run);
                }
            }
        }
    }

    static void cz(double[] re, double[] im, int bitA, int bitB, int dim, int g) {
        final int lo = Math.min(bitA, bitB), hi = Math.max(bitA, bitB);
        final int sl = 1 << lo, sh = 1 << hi, both = sl | sh;
        final int run = sl * g;
        for (int a = 0; a < dim; a += sh << 1) {
            for (int b = a; b < a + sh; b += sl << 1) {
                final int q = (b | both) * g;
                for (int k = q; k < q + run; k++) {
                    re[k] = -re[k];
                }
                if (im != null) {
                    for (int k = q; k < q + run; k++) {
                        im[k] = -im[k];
                    }
                }
            }
        }
    }

    static void swap(double[] re, double[] im, int bitA, int bitB, int dim, int g) {
        final int lo = Math.min(bitA, bitB), hi = Math.max(bitA, bitB);
        final int sl = 1 << lo, sh = 1 << hi;
        final int run = sl * g;
        for (int a = 0; a < dim; a += sh << 1) {
            for (int b = a; b < a + sh; b += sl << 1) {
                swapRun(re, (b | sl) * g, (b | sh) * g, run);
                if (im != null) {
                    swapRun(im, (b | sl) * g, (b | sh) * g, run);
                }
            }
        }
    }

    private static void swapRun(double[] v, int p, int q, int len) {
        for (int k = 0; k < len; k++) {
            double t = v[p + k];
            v[p + k] = v[q + k];
            v[q + k] = t;
        }
    }
}

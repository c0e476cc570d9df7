package org.hybridqml.sim;

/**
 * Allocation-free statevector kernels, each over an index range [start, end) aligned to the gate's span, so the
 * caller can run a gate over the whole state or over one cache-sized block of it.
 *
 * <p>Complex states are split into separate real and imaginary arrays (re, im); the {@code real*} kernels work
 * on real states only (half the memory and flops). Matrices use the layout
 * (re00, im00, re01, im01, re10, im10, re11, im11) at an offset into a shared array. "bit" is the bit position of a
 * wire in the basis index (wire w of n qubits is bit n-1-w).
 *
 * <p>The single-qubit, two-gate and generator kernels hand whole-vector ranges to {@link VectorKernels} (SIMD)
 * when the JVM resolved {@code jdk.incubator.vector}; the loops here are the scalar path and the reference the SIMD
 * one is tested against.
 */
final class Kernels {

    /** Below this pair stride the kernels walk pair indices instead of nested loops. */
    static final int SMALL_STRIDE = 16;

    /** Whether this JVM resolved {@code jdk.incubator.vector} (it was started with --add-modules for it). */
    private static final boolean VECTOR_AVAILABLE =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    /** Doubles per SIMD vector, 0 without the Vector API (VectorKernels is only loaded when it is there). */
    private static final int VECTOR_LANES = VECTOR_AVAILABLE ? VectorKernels.LANES : 0;
    /** Whether the kernels below hand their loops to {@link VectorKernels}; off with -Dhybridqml.scalarKernels=true. */
    private static volatile boolean useVector = VECTOR_LANES >= 2 && !Boolean.getBoolean("hybridqml.scalarKernels");

    private Kernels() {
    }

    /** Whether the SIMD kernels can be used in this JVM. */
    static boolean vectorAvailable() {
        return VECTOR_LANES >= 2;
    }

    /** Switches the SIMD kernels on or off for the whole JVM; returns the previous setting. */
    static boolean useVector(boolean on) {
        if (on && !vectorAvailable()) {
            throw new IllegalStateException("the Vector API is not available: start the JVM with "
                    + "--add-modules jdk.incubator.vector");
        }
        boolean before = useVector;
        useVector = on;
        return before;
    }

    /** The kernels in use, in words. */
    static String describe() {
        if (useVector) {
            return "SIMD (" + VECTOR_LANES + " doubles per vector, jdk.incubator.vector)";
        }
        return "scalar" + (vectorAvailable() ? " (SIMD switched off)"
                : " (start the JVM with --add-modules jdk.incubator.vector for SIMD kernels)");
    }

    /** Whether [start, end) goes to the SIMD kernels: they are on and the range is whole vectors. */
    private static boolean vector(int start, int end) {
        return useVector && ((start | end) & (VECTOR_LANES - 1)) == 0;
    }

    // ---------------------------------------------------------------- complex single-qubit

    /** ψ ← M ψ on {@code bit}, general complex 2×2. */
    static void apply1(double[] re, double[] im, int bit, double[] m, int o, int start, int end) {
        if (vector(start, end)) {
            VectorKernels.apply1(re, im, bit, m, o, start, end);
            return;
        }
        final double a0 = m[o], a1 = m[o + 1], b0 = m[o + 2], b1 = m[o + 3];
        final double c0 = m[o + 4], c1 = m[o + 5], d0 = m[o + 6], d1 = m[o + 7];
        final int s = 1 << bit;
        if (s < SMALL_STRIDE) {
            // low bits: walk pair indices k and insert a zero at the gate's bit (no per-pair inner loop)
            final int mask = s - 1;
            for (int k = start >> 1, kEnd = end >> 1; k < kEnd; k++) {
                final int i = ((k & ~mask) << 1) | (k & mask);
                final int j = i + s;
                final double xr = re[i], xi = im[i], yr = re[j], yi = im[j];
                re[i] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                im[i] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                re[j] = d0 * yr - d1 * yi + c0 * xr - c1 * xi;
                im[j] = d0 * yi + d1 * yr + c0 * xi + c1 * xr;
            }
        } else {
                        for (int base = start; base < end; base += s << 1) {
                { // one half-block of 2^bit pairs
                final int blk = base;
                    final int top = blk + s;
                    for (int i = blk; i < top; i++) {
                        final int j = i + s;
                        final double xr = re[i], xi = im[i], yr = re[j], yi = im[j];
                        re[i] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                        im[i] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                        re[j] = d0 * yr - d1 * yi + c0 * xr - c1 * xi;
                        im[j] = d0 * yi + d1 * yr + c0 * xi + c1 * xr;
                    }
                }
            }
        }
    }

    /** ψ ← diag(m00, m11) ψ on {@code bit}. */
    static void applyDiag(double[] re, double[] im, int bit, double[] m, int o, int start, int end) {
        if (vector(start, end)) {
            VectorKernels.applyDiag(re, im, bit, m, o, start, end);
            return;
        }
        final double a0 = m[o], a1 = m[o + 1], d0 = m[o + 6], d1 = m[o + 7];
        final int s = 1 << bit;
        if (s < SMALL_STRIDE) {
            // low bits: walk pair indices k and insert a zero at the gate's bit (no per-pair inner loop)
            final int mask = s - 1;
            for (int k = start >> 1, kEnd = end >> 1; k < kEnd; k++) {
                final int i = ((k & ~mask) << 1) | (k & mask);
                final int j = i + s;
                final double xr = re[i], xi = im[i], yr = re[j], yi = im[j];
                re[i] = a0 * xr - a1 * xi;
                im[i] = a0 * xi + a1 * xr;
                re[j] = d0 * yr - d1 * yi;
                im[j] = d0 * yi + d1 * yr;
            }
        } else {
                        for (int base = start; base < end; base += s << 1) {
                { // one half-block of 2^bit pairs
                final int blk = base;
                    final int top = blk + s;
                    for (int i = blk; i < top; i++) {
                        final int j = i + s;
                        final double xr = re[i], xi = im[i], yr = re[j], yi = im[j];
                        re[i] = a0 * xr - a1 * xi;
                        im[i] = a0 * xi + a1 * xr;
                        re[j] = d0 * yr - d1 * yi;
                        im[j] = d0 * yi + d1 * yr;
                    }
                }
            }
        }
    }

    /**
     * One adjoint step for a single-qubit gate U (Jones &amp; Gacon, arXiv:2009.02823, Alg. 1): φ ← U†φ, then, if
     * a derivative matrix is given, accumulates Re⟨λ|dU|φ⟩, then λ ← U†λ — all in one pass over the pairs.
     *
     * @return Re⟨λ|dU|φ⟩ over the range (0 without a derivative)
     */
    static double adjoint1(double[] pr, double[] pi, double[] lr, double[] li, int bit, double[] m, int o,
                           double[] dm, int dO, int start, int end) {
        // U† entries: (conj m00, conj m10; conj m01, conj m11)
        final double a0 = m[o], a1 = -m[o + 1], b0 = m[o + 4], b1 = -m[o + 5];
        final double c0 = m[o + 2], c1 = -m[o + 3], d0 = m[o + 6], d1 = -m[o + 7];
        final int s = 1 << bit;
        if (dm == null) {
            if (s < SMALL_STRIDE) {
                // low bits: walk pair indices k and insert a zero at the gate's bit (no per-pair inner loop)
                final int mask = s - 1;
                for (int k = start >> 1, kEnd = end >> 1; k < kEnd; k++) {
                    final int i = ((k & ~mask) << 1) | (k & mask);
                    final int j = i + s;
                    double xr = pr[i], xi = pi[i], yr = pr[j], yi = pi[j];
                    pr[i] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                    pi[i] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                    pr[j] = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                    pi[j] = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                    xr = lr[i];
                    xi = li[i];
                    yr = lr[j];
                    yi = li[j];
                    lr[i] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                    li[i] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                    lr[j] = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                    li[j] = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                }
            } else {
                                for (int base = start; base < end; base += s << 1) {
                    { // one half-block of 2^bit pairs
                final int blk = base;
                        final int top = blk + s;
                        for (int i = blk; i < top; i++) {
                            final int j = i + s;
                            double xr = pr[i], xi = pi[i], yr = pr[j], yi = pi[j];
                            pr[i] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                            pi[i] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                            pr[j] = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                            pi[j] = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                            xr = lr[i];
                            xi = li[i];
                            yr = lr[j];
                            yi = li[j];
                            lr[i] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                            li[i] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                            lr[j] = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                            li[j] = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                        }
                    }
                }
            }
            return 0.0;
        }
        final double e0 = dm[dO], e1 = dm[dO + 1], f0 = dm[dO + 2], f1 = dm[dO + 3];
        final double q0 = dm[dO + 4], q1 = dm[dO + 5], h0 = dm[dO + 6], h1 = dm[dO + 7];
        double g0 = 0.0, g1 = 0.0, g2 = 0.0, g3 = 0.0; // four chains: the sum is not one long dependency
        if (s < SMALL_STRIDE) {
            final int mask = s - 1;
            for (int k = start >> 1, kEnd = end >> 1; k < kEnd; k++) {
                final int i = ((k & ~mask) << 1) | (k & mask);
                final int j = i + s;
                double xr = pr[i], xi = pi[i], yr = pr[j], yi = pi[j];
                final double ur = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                final double ui = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                final double vr = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                final double vi = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                pr[i] = ur;
                pi[i] = ui;
                pr[j] = vr;
                pi[j] = vi;
                final double w0r = e0 * ur - e1 * ui + f0 * vr - f1 * vi;
                final double w0i = e0 * ui + e1 * ur + f0 * vi + f1 * vr;
                final double w1r = q0 * ur - q1 * ui + h0 * vr - h1 * vi;
                final double w1i = q0 * ui + q1 * ur + h0 * vi + h1 * vr;
                xr = lr[i];
                xi = li[i];
                yr = lr[j];
                yi = li[j];
                g0 += xr * w0r + xi * w0i + yr * w1r + yi * w1i;
                lr[i] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                li[i] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                lr[j] = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                li[j] = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
            }
        } else {
                        for (int base = start; base < end; base += s << 1) {
                { // one half-block of 2^bit pairs
                final int blk = base;
                    final int top = blk + s;
                    for (int i0 = blk; i0 < top; i0 += 4) {
                        {
                            final int i = i0, j = i + s;
                            double xr = pr[i], xi = pi[i], yr = pr[j], yi = pi[j];
                            final double ur = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                            final double ui = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                            final double vr = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                            final double vi = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                            pr[i] = ur;
                            pi[i] = ui;
                            pr[j] = vr;
                            pi[j] = vi;
                            final double w0r = e0 * ur - e1 * ui + f0 * vr - f1 * vi;
                            final double w0i = e0 * ui + e1 * ur + f0 * vi + f1 * vr;
                            final double w1r = q0 * ur - q1 * ui + h0 * vr - h1 * vi;
                            final double w1i = q0 * ui + q1 * ur + h0 * vi + h1 * vr;
                            xr = lr[i];
                            xi = li[i];
                            yr = lr[j];
                            yi = li[j];
                            g0 += xr * w0r + xi * w0i + yr * w1r + yi * w1i;
                            lr[i] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                            li[i] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                            lr[j] = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                            li[j] = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                        }
                        {
                            final int i = i0 + 1, j = i + s;
                            double xr = pr[i], xi = pi[i], yr = pr[j], yi = pi[j];
                            final double ur = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                            final double ui = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                            final double vr = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                            final double vi = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                            pr[i] = ur;
                            pi[i] = ui;
                            pr[j] = vr;
                            pi[j] = vi;
                            final double w0r = e0 * ur - e1 * ui + f0 * vr - f1 * vi;
                            final double w0i = e0 * ui + e1 * ur + f0 * vi + f1 * vr;
                            final double w1r = q0 * ur - q1 * ui + h0 * vr - h1 * vi;
                            final double w1i = q0 * ui + q1 * ur + h0 * vi + h1 * vr;
                            xr = lr[i];
                            xi = li[i];
                            yr = lr[j];
                            yi = li[j];
                            g1 += xr * w0r + xi * w0i + yr * w1r + yi * w1i;
                            lr[i] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                            li[i] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                            lr[j] = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                            li[j] = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                        }
                        {
                            final int i = i0 + 2, j = i + s;
                            double xr = pr[i], xi = pi[i], yr = pr[j], yi = pi[j];
                            final double ur = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                            final double ui = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                            final double vr = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                            final double vi = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                            pr[i] = ur;
                            pi[i] = ui;
                            pr[j] = vr;
                            pi[j] = vi;
                            final double w0r = e0 * ur - e1 * ui + f0 * vr - f1 * vi;
                            final double w0i = e0 * ui + e1 * ur + f0 * vi + f1 * vr;
                            final double w1r = q0 * ur - q1 * ui + h0 * vr - h1 * vi;
                            final double w1i = q0 * ui + q1 * ur + h0 * vi + h1 * vr;
                            xr = lr[i];
                            xi = li[i];
                            yr = lr[j];
                            yi = li[j];
                            g2 += xr * w0r + xi * w0i + yr * w1r + yi * w1i;
                            lr[i] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                            li[i] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                            lr[j] = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                            li[j] = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                        }
                        {
                            final int i = i0 + 3, j = i + s;
                            double xr = pr[i], xi = pi[i], yr = pr[j], yi = pi[j];
                            final double ur = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                            final double ui = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                            final double vr = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                            final double vi = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                            pr[i] = ur;
                            pi[i] = ui;
                            pr[j] = vr;
                            pi[j] = vi;
                            final double w0r = e0 * ur - e1 * ui + f0 * vr - f1 * vi;
                            final double w0i = e0 * ui + e1 * ur + f0 * vi + f1 * vr;
                            final double w1r = q0 * ur - q1 * ui + h0 * vr - h1 * vi;
                            final double w1i = q0 * ui + q1 * ur + h0 * vi + h1 * vr;
                            xr = lr[i];
                            xi = li[i];
                            yr = lr[j];
                            yi = li[j];
                            g3 += xr * w0r + xi * w0i + yr * w1r + yi * w1i;
                            lr[i] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                            li[i] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                            lr[j] = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                            li[j] = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                        }
                    }
                }
            }
        }
        return (g0 + g1) + (g2 + g3);
    }

    // ---------------------------------------------------------------- real single-qubit

    /** ψ ← M ψ on {@code bit} for a real matrix (imaginary parts of m ignored). */
    static void realApply1(double[] re, int bit, double[] m, int o, int start, int end) {
        if (vector(start, end)) {
            VectorKernels.realApply1(re, bit, m, o, start, end);
            return;
        }
        final double a = m[o], b = m[o + 2], c = m[o + 4], d = m[o + 6];
        final int s = 1 << bit;
        if (s < SMALL_STRIDE) {
            // low bits: walk pair indices k and insert a zero at the gate's bit (no per-pair inner loop)
            final int mask = s - 1;
            for (int k = start >> 1, kEnd = end >> 1; k < kEnd; k++) {
                final int i = ((k & ~mask) << 1) | (k & mask);
                final int j = i + s;
                final double x = re[i], y = re[j];
                re[i] = a * x + b * y;
                re[j] = c * x + d * y;
            }
        } else {
                        for (int base = start; base < end; base += s << 1) {
                { // one half-block of 2^bit pairs
                final int blk = base;
                    final int top = blk + s;
                    for (int i = blk; i < top; i++) {
                        final int j = i + s;
                        final double x = re[i], y = re[j];
                        re[i] = a * x + b * y;
                        re[j] = c * x + d * y;
                    }
                }
            }
        }
    }

    /** Real version of {@link #adjoint1}: U† = Uᵀ. */
    static double realAdjoint1(double[] pr, double[] lr, int bit, double[] m, int o, double[] dm, int dO,
                               int start, int end) {
        final double a = m[o], b = m[o + 4], c = m[o + 2], d = m[o + 6];
        final int s = 1 << bit;
        if (dm == null) {
            if (s < SMALL_STRIDE) {
                // low bits: walk pair indices k and insert a zero at the gate's bit (no per-pair inner loop)
                final int mask = s - 1;
                for (int k = start >> 1, kEnd = end >> 1; k < kEnd; k++) {
                    final int i = ((k & ~mask) << 1) | (k & mask);
                    final int j = i + s;
                    double x = pr[i], y = pr[j];
                    pr[i] = a * x + b * y;
                    pr[j] = c * x + d * y;
                    x = lr[i];
                    y = lr[j];
                    lr[i] = a * x + b * y;
                    lr[j] = c * x + d * y;
                }
            } else {
                                for (int base = start; base < end; base += s << 1) {
                    { // one half-block of 2^bit pairs
                final int blk = base;
                        final int top = blk + s;
                        for (int i = blk; i < top; i++) {
                            final int j = i + s;
                            double x = pr[i], y = pr[j];
                            pr[i] = a * x + b * y;
                            pr[j] = c * x + d * y;
                            x = lr[i];
                            y = lr[j];
                            lr[i] = a * x + b * y;
                            lr[j] = c * x + d * y;
                        }
                    }
                }
            }
            return 0.0;
        }
        // Only RY is real and angled: dRY/dθ = (−i/2)·Y·RY, so Re⟨λ|dU|φ_before⟩ = ½(λ1·φ0 − λ0·φ1) with φ taken
        // before un-applying U: two multiplies per pair instead of a derivative matrix.
        double g0 = 0.0, g1 = 0.0, g2 = 0.0, g3 = 0.0; // four chains: the sum is not one long dependency
        if (s < SMALL_STRIDE) {
            final int mask = s - 1;
            for (int k = start >> 1, kEnd = end >> 1; k < kEnd; k++) {
                final int i = ((k & ~mask) << 1) | (k & mask);
                final int j = i + s;
                final double x = pr[i], y = pr[j];
                pr[i] = a * x + b * y;
                pr[j] = c * x + d * y;
                final double lx = lr[i], ly = lr[j];
                g0 += ly * x - lx * y;
                lr[i] = a * lx + b * ly;
                lr[j] = c * lx + d * ly;
            }
        } else {
                        for (int base = start; base < end; base += s << 1) {
                { // one half-block of 2^bit pairs
                final int blk = base;
                    final int top = blk + s;
                    for (int i0 = blk; i0 < top; i0 += 4) {
                        {
                            final int i = i0, j = i + s;
                            final double x = pr[i], y = pr[j];
                            pr[i] = a * x + b * y;
                            pr[j] = c * x + d * y;
                            final double lx = lr[i], ly = lr[j];
                            g0 += ly * x - lx * y;
                            lr[i] = a * lx + b * ly;
                            lr[j] = c * lx + d * ly;
                        }
                        {
                            final int i = i0 + 1, j = i + s;
                            final double x = pr[i], y = pr[j];
                            pr[i] = a * x + b * y;
                            pr[j] = c * x + d * y;
                            final double lx = lr[i], ly = lr[j];
                            g1 += ly * x - lx * y;
                            lr[i] = a * lx + b * ly;
                            lr[j] = c * lx + d * ly;
                        }
                        {
                            final int i = i0 + 2, j = i + s;
                            final double x = pr[i], y = pr[j];
                            pr[i] = a * x + b * y;
                            pr[j] = c * x + d * y;
                            final double lx = lr[i], ly = lr[j];
                            g2 += ly * x - lx * y;
                            lr[i] = a * lx + b * ly;
                            lr[j] = c * lx + d * ly;
                        }
                        {
                            final int i = i0 + 3, j = i + s;
                            final double x = pr[i], y = pr[j];
                            pr[i] = a * x + b * y;
                            pr[j] = c * x + d * y;
                            final double lx = lr[i], ly = lr[j];
                            g3 += ly * x - lx * y;
                            lr[i] = a * lx + b * ly;
                            lr[j] = c * lx + d * ly;
                        }
                    }
                }
            }
        }
        return 0.5 * ((g0 + g1) + (g2 + g3));
    }

    // ---------------------------------------------------------------- two-qubit permutations / diagonals

    /**
     * Visits every index in [start, end) whose bits {@code lo} and {@code hi} (lo &lt; hi) are both zero, calling
     * the gate-specific body. Written out per gate below so the JIT sees straight loops.
     */
    static void cnot(double[] re, double[] im, int control, int target, int start, int end) {
        final int lo = Math.min(control, target), hi = Math.max(control, target);
        final int sl = 1 << lo, sh = 1 << hi, c = 1 << control, t = 1 << target;
        for (int a = start; a < end; a += sh << 1) {
            for (int b = a; b < a + sh; b += sl << 1) {
                for (int i = b; i < b + sl; i++) {
                    final int p = i | c, q = i | c | t;
                    double tmp = re[p];
                    re[p] = re[q];
                    re[q] = tmp;
                    if (im != null) {
                        tmp = im[p];
                        im[p] = im[q];
                        im[q] = tmp;
                    }
                }
            }
        }
    }

    /** CZ: negates amplitudes whose two bits are both one. */
    static void cz(double[] re, double[] im, int bitA, int bitB, int start, int end) {
        final int lo = Math.min(bitA, bitB), hi = Math.max(bitA, bitB);
        final int sl = 1 << lo, sh = 1 << hi, both = sl | sh;
        for (int a = start; a < end; a += sh << 1) {
            for (int b = a; b < a + sh; b += sl << 1) {
                for (int i = b; i < b + sl; i++) {
                    final int q = i | both;
                    re[q] = -re[q];
                    if (im != null) {
                        im[q] = -im[q];
                    }
                }
            }
        }
    }

    /** SWAP: exchanges amplitudes with bits (1,0) and (0,1). */
    static void swap(double[] re, double[] im, int bitA, int bitB, int start, int end) {
        final int lo = Math.min(bitA, bitB), hi = Math.max(bitA, bitB);
        final int sl = 1 << lo, sh = 1 << hi;
        for (int a = start; a < end; a += sh << 1) {
            for (int b = a; b < a + sh; b += sl << 1) {
                for (int i = b; i < b + sl; i++) {
                    final int p = i | sl, q = i | sh;
                    double tmp = re[p];
                    re[p] = re[q];
                    re[q] = tmp;
                    if (im != null) {
                        tmp = im[p];
                        im[p] = im[q];
                        im[q] = tmp;
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- real, two single-qubit gates per pass

    /**
     * ψ ← M2·M1·ψ for real matrices M1 on {@code bit1} and M2 on {@code bit2} (distinct bits), in one pass: each
     * quadruple of amplitudes is loaded once, both gates are applied in registers, and it is stored once. Scalar
     * kernels are bound by loads and stores, so this halves the memory operations per gate.
     */
    static void realApply2(double[] re, int bit1, int bit2, double[] m, int o1, int o2, int start, int end) {
        if (vector(start, end)) {
            VectorKernels.realApply2(re, bit1, bit2, m, o1, o2, start, end);
            return;
        }
        final double a1 = m[o1], b1 = m[o1 + 2], c1 = m[o1 + 4], d1 = m[o1 + 6];
        final double a2 = m[o2], b2 = m[o2 + 2], c2 = m[o2 + 4], d2 = m[o2 + 6];
        final int s1 = 1 << bit1, s2 = 1 << bit2;
        final int lo = Math.min(bit1, bit2), hi = Math.max(bit1, bit2);
        if (lo < 2) {
            // walk quadruple indices k and insert zeros at both bits
            final int loMask = (1 << lo) - 1, hiMask = (1 << hi) - 1;
            for (int k = start >> 2, kEnd = end >> 2; k < kEnd; k++) {
                final int t = ((k & ~loMask) << 1) | (k & loMask);
                final int i = ((t & ~hiMask) << 1) | (t & hiMask);
                final int i1 = i + s1, i2 = i + s2, i12 = i1 + s2;
                double x00 = re[i], x1 = re[i1], x2 = re[i2], x12 = re[i12];
                double u = a1 * x00 + b1 * x1, v = c1 * x00 + d1 * x1;
                double w = a1 * x2 + b1 * x12, z = c1 * x2 + d1 * x12;
                re[i] = a2 * u + b2 * w;
                re[i2] = c2 * u + d2 * w;
                re[i1] = a2 * v + b2 * z;
                re[i12] = c2 * v + d2 * z;
            }
            return;
        }
        final int slo = 1 << lo, shi = 1 << hi;
        for (int a = start; a < end; a += shi << 1) {
            for (int b = a, bEnd = a + shi; b < bEnd; b += slo << 1) {
                for (int i = b, iEnd = b + slo; i < iEnd; i++) {
                    final int i1 = i + s1, i2 = i + s2, i12 = i1 + s2;
                    double x00 = re[i], x1 = re[i1], x2 = re[i2], x12 = re[i12];
                    double u = a1 * x00 + b1 * x1, v = c1 * x00 + d1 * x1;
                    double w = a1 * x2 + b1 * x12, z = c1 * x2 + d1 * x12;
                    re[i] = a2 * u + b2 * w;
                    re[i2] = c2 * u + d2 * w;
                    re[i1] = a2 * v + b2 * z;
                    re[i12] = c2 * v + d2 * z;
                }
            }
        }
    }

    /**
     * The RY gradient term Re⟨λ|(−i/2)Y|φ⟩ = ½·Σ (λ1·φ0 − λ0·φ1) over the pairs of {@code bit} in [start, end), for
     * real λ and φ at the same point of the circuit (read only).
     */
    static double realGeneratorDot(double[] lr, double[] pr, int bit, int start, int end) {
        if (vector(start, end)) {
            return VectorKernels.realGeneratorDot(lr, pr, bit, start, end);
        }
        final int s = 1 << bit;
        // eight independent sums, so the additions do not wait on one another
        double g0 = 0.0, g1 = 0.0, g2 = 0.0, g3 = 0.0, h0 = 0.0, h1 = 0.0, h2 = 0.0, h3 = 0.0;
        if (s == 1) {
            for (int i = start; i < end; i += 4) {
                g0 += lr[i + 1] * pr[i];
                h0 += lr[i] * pr[i + 1];
                g1 += lr[i + 3] * pr[i + 2];
                h1 += lr[i + 2] * pr[i + 3];
            }
        } else if (s == 2) {
            for (int i = start; i < end; i += 4) {
                g0 += lr[i + 2] * pr[i];
                h0 += lr[i] * pr[i + 2];
                g1 += lr[i + 3] * pr[i + 1];
                h1 += lr[i + 1] * pr[i + 3];
            }
        } else {
            for (int base = start; base < end; base += s << 1) {
                for (int i = base, top = base + s; i < top; i += 4) {
                    final int j = i + s;
                    g0 += lr[j] * pr[i];
                    h0 += lr[i] * pr[j];
                    g1 += lr[j + 1] * pr[i + 1];
                    h1 += lr[i + 1] * pr[j + 1];
                    g2 += lr[j + 2] * pr[i + 2];
                    h2 += lr[i + 2] * pr[j + 2];
                    g3 += lr[j + 3] * pr[i + 3];
                    h3 += lr[i + 3] * pr[j + 3];
                }
            }
        }
        return 0.5 * (((g0 + g1) + (g2 + g3)) - ((h0 + h1) + (h2 + h3)));
    }
}

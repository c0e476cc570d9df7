package org.hybridqml.sim.noise;

/**
 * Plain complex kernels on a vector of 2^N amplitudes stored as separate real and imaginary arrays: a 2×2 matrix on one
 * bit, a 4×4 matrix on two bits. A density matrix of n qubits is such a vector with N = 2n (row bits above column
 * bits), so the same kernels apply U to the rows, U* to the columns, and a channel's superoperator to a (row, column)
 * bit pair. Matrix layout as in {@code org.hybridqml.sim.GateMatrices}.
 */
final class DenseKernels {

    private DenseKernels() {
    }

    /**
     * Applies a 2×2 complex matrix to bit {@code bit} of every index.
     *
     * @param re  real parts
     * @param im  imaginary parts
     * @param bit the bit position
     * @param m   8 doubles, row-major (re, im) pairs
     */
    static void apply1(double[] re, double[] im, int bit, double[] m) {
        int stride = 1 << bit;
        int size = re.length;
        for (int hi = 0; hi < size; hi += 2 * stride) {
            for (int i = hi; i < hi + stride; i++) {
                int j = i + stride;
                double ar = re[i], ai = im[i], br = re[j], bi = im[j];
                re[i] = m[0] * ar - m[1] * ai + m[2] * br - m[3] * bi;
                im[i] = m[0] * ai + m[1] * ar + m[2] * bi + m[3] * br;
                re[j] = m[4] * ar - m[5] * ai + m[6] * br - m[7] * bi;
                im[j] = m[4] * ai + m[5] * ar + m[6] * bi + m[7] * br;
            }
        }
    }

    /**
     * Applies a 4×4 complex matrix to bits {@code bitA} (the high bit of the 4-dimensional sub-index) and
     * {@code bitB} of every index.
     *
     * @param re   real parts
     * @param im   imaginary parts
     * @param bitA the bit giving 2× the sub-index
     * @param bitB the bit giving 1× the sub-index
     * @param m    32 doubles, row-major (re, im) pairs
     */
    static void apply2(double[] re, double[] im, int bitA, int bitB, double[] m) {
        int ma = 1 << bitA;
        int mb = 1 << bitB;
        int lo = Math.min(bitA, bitB);
        int hi = Math.max(bitA, bitB);
        int groups = re.length >> 2;
        for (int g = 0; g < groups; g++) {
            // g with zero bits inserted at lo and hi: the index whose two bits are both 0
            int i = insertZero(insertZero(g, lo), hi);
            int i1 = i | mb;
            int i2 = i | ma;
            int i3 = i | ma | mb;
            double r0 = re[i], r1 = re[i1], r2 = re[i2], r3 = re[i3];
            double q0 = im[i], q1 = im[i1], q2 = im[i2], q3 = im[i3];
            re[i] = row(m, 0, r0, q0, r1, q1, r2, q2, r3, q3, true);
            im[i] = row(m, 0, r0, q0, r1, q1, r2, q2, r3, q3, false);
            re[i1] = row(m, 8, r0, q0, r1, q1, r2, q2, r3, q3, true);
            im[i1] = row(m, 8, r0, q0, r1, q1, r2, q2, r3, q3, false);
            re[i2] = row(m, 16, r0, q0, r1, q1, r2, q2, r3, q3, true);
            im[i2] = row(m, 16, r0, q0, r1, q1, r2, q2, r3, q3, false);
            re[i3] = row(m, 24, r0, q0, r1, q1, r2, q2, r3, q3, true);
            im[i3] = row(m, 24, r0, q0, r1, q1, r2, q2, r3, q3, false);
        }
    }

    /** The real or imaginary part of one row (starting at {@code o}) of a 4×4 complex matrix times a vector. */
    private static double row(double[] m, int o, double r0, double q0, double r1, double q1, double r2, double q2,
                              double r3, double q3, boolean real) {
        if (real) {
            return m[o] * r0 - m[o + 1] * q0 + m[o + 2] * r1 - m[o + 3] * q1
                    + m[o + 4] * r2 - m[o + 5] * q2 + m[o + 6] * r3 - m[o + 7] * q3;
        }
        return m[o] * q0 + m[o + 1] * r0 + m[o + 2] * q1 + m[o + 3] * r1
                + m[o + 4] * q2 + m[o + 5] * r2 + m[o + 6] * q3 + m[o + 7] * r3;
    }

    /** Inserts a 0 bit at position {@code bit} of {@code x}, shifting the higher bits up. */
    private static int insertZero(int x, int bit) {
        int low = x & ((1 << bit) - 1);
        return ((x >> bit) << (bit + 1)) | low;
    }

    /**
     * The complex conjugate of a matrix in (re, im) layout.
     *
     * @param m the matrix
     * @return a new conjugated matrix
     */
    static double[] conjugate(double[] m) {
        double[] c = m.clone();
        for (int k = 1; k < c.length; k += 2) {
            c[k] = -c[k];
        }
        return c;
    }

    /**
     * The superoperator Σ_k K_k ⊗ K_k* of a single-qubit channel, as a 4×4 matrix acting on the (row bit, column
     * bit) pair of a density matrix: S[(a,b),(c,d)] = Σ_k K_k[a][c]·conj(K_k[b][d]), sub-index 2·row + column.
     *
     * @param kraus the Kraus operators (a single unitary for ρ → UρU†), 8 doubles each
     * @return 32 doubles
     */
    static double[] superoperator(double[]... kraus) {
        double[] s = new double[32];
        for (double[] k : kraus) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    for (int c = 0; c < 2; c++) {
                        for (int d = 0; d < 2; d++) {
                            double xr = k[2 * (2 * a + c)];
                            double xi = k[2 * (2 * a + c) + 1];
                            double yr = k[2 * (2 * b + d)];
                            double yi = -k[2 * (2 * b + d) + 1];
                            int e = 2 * (4 * (2 * a + b) + (2 * c + d));
                            s[e] += xr * yr - xi * yi;
                            s[e + 1] += xr * yi + xi * yr;
                        }
                    }
                }
            }
        }
        return s;
    }
}

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
        int both = ma | mb;
        int[] idx = new int[4];
        double[] vr = new double[4];
        double[] vi = new double[4];
        for (int i = 0; i < re.length; i++) {
            if ((i & both) != 0) {
                continue;
            }
            idx[0] = i;
            idx[1] = i | mb;
            idx[2] = i | ma;
            idx[3] = i | both;
            for (int k = 0; k < 4; k++) {
                vr[k] = re[idx[k]];
                vi[k] = im[idx[k]];
            }
            for (int r = 0; r < 4; r++) {
                double sr = 0;
                double si = 0;
                for (int c = 0; c < 4; c++) {
                    double mr = m[8 * r + 2 * c];
                    double mi = m[8 * r + 2 * c + 1];
                    sr += mr * vr[c] - mi * vi[c];
                    si += mr * vi[c] + mi * vr[c];
                }
                re[idx[r]] = sr;
                im[idx[r]] = si;
            }
        }
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

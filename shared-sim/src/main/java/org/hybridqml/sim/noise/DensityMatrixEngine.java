package org.hybridqml.sim.noise;

import org.hybridqml.sim.StatevectorSimulator;

/**
 * Exact noisy simulation on the density matrix: ρ → UρU† gate by gate and ρ → Σ_k K_k ρ K_k† for every channel step,
 * on a 2^n × 2^n matrix stored row-major as a vector of 4^n amplitudes (row bits above column bits, see
 * {@link DenseKernels}). A single-qubit gate or channel is one pass with its 4×4 superoperator on the (row, column)
 * bit pair; a two-qubit gate is one pass with U on the row bits and one with U* on the column bits. One engine per
 * worker thread: it owns its buffers (16·4^n bytes).
 */
final class DensityMatrixEngine {

    private final NoisyProgram program;
    private final StatevectorSimulator statevector;
    private final double[] re;
    private final double[] im;
    private final double[] channel;

    DensityMatrixEngine(NoisyProgram program, StatevectorSimulator statevector) {
        this.program = program;
        this.statevector = statevector;
        this.re = new double[program.dim * program.dim];
        this.im = new double[program.dim * program.dim];
        this.channel = DenseKernels.superoperator(program.noise.krausOperators());
    }

    /** Bytes of one engine's buffers for an n-qubit circuit. */
    static long bytes(int numQubits) {
        return 16L << (2 * numQubits);
    }

    /** Evolves ρ₀ = |ψ₀⟩⟨ψ₀| of one sample through the noisy circuit. */
    void evolve(double[] params, double[] input) {
        int dim = program.dim;
        int n = program.numQubits;
        double[][] psi = program.initialState(statevector, input);
        double[] pr = psi[0];
        double[] pi = psi[1];
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                // ψ_r · conj(ψ_c)
                re[r * dim + c] = pr[r] * pr[c] + pi[r] * pi[c];
                im[r * dim + c] = pi[r] * pr[c] - pr[r] * pi[c];
            }
        }
        double[][] mats = program.gateMatrices(params, input);
        for (int s = 0; s < program.size(); s++) {
            int a = program.bitA[s];
            switch (program.kind[s]) {
                case NoisyProgram.GATE1:
                    DenseKernels.apply2(re, im, a + n, a, DenseKernels.superoperator(mats[s]));
                    break;
                case NoisyProgram.GATE2:
                    DenseKernels.apply2(re, im, a + n, program.bitB[s] + n, mats[s]);
                    DenseKernels.apply2(re, im, a, program.bitB[s], DenseKernels.conjugate(mats[s]));
                    break;
                default:
                    DenseKernels.apply2(re, im, a + n, a, channel);
            }
        }
    }

    /** @return Tr(O_k ρ) for every observable of the evolved ρ */
    double[] expectations() {
        int dim = program.dim;
        double[] out = new double[program.obsBit.length];
        for (int k = 0; k < out.length; k++) {
            int bit = program.obsBit[k];
            double sum = 0;
            if (program.obsIsX[k]) {
                // Tr(Xρ) = Σ_i ρ[i ⊕ m][i]
                for (int i = 0; i < dim; i++) {
                    sum += re[(i ^ (1 << bit)) * dim + i];
                }
            } else {
                for (int i = 0; i < dim; i++) {
                    double d = re[i * dim + i];
                    sum += ((i >> bit) & 1) == 0 ? d : -d;
                }
            }
            out[k] = sum;
        }
        return out;
    }

    /** @return copies of the evolved ρ, {re, im}, row-major */
    double[][] state() {
        return new double[][]{re.clone(), im.clone()};
    }
}

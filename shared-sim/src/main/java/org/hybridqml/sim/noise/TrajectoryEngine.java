package org.hybridqml.sim.noise;

import org.hybridqml.sim.Interrupts;
import org.hybridqml.sim.StatevectorSimulator;

import java.util.SplittableRandom;

/**
 * Quantum trajectories (Monte Carlo wave functions; Dalibard, Castin &amp; Mølmer, Phys. Rev. Lett. 68, 580
 * (1992)): each trajectory runs the circuit on a statevector and, at every channel step, applies one Kraus operator K_k chosen with
 * probability p_k = ‖K_k ψ‖², then renormalises. The average of ⟨ψ|O|ψ⟩ over trajectories is an unbiased estimate of
 * Tr(Oρ). For depolarizing and bit flip the K_k are weighted Paulis, so p_k does not depend on ψ and the chosen Pauli
 * is applied directly. One engine per worker thread: it owns its state buffers.
 */
final class TrajectoryEngine {

    private final NoisyProgram program;
    private final StatevectorSimulator statevector;
    private final double[] re;
    private final double[] im;
    private final double[][] kraus;
    /** Weights of the unitary mixture, or null when p_k depends on the state. */
    private final double[] weights;
    /** The unitaries K_k/√w_k of a unitary mixture. */
    private final double[][] unitaries;
    private final double[] readout;

    TrajectoryEngine(NoisyProgram program, StatevectorSimulator statevector) {
        this.program = program;
        this.statevector = statevector;
        this.re = new double[program.dim];
        this.im = new double[program.dim];
        this.kraus = program.noise.krausOperators();
        this.weights = program.noise.unitaryMixtureWeights();
        this.readout = new double[program.obsBit.length];
        if (weights != null) {
            unitaries = new double[kraus.length][];
            for (int k = 0; k < kraus.length; k++) {
                double scale = weights[k] > 0 ? 1.0 / Math.sqrt(weights[k]) : 0.0;
                unitaries[k] = kraus[k].clone();
                for (int e = 0; e < 8; e++) {
                    unitaries[k][e] *= scale;
                }
            }
        } else {
            unitaries = null;
        }
    }

    /**
     * One sample's estimate.
     *
     * @param trajectories trajectories to average when {@code shots == 0}
     * @param shots        0 for the trajectory average of ⟨O⟩; otherwise one trajectory per shot, each measured once
     *                     (a ±1 outcome per observable drawn from that trajectory's state), and the mean outcome
     * @param rng          the sample's random source
     * @return the estimates, one per observable
     */
    double[] expectations(double[] params, double[] input, int trajectories, int shots, SplittableRandom rng) {
        double[][] psi0 = program.initialState(statevector, input);
        double[][] mats = program.gateMatrices(params, input);
        int runs = shots > 0 ? shots : trajectories;
        double[] sum = new double[readout.length];
        for (int t = 0; t < runs; t++) {
            Interrupts.check("Noisy trajectories of a " + program.numQubits + "-qubit circuit");
            System.arraycopy(psi0[0], 0, re, 0, re.length);
            System.arraycopy(psi0[1], 0, im, 0, im.length);
            for (int s = 0; s < program.size(); s++) {
                switch (program.kind[s]) {
                    case NoisyProgram.GATE1:
                        DenseKernels.apply1(re, im, program.bitA[s], mats[s]);
                        break;
                    case NoisyProgram.GATE2:
                        DenseKernels.apply2(re, im, program.bitA[s], program.bitB[s], mats[s]);
                        break;
                    default:
                        channel(program.bitA[s], rng);
                }
            }
            read();
            for (int k = 0; k < sum.length; k++) {
                sum[k] += shots > 0 ? StatevectorSimulator.sampleMean(readout[k], 1, rng) : readout[k];
            }
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] /= runs;
        }
        return sum;
    }

    /** Applies one randomly chosen Kraus operator of the channel to {@code bit}. */
    private void channel(int bit, SplittableRandom rng) {
        double r = rng.nextDouble();
        if (weights != null) {
            double cum = 0;
            for (int k = 0; k < weights.length; k++) {
                cum += weights[k];
                if (r < cum || k == weights.length - 1) {
                    if (k > 0) {
                        DenseKernels.apply1(re, im, bit, unitaries[k]);
                    }
                    return;
                }
            }
        }
        double[] p = new double[kraus.length];
        double total = 0;
        for (int k = 0; k < kraus.length; k++) {
            p[k] = branchProbability(bit, kraus[k]);
            total += p[k];
        }
        double target = r * total;
        double cum = 0;
        int chosen = kraus.length - 1;
        for (int k = 0; k < kraus.length; k++) {
            cum += p[k];
            if (target < cum) {
                chosen = k;
                break;
            }
        }
        double scale = 1.0 / Math.sqrt(p[chosen]);
        double[] m = kraus[chosen].clone();
        for (int e = 0; e < 8; e++) {
            m[e] *= scale;
        }
        DenseKernels.apply1(re, im, bit, m);
    }

    /** ‖K ψ‖² for a 2×2 K on {@code bit}, without changing ψ. */
    private double branchProbability(int bit, double[] m) {
        int stride = 1 << bit;
        double sum = 0;
        for (int hi = 0; hi < re.length; hi += 2 * stride) {
            for (int i = hi; i < hi + stride; i++) {
                int j = i + stride;
                double xr = m[0] * re[i] - m[1] * im[i] + m[2] * re[j] - m[3] * im[j];
                double xi = m[0] * im[i] + m[1] * re[i] + m[2] * im[j] + m[3] * re[j];
                double yr = m[4] * re[i] - m[5] * im[i] + m[6] * re[j] - m[7] * im[j];
                double yi = m[4] * im[i] + m[5] * re[i] + m[6] * im[j] + m[7] * re[j];
                sum += xr * xr + xi * xi + yr * yr + yi * yi;
            }
        }
        return sum;
    }

    /** ⟨ψ|O_k|ψ⟩ for every observable, into {@link #readout}. */
    private void read() {
        for (int k = 0; k < readout.length; k++) {
            int stride = 1 << program.obsBit[k];
            double sum = 0;
            for (int hi = 0; hi < re.length; hi += 2 * stride) {
                for (int i = hi; i < hi + stride; i++) {
                    int j = i + stride;
                    if (program.obsIsX[k]) {
                        sum += 2 * (re[i] * re[j] + im[i] * im[j]);
                    } else {
                        sum += re[i] * re[i] + im[i] * im[i] - re[j] * re[j] - im[j] * im[j];
                    }
                }
            }
            readout[k] = sum;
        }
    }
}

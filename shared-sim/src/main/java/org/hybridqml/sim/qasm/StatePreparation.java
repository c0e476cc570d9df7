package org.hybridqml.sim.qasm;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Gate;
import org.hybridqml.sim.circuit.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * Prepares a real state vector from |0…0⟩ with RY rotations and CNOTs (Möttönen, Vartiainen, Bergholm &amp; Salomaa,
 * "Transformation of quantum states using uniformly controlled rotations", arXiv:quant-ph/0407010, section 3 and
 * eq. (3)-(5); for a real vector no RZ stage is needed).
 *
 * <p>Wire k (k = 0..n−1, wire 0 the most significant bit) gets an RY uniformly controlled by wires 0..k−1: for the
 * prefix p of the first k bits, RY(α_p) with cos(α_p/2), sin(α_p/2) proportional to the norms of the amplitudes
 * whose next bit is 0 and 1. On the last wire the two amplitudes themselves, signed, give α_p = 2·atan2(a_1, a_0),
 * which puts the signs in. A uniformly controlled RY with k controls becomes 2^k RY and 2^k CNOTs: rotation i has
 * angle θ_i = 2^{−k} Σ_p (−1)^{popcount(p ∧ g_i)} α_p with g_i the i-th Gray code, and is followed by a CNOT from
 * the control whose bit changes between g_i and g_{i+1} (cyclically), so the target sees X·RY(θ)·X = RY(−θ) exactly
 * where p ∧ g_i has odd parity (quant-ph/0407010, eq. (6)-(7)). In all 2^n − 1 RY and 2^n − 2 CNOT, whatever the
 * amplitudes (zero angles are kept so that every sample has the same gate sequence).
 */
final class StatePreparation {

    private StatePreparation() {
    }

    /**
     * The gates that take |0…0⟩ to a/‖a‖.
     *
     * @param numQubits  n
     * @param amplitudes real amplitudes, at most 2^n of them (zero-padded), finite, not all zero; need not be
     *                   normalised
     * @return the operations, constant angles
     */
    static List<Operation> realState(int numQubits, double[] amplitudes) {
        int dim = 1 << numQubits;
        double[] a = new double[dim];
        System.arraycopy(amplitudes, 0, a, 0, amplitudes.length);
        // weight[level][p]: squared norm of the amplitudes whose first `level` bits are p
        double[][] weight = new double[numQubits + 1][];
        weight[numQubits] = new double[dim];
        for (int i = 0; i < dim; i++) {
            weight[numQubits][i] = a[i] * a[i];
        }
        for (int level = numQubits - 1; level >= 0; level--) {
            weight[level] = new double[1 << level];
            for (int p = 0; p < weight[level].length; p++) {
                weight[level][p] = weight[level + 1][2 * p] + weight[level + 1][2 * p + 1];
            }
        }
        List<Operation> ops = new ArrayList<>();
        for (int k = 0; k < numQubits; k++) {
            double[] alpha = new double[1 << k];
            for (int p = 0; p < alpha.length; p++) {
                double zero;
                double one;
                if (k == numQubits - 1) {
                    zero = a[2 * p];
                    one = a[2 * p + 1];
                } else {
                    zero = Math.sqrt(weight[k + 1][2 * p]);
                    one = Math.sqrt(weight[k + 1][2 * p + 1]);
                }
                // a zero branch needs no rotation (atan2(±0, −0) would give ±π)
                alpha[p] = zero == 0.0 && one == 0.0 ? 0.0 : 2.0 * Math.atan2(one, zero);
            }
            uniformlyControlledRy(k, alpha, ops);
        }
        return ops;
    }

    /**
     * Appends RY(α_p) on wire {@code target} controlled by the value p of wires 0..target−1 (wire 0 the most
     * significant bit of p), as RY and CNOT gates.
     */
    private static void uniformlyControlledRy(int target, double[] alpha, List<Operation> ops) {
        int size = alpha.length;
        if (size == 1) {
            ops.add(new Operation(Gate.RY, new int[]{target}, Angle.constant(alpha[0])));
            return;
        }
        // walsh[g] = Σ_p (−1)^{popcount(p ∧ g)} α_p for every g: the fast Walsh-Hadamard transform, O(k·2^k)
        double[] walsh = alpha.clone();
        for (int half = 1; half < size; half <<= 1) {
            for (int block = 0; block < size; block += 2 * half) {
                for (int j = block; j < block + half; j++) {
                    double u = walsh[j];
                    double v = walsh[j + half];
                    walsh[j] = u + v;
                    walsh[j + half] = u - v;
                }
            }
        }
        for (int i = 0; i < size; i++) {
            int gray = i ^ (i >>> 1);
            double theta = walsh[gray];
            ops.add(new Operation(Gate.RY, new int[]{target}, Angle.constant(theta / size)));
            int next = (i + 1) % size;
            int changed = Integer.numberOfTrailingZeros(gray ^ (next ^ (next >>> 1)));
            ops.add(new Operation(Gate.CNOT, new int[]{target - 1 - changed, target}));
        }
    }
}

package org.hybridqml.sim;

import org.hybridqml.sim.circuit.Gate;
import org.hybridqml.sim.circuit.Operation;

/**
 * The matrices of the gate set, for simulators outside this package (e.g. the density-matrix and trajectory
 * simulators of {@code org.hybridqml.sim.noise}). Single-qubit matrices come from the same code the statevector
 * engines use; conventions are PennyLane's (RX(θ) = exp(−iθX/2), Rot(φ,θ,ω) = RZ(ω)·RY(θ)·RZ(φ)).
 *
 * <p>Layout: complex entries as (re, im) pairs, row-major. A 2×2 matrix is 8 doubles; a 4×4 matrix is 32 doubles whose
 * basis index is 2·(bit of the first wire) + (bit of the second wire).
 */
public final class GateMatrices {

    private GateMatrices() {
    }

    /**
     * The 2×2 matrix of a single-qubit operation.
     *
     * @param op     a single-qubit operation
     * @param params trainable parameters
     * @param input  the sample's input features
     * @return 8 doubles (re00, im00, re01, im01, re10, im10, re11, im11)
     * @throws IllegalArgumentException for a two-qubit operation
     */
    public static double[] singleQubit(Operation op, double[] params, double[] input) {
        Gate g = op.gate();
        if (g.numWires() != 1) {
            throw new IllegalArgumentException(g + " is not a single-qubit gate");
        }
        double[] m = new double[8];
        if (g != Gate.ROT) {
            double theta = op.numAngles() > 0 ? op.angle(0).value(params, input) : 0.0;
            CompiledCircuit.matrixOfKind(CompiledCircuit.singleKind(g), theta, m, 0);
            return m;
        }
        // Rot(φ,θ,ω) = RZ(ω)·RY(θ)·RZ(φ)
        double[] rz1 = new double[8];
        double[] ry = new double[8];
        double[] rz2 = new double[8];
        CompiledCircuit.matrixOfKind(CompiledCircuit.RZ, op.angle(0).value(params, input), rz1, 0);
        CompiledCircuit.matrixOfKind(CompiledCircuit.RY, op.angle(1).value(params, input), ry, 0);
        CompiledCircuit.matrixOfKind(CompiledCircuit.RZ, op.angle(2).value(params, input), rz2, 0);
        return multiply(rz2, multiply(ry, rz1));
    }

    /**
     * The 4×4 matrix of a two-qubit gate (CNOT with the first wire as control, CZ, SWAP).
     *
     * @param gate a two-qubit gate
     * @return 32 doubles, row-major (re, im) pairs
     * @throws IllegalArgumentException for a single-qubit gate
     */
    public static double[] twoQubit(Gate gate) {
        // permutation of the basis |ab⟩ (index 2a + b) and the sign of each column
        int[] perm;
        double[] sign = {1, 1, 1, 1};
        switch (gate) {
            case CNOT:
                perm = new int[]{0, 1, 3, 2};
                break;
            case CZ:
                perm = new int[]{0, 1, 2, 3};
                sign[3] = -1;
                break;
            case SWAP:
                perm = new int[]{0, 2, 1, 3};
                break;
            default:
                throw new IllegalArgumentException(gate + " is not a two-qubit gate");
        }
        double[] m = new double[32];
        for (int col = 0; col < 4; col++) {
            m[2 * (4 * perm[col] + col)] = sign[col];
        }
        return m;
    }

    /**
     * The product a·b of two 2×2 complex matrices in the layout of {@link #singleQubit}.
     *
     * @param a left factor
     * @param b right factor
     * @return a new matrix
     */
    public static double[] multiply(double[] a, double[] b) {
        double[] m = new double[8];
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                double re = 0;
                double im = 0;
                for (int k = 0; k < 2; k++) {
                    int ai = 2 * (2 * r + k);
                    int bi = 2 * (2 * k + c);
                    re += a[ai] * b[bi] - a[ai + 1] * b[bi + 1];
                    im += a[ai] * b[bi + 1] + a[ai + 1] * b[bi];
                }
                m[2 * (2 * r + c)] = re;
                m[2 * (2 * r + c) + 1] = im;
            }
        }
        return m;
    }
}

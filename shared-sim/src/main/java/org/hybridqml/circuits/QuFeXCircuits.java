package org.hybridqml.circuits;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;

/**
 * The two QuFeX feature-extraction circuits of Qu-Net (Jain &amp; Kalev, arXiv:2501.13165), exactly as in the
 * authors' code ({@code Jain-Naman/QuNet-Ph2/models/qunet_*.py}).
 *
 * <p>Each circuit has 4 trainable scalars (a, b, c, d) = parameters 0..3, shared by every qubit pair of a stage and,
 * in the network, by every patch and feature-map group. Inputs 0..n-1 are the n patch values x_i (raw bottleneck
 * activations, angle-encoded with scale π). With h = n/2 and k = ⌊h/2⌋:
 * <ol>
 *   <li>encoding (PQC1: RY(π·x_i); PQC2: H then RZ(π·x_i));</li>
 *   <li>conv stage U1 (params a, b) on pairs (0,1), (2,3), …, (n-2,n-1), then (1,2), (3,4), …, (n-3,n-2): gate A(a)
 *       on the first qubit, B(b) on the second, CNOT(first → second);</li>
 *   <li>pooling V1: CZ on (0,1), (2,3), …, (n-2,n-1) (no qubit is discarded);</li>
 *   <li>conv stage U2 (params c, d) on the even qubits: pairs (4j, 4j+2) for j &lt; k, then (4j-2, 4j) for
 *       1 ≤ j &lt; k, same pattern with gates C(c), D(d);</li>
 *   <li>pooling V2: CZ on (4j, 4j+2), j &lt; k;</li>
 *   <li>readout on all n wires (PQC1: ⟨Z⟩; PQC2: ⟨X⟩).</li>
 * </ol>
 * PQC1 uses A, B, C, D = RX, RZ, RX, RY; PQC2 uses RY, RX, RZ, RX.
 */
public final class QuFeXCircuits {

    /** Trainable scalars per QuFeX filter. */
    public static final int NUM_PARAMETERS = 4;

    private QuFeXCircuits() {
    }

    /**
     * Filter 1 ("PQC1"): RY(π·x) encoding, RX/RZ and RX/RY bricks, CZ pooling, ⟨Z⟩ on all wires.
     *
     * @param numQubits even number of qubits, 2..24
     * @return the circuit (parameters a, b, c, d; inputs x_0..x_{n-1})
     */
    public static Circuit pqc1(int numQubits) {
        checkQubits(numQubits);
        Circuit.Builder b = Circuit.builder(numQubits).numParameters(NUM_PARAMETERS).numInputs(numQubits);
        b.angleEmbedding(Gate.RY, 0, numQubits, Math.PI);
        stages(b, numQubits, Gate.RX, Gate.RZ, Gate.RX, Gate.RY);
        return b.expectZAll().build();
    }

    /**
     * Filter 2 ("PQC2"): H then RZ(π·x) encoding, RY/RX and RZ/RX bricks, CZ pooling, ⟨X⟩ on all wires.
     *
     * @param numQubits even number of qubits, 2..24
     * @return the circuit (parameters a', b', c', d'; inputs x_0..x_{n-1})
     */
    public static Circuit pqc2(int numQubits) {
        checkQubits(numQubits);
        Circuit.Builder b = Circuit.builder(numQubits).numParameters(NUM_PARAMETERS).numInputs(numQubits);
        for (int w = 0; w < numQubits; w++) {
            b.h(w);
        }
        b.angleEmbedding(Gate.RZ, 0, numQubits, Math.PI);
        stages(b, numQubits, Gate.RY, Gate.RX, Gate.RZ, Gate.RX);
        for (int w = 0; w < numQubits; w++) {
            b.expectX(w);
        }
        return b.build();
    }

    private static void checkQubits(int n) {
        if (n < 2 || n > 24 || n % 2 != 0) {
            throw new IllegalArgumentException("QuFeX circuits need an even number of qubits in 2..24, got " + n);
        }
    }

    private static void stages(Circuit.Builder b, int n, Gate first1, Gate second1, Gate first2, Gate second2) {
        // U1: even-odd pairs, then odd-even pairs.
        for (int q = 0; q + 1 < n; q += 2) {
            brick(b, q, q + 1, first1, 0, second1, 1);
        }
        for (int q = 1; q + 1 < n - 1; q += 2) {
            brick(b, q, q + 1, first1, 0, second1, 1);
        }
        // V1
        for (int q = 0; q + 1 < n; q += 2) {
            b.cz(q, q + 1);
        }
        int k = (n / 2) / 2;
        // U2 on even wires
        for (int j = 0; j < k; j++) {
            brick(b, 4 * j, 4 * j + 2, first2, 2, second2, 3);
        }
        for (int j = 1; j < k; j++) {
            brick(b, 4 * j - 2, 4 * j, first2, 2, second2, 3);
        }
        // V2
        for (int j = 0; j < k; j++) {
            b.cz(4 * j, 4 * j + 2);
        }
    }

    private static void brick(Circuit.Builder b, int first, int second, Gate g1, int p1, Gate g2, int p2) {
        b.gate(g1, new int[]{first}, Angle.param(p1));
        b.gate(g2, new int[]{second}, Angle.param(p2));
        b.cnot(first, second);
    }
}

package org.hybridqml.circuits;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;

/**
 * The quantum pointwise-convolution circuit (Ning, Li &amp; Chen, arXiv:2412.01241):
 * amplitude embedding of a pixel's channel vector, PennyLane {@code StronglyEntanglingLayers}, ⟨Z⟩ on every wire.
 *
 * <p>Layer l (0-based) applies Rot(w[l,i,0], w[l,i,1], w[l,i,2]) on every wire i, then CNOT(i → (i+r) mod n) for
 * i = 0..n-1 in order, with PennyLane's default range r = (l mod (n−1)) + 1 (no CNOTs on one wire). Parameter
 * w[l,i,k] has index (l·n + i)·3 + k.
 */
public final class StronglyEntanglingLayers {

    private StronglyEntanglingLayers() {
    }

    /**
     * Number of qubits that amplitude-embed a vector: ⌈log2 C⌉ (at least 1).
     *
     * @param channels vector length C &ge; 1
     * @return qubits
     */
    public static int qubitsFor(int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("Channel count must be >= 1, got " + channels);
        }
        int n = 32 - Integer.numberOfLeadingZeros(channels - 1);
        return Math.max(1, n);
    }

    /**
     * The CNOT range PennyLane uses for layer {@code layer} of {@code numQubits} wires.
     *
     * @param layer     layer index
     * @param numQubits wires
     * @return r, or 0 when there are no CNOTs
     */
    public static int range(int layer, int numQubits) {
        return numQubits > 1 ? (layer % (numQubits - 1)) + 1 : 0;
    }

    /**
     * The circuit on a C-channel input.
     *
     * @param channels number of input features C (amplitude embedded, zero-padded to 2^n)
     * @param layers   number of strongly entangling layers L &ge; 1
     * @return the circuit, with 3·L·n parameters and n outputs
     */
    public static Circuit circuit(int channels, int layers) {
        if (layers < 1) {
            throw new IllegalArgumentException("Need at least one strongly entangling layer, got " + layers);
        }
        int n = qubitsFor(channels);
        Circuit.Builder b = Circuit.builder(n).amplitudeEmbedding(channels);
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i < n; i++) {
                int p = (l * n + i) * 3;
                b.rot(i, Angle.param(p), Angle.param(p + 1), Angle.param(p + 2));
            }
            int r = range(l, n);
            if (r > 0) {
                for (int i = 0; i < n; i++) {
                    b.cnot(i, (i + r) % n);
                }
            }
        }
        return b.numParameters(3 * layers * n).expectZAll().build();
    }
}

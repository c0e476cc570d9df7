package org.hybridqml.tribuo.qnn;

/**
 * Which classifier head a {@link AbstractHeadTrainer} trains (Chan et al., arXiv:2405.00156).
 */
public enum HeadType {
    /**
     * The dressed quantum circuit: Dense(F → n) → tanh·π/2 → n-qubit circuit (H, RY(x), layers of RY(w) + CNOT
     * ring) → ⟨Z⟩ → Dense(n → L) logits ({@link org.hybridqml.qnn.head.DressedQuantumHead}).
     */
    DQC,
    /** The classical twin: one Dense(F → L) layer producing logits ({@link org.hybridqml.qnn.head.DenseHead}). */
    CDL
}

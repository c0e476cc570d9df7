package org.hybridqml.sim.circuit;

/**
 * The gate set, with PennyLane conventions: RX/RY/RZ(θ) = exp(-iθσ/2), Rot(φ,θ,ω) = RZ(ω)·RY(θ)·RZ(φ),
 * PhaseShift(φ) = diag(1, e^{iφ}); for two-qubit gates the first wire is the control.
 */
public enum Gate {
    /** Hadamard. */
    H(1, 0, true),
    /** Pauli X. */
    X(1, 0, true),
    /** Pauli Y. */
    Y(1, 0, false),
    /** Pauli Z. */
    Z(1, 0, true),
    /** Phase gate diag(1, i). */
    S(1, 0, false),
    /** T gate diag(1, e^{iπ/4}). */
    T(1, 0, false),
    /** X rotation exp(-iθX/2). */
    RX(1, 1, false),
    /** Y rotation exp(-iθY/2): a real matrix. */
    RY(1, 1, true),
    /** Z rotation exp(-iθZ/2). */
    RZ(1, 1, false),
    /** General rotation RZ(ω)·RY(θ)·RZ(φ), angles (φ, θ, ω). */
    ROT(1, 3, false),
    /** Phase shift diag(1, e^{iφ}). */
    PHASE_SHIFT(1, 1, false),
    /** Controlled NOT, wires (control, target). */
    CNOT(2, 0, true),
    /** Controlled Z (symmetric). */
    CZ(2, 0, true),
    /** SWAP. */
    SWAP(2, 0, true);

    private final int numWires;
    private final int numAngles;
    private final boolean real;

    Gate(int numWires, int numAngles, boolean real) {
        this.numWires = numWires;
        this.numAngles = numAngles;
        this.real = real;
    }

    /** @return how many wires the gate acts on */
    public int numWires() {
        return numWires;
    }

    /** @return how many rotation angles the gate takes */
    public int numAngles() {
        return numAngles;
    }

    /** @return true if the gate's matrix is real for every angle, so a real state stays real */
    public boolean isReal() {
        return real;
    }
}

package org.hybridqml.sim.circuit;

import java.io.Serializable;

/**
 * A single-wire Pauli observable whose exact expectation value the simulator returns.
 *
 * @param pauli which Pauli operator
 * @param wire  the wire it acts on
 */
public record Observable(Pauli pauli, int wire) implements Serializable {

    /** Supported Pauli operators. */
    public enum Pauli {
        /** Pauli X. */
        X,
        /** Pauli Z. */
        Z
    }

    /**
     * Validates the wire.
     *
     * @param pauli which Pauli operator
     * @param wire  the wire, &ge; 0
     */
    public Observable {
        if (pauli == null) {
            throw new IllegalArgumentException("Null Pauli operator");
        }
        if (wire < 0) {
            throw new IllegalArgumentException("Negative observable wire " + wire);
        }
    }

    /**
     * @param wire the wire
     * @return ⟨Z⟩ on that wire
     */
    public static Observable z(int wire) {
        return new Observable(Pauli.Z, wire);
    }

    /**
     * @param wire the wire
     * @return ⟨X⟩ on that wire
     */
    public static Observable x(int wire) {
        return new Observable(Pauli.X, wire);
    }

    @Override
    public String toString() {
        return "<" + pauli + wire + ">";
    }
}

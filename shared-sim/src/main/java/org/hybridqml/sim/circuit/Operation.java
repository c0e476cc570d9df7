package org.hybridqml.sim.circuit;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One gate application: the gate, its wires and its angles. Immutable.
 */
public final class Operation implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Gate gate;
    private final int[] wires;
    private final Angle[] angles;

    /**
     * Creates an operation.
     *
     * @param gate   the gate
     * @param wires  its wires (control first for controlled gates); distinct
     * @param angles its angles, {@link Gate#numAngles()} of them
     * @throws IllegalArgumentException on a wrong number of wires/angles or repeated wires
     */
    public Operation(Gate gate, int[] wires, Angle... angles) {
        if (wires.length != gate.numWires()) {
            throw new IllegalArgumentException(gate + " acts on " + gate.numWires() + " wire(s), got "
                    + Arrays.toString(wires));
        }
        if (angles.length != gate.numAngles()) {
            throw new IllegalArgumentException(gate + " takes " + gate.numAngles() + " angle(s), got " + angles.length);
        }
        for (int w : wires) {
            if (w < 0) {
                throw new IllegalArgumentException("Negative wire " + w + " for " + gate);
            }
        }
        if (wires.length == 2 && wires[0] == wires[1]) {
            throw new IllegalArgumentException(gate + " needs two distinct wires, got " + Arrays.toString(wires));
        }
        for (Angle a : angles) {
            if (a == null) {
                throw new IllegalArgumentException("Null angle for " + gate);
            }
        }
        this.gate = gate;
        this.wires = wires.clone();
        this.angles = angles.clone();
    }

    /** @return the gate */
    public Gate gate() {
        return gate;
    }

    /**
     * @param i position
     * @return the i-th wire
     */
    public int wire(int i) {
        return wires[i];
    }

    /** @return a copy of the wires */
    public int[] wires() {
        return wires.clone();
    }

    /**
     * @param i position
     * @return the i-th angle
     */
    public Angle angle(int i) {
        return angles[i];
    }

    /** @return number of angles */
    public int numAngles() {
        return angles.length;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Operation)) {
            return false;
        }
        Operation op = (Operation) o;
        return gate == op.gate && Arrays.equals(wires, op.wires) && Arrays.equals(angles, op.angles);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * gate.hashCode() + Arrays.hashCode(wires)) + Arrays.hashCode(angles);
    }

    @Override
    public String toString() {
        return gate + (angles.length > 0 ? Arrays.toString(angles) : "") + Arrays.toString(wires);
    }
}

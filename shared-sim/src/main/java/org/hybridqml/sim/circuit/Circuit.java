package org.hybridqml.sim.circuit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parametrised quantum circuit as plain, immutable data: an optional amplitude embedding of input features
 * as the initial state (otherwise |0…0⟩), a list of {@link Operation}s, and the {@link Observable}s to read out.
 *
 * <p>Wire 0 is the most significant bit of the basis-state index (PennyLane's convention). The circuit says
 * nothing about how it is executed; see {@code org.hybridqml.sim.StatevectorSimulator}.
 */
public final class Circuit implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Largest number of qubits a circuit may declare (2^30 amplitudes fill a Java array). */
    public static final int MAX_QUBITS = 30;

    private final int numQubits;
    private final AmplitudeEmbedding amplitudeEmbedding;
    private final List<Operation> operations;
    private final List<Observable> observables;
    private final int numParameters;
    private final int numInputs;

    private Circuit(Builder b) {
        this.numQubits = b.numQubits;
        this.amplitudeEmbedding = b.amplitudeEmbedding;
        this.operations = Collections.unmodifiableList(new ArrayList<>(b.operations));
        this.observables = Collections.unmodifiableList(new ArrayList<>(b.observables));
        int maxParam = b.declaredParameters - 1;
        int maxInput = b.declaredInputs - 1;
        if (amplitudeEmbedding != null) {
            maxInput = Math.max(maxInput, amplitudeEmbedding.firstFeature() + amplitudeEmbedding.length() - 1);
        }
        // The amplitude embedding declares the features it reads; angles may read up to the larger declaration.
        int declaredInputs = b.declaredInputs > 0 ? maxInput + 1 : 0;
        for (Operation op : operations) {
            for (int i = 0; i < op.numAngles(); i++) {
                Angle a = op.angle(i);
                if (a.source() == Angle.Source.PARAMETER) {
                    checkDeclared(a.index(), b.declaredParameters, "parameter", op);
                    maxParam = Math.max(maxParam, a.index());
                } else if (a.source() == Angle.Source.INPUT) {
                    checkDeclared(a.index(), declaredInputs, "input feature", op);
                    maxInput = Math.max(maxInput, a.index());
                }
            }
        }
        this.numParameters = maxParam + 1;
        this.numInputs = maxInput + 1;
        if (observables.isEmpty()) {
            throw new IllegalArgumentException("A circuit needs at least one observable");
        }
    }

    /** An index at or beyond a declared count is an error; with nothing declared (0) the count is inferred. */
    private static void checkDeclared(int index, int declared, String what, Operation op) {
        if (declared > 0 && index >= declared) {
            throw new IllegalArgumentException("Operation " + op + " uses " + what + " index " + index
                    + " but the circuit declares " + declared + " " + what + "s (indices 0.." + (declared - 1) + ")");
        }
    }

    /**
     * Starts a circuit.
     *
     * @param numQubits number of qubits, 1..{@value #MAX_QUBITS}
     * @return a builder
     */
    public static Builder builder(int numQubits) {
        return new Builder(numQubits);
    }

    /** @return number of qubits */
    public int numQubits() {
        return numQubits;
    }

    /** @return the amplitude embedding that prepares the initial state, or null for |0…0⟩ */
    public AmplitudeEmbedding amplitudeEmbedding() {
        return amplitudeEmbedding;
    }

    /** @return the operations in application order */
    public List<Operation> operations() {
        return operations;
    }

    /** @return the observables, in output order */
    public List<Observable> observables() {
        return observables;
    }

    /**
     * @return number of trainable parameters: the declared count, or, when none was declared, the highest index
     *         used plus one
     */
    public int numParameters() {
        return numParameters;
    }

    /**
     * @return number of input features per sample: the declared count, or, when none was declared, the highest
     *         index used plus one
     */
    public int numInputs() {
        return numInputs;
    }

    /**
     * Whether the circuit keeps a real state real: every gate is real (H, X, Z, RY, CNOT, CZ, SWAP) and the
     * initial state is |0…0⟩ or a real amplitude embedding. Such circuits run in real arithmetic.
     *
     * @return true if the whole simulation can be real-valued
     */
    public boolean isReal() {
        for (Operation op : operations) {
            if (!op.gate().isReal()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Circuit(").append(numQubits).append(" qubits, ")
                .append(operations.size()).append(" ops, ").append(numParameters).append(" params, ")
                .append(numInputs).append(" inputs");
        if (amplitudeEmbedding != null) {
            sb.append(", ").append(amplitudeEmbedding);
        }
        return sb.append(", observables ").append(observables).append(')').toString();
    }

    /**
     * Amplitude embedding of {@code length} consecutive input features starting at {@code firstFeature}: the
     * vector is L2-normalised and zero-padded to 2^n amplitudes (PennyLane {@code AmplitudeEmbedding(normalize=True,
     * pad_with=0)}). A zero or non-finite vector is an error at simulation time.
     *
     * @param firstFeature index of the first feature
     * @param length       number of features, 1..2^n
     */
    public record AmplitudeEmbedding(int firstFeature, int length) implements Serializable {
        /**
         * Validates the range.
         *
         * @param firstFeature index of the first feature, &ge; 0
         * @param length       number of features, &ge; 1
         */
        public AmplitudeEmbedding {
            if (firstFeature < 0 || length < 1) {
                throw new IllegalArgumentException("Amplitude embedding needs firstFeature >= 0 and length >= 1, got "
                        + firstFeature + ", " + length);
            }
        }
    }

    /** Builds a {@link Circuit}; every method checks wires against the qubit count. */
    public static final class Builder {
        private final int numQubits;
        private AmplitudeEmbedding amplitudeEmbedding;
        private final List<Operation> operations = new ArrayList<>();
        private final List<Observable> observables = new ArrayList<>();
        private int declaredParameters;
        private int declaredInputs;

        private Builder(int numQubits) {
            if (numQubits < 1 || numQubits > MAX_QUBITS) {
                throw new IllegalArgumentException("Number of qubits must be in 1.." + MAX_QUBITS + ", got " + numQubits);
            }
            this.numQubits = numQubits;
        }

        private void checkWire(int wire) {
            if (wire < 0 || wire >= numQubits) {
                throw new IllegalArgumentException("Wire " + wire + " out of range for a " + numQubits + "-qubit circuit");
            }
        }

        /**
         * Appends an operation.
         *
         * @param op the operation
         * @return this builder
         */
        public Builder add(Operation op) {
            for (int w : op.wires()) {
                checkWire(w);
            }
            operations.add(op);
            return this;
        }

        /**
         * Appends a gate.
         *
         * @param gate   the gate
         * @param wires  its wires
         * @param angles its angles
         * @return this builder
         */
        public Builder gate(Gate gate, int[] wires, Angle... angles) {
            return add(new Operation(gate, wires, angles));
        }

        /** @param w wire @return this builder */
        public Builder h(int w) {
            return gate(Gate.H, new int[]{w});
        }

        /** @param w wire @return this builder */
        public Builder x(int w) {
            return gate(Gate.X, new int[]{w});
        }

        /** @param w wire @return this builder */
        public Builder y(int w) {
            return gate(Gate.Y, new int[]{w});
        }

        /** @param w wire @return this builder */
        public Builder z(int w) {
            return gate(Gate.Z, new int[]{w});
        }

        /** @param w wire @return this builder */
        public Builder s(int w) {
            return gate(Gate.S, new int[]{w});
        }

        /** @param w wire @return this builder */
        public Builder t(int w) {
            return gate(Gate.T, new int[]{w});
        }

        /** @param w wire @param a angle @return this builder */
        public Builder rx(int w, Angle a) {
            return gate(Gate.RX, new int[]{w}, a);
        }

        /** @param w wire @param a angle @return this builder */
        public Builder ry(int w, Angle a) {
            return gate(Gate.RY, new int[]{w}, a);
        }

        /** @param w wire @param a angle @return this builder */
        public Builder rz(int w, Angle a) {
            return gate(Gate.RZ, new int[]{w}, a);
        }

        /**
         * Appends Rot(φ,θ,ω) = RZ(ω)·RY(θ)·RZ(φ).
         *
         * @param w     wire
         * @param phi   first RZ angle
         * @param theta RY angle
         * @param omega last RZ angle
         * @return this builder
         */
        public Builder rot(int w, Angle phi, Angle theta, Angle omega) {
            return gate(Gate.ROT, new int[]{w}, phi, theta, omega);
        }

        /** @param w wire @param a angle @return this builder */
        public Builder phaseShift(int w, Angle a) {
            return gate(Gate.PHASE_SHIFT, new int[]{w}, a);
        }

        /** @param control control wire @param target target wire @return this builder */
        public Builder cnot(int control, int target) {
            return gate(Gate.CNOT, new int[]{control, target});
        }

        /** @param a first wire @param b second wire @return this builder */
        public Builder cz(int a, int b) {
            return gate(Gate.CZ, new int[]{a, b});
        }

        /** @param a first wire @param b second wire @return this builder */
        public Builder swap(int a, int b) {
            return gate(Gate.SWAP, new int[]{a, b});
        }

        /**
         * Angle embedding (PennyLane {@code AngleEmbedding}): rotation {@code rotation}(scale·x[firstFeature+i]) on
         * wire i, for i = 0..count-1.
         *
         * @param rotation     RX, RY or RZ
         * @param firstFeature index of the feature for wire 0
         * @param count        number of wires/features
         * @param scale        scale factor (e.g. π)
         * @return this builder
         */
        public Builder angleEmbedding(Gate rotation, int firstFeature, int count, double scale) {
            if (rotation != Gate.RX && rotation != Gate.RY && rotation != Gate.RZ) {
                throw new IllegalArgumentException("Angle embedding rotation must be RX, RY or RZ, got " + rotation);
            }
            if (count > numQubits) {
                throw new IllegalArgumentException("Angle embedding of " + count + " features needs " + count
                        + " wires, circuit has " + numQubits);
            }
            for (int i = 0; i < count; i++) {
                gate(rotation, new int[]{i}, Angle.input(firstFeature + i, scale));
            }
            return this;
        }

        /**
         * Prepares the initial state by amplitude embedding of input features [0, length).
         *
         * @param length number of features, at most 2^n
         * @return this builder
         */
        public Builder amplitudeEmbedding(int length) {
            return amplitudeEmbedding(0, length);
        }

        /**
         * Prepares the initial state by amplitude embedding of input features [first, first+length).
         *
         * @param first  first feature index
         * @param length number of features, at most 2^n
         * @return this builder
         */
        public Builder amplitudeEmbedding(int first, int length) {
            if (!operations.isEmpty()) {
                throw new IllegalStateException("Amplitude embedding prepares the initial state: declare it before any gate");
            }
            if (length > (1L << numQubits)) {
                throw new IllegalArgumentException("Amplitude embedding of " + length + " features needs more than "
                        + numQubits + " qubits (at most " + (1L << numQubits) + " amplitudes)");
            }
            amplitudeEmbedding = new AmplitudeEmbedding(first, length);
            return this;
        }

        /**
         * Reads ⟨Z⟩ on the given wires, in order.
         *
         * @param wires wires
         * @return this builder
         */
        public Builder expectZ(int... wires) {
            for (int w : wires) {
                checkWire(w);
                observables.add(Observable.z(w));
            }
            return this;
        }

        /**
         * Reads ⟨Z⟩ on every wire 0..n-1.
         *
         * @return this builder
         */
        public Builder expectZAll() {
            for (int w = 0; w < numQubits; w++) {
                expectZ(w);
            }
            return this;
        }

        /**
         * Reads ⟨X⟩ on the given wires, in order.
         *
         * @param wires wires
         * @return this builder
         */
        public Builder expectX(int... wires) {
            for (int w : wires) {
                checkWire(w);
                observables.add(Observable.x(w));
            }
            return this;
        }

        /**
         * Declares the trainable parameters (unused ones get zero gradient). Once declared, an angle that uses a
         * parameter index at or beyond the count is an error at {@link #build()}; several calls keep the largest.
         *
         * @param n parameter count
         * @return this builder
         */
        public Builder numParameters(int n) {
            declaredParameters = Math.max(declaredParameters, n);
            return this;
        }

        /**
         * Declares the input features (unused ones get zero gradient). Once declared, an angle that reads a
         * feature index at or beyond the count (or beyond the amplitude embedding's range, if that is larger) is
         * an error at {@link #build()}; several calls keep the largest.
         *
         * @param n feature count
         * @return this builder
         */
        public Builder numInputs(int n) {
            declaredInputs = Math.max(declaredInputs, n);
            return this;
        }

        /** @return the immutable circuit */
        public Circuit build() {
            return new Circuit(this);
        }
    }
}

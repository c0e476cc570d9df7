package org.hybridqml.qnn;

import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.draw.CircuitDrawing;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One circuit of a trained model with its trained parameter values, for showing a model's quantum part: the circuit
 * as the model simulates it, and the parameter vector the model passes to the simulator for it (so
 * {@code StatevectorSimulator.expectations(circuit(), parameters(), inputs)} is what the model computes for those
 * circuit inputs). The inputs (data-dependent angles) stay symbolic in the {@link #drawing drawing}.
 *
 * <p>The parameter array is copied on the way in and out, so a trained circuit is immutable; equality compares the
 * name, the circuit (the same instance: circuits have no value equality) and the parameter values.
 *
 * @param name       what the circuit is within its model, e.g. {@code "DQC head"} or {@code "QuFeX filter 1 (PQC1)"}
 * @param circuit    the circuit
 * @param parameters its trained parameters, {@link Circuit#numParameters()} of them
 */
public record TrainedCircuit(String name, Circuit circuit, double[] parameters) {

    /**
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the parameter count differs from the circuit's
     */
    public TrainedCircuit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(circuit, "circuit");
        Objects.requireNonNull(parameters, "parameters");
        if (parameters.length != circuit.numParameters()) {
            throw new IllegalArgumentException("Trained circuit '" + name + "' needs " + circuit.numParameters()
                    + " parameters (the circuit's count), got " + parameters.length);
        }
        parameters = parameters.clone();
    }

    /** @return a copy of the trained parameter values */
    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    /**
     * The text drawing of the circuit with the trained angles bound and the inputs symbolic, wrapped at
     * {@link CircuitDrawing#DEFAULT_MAX_WIDTH} characters.
     *
     * @param style Unicode or ASCII characters
     * @return the drawing, one line per wire (and wrapped blocks)
     */
    public String drawing(CircuitDrawing.Style style) {
        return CircuitDrawing.text(circuit, parameters, null, style, CircuitDrawing.DEFAULT_MAX_WIDTH);
    }

    /**
     * The "Trained circuit(s)" section of a model description, shared by the Weka, MEKA and Tribuo wrappers: a
     * heading, then per circuit its name, qubit and parameter counts and its {@link #drawing drawing}.
     *
     * @param circuits the model's trained circuits
     * @param style    Unicode or ASCII characters
     * @return the section ending with a newline, or the empty string when there is no circuit (classical models)
     */
    public static String describeAll(List<TrainedCircuit> circuits, CircuitDrawing.Style style) {
        if (circuits.isEmpty()) {
            return "";
        }
        String heading = circuits.size() == 1 ? "Trained circuit" : "Trained circuits";
        StringBuilder sb = new StringBuilder(heading).append('\n').append("-".repeat(heading.length())).append('\n');
        sb.append("(trained angles bound, inputs x symbolic)\n");
        for (TrainedCircuit c : circuits) {
            sb.append('\n').append(c.name()).append(" (").append(c.circuit().numQubits()).append(" qubits, ")
                    .append(c.circuit().numParameters()).append(" trained parameters):\n")
                    .append(c.drawing(style));
            if (sb.charAt(sb.length() - 1) != '\n') {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * {@link #describeAll} as the suffix of a model description: a newline (a blank line after a description that
     * ends with one) and the section, or nothing for a model without circuits.
     *
     * @param circuits the model's trained circuits
     * @param style    Unicode or ASCII characters
     * @return the suffix
     */
    public static String descriptionSuffix(List<TrainedCircuit> circuits, CircuitDrawing.Style style) {
        return circuits.isEmpty() ? "" : "\n" + describeAll(circuits, style);
    }

    /**
     * Cuts a flat parameter vector into equal consecutive slices, one per circuit: the layout of models whose
     * circuits are the same circuit with separate weights (slice k at {@code k·circuit.numParameters()}).
     *
     * @param namePrefix each circuit's name is this followed by its 1-based number
     * @param circuit    the circuit every slice belongs to
     * @param parameters the concatenated parameters, a multiple of the circuit's count
     * @return one trained circuit per slice, in order
     * @throws IllegalArgumentException if the length is not a multiple of the circuit's parameter count
     */
    public static List<TrainedCircuit> slices(String namePrefix, Circuit circuit, double[] parameters) {
        int per = circuit.numParameters();
        if (per == 0 || parameters.length % per != 0) {
            throw new IllegalArgumentException("Cannot cut " + parameters.length + " parameters into slices of the "
                    + per + " of circuit '" + namePrefix + "'");
        }
        TrainedCircuit[] out = new TrainedCircuit[parameters.length / per];
        for (int k = 0; k < out.length; k++) {
            out[k] = new TrainedCircuit(namePrefix + (k + 1), circuit,
                    Arrays.copyOfRange(parameters, k * per, (k + 1) * per));
        }
        return List.of(out);
    }

    /** @return whether {@code o} has the same name, the same circuit instance and equal parameter values */
    @Override
    public boolean equals(Object o) {
        return o instanceof TrainedCircuit t && name.equals(t.name) && circuit.equals(t.circuit)
                && Arrays.equals(parameters, t.parameters);
    }

    /** @return a hash of the name, the circuit and the parameter values */
    @Override
    public int hashCode() {
        return Objects.hash(name, circuit, Arrays.hashCode(parameters));
    }

    /** @return the name, the qubit count and the parameter values */
    @Override
    public String toString() {
        return "TrainedCircuit[" + name + ", " + circuit.numQubits() + " qubits, parameters "
                + Arrays.toString(parameters) + "]";
    }
}

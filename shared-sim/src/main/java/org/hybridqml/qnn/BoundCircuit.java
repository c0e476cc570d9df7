package org.hybridqml.qnn;

import org.hybridqml.sim.qasm.OpenQasmExporter;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A trained circuit with the circuit inputs of one sample bound: what a model simulates for that sample, as one
 * circuit instance that {@link OpenQasmExporter} can write with every angle a number. The DQC head binds its angles
 * tanh(Dense(x))·π/2 (Chan et al., arXiv:2405.00156), a QuFeX filter the values of one bottleneck patch (Jain &amp;
 * Kalev, arXiv:2501.13165, Sec. II.B), a quantum pointwise circuit the channel vector of one pixel (Ning, Li &amp; Chen,
 * arXiv:2412.01241, amplitude embedded).
 *
 * <p>The input array is copied on the way in and out, so a bound circuit is immutable.
 *
 * @param trained the circuit with its trained parameters
 * @param inputs  the sample's circuit inputs, {@code trained.circuit().numInputs()} of them
 */
public record BoundCircuit(TrainedCircuit trained, double[] inputs) {

    /**
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the input count differs from the circuit's
     */
    public BoundCircuit {
        Objects.requireNonNull(trained, "trained");
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.length != trained.circuit().numInputs()) {
            throw new IllegalArgumentException("Circuit '" + trained.name() + "' takes " + trained.circuit().numInputs()
                    + " inputs, got " + inputs.length);
        }
        inputs = inputs.clone();
    }

    /** @return a copy of the bound circuit inputs */
    @Override
    public double[] inputs() {
        return inputs.clone();
    }

    /** @return the circuit's name within its model, e.g. {@code "QuFeX filter 1 (PQC1)"} */
    public String name() {
        return trained.name();
    }

    /**
     * This circuit instance as an OpenQASM program ({@link OpenQasmExporter#toQasm2(org.hybridqml.sim.circuit.Circuit,
     * double[], double[])} or {@code toQasm3}): trained parameters and inputs bound to numbers, every qubit measured.
     *
     * @param qasm3 OpenQASM 3.0 when true, else 2.0
     * @return the program
     */
    public String toOpenQasm(boolean qasm3) {
        double[] params = trained.parameters();
        return qasm3 ? OpenQasmExporter.toQasm3(trained.circuit(), params, inputs)
                : OpenQasmExporter.toQasm2(trained.circuit(), params, inputs);
    }

    /**
     * {@link #toOpenQasm(boolean)} of each circuit, in order.
     *
     * @param circuits the bound circuits
     * @param qasm3    OpenQASM 3.0 when true, else 2.0
     * @return one program per circuit
     */
    public static List<String> toOpenQasm(List<BoundCircuit> circuits, boolean qasm3) {
        return circuits.stream().map(c -> c.toOpenQasm(qasm3)).toList();
    }

    /** @return whether {@code o} binds an equal trained circuit to equal inputs */
    @Override
    public boolean equals(Object o) {
        return o instanceof BoundCircuit b && trained.equals(b.trained) && Arrays.equals(inputs, b.inputs);
    }

    /** @return a hash of the trained circuit and the inputs */
    @Override
    public int hashCode() {
        return Objects.hash(trained, Arrays.hashCode(inputs));
    }

    /** @return the circuit's name and the bound inputs */
    @Override
    public String toString() {
        return "BoundCircuit[" + trained.name() + ", inputs " + Arrays.toString(inputs) + "]";
    }
}

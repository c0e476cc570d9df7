package org.hybridqml.sim;

import org.hybridqml.sim.circuit.Circuit;

/**
 * The result of {@link StatevectorSimulator#forward}: expectation values now, gradients later. Holds the batch's
 * final states (when they fit the memory limit), so {@link #backward} runs only the adjoint sweep.
 */
public final class ForwardTape {
    private final StatevectorSimulator simulator;
    private final Circuit circuit;
    private final CompiledCircuit compiled;
    private final double[] params;
    private final double[][] inputs;
    private final double[][] expectations;
    private final double[][] storedRe;
    private final double[][] storedIm;
    private final double[][][] storedCheckpoints;

    ForwardTape(StatevectorSimulator simulator, Circuit circuit, CompiledCircuit compiled, double[] params,
                double[][] inputs, double[][] expectations, double[][] storedRe, double[][] storedIm,
                double[][][] storedCheckpoints) {
        this.simulator = simulator;
        this.circuit = circuit;
        this.compiled = compiled;
        this.params = params;
        this.inputs = inputs;
        this.expectations = expectations;
        this.storedRe = storedRe;
        this.storedIm = storedIm;
        this.storedCheckpoints = storedCheckpoints;
    }

    /** @return ⟨O_k⟩ per sample, [batch][observables] (the tape's own array: do not modify) */
    public double[][] expectations() {
        return expectations;
    }

    /** @return whether final states were stored (otherwise {@link #backward} recomputes the forward pass) */
    public boolean storesStates() {
        return storedRe != null;
    }

    /**
     * Adjoint-method gradients for an upstream gradient of the expectations.
     *
     * @param upstream dL/d⟨O_k⟩ per sample, [batch][observables]
     * @return the expectations, dL/dθ summed over the batch, dL/dx per sample — identical to
     *         {@link StatevectorSimulator#valueAndGradient} with the same arguments
     */
    public ValueAndGradient backward(double[][] upstream) {
        if (upstream == null) {
            throw new IllegalArgumentException("backward needs the upstream gradient dL/d<O_k> per sample");
        }
        if (storedRe == null) {
            return simulator.valueAndGradient(circuit, params, inputs, upstream);
        }
        StatevectorSimulator.checkUpstream(upstream, inputs.length, compiled.numObs);
        double[][] copy = new double[expectations.length][];
        for (int b = 0; b < copy.length; b++) {
            copy[b] = expectations[b].clone();
        }
        return simulator.backwardFromStates(compiled, params, inputs, upstream, storedRe, storedIm, storedCheckpoints,
                copy);
    }
}

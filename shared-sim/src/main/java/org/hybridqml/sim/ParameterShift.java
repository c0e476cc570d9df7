package org.hybridqml.sim;

import org.hybridqml.sim.circuit.Circuit;

/**
 * Gradients by the parameter-shift rule, independent of the adjoint method: for every gate occurrence whose angle
 * comes from a parameter or an input, d⟨O⟩/dθ = (⟨O⟩(θ+π/2) − ⟨O⟩(θ−π/2))/2, times the angle's scale factor;
 * occurrences sharing a parameter or input are summed. Costs two circuit runs per occurrence: meant for tests and
 * for users who want hardware-compatible gradients, not for training large circuits.
 *
 * <p>Inputs that enter through an amplitude embedding have no shift rule; circuits with one are refused.
 */
public final class ParameterShift {

    private ParameterShift() {
    }

    /**
     * Parameter-shift gradients for a batch.
     *
     * @param sim      the simulator that runs the shifted circuits
     * @param circuit  the circuit (no amplitude embedding)
     * @param params   trainable parameters
     * @param inputs   one row of features per sample
     * @param upstream dL/d⟨O_k⟩ per sample
     * @return expectations, dL/dθ summed over the batch, dL/dx per sample
     */
    public static ValueAndGradient valueAndGradient(StatevectorSimulator sim, Circuit circuit, double[] params,
                                                    double[][] inputs, double[][] upstream) {
        if (circuit.amplitudeEmbedding() != null) {
            throw new IllegalArgumentException("The parameter-shift rule does not apply to amplitude-embedded inputs; "
                    + "use the adjoint method (StatevectorSimulator.valueAndGradient) or finite differences");
        }
        CompiledCircuit cc = new CompiledCircuit(circuit);
        // Validates shapes and the memory guard, and gives the unshifted values.
        ValueAndGradient base = sim.valueAndGradient(circuit, params, inputs, upstream);
        int batch = inputs.length;
        double[] paramGrad = new double[cc.numParams];
        double[][] inputGrad = new double[batch][cc.numInputs];
        for (int op = 0; op < cc.numOps; op++) {
            if (!cc.hasTrainableOrInputAngle(op)) {
                continue;
            }
            double[][] plus = sim.expectations(cc.withAngleOffset(op, Math.PI / 2), params, inputs);
            double[][] minus = sim.expectations(cc.withAngleOffset(op, -Math.PI / 2), params, inputs);
            for (int b = 0; b < batch; b++) {
                double d = 0.0;
                for (int k = 0; k < cc.numObs; k++) {
                    d += upstream[b][k] * (plus[b][k] - minus[b][k]) / 2.0;
                }
                d *= cc.angleScale[op];
                if (cc.angleSrc[op] == CompiledCircuit.SRC_PARAM) {
                    paramGrad[cc.angleIdx[op]] += d;
                } else {
                    inputGrad[b][cc.angleIdx[op]] += d;
                }
            }
        }
        return new ValueAndGradient(base.expectations(), paramGrad, inputGrad);
    }
}

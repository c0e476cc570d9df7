package org.hybridqml.sim;

/**
 * The result of a forward and backward pass over a batch.
 *
 * @param expectations      ⟨O_k⟩ per sample, [batch][observables]
 * @param parameterGradient dL/dθ for every trainable parameter, summed over the batch
 * @param inputGradient     dL/dx for every input feature of every sample, [batch][inputs]
 */
public record ValueAndGradient(double[][] expectations, double[] parameterGradient, double[][] inputGradient) {
}

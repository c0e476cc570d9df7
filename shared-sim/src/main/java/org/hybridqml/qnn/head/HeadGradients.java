package org.hybridqml.qnn.head;

/**
 * Gradients from {@link ClassifierHead#backward}.
 *
 * @param parameters dL/dθ summed over the batch, laid out like {@link ClassifierHead#parameters()}
 * @param features   dL/dx per sample, [batch][features] (for a backbone below the head, or input attributions)
 */
public record HeadGradients(double[] parameters, double[][] features) {
}

/**
 * Tribuo adapter for the pointwise CNN image classifier of {@code org.hybridqml.nn.classify}:
 * {@link org.hybridqml.tribuo.classification.QuantumPointwiseCNNTrainer} and its model
 * {@link org.hybridqml.tribuo.classification.QuantumPointwiseCNNModel}.
 */
package org.hybridqml.tribuo.classification;

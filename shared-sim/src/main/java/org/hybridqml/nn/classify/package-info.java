/**
 * Small CPU-trainable CNN image classifiers whose 1x1 convolution is either the quantum pointwise layer
 * ({@link org.hybridqml.nn.QuantumPointwiseConvLayer}) or an ordinary 1x1 convolution (the classical twin):
 * {@link org.hybridqml.nn.classify.QuantumPointwiseCNNBuilder} builds the network, {@link org.hybridqml.nn.classify.QuantumPointwiseCNNNetworkTrainer}
 * trains it on NCHW float arrays with int labels. Platform-neutral (no Weka or Tribuo imports), but DL4J.
 */
package org.hybridqml.nn.classify;

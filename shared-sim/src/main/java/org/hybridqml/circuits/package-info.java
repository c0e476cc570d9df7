/**
 * The circuits of the three papers, one class each: {@link org.hybridqml.circuits.QuFeXCircuits} (Qu-Net),
 * {@link org.hybridqml.circuits.StronglyEntanglingLayers} (quantum pointwise convolution) and
 * {@link org.hybridqml.circuits.DressedQuantumCircuit} (DQC multi-label head).
 */
package org.hybridqml.circuits;

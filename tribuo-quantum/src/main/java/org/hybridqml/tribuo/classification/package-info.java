/**
 * Single-label Tribuo classification with the dressed-quantum-circuit (DQC) head of Chan et al.,
 * arXiv:2405.00156, or its classical twin (CDL): softmax over one output per class
 * ({@link org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierTrainer},
 * {@link org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierModel}).
 */
package org.hybridqml.tribuo.classification;

/**
 * Tribuo plumbing shared by the trainers of the dressed-quantum-circuit (DQC) head and its classical twin (CDL) of
 * Chan et al., arXiv:2405.00156: the common {@code @Config} options
 * ({@link org.hybridqml.tribuo.qnn.AbstractHeadTrainer}), the common prediction path
 * ({@link org.hybridqml.tribuo.qnn.AbstractHeadModel}) and the protobuf form of a trained head
 * ({@link org.hybridqml.tribuo.qnn.TrainedHeadProtos}). The heads and their training loop live in shared-sim
 * ({@link org.hybridqml.qnn.head}, {@link org.hybridqml.qnn.train}); the concrete trainers are
 * {@link org.hybridqml.tribuo.multilabel.DressedQuantumCircuitTrainer} (MultiLabel) and
 * {@link org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierTrainer} (Label).
 */
package org.hybridqml.tribuo.qnn;

/**
 * Tribuo {@code Trainer<Label>}/{@code Model<Label>} pairs: the dressed-quantum-circuit classifier (softmax head on
 * feature vectors) and the quantum pointwise-convolution CNN for images, with a class-per-folder image data source
 * and the pointwise experiment main.
 *
 * <p>{@link org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierTrainer} is the single-label
 * ({@code Label}) twin of the multi-label
 * {@link org.hybridqml.tribuo.multilabel.DressedQuantumCircuitTrainer} ({@code MultiLabel}): one head, one set of
 * options, two output types. Image sizes are given as (height, width) throughout, as {@code channels x height x
 * width} (NCHW) is the pixel order.
 */
package org.hybridqml.tribuo.classification;

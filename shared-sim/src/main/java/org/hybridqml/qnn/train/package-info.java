/**
 * Training for the heads in {@code org.hybridqml.qnn.head}, shared by the DQC and CDL heads: losses (mean sigmoid
 * binary cross-entropy for multi-label data, softmax cross-entropy for single-label data), Adam, feature
 * standardisation, mini-batch training with early stopping on a validation split, and the trained model.
 *
 * <p>Entry point: {@link org.hybridqml.qnn.train.HeadTrainer} with a {@link org.hybridqml.qnn.train.TrainingConfig}
 * ({@link org.hybridqml.qnn.train.TrainingConfig#defaults() defaults()} or
 * {@link org.hybridqml.qnn.train.TrainingConfig#paper() paper()}); the result is a
 * {@link org.hybridqml.qnn.train.TrainedHead}. Everything is seeded and bitwise deterministic.
 */
package org.hybridqml.qnn.train;

/**
 * Multi-label support for Tribuo: evaluation of {@code Model<MultiLabel>} with the measures of the dressed-quantum-
 * circuit paper (macro AUROC, arXiv:2405.00156) and MEKA's conventions, which
 * Tribuo's own {@link org.tribuo.multilabel.evaluation.MultiLabelEvaluator} lacks (it has no AUROC and no Hamming loss,
 * and its Jaccard score is NaN for an empty truth with an empty prediction).
 *
 * <p>{@link org.hybridqml.tribuo.multilabel.MultiLabelScoreEvaluator} extracts per-label scores from a model's
 * predictions and computes the core's {@link org.hybridqml.metrics.MultiLabelMetrics} next to Tribuo's evaluation;
 * the data sources for Mulan and MEKA files are in {@code org.hybridqml.tribuo.multilabel.data}.
 *
 * <p>The dressed-quantum-circuit multi-label classifier (and its classical twin, CDL) is trained by
 * {@link org.hybridqml.tribuo.multilabel.DressedQuantumCircuitTrainer} into a
 * {@link org.hybridqml.tribuo.multilabel.DressedQuantumCircuitModel} whose predictions carry every label's
 * probability. The experiment main {@code DqcExperiment} (in the module's {@code src/bench/java}, outside the
 * jar) compares DQC, CDL and Tribuo's multi-label baselines on Mulan emotions, scene and yeast.
 */
package org.hybridqml.tribuo.multilabel;

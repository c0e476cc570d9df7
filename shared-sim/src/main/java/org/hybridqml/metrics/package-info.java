/**
 * Evaluation metrics computed on plain arrays, shared by the Tribuo and Weka/MEKA adapters.
 *
 * <p>{@link org.hybridqml.metrics.MultiLabelMetrics} holds the multi-label measures: per-label ROC AUC and its
 * macro average (the score of the dressed-quantum-circuit paper, arXiv 2405.00156, which averages scikit-learn's
 * {@code roc_auc_score} over labels), and the thresholded measures MEKA prints (Hamming loss, Jaccard index,
 * micro F1, macro F1 by label, exact match). {@link org.hybridqml.metrics.MultiLabelReport} bundles them.
 */
package org.hybridqml.metrics;

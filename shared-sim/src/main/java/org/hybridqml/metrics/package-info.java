/**
 * Evaluation metrics on plain arrays, shared by the Tribuo and Weka adapters: binary segmentation scores (pooled and
 * per-image IoU and Dice, the QuFeX paper's soft IoU, background and mean IoU, pixel accuracy) with fold summaries
 * (mean, median, IQR), and multi-label scores (macro AUROC, Hamming loss, Jaccard with empty/empty = 1, F1).
 */
package org.hybridqml.metrics;

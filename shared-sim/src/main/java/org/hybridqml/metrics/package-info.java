/**
 * Segmentation metrics over binary masks, engine-neutral (no Weka, no Tribuo): pooled and per-image IoU and Dice,
 * the QuFeX paper's soft IoU, pixel accuracy, background IoU and mean IoU
 * ({@link org.hybridqml.metrics.BinarySegmentationScorer} producing
 * {@link org.hybridqml.metrics.SegmentationScores}), plus the mean / median / IQR summary the paper reports over
 * cross-validation folds ({@link org.hybridqml.metrics.FoldSummary}).
 *
 * <p>Inputs are plain arrays, one per image, pixels in any fixed order (row-major in this project): predicted
 * foreground probabilities as {@code float[]} or {@code double[]}, truth masks as {@code boolean[]} or as
 * {@code float[]}/{@code double[]} holding exactly 0 or 1. The Tribuo and Weka adapters call this package; they never
 * recompute a metric themselves.
 */
package org.hybridqml.metrics;

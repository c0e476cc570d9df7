/**
 * Evaluation of binary segmentation models in Tribuo: {@link org.hybridqml.tribuo.segmentation.evaluation.SegmentationEvaluator}
 * produces a {@link org.hybridqml.tribuo.segmentation.evaluation.SegmentationEvaluation} with pooled and per-image
 * IoU and Dice, the QuFeX paper's soft IoU, pixel accuracy, background IoU and mean IoU
 * ({@link org.hybridqml.tribuo.segmentation.evaluation.SegmentationMetrics}).
 *
 * <p>No metric is computed here: the metric context feeds every prediction to shared-sim's
 * {@code org.hybridqml.metrics.BinarySegmentationScorer} once, and each metric reads its value from the resulting
 * {@code SegmentationScores}, so Tribuo and Weka report identical numbers.
 */
package org.hybridqml.tribuo.segmentation.evaluation;

/**
 * Weka plugin evaluation metrics for segmentation, registered in the package's {@code PluginManager.props}: the
 * per-class IoU and Dice columns of "Detailed Accuracy By Class" ({@link weka.classifiers.evaluation.ClassIoU},
 * {@link weka.classifiers.evaluation.ClassDice}) and their unweighted means in the summary
 * ({@link weka.classifiers.evaluation.MeanIoUDice}), the scores that the Qu-Net paper (Jain &amp; Kalev,
 * arXiv:2501.13165) reports. They apply only to two-class per-pixel data
 * ({@link weka.classifiers.evaluation.OverlapMetricsApplicability}), so other evaluations print what they always did.
 * The arithmetic is shared-sim's engine-neutral {@code org.hybridqml.metrics.ClassOverlap}.
 */
package weka.classifiers.evaluation;

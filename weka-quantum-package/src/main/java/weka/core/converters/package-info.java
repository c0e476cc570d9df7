/**
 * Data preparation for the package's Weka classifiers: {@link weka.core.converters.SegmentationArffWriter} turns an
 * image folder and a mask folder into a per-pixel ARFF (image name, row, column, optional intensity, class), the
 * input of {@code weka.classifiers.functions.QuNetSegmenter}, since Weka has no segmentation task. The images and
 * masks are read by shared-sim's {@code org.hybridqml.data} classes, as in the Qu-Net experiments (Jain &amp; Kalev,
 * arXiv:2501.13165).
 */
package weka.core.converters;

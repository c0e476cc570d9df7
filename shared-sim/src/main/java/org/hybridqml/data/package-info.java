/**
 * Reading and writing the data the three papers' models train on, with plain Java and no engine types: ARFF, CSV
 * and IDX (MNIST) files, Mulan/MEKA multi-label data sets with one-hot encoding of nominal attributes
 * ({@link org.hybridqml.data.MultiLabelData}, {@link org.hybridqml.data.NominalEncoding}), class-per-folder image
 * sets and image files ({@link org.hybridqml.data.ImageDirectory}, {@link org.hybridqml.data.ImageFiles}), and
 * image/mask pairs for segmentation ({@link org.hybridqml.data.SegmentationDataset}).
 *
 * <p>The segmentation data follow the Qu-Net experiments (Jain &amp; Kalev, arXiv:2501.13165), the image folders the
 * quantum pointwise convolution (Ning, Li &amp; Chen, arXiv:2412.01241) and the multi-label files the dressed quantum
 * circuit (Chan et al., arXiv:2405.00156). {@link org.hybridqml.data.ImageShape} is the one place where an image is
 * checked against the shape a trainer or model expects, and every read error names its file
 * ({@link org.hybridqml.data.FileErrors}). The Tribuo and Weka adapters read their image and mask files through it.
 */
package org.hybridqml.data;

/** Training loops for the hybrid networks (segmentation: {@link org.hybridqml.nn.train.SegmentationTrainer}). */
package org.hybridqml.nn.train;

/**
 * The QuFeX quantum feature-extraction bottleneck of Qu-Net (arXiv:2501.13165) on plain arrays: configuration,
 * patch/map grouping, residual, forward and backward through the shared simulator.
 */
package org.hybridqml.qnn.qufex;

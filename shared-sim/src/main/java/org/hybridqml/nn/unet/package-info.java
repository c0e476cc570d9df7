/**
 * The U-Net of the QuFeX paper as a DL4J graph, with a pluggable bottleneck (classical conv baseline, identity,
 * or the QuFeX layer of the Qu-Net).
 */
package org.hybridqml.nn.unet;

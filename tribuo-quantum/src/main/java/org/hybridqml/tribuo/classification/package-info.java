/**
 * Tribuo {@code Trainer<Label>}/{@code Model<Label>} pairs: the dressed-quantum-circuit classifier (softmax head on
 * feature vectors) and the quantum pointwise-convolution CNN for images, with a class-per-folder image data source
 * and the pointwise experiment main.
 */
package org.hybridqml.tribuo.classification;

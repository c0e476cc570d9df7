/**
 * Images as Tribuo examples: pixel feature names, the image shape in the example metadata, and the shape checks
 * every Tribuo image trainer and model applies when it reads an example's pixels ({@link
 * org.hybridqml.tribuo.image.ImageExamples}).
 */
package org.hybridqml.tribuo.image;

/**
 * Base classes for DL4J layers whose forward and backward passes are plain Java over {@code double[]}; the QuFeX
 * layer and other quantum layers extend {@link org.hybridqml.nn.layer.PlainJavaLayer}.
 */
package org.hybridqml.nn.layer;

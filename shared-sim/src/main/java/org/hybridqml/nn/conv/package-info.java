/**
 * The fast classical engine: plain-Java float kernels for the convolution, transposed-convolution and max-pooling
 * layers of the project's networks, plain-Java dense and softmax output layers
 * ({@link org.hybridqml.nn.conv.FastDense}, {@link org.hybridqml.nn.conv.FastOutput}) that keep results independent
 * of the CPU's BLAS kernel ({@link org.hybridqml.nn.conv.FastConvKernels}, with the double-precision
 * {@link org.hybridqml.nn.conv.ReferenceConvKernels} for DOUBLE networks, and SIMD loops for the 3×3 convolution,
 * bitwise the same, when the JVM has {@code jdk.incubator.vector}), the DL4J layers that use them, and
 * {@link org.hybridqml.nn.conv.ConvEngine}, which builders use to choose between them and DL4J's own layers.
 */
package org.hybridqml.nn.conv;

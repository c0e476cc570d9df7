/**
 * DL4J adapters for the hybrid quantum layers: custom layer configurations, their parameter initializers and
 * implementations, each a thin wrapper whose forward and backward passes run the plain-Java code of
 * {@code org.hybridqml.qnn}.
 */
package org.hybridqml.nn;

/**
 * DL4J adapters for the hybrid quantum layers: custom layer configurations, their parameter initializers and
 * implementations, each a thin wrapper whose forward and backward passes run the plain-Java code of
 * {@code org.hybridqml.qnn}.
 *
 * <p>This package and its subpackages (networks, training loops, the frozen backbone) are the only part of the core
 * that uses DL4J and ND4J; the engine-neutral packages ({@code options}, {@code qnn}, {@code sim}, {@code circuits},
 * {@code data}, {@code metrics}, {@code io}) never reference them, which {@code EngineNeutralPackagesTest} checks.
 */
package org.hybridqml.nn;

/**
 * The batched statevector simulator: exact expectation values, adjoint-method gradients (Jones &amp; Gacon,
 * arXiv:2009.02823) and the parameter-shift rule. Imports nothing from the neural-network code.
 *
 * <p>Files by stage: circuits as data ({@link org.hybridqml.sim.circuit}); compile and plan ({@code CompiledCircuit},
 * {@code StateEnginePlan}, {@code BatchedSmallEnginePlan}); engine forward pass and readout ({@code SimulationEngine},
 * {@code StateEngineForward}, {@code BatchedSmallEngineForward}); adjoint sweep ({@code StateEngine},
 * {@code BatchedSmallEngine}); kernels ({@code Kernels} scalar, {@code VectorKernels} SIMD, {@code LaneKernels}
 * lane-batched). {@link org.hybridqml.sim.StatevectorSimulator} checks arguments and memory, picks the engine
 * ({@code engineFor}, the only place that does) and spreads samples or chunks over threads. Conventions are
 * PennyLane's: wire 0 is the most significant bit, RX(θ) = exp(−iθX/2), Rot = RZ·RY·RZ.
 */
package org.hybridqml.sim;

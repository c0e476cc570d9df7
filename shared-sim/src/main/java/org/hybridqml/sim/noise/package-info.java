/**
 * Finite shots and noise channels at prediction time: {@link org.hybridqml.sim.noise.NoiseModel} (depolarizing, bit
 * flip or amplitude damping after each gate or each layer) and {@link org.hybridqml.sim.noise.NoisySimulator} (exact
 * density matrix up to 12 qubits, seeded quantum trajectories on the statevector beyond). Engine-neutral: imports only
 * the simulator ({@code org.hybridqml.sim}) and its circuits.
 */
package org.hybridqml.sim.noise;

/**
 * OpenQASM export and import of {@link org.hybridqml.sim.circuit.Circuit}s: {@link OpenQasmExporter} writes a
 * circuit with its angles bound to numbers as OpenQASM 2.0 or 3.0 (an amplitude embedding becomes an explicit
 * state preparation), {@link OpenQasmImporter} reads the simulator's gate set back from OpenQASM 2.0 and fails with
 * a {@link QasmParseException} naming the line for anything else. Conventions are the simulator's: wire i is
 * {@code q[i]}, wire 0 the most significant bit of a basis-state index.
 */
package org.hybridqml.sim.qasm;

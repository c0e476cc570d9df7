/**
 * Drawings of a {@link org.hybridqml.sim.circuit.Circuit}: a text diagram (Unicode or ASCII, wrapped to a maximum
 * line width) and a standalone SVG, both from {@link org.hybridqml.sim.draw.CircuitDrawing}. Plain string building:
 * no engine, no network code, no libraries.
 */
package org.hybridqml.sim.draw;

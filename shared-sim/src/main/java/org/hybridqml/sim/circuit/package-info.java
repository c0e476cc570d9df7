/**
 * Quantum circuits as plain data: gates, angle sources (trainable parameter, input feature, constant), observables
 * and amplitude embeddings. Nothing here executes a circuit; see {@link org.hybridqml.sim}.
 */
package org.hybridqml.sim.circuit;

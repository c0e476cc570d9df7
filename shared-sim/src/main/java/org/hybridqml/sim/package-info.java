/**
 * The batched statevector simulator: exact expectation values, adjoint-method gradients (Jones &amp; Gacon 2020)
 * and the parameter-shift rule. Imports nothing from the neural-network code.
 */
package org.hybridqml.sim;

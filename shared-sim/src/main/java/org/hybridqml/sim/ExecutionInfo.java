package org.hybridqml.sim;

/**
 * How the simulator runs a circuit's forward pass, as reported by {@link StatevectorSimulator#describe}.
 *
 * @param operations   gates after expanding Rot into RZ·RY·RZ
 * @param fusedSteps   kernel steps after fusing consecutive single-qubit gates on one wire
 * @param gatePasses   full passes over the state vector for the gates (a cache-blocked run of low-wire steps
 *                     counts once); state preparation and readout add one pass each
 * @param realPath     whether the simulation runs in real arithmetic
 * @param cacheBlocked whether runs of low-wire gates are applied block by block
 */
public record ExecutionInfo(int operations, int fusedSteps, int gatePasses, boolean realPath, boolean cacheBlocked) {

    /**
     * Bytes moved by one forward pass over one sample's state: each gate pass reads and writes the state,
     * preparation writes it and readout reads it.
     *
     * @param numQubits qubits
     * @return bytes
     */
    public double bytesPerForward(int numQubits) {
        double state = (realPath ? 8.0 : 16.0) * (1L << numQubits);
        return state * (2.0 * gatePasses + 2.0);
    }
}

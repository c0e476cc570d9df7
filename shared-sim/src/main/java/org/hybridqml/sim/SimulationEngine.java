package org.hybridqml.sim;

/**
 * What the simulator runs a batch on: an engine simulates a contiguous range of the batch's samples on buffers it
 * owns (one engine per worker thread), writing each sample's expectation values and, when an upstream gradient is
 * given, running the adjoint sweep (Jones &amp; Gacon, arXiv:2009.02823) for its parameter and input gradients.
 *
 * <p>Two engines implement it: {@link BatchedSmallEngine} (a group of samples at once, lane index innermost, for
 * circuits of up to {@value BatchedSmallEngine#MAX_QUBITS} qubits) and {@link StateEngine} (one sample at a time,
 * gate fusion, cache blocking and amplitude-block parallelism, for larger circuits).
 * {@link StatevectorSimulator#engineFor} is the one place that picks between them.
 */
interface SimulationEngine {

    /**
     * Simulates samples {@code from..to-1}: expectations, and with {@code upstream != null} the adjoint pass.
     *
     * @param params             trainable parameters
     * @param inputs             one feature row per sample
     * @param upstream           dL/d⟨O_k⟩ per sample, or null for the forward pass only
     * @param expect             receives ⟨O_k⟩ per sample (rows overwritten)
     * @param perSampleParamGrad receives dL/dθ per sample (added to)
     * @param inputGrad          receives dL/dx per sample (rows overwritten)
     * @param from               first sample
     * @param to                 one past the last sample
     */
    void run(double[] params, double[][] inputs, double[][] upstream, double[][] expect,
             double[][] perSampleParamGrad, double[][] inputGrad, int from, int to);
}

package org.hybridqml.sim;

import java.util.Arrays;

/**
 * Simulates a group of G samples at once for small circuits, where {@link StateEngine}'s per-sample overhead
 * (trigonometry and step building per op, loops over only 16–4096 amplitudes) dominates.
 *
 * <p><b>Layout.</b> The G samples of a group are "lanes", and the lane index is innermost: amplitude {@code a} of
 * lane {@code l} lives at {@code re[a * G + l]} (and {@code im[a * G + l]} for complex circuits; real circuits,
 * {@code cc.real}, have no imaginary arrays at all). Every gate's inner loop therefore runs over G (or, for gates
 * whose matrix is the same for every lane, over a contiguous run of {@code 2^bit · G}) consecutive doubles with no
 * branches, which C2 can unroll and vectorise (on JDK 17 it gains little from SuperWord for runs this short: most of
 * the measured speed-up comes from doing the per-sample bookkeeping once per group and per call instead). A group's
 * vectors (G · 2^n doubles each) stay in L1/L2 up to ~10 qubits and in L3 above.
 *
 * <p><b>Matrices.</b> Ops whose angle is a parameter or a constant (or that have no angle) have one matrix for all
 * lanes: it is computed once per {@link #run} call (trigonometry once per op per call), and consecutive such ops on
 * a wire are fused once per call. Ops whose angle is an input feature have one matrix per lane
 * ({@code lm[(op * 8 + k) * G + l]}), computed once per op per lane per call; a fused forward step containing one
 * is multiplied out per lane. The forward pass fuses consecutive single-qubit gates per wire (the fusion schedule
 * depends only on the circuit structure, so it is built once in the constructor); diagonal fused steps (Z, S, T,
 * RZ, PhaseShift only) use a diagonal kernel. The adjoint pass (Jones &amp; Gacon, arXiv:2009.02823, as in
 * {@link StateEngine}) un-applies the unfused ops, accumulating Re⟨λ|dU|φ⟩ per lane. Because every parametrised gate is
 * U = exp(iθ·G'), dU = G·U with a fixed sparse generator G, so that term is Re⟨λ|G|φ⟩ on the state before
 * un-applying U: no derivative matrices, and a few flops per amplitude ({@link LaneKernels#generatorDot}).
 * Below the first differentiable op the adjoint pass stops un-applying φ (and λ, unless amplitude-embedding input
 * gradients need it). From |0…0⟩ the first fused step on every wire acts on a product state: those steps are
 * folded into one pass that writes ⊗_b M_b|0⟩ directly ({@link BatchedSmallEngineForward#productState}).
 *
 * <p><b>Determinism.</b> No arithmetic ever mixes lanes, every lane runs exactly the same sequence of floating
 * point operations, and unused lanes of a partial last group are padded with harmless finite data. So a sample's
 * results are bitwise independent of which group (and which lane) it ran in, and hence of the thread count.
 *
 * <p>Buffers belong to the engine instance and are reused for every group: one engine per worker thread, no
 * allocation per sample.
 *
 * <p>Files by stage: {@link BatchedSmallEnginePlan} (buffers, fused schedule), {@link BatchedSmallEngineForward}
 * (matrices, forward pass, readout), this class (driver and adjoint sweep), {@link LaneKernels} (kernels).
 */
final class BatchedSmallEngine extends BatchedSmallEngineForward implements SimulationEngine {

    /**
     * @param cc        the compiled circuit ({@link #supports} must hold)
     * @param gradients whether buffers for the adjoint pass are needed
     */
    BatchedSmallEngine(CompiledCircuit cc, boolean gradients) {
        this(cc, gradients, lanesFor(checkSupported(cc).numQubits));
    }

    /**
     * With an explicit lane count, and no qubit limit beyond memory (for measuring the crossover, and tests).
     *
     * @param cc        the compiled circuit
     * @param gradients whether buffers for the adjoint pass are needed
     * @param lanes     lanes per group, &ge; 1
     */
    BatchedSmallEngine(CompiledCircuit cc, boolean gradients, int lanes) {
        super(cc, gradients, lanes);
    }

    // ------------------------------------------------------------------ driver

    /** {@inheritDoc} Samples run in groups of {@link #lanes}, one group at a time. */
    @Override
    public void run(double[] params, double[][] inputs, double[][] upstream, double[][] expect,
                    double[][] perSampleParamGrad, double[][] inputGrad, int from, int to) {
        boolean grad = upstream != null;
        if (grad && !gradients) {
            throw new IllegalStateException("Engine built without gradient buffers");
        }
        prepareInvariant(params);
        for (int start = from; start < to; start += lanes) {
            int count = Math.min(lanes, to - start);
            initState(inputs, start, count);
            prepareLanes(inputs, start, count);
            forward();
            expectations(expect, start, count);
            if (grad) {
                backward(upstream, perSampleParamGrad, inputGrad, inputs, start, count);
            }
        }
    }

    // ------------------------------------------------------------------ backward

    private void backward(double[][] upstream, double[][] paramGrad, double[][] inputGrad, double[][] inputs,
                          int start, int count) {
        final int g = lanes;
        initLambda(upstream, start, count);
        Arrays.fill(gacc, 0.0);
        for (int op = cc.numOps - 1; op >= 0; op--) {
            // Below the first differentiable op φ is no longer needed, and λ only for amplitude-embedding gradients.
            final boolean phi = op > firstGradOp;
            if (op < firstGradOp && cc.ampLength == 0) {
                break;
            }
            final int a = cc.bitA[op];
            if (op < commonPointEnd) {
                // gradient taken at the end of the leading range; nothing before it needs φ or λ
                if (laneOp[op] || cc.angleSrc[op] == CompiledCircuit.SRC_PARAM) {
                    LaneKernels.generatorDot(cc.kind[op], re, im, lre, lim, a, gacc, op * g, dim, g);
                }
                continue;
            }
            if (cc.isSingle(op)) {
                if (fuseAdjoint && phi && !laneOp[op] && cc.angleSrc[op] == CompiledCircuit.SRC_PARAM
                        && LaneKernels.adjointRotation(cc.kind[op], re, im, lre, lim, a, matsDag, op * 8, gacc, op * g,
                        dim, g)) {
                    continue;
                }
                if (laneOp[op] || cc.angleSrc[op] == CompiledCircuit.SRC_PARAM) {
                    LaneKernels.generatorDot(cc.kind[op], re, im, lre, lim, a, gacc, op * g, dim, g);
                }
                if (phi) {
                    unapply(op, re, im);
                }
                if (phi || cc.ampLength > 0) {
                    unapply(op, lre, lim);
                }
                continue;
            }
            int b = cc.bitB[op];
            switch (cc.kind[op]) {
                case CompiledCircuit.CNOT:
                    if (phi) {
                        LaneKernels.cnot(re, im, a, b, dim, g);
                    }
                    LaneKernels.cnot(lre, lim, a, b, dim, g);
                    break;
                case CompiledCircuit.CZ:
                    if (phi) {
                        LaneKernels.cz(re, im, a, b, dim, g);
                    }
                    LaneKernels.cz(lre, lim, a, b, dim, g);
                    break;
                default:
                    if (phi) {
                        LaneKernels.swap(re, im, a, b, dim, g);
                    }
                    LaneKernels.swap(lre, lim, a, b, dim, g);
            }
        }
        for (int l = 0; l < count; l++) {
            int sample = start + l;
            double[] pg = paramGrad[sample];
            double[] ig = inputGrad[sample];
            Arrays.fill(ig, 0.0);
            for (int op = 0; op < cc.numOps; op++) {
                if (cc.angleSrc[op] == CompiledCircuit.SRC_PARAM) {
                    pg[cc.angleIdx[op]] += cc.angleScale[op] * gacc[op * g + l];
                } else if (cc.angleSrc[op] == CompiledCircuit.SRC_INPUT) {
                    ig[cc.angleIdx[op]] += cc.angleScale[op] * gacc[op * g + l];
                }
            }
            if (cc.ampLength > 0) {
                // dL/dψ0_i = 2·Re λ_i; through ψ0 = x/‖x‖: dL/dx = (g − ψ0·(ψ0·g)) / ‖x‖.
                double[] x = inputs[sample];
                double norm = norms[l];
                double dot = 0.0;
                for (int i = 0; i < cc.ampLength; i++) {
                    dot += (x[cc.ampFirst + i] / norm) * 2.0 * lre[i * g + l];
                }
                for (int i = 0; i < cc.ampLength; i++) {
                    double psi0 = x[cc.ampFirst + i] / norm;
                    ig[cc.ampFirst + i] += (2.0 * lre[i * g + l] - psi0 * dot) / norm;
                }
            }
        }
    }

    /** v ← U†v for single-qubit op {@code op}. */
    private void unapply(int op, double[] vr, double[] vi) {
        final int g = lanes;
        final int a = cc.bitA[op];
        if (laneOp[op]) {
            int o = op * 8 * g;
            if (real) {
                LaneKernels.realApplyLanes(vr, a, lmDag, o, dim, g);
            } else if (diagOp[op]) {
                LaneKernels.diagApplyLanes(vr, vi, a, lmDag, o, dim, g);
            } else {
                LaneKernels.applyLanes(vr, vi, a, lmDag, o, dim, g);
            }
        } else {
            int o = op * 8;
            if (real) {
                LaneKernels.realApply(vr, a, matsDag, o, dim, g);
            } else if (diagOp[op]) {
                LaneKernels.diagApply(vr, vi, a, matsDag, o, dim, g);
            } else {
                LaneKernels.apply(vr, vi, a, matsDag, o, dim, g);
            }
        }
    }

    /** λ = Σ_k g_k O_k ψ per lane; unused lanes get g = 0. */
    private void initLambda(double[][] upstream, int start, int count) {
        final int g = lanes;
        // zsum[b][l] = Σ of g over Z observables on bit b
        Arrays.fill(zsum, 0.0);
        for (int k = 0; k < cc.numObs; k++) {
            if (cc.obsIsX[k]) {
                continue;
            }
            int zo = cc.obsBit[k] * g;
            for (int l = 0; l < count; l++) {
                zsum[zo + l] += upstream[start + l][k];
            }
        }
        // Diagonal d_i = Σ_b ±zsum[b], built bit by bit.
        final double[] d = scratch;
        Arrays.fill(d, 0, g, 0.0);
        for (int b = 0; b < n; b++) {
            final int size = (1 << b) * g;
            final int zo = b * g;
            for (int i = 0; i < size; i += g) {
                for (int l = 0; l < g; l++) {
                    double v = d[i + l], z = zsum[zo + l];
                    d[i + size + l] = v - z;
                    d[i + l] = v + z;
                }
            }
        }
        final int size = dim * g;
        for (int k = 0; k < size; k++) {
            lre[k] = d[k] * re[k];
        }
        if (lim != null) {
            for (int k = 0; k < size; k++) {
                lim[k] = d[k] * im[k];
            }
        }
        for (int k = 0; k < cc.numObs; k++) {
            if (!cc.obsIsX[k]) {
                continue;
            }
            Arrays.fill(acc, 0.0);
            for (int l = 0; l < count; l++) {
                acc[l] = upstream[start + l][k];
            }
            final int sg = (1 << cc.obsBit[k]) * g;
            for (int base = 0; base < size; base += 2 * sg) {
                for (int i = base; i < base + sg; i += g) {
                    for (int l = 0; l < g; l++) {
                        double gk = acc[l];
                        lre[i + l] += gk * re[i + sg + l];
                        lre[i + sg + l] += gk * re[i + l];
                    }
                    if (lim != null) {
                        for (int l = 0; l < g; l++) {
                            double gk = acc[l];
                            lim[i + l] += gk * im[i + sg + l];
                            lim[i + sg + l] += gk * im[i + l];
                        }
                    }
                }
            }
        }
    }
}

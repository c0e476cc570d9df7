package org.hybridqml.sim;

import java.util.Arrays;

/**
 * Stage 4, the adjoint sweep (Jones &amp; Gacon, "Efficient calculation of gradients in classical simulations of
 * variational quantum algorithms", arXiv:2009.02823), on top of the plan ({@link StateEnginePlan}) and
 * forward pass ({@link StateEngineForward}) of the same engine: one engine object simulates one sample at a time on
 * buffers it owns (one engine per worker thread, reused for every sample, so hot loops never allocate). Real
 * circuits run with {@code im == null} on the real kernels.
 *
 * <p>From the final state φ = ψ and λ = Σ_k g_k O_k ψ (g_k = dL/d⟨O_k⟩), the sweep walks the gates backwards,
 * un-applying each gate U to φ and λ in one fused pass and accumulating Re⟨λ|dU|φ⟩ for parametrised gates;
 * low-bit runs are processed block by block, high wires tile by tile. Fused CNOT/SWAP runs are un-applied as one
 * gather. Gates of the product-state prefix take their gradients from per-wire environments of λ
 * ({@link #prefixGradients}) instead of being un-applied. Real circuits made of single-qubit segments between
 * CNOT/SWAP runs (the DQC circuit) instead keep each segment's input state during the forward pass and never
 * un-apply φ ({@link #backwardSegmented}).
 *
 * <p>Every pass is cut into a fixed number of chunks (depending only on the qubit count) run through a
 * {@link ChunkTeam}: serially by default, or by several threads on one sample (amplitude-block parallelism,
 * {@link #useTeam}); gradient partial sums are kept per chunk and added in chunk order, so neither the team size nor
 * the worker that ran a sample changes a bit.
 */
final class StateEngine extends StateEngineForward implements SimulationEngine {

    /** A {@link ForwardTape}'s stored final states and checkpoints (see {@link #useStoredStates}), or null. */
    private double[][] storedRe;
    private double[][] storedIm;
    private double[][][] storedCkpt;

    /**
     * @param cc        the compiled circuit
     * @param gradients whether buffers for the adjoint pass are needed
     */
    StateEngine(CompiledCircuit cc, boolean gradients) {
        super(cc, gradients);
    }

    // ------------------------------------------------------------------ driver

    /**
     * Makes {@link #run} work with a {@link ForwardTape}'s stored states: a forward-only run stores every sample's
     * final state (and checkpoints) into these arrays; a run with gradients starts its adjoint sweep from them
     * instead of repeating the forward pass. Null arrays (the default) mean no tape.
     *
     * @param re   final states, real parts, per sample (or null)
     * @param im   final states, imaginary parts, per sample (null for real circuits)
     * @param ckpt checkpoints of the segmented backward sweep, per sample (or null)
     */
    void useStoredStates(double[][] re, double[][] im, double[][][] ckpt) {
        storedRe = re;
        storedIm = im;
        storedCkpt = ckpt;
    }

    /** {@inheritDoc} Samples run one at a time, each pass over the state on this engine's {@link ChunkTeam}. */
    @Override
    public void run(double[] params, double[][] inputs, double[][] upstream, double[][] expect,
                    double[][] paramGrad, double[][] inputGrad, int from, int to) {
        boolean gradients = upstream != null;
        for (int b = from; b < to; b++) {
            cancel.check();
            prepare(params, inputs[b], gradients);
            double norm;
            if (gradients && storedRe != null) {
                norm = embeddingNorm(inputs[b], b);
                loadState(storedRe[b], storedIm == null ? null : storedIm[b]);
                if (storedCkpt != null && storedCkpt[b] != null) {
                    loadCheckpoints(storedCkpt[b]);
                }
            } else {
                norm = initState(inputs[b], b);
                forward();
                expectations(expect[b]);
                if (storedRe != null) {
                    storedRe[b] = re.clone();
                    if (storedIm != null) {
                        storedIm[b] = im.clone();
                    }
                    if (storedCkpt != null) {
                        storedCkpt[b] = copyCheckpoints();
                    }
                }
            }
            if (gradients) {
                backward(upstream[b], paramGrad[b], inputGrad[b], inputs[b], norm);
            }
        }
    }

    // ------------------------------------------------------------------ backward

    /** Un-applies op on worker w's tiles; returns its Re⟨λ|dU|φ⟩ contribution (0 without a gradient). */
    private double adjointTileOp(int op, int w) {
        double[] dm = cc.hasTrainableOrInputAngle(op) ? dmats : null;
        int b = tileBit(cc.bitA[op]);
        int len = tileLen;
        if (real) {
            return Kernels.realAdjoint1(tileRe[w], tileLre[w], b, mats, op * 8, dm, op * 8, 0, len);
        }
        return Kernels.adjoint1(tileRe[w], tileIm[w], tileLre[w], tileLim[w], b, mats, op * 8, dm, op * 8, 0, len);
    }

    /**
     * Runs the adjoint sweep from the current (final) state.
     *
     * @param upstream   dL/d⟨O_k⟩ for this sample
     * @param paramGrad  accumulates dL/dθ (added to)
     * @param inputGrad  receives dL/dx for this sample (overwritten)
     * @param input      the sample's features
     * @param embedNorm  the norm returned by {@link #initState}
     */
    void backward(double[] upstream, double[] paramGrad, double[] inputGrad, double[] input, double embedNorm) {
        initLambda(upstream);
        Arrays.fill(gradAcc, 0.0);
        int r = checkpointsValid ? -1 : cc.numOps - 1;
        if (checkpointsValid) {
            backwardSegmented();
        }
        while (r >= 0) {
            cancel.check();
            if (usePrefix && inPrefix[r]) {
                r--;
                continue;
            }
            int runStart = permRunStart(r);
            if (runStart >= 0) {
                // un-apply the whole CNOT/SWAP run at once: gather through F on λ, and on φ while an earlier op
                // still needs φ for its gradient
                if (firstGradOp >= 0 && firstGradOp < runStart) {
                    permuteState(permBackwardLow[runStart], permBackwardHigh[runStart], true);
                } else {
                    permuteLambdaOnly(permBackwardLow[runStart], permBackwardHigh[runStart]);
                }
                r = runStart - 1;
            } else if (opIsHighSingle(r)) {
                int q = r;
                while (q > 0 && (opIsHighSingle(q - 1) || (usePrefix && inPrefix[q - 1]))) {
                    q--;
                }
                int from = q, to = r;
                Arrays.fill(partial, 0.0);
                pass(numChunks, (c, w) -> highAdjointOnChunk(from, to, c, w));
                reducePartials(from, to);
                r = q - 1;
            } else if (blocking && opIsLow(r)) {
                int q = r;
                while (q > 0 && opIsLow(q - 1) && permRunStart(q - 1) < 0) {
                    q--;
                }
                int from = q, to = r;
                Arrays.fill(partial, 0.0);
                pass(numChunks, (c, w) -> lowAdjointOnChunk(from, to, c));
                reducePartials(from, to);
                r = q - 1;
            } else {
                adjointOp(r, 0, dim);
                r--;
            }
        }
        if (usePrefix) {
            prefixGradients();
        }
        Arrays.fill(inputGrad, 0.0);
        for (int op = 0; op < cc.numOps; op++) {
            if (cc.angleSrc[op] == CompiledCircuit.SRC_PARAM) {
                paramGrad[cc.angleIdx[op]] += 2.0 * cc.angleScale[op] * gradAcc[op];
            } else if (cc.angleSrc[op] == CompiledCircuit.SRC_INPUT) {
                inputGrad[cc.angleIdx[op]] += 2.0 * cc.angleScale[op] * gradAcc[op];
            }
        }
        if (cc.ampLength > 0) {
            // λ is now U†·O_g·ψ at the initial state: dL/dψ0_i = 2·Re λ_i. Chain rule through ψ0 = x/‖x‖:
            // dL/dx = (g − ψ0·(ψ0·g)) / ‖x‖.
            double dot = 0.0;
            for (int i = 0; i < cc.ampLength; i++) {
                dot += (input[cc.ampFirst + i] / embedNorm) * 2.0 * lre[i];
            }
            for (int i = 0; i < cc.ampLength; i++) {
                double psi0 = input[cc.ampFirst + i] / embedNorm;
                inputGrad[cc.ampFirst + i] += (2.0 * lre[i] - psi0 * dot) / embedNorm;
            }
        }
    }

    /**
     * The checkpointed sweep: for each segment, last to first, un-apply its gates on λ (low wires block by block,
     * then high wires tile by tile), take each RY gradient Re⟨λ|(−i/2)Y_b|φ⟩ at the segment's input from λ and the
     * stored input state (valid because the RY generator on wire b commutes with every gate of the segment, all on
     * other wires, and with the RY itself), then un-permute λ through the preceding CNOT/SWAP run. φ is never
     * un-applied: about a third less arithmetic than the fused φ-and-λ sweep, and no gathers of φ.
     */
    private void backwardSegmented() {
        for (int op = 0; op < cc.numOps; op++) {
            if (cc.isSingle(op)) {
                int o = op * 8;
                matsT[o] = mats[o];
                matsT[o + 2] = mats[o + 4];
                matsT[o + 4] = mats[o + 2];
                matsT[o + 6] = mats[o + 6];
            }
        }
        for (int k = segFrom.length - 1; k >= 0; k--) {
            cancel.check();
            if (segHasOps[k]) {
                int from = segFrom[k], to = segTo[k];
                double[] phi = checkpoints[k];
                Arrays.fill(partial, 0.0);
                pass(numChunks, (c, w) -> segmentLowOnChunk(from, to, c, false, phi));
                pass(numChunks, (c, w) -> segmentHighOnChunk(from, to, c, w, phi));
                pass(numChunks, (c, w) -> segmentLowOnChunk(from, to, c, true, phi));
                reducePartials(from, to);
            }
            if (k > 0) {
                permuteLambdaOnly(permBackwardLow[segPerm[k]], permBackwardHigh[segPerm[k]]);
            }
        }
    }

    private boolean segmentOp(int op) {
        return !(usePrefix && inPrefix[op]);
    }

    /**
     * Low-wire ops of a segment over chunk c's cache blocks: un-applies them on λ (two per pass where possible),
     * or, with {@code contract}, adds their gradient terms from λ and the segment's input state φ.
     */
    private void segmentLowOnChunk(int from, int to, int c, boolean contract, double[] phi) {
        int bs = 1 << BLOCK_BITS;
        int po = c * cc.numOps;
        for (int base = c * blocksPerChunk * bs, end = base + blocksPerChunk * bs; base < end; base += bs) {
            int pendingOp = -1;
            for (int op = to; op >= from; op--) {
                if (!segmentOp(op) || cc.bitA[op] >= BLOCK_BITS) {
                    continue;
                }
                if (contract) {
                    if (cc.hasTrainableOrInputAngle(op)) {
                        partial[po + op] += Kernels.realGeneratorDot(lre, phi, cc.bitA[op], base, base + bs);
                    }
                } else if (pendingOp < 0) {
                    pendingOp = op;
                } else {
                    Kernels.realApply2(lre, cc.bitA[pendingOp], cc.bitA[op], matsT, pendingOp * 8, op * 8, base,
                            base + bs);
                    pendingOp = -1;
                }
            }
            if (pendingOp >= 0) {
                Kernels.realApply1(lre, cc.bitA[pendingOp], matsT, pendingOp * 8, base, base + bs);
            }
        }
    }

    /** High-wire ops of a segment over chunk c's tiles: un-apply on λ, then gradient terms against φ's tile. */
    private void segmentHighOnChunk(int from, int to, int c, int w, double[] phi) {
        double[] tl = tileLre[w];
        double[] tp = tileRe[w];
        int po = c * cc.numOps;
        boolean any = false;
        for (int op = to; op >= from && !any; op--) {
            any = segmentOp(op) && cc.bitA[op] >= BLOCK_BITS;
        }
        if (!any) {
            return;
        }
        for (int t = c * tilesPerChunk, tEnd = t + tilesPerChunk; t < tEnd; t++) {
            int c0 = t * TILE_WIDTH;
            gatherTile(lre, tl, c0);
            gatherTile(phi, tp, c0);
            int pendingOp = -1;
            for (int op = to; op >= from; op--) {
                if (!segmentOp(op) || cc.bitA[op] < BLOCK_BITS) {
                    continue;
                }
                if (pendingOp < 0) {
                    pendingOp = op;
                } else {
                    Kernels.realApply2(tl, tileBit(cc.bitA[pendingOp]), tileBit(cc.bitA[op]), matsT, pendingOp * 8,
                            op * 8, 0, tileLen);
                    pendingOp = -1;
                }
            }
            if (pendingOp >= 0) {
                Kernels.realApply1(tl, tileBit(cc.bitA[pendingOp]), matsT, pendingOp * 8, 0, tileLen);
            }
            for (int op = to; op >= from; op--) {
                if (segmentOp(op) && cc.bitA[op] >= BLOCK_BITS && cc.hasTrainableOrInputAngle(op)) {
                    partial[po + op] += Kernels.realGeneratorDot(tl, tp, tileBit(cc.bitA[op]), 0, tileLen);
                }
            }
            scatterTile(tl, lre, c0);
        }
    }

    /** Ops to..from (descending) on the tiles of chunk c; gradient contributions into chunk c's partials. */
    private void highAdjointOnChunk(int from, int to, int c, int w) {
        double[] tr = tileRe[w], tl = tileLre[w];
        double[] ti = im == null ? null : tileIm[w];
        double[] tli = im == null ? null : tileLim[w];
        int po = c * cc.numOps;
        for (int t = c * tilesPerChunk, tEnd = t + tilesPerChunk; t < tEnd; t++) {
            int c0 = t * TILE_WIDTH;
            gatherTile(re, tr, c0);
            gatherTile(lre, tl, c0);
            if (ti != null) {
                gatherTile(im, ti, c0);
                gatherTile(lim, tli, c0);
            }
            for (int op = to; op >= from; op--) {
                if (!(usePrefix && inPrefix[op])) {
                    partial[po + op] += adjointTileOp(op, w);
                }
            }
            scatterTile(tr, re, c0);
            scatterTile(tl, lre, c0);
            if (ti != null) {
                scatterTile(ti, im, c0);
                scatterTile(tli, lim, c0);
            }
        }
    }

    /** Ops to..from (descending), all on low bits, over the cache blocks of chunk c. */
    private void lowAdjointOnChunk(int from, int to, int c) {
        int bs = 1 << BLOCK_BITS;
        int po = c * cc.numOps;
        for (int base = c * blocksPerChunk * bs, end = base + blocksPerChunk * bs; base < end; base += bs) {
            for (int op = to; op >= from; op--) {
                if (usePrefix && inPrefix[op]) {
                    continue;
                }
                if (cc.isSingle(op)) {
                    partial[po + op] += singleAdjoint(op, base, base + bs);
                } else {
                    adjointTwoQubit(op, base, base + bs);
                }
            }
        }
    }

    /** gradAcc[op] += the chunks' partial sums, in chunk order, for ops in [from, to]. */
    private void reducePartials(int from, int to) {
        for (int c = 0; c < numChunks; c++) {
            int po = c * cc.numOps;
            for (int op = from; op <= to; op++) {
                gradAcc[op] += partial[po + op];
            }
        }
    }

    private double singleAdjoint(int op, int start, int end) {
        double[] dm = cc.hasTrainableOrInputAngle(op) ? dmats : null;
        if (real) {
            return Kernels.realAdjoint1(re, lre, cc.bitA[op], mats, op * 8, dm, op * 8, start, end);
        }
        return Kernels.adjoint1(re, im, lre, lim, cc.bitA[op], mats, op * 8, dm, op * 8, start, end);
    }

    private void adjointSingle(int op, int start, int end) {
        double[] dm = cc.hasTrainableOrInputAngle(op) ? dmats : null;
        if (real) {
            gradAcc[op] += Kernels.realAdjoint1(re, lre, cc.bitA[op], mats, op * 8, dm, op * 8, start, end);
        } else {
            gradAcc[op] += Kernels.adjoint1(re, im, lre, lim, cc.bitA[op], mats, op * 8, dm, op * 8, start, end);
        }
    }

    /** A single-qubit op on a wire above the cache block (and not folded into the product state). */
    private boolean opIsHighSingle(int op) {
        return blocking && cc.isSingle(op) && cc.bitA[op] >= BLOCK_BITS && !(usePrefix && inPrefix[op]);
    }

    /** If op is the last op of a fused permutation run, the run's first op; else -1. */
    private int permRunStart(int op) {
        if (!blocking || !isPermutation(op)) {
            return -1;
        }
        int q = op;
        while (q >= 0 && isPermutation(q) && permRunLength[q] == 0) {
            q--;
        }
        if (q >= 0 && permRunLength[q] > 0 && q + permRunLength[q] - 1 == op) {
            return q;
        }
        return -1;
    }

    /**
     * Gradients of the prefix ops from λ at the product state ψ0 = ⊗ v_w: with the environment
     * e_w[b] = Σ_{i: bit_w(i)=b} conj(λ_i)·Π_{u≠w} v_u(bit_u(i)), an op k in wire w's chain M_K…M_1|0⟩ gets
     * Re(e_w · M_K…M_{k+1} dM_k M_{k-1}…M_1|0⟩). The environments of all wires cost about three passes: contract λ
     * with v from the least significant wire up (C_m, stored in the scratch vector at offset 2^m), and multiply by
     * the product of the more significant wires' vectors (P_w), built incrementally.
     */
    private void prefixGradients() {
        computeWireVectors();
        // φ is no longer needed once the sweep reaches the product state: its buffers hold the environments P_w.
        double[] envPRe = re;
        double[] envPIm = im;
        boolean cplx = lim != null;
        // C_{n-1} from conj(λ), then C_{m-1} from C_m, stored at [2^(m-1), 2^m) of the scratch arrays.
        double[] cre = sre;
        double[] cim = sim;
        if (!cplx) {
            // Real λ and real v: every C is real. Use only cre.
            int half = dim >> 1;
            double v0 = wireVec[4 * (n - 1)], v1 = wireVec[4 * (n - 1) + 2];
            for (int h = 0; h < half; h++) {
                cre[half + h] = lre[2 * h] * v0 + lre[2 * h + 1] * v1;
            }
            for (int m = n - 1; m >= 2; m--) {
                int size = 1 << (m - 1);
                double a0 = wireVec[4 * (m - 1)], a1 = wireVec[4 * (m - 1) + 2];
                int src = 1 << m;
                for (int h = 0; h < size; h++) {
                    cre[size + h] = cre[src + 2 * h] * a0 + cre[src + 2 * h + 1] * a1;
                }
            }
            envPRe[0] = 1;
            for (int w = 0; w < n; w++) {
                int size = 1 << w;
                double e0 = 0, e1 = 0;
                if (w == n - 1) {
                    for (int h = 0; h < size; h++) {
                        e0 += lre[2 * h] * envPRe[h];
                        e1 += lre[2 * h + 1] * envPRe[h];
                    }
                } else {
                    int src = 1 << (w + 1);
                    for (int h = 0; h < size; h++) {
                        e0 += cre[src + 2 * h] * envPRe[h];
                        e1 += cre[src + 2 * h + 1] * envPRe[h];
                    }
                }
                chainGradients(w, e0, 0, e1, 0);
                if (w < n - 1) {
                    double u0 = wireVec[4 * w], u1 = wireVec[4 * w + 2];
                    for (int h = size - 1; h >= 0; h--) {
                        double p = envPRe[h];
                        envPRe[2 * h] = p * u0;
                        envPRe[2 * h + 1] = p * u1;
                    }
                }
            }
            return;
        }
        int half = dim >> 1;
        {
            double v0r = wireVec[4 * (n - 1)], v0i = wireVec[4 * (n - 1) + 1];
            double v1r = wireVec[4 * (n - 1) + 2], v1i = wireVec[4 * (n - 1) + 3];
            for (int h = 0; h < half; h++) {
                double ar = lre[2 * h], ai = -lim[2 * h], br = lre[2 * h + 1], bi = -lim[2 * h + 1];
                cre[half + h] = ar * v0r - ai * v0i + br * v1r - bi * v1i;
                cim[half + h] = ar * v0i + ai * v0r + br * v1i + bi * v1r;
            }
        }
        for (int m = n - 1; m >= 2; m--) {
            int size = 1 << (m - 1);
            int src = 1 << m;
            double v0r = wireVec[4 * (m - 1)], v0i = wireVec[4 * (m - 1) + 1];
            double v1r = wireVec[4 * (m - 1) + 2], v1i = wireVec[4 * (m - 1) + 3];
            for (int h = 0; h < size; h++) {
                double ar = cre[src + 2 * h], ai = cim[src + 2 * h], br = cre[src + 2 * h + 1], bi = cim[src + 2 * h + 1];
                cre[size + h] = ar * v0r - ai * v0i + br * v1r - bi * v1i;
                cim[size + h] = ar * v0i + ai * v0r + br * v1i + bi * v1r;
            }
        }
        envPRe[0] = 1;
        envPIm[0] = 0;
        for (int w = 0; w < n; w++) {
            int size = 1 << w;
            double e0r = 0, e0i = 0, e1r = 0, e1i = 0;
            for (int h = 0; h < size; h++) {
                double ar, ai, br, bi;
                if (w == n - 1) {
                    ar = lre[2 * h];
                    ai = -lim[2 * h];
                    br = lre[2 * h + 1];
                    bi = -lim[2 * h + 1];
                } else {
                    int src = 1 << (w + 1);
                    ar = cre[src + 2 * h];
                    ai = cim[src + 2 * h];
                    br = cre[src + 2 * h + 1];
                    bi = cim[src + 2 * h + 1];
                }
                double pr = envPRe[h], pi = envPIm[h];
                e0r += ar * pr - ai * pi;
                e0i += ar * pi + ai * pr;
                e1r += br * pr - bi * pi;
                e1i += br * pi + bi * pr;
            }
            chainGradients(w, e0r, e0i, e1r, e1i);
            if (w < n - 1) {
                double v0r = wireVec[4 * w], v0i = wireVec[4 * w + 1], v1r = wireVec[4 * w + 2], v1i = wireVec[4 * w + 3];
                for (int h = size - 1; h >= 0; h--) {
                    double pr = envPRe[h], pi = envPIm[h];
                    envPRe[2 * h] = pr * v0r - pi * v0i;
                    envPIm[2 * h] = pr * v0i + pi * v0r;
                    envPRe[2 * h + 1] = pr * v1r - pi * v1i;
                    envPIm[2 * h + 1] = pr * v1i + pi * v1r;
                }
            }
        }
    }

    /** Re(e · M_K…M_{k+1} dM_k a_{k-1}) for every angled op k in wire w's prefix chain, into gradAcc. */
    private void chainGradients(int w, double e0r, double e0i, double e1r, double e1i) {
        int[] ops = prefixOpsByWire[w];
        int len = ops.length;
        if (len == 0) {
            return;
        }
        // a_k, k = 0..len-1 (state before op k), computed forward
        double[] a = chainScratch(len);
        double r0 = 1, i0 = 0, r1 = 0, i1 = 0;
        for (int k = 0; k < len; k++) {
            a[4 * k] = r0;
            a[4 * k + 1] = i0;
            a[4 * k + 2] = r1;
            a[4 * k + 3] = i1;
            int o = ops[k] * 8;
            double nr0 = mats[o] * r0 - mats[o + 1] * i0 + mats[o + 2] * r1 - mats[o + 3] * i1;
            double ni0 = mats[o] * i0 + mats[o + 1] * r0 + mats[o + 2] * i1 + mats[o + 3] * r1;
            double nr1 = mats[o + 4] * r0 - mats[o + 5] * i0 + mats[o + 6] * r1 - mats[o + 7] * i1;
            double ni1 = mats[o + 4] * i0 + mats[o + 5] * r0 + mats[o + 6] * i1 + mats[o + 7] * r1;
            r0 = nr0;
            i0 = ni0;
            r1 = nr1;
            i1 = ni1;
        }
        // row vector r = e·M_K…M_{k+1}, walked backwards
        double q0r = e0r, q0i = e0i, q1r = e1r, q1i = e1i;
        for (int k = len - 1; k >= 0; k--) {
            int op = ops[k];
            int o = op * 8;
            if (cc.hasTrainableOrInputAngle(op)) {
                double ar0 = a[4 * k], ai0 = a[4 * k + 1], ar1 = a[4 * k + 2], ai1 = a[4 * k + 3];
                // d = dM · a
                double d0r = dmats[o] * ar0 - dmats[o + 1] * ai0 + dmats[o + 2] * ar1 - dmats[o + 3] * ai1;
                double d0i = dmats[o] * ai0 + dmats[o + 1] * ar0 + dmats[o + 2] * ai1 + dmats[o + 3] * ar1;
                double d1r = dmats[o + 4] * ar0 - dmats[o + 5] * ai0 + dmats[o + 6] * ar1 - dmats[o + 7] * ai1;
                double d1i = dmats[o + 4] * ai0 + dmats[o + 5] * ar0 + dmats[o + 6] * ai1 + dmats[o + 7] * ar1;
                gradAcc[op] += q0r * d0r - q0i * d0i + q1r * d1r - q1i * d1i;
            }
            // q ← q · M_k
            double n0r = q0r * mats[o] - q0i * mats[o + 1] + q1r * mats[o + 4] - q1i * mats[o + 5];
            double n0i = q0r * mats[o + 1] + q0i * mats[o] + q1r * mats[o + 5] + q1i * mats[o + 4];
            double n1r = q0r * mats[o + 2] - q0i * mats[o + 3] + q1r * mats[o + 6] - q1i * mats[o + 7];
            double n1i = q0r * mats[o + 3] + q0i * mats[o + 2] + q1r * mats[o + 7] + q1i * mats[o + 6];
            q0r = n0r;
            q0i = n0i;
            q1r = n1r;
            q1i = n1i;
        }
    }

    private double[] chainBuffer = new double[16];

    private double[] chainScratch(int len) {
        if (chainBuffer.length < 4 * len) {
            chainBuffer = new double[4 * len];
        }
        return chainBuffer;
    }

    private void adjointOp(int op, int start, int end) {
        if (cc.isSingle(op)) {
            adjointSingle(op, start, end);
            return;
        }
        adjointTwoQubit(op, start, end);
    }

    private void adjointTwoQubit(int op, int start, int end) {
        // CNOT, CZ and SWAP are their own inverses.
        switch (cc.kind[op]) {
            case CompiledCircuit.CNOT:
                Kernels.cnot(re, im, cc.bitA[op], cc.bitB[op], start, end);
                Kernels.cnot(lre, lim, cc.bitA[op], cc.bitB[op], start, end);
                break;
            case CompiledCircuit.CZ:
                Kernels.cz(re, im, cc.bitA[op], cc.bitB[op], start, end);
                Kernels.cz(lre, lim, cc.bitA[op], cc.bitB[op], start, end);
                break;
            default:
                Kernels.swap(re, im, cc.bitA[op], cc.bitB[op], start, end);
                Kernels.swap(lre, lim, cc.bitA[op], cc.bitB[op], start, end);
        }
    }

    private void weightByZTables(int start, int end) {
        int chunk = 1 << tableBits;
        for (int off = start; off < end; off += chunk) {
            double h = highTable[off >> tableBits];
            for (int j = 0; j < chunk; j++) {
                double d = lowTable[j] + h;
                lre[off + j] = d * re[off + j];
                if (lim != null) {
                    lim[off + j] = d * im[off + j];
                }
            }
        }
    }

    /** λ = Σ_k g_k O_k ψ. Z terms are diagonal: one pass with sign tables; each X term adds a bit-flipped copy. */
    private void initLambda(double[] g) {
        Arrays.fill(lowTable, 0.0);
        Arrays.fill(highTable, 0.0);
        for (int k = 0; k < cc.numObs; k++) {
            if (cc.obsIsX[k] || g[k] == 0.0) {
                continue;
            }
            int b = cc.obsBit[k];
            if (b < tableBits) {
                for (int j = 0; j < lowTable.length; j++) {
                    lowTable[j] += ((j >> b) & 1) == 0 ? g[k] : -g[k];
                }
            } else {
                int hb = b - tableBits;
                for (int c = 0; c < highTable.length; c++) {
                    highTable[c] += ((c >> hb) & 1) == 0 ? g[k] : -g[k];
                }
            }
        }
        pass(numChunks, (c, w) -> weightByZTables(c * ampsPerChunk, (c + 1) * ampsPerChunk));
        for (int k = 0; k < cc.numObs; k++) {
            if (!cc.obsIsX[k] || g[k] == 0.0) {
                continue;
            }
            int s = 1 << cc.obsBit[k];
            double gk = g[k];
            for (int base = 0; base < dim; base += s << 1) {
                for (int i = base; i < base + s; i++) {
                    lre[i] += gk * re[i + s];
                    lre[i + s] += gk * re[i];
                    if (lim != null) {
                        lim[i] += gk * im[i + s];
                        lim[i + s] += gk * im[i];
                    }
                }
            }
        }
    }
}

package org.hybridqml.sim;

import java.util.Arrays;

/**
 * Stage 3 of the per-sample engine, the forward pass and readout, on the plan of {@link StateEnginePlan}: per-sample
 * gate matrices ({@link #prepare}), the initial state (|0…0⟩, amplitude embedding or the product-state prefix), the
 * fused forward schedule ({@link #buildFusedSteps}: consecutive single-qubit gates on a wire become one 2×2 matrix),
 * its execution block by block (low wires) and tile by tile (high wires) through {@link ChunkTeam}, and the readout
 * ⟨Z_b⟩ / ⟨X_b⟩ ({@link #expectations}). The arithmetic itself is in {@link Kernels}.
 */
abstract class StateEngineForward extends StateEnginePlan {

    /**
     * @param cc        the compiled circuit
     * @param gradients whether buffers for the adjoint pass are needed
     */
    StateEngineForward(CompiledCircuit cc, boolean gradients) {
        super(cc, gradients);
    }

    // ------------------------------------------------------------------ per-sample preparation

    /** Computes every op's matrix (and derivative) for this sample: trig once per op per call. */
    void prepare(double[] params, double[] input, boolean derivatives) {
        for (int op = 0; op < cc.numOps; op++) {
            if (!cc.isSingle(op)) {
                continue;
            }
            double theta = cc.angle(op, params, input);
            cc.matrix(op, theta, mats, op * 8);
            if (derivatives && cc.hasTrainableOrInputAngle(op)) {
                cc.derivative(op, theta, dmats, op * 8);
            }
        }
    }

    /**
     * Prepares |0…0⟩ or the amplitude-embedded input.
     *
     * @param input  the sample's features
     * @param sample the sample's index in the batch (for error messages)
     * @return the L2 norm of the embedded vector (1 for |0…0⟩)
     */
    double initState(double[] input, int sample) {
        checkpointsValid = false;
        if (cc.ampLength == 0 && usePrefix) {
            initProductState(); // writes every amplitude
            return 1.0;
        }
        Arrays.fill(re, 0.0);
        if (im != null) {
            Arrays.fill(im, 0.0);
        }
        if (cc.ampLength == 0) {
            re[0] = 1.0;
            return 1.0;
        }
        double norm = amplitudeNorm(input, cc.ampFirst, cc.ampLength, sample);
        for (int i = 0; i < cc.ampLength; i++) {
            re[i] = input[cc.ampFirst + i] / norm;
        }
        return norm;
    }

    /** v_w = (prefix matrices of wire w)·|0⟩, stored as (re0, im0, re1, im1) at wireVec[4w]. */
    void computeWireVectors() {
        for (int w = 0; w < n; w++) {
            double r0 = 1, i0 = 0, r1 = 0, i1 = 0;
            for (int op : prefixOpsByWire[w]) {
                int o = op * 8;
                double nr0 = mats[o] * r0 - mats[o + 1] * i0 + mats[o + 2] * r1 - mats[o + 3] * i1;
                double ni0 = mats[o] * i0 + mats[o + 1] * r0 + mats[o + 2] * i1 + mats[o + 3] * r1;
                double nr1 = mats[o + 4] * r0 - mats[o + 5] * i0 + mats[o + 6] * r1 - mats[o + 7] * i1;
                double ni1 = mats[o + 4] * i0 + mats[o + 5] * r0 + mats[o + 6] * i1 + mats[o + 7] * r1;
                r0 = nr0;
                i0 = ni0;
                r1 = nr1;
                i1 = ni1;
            }
            wireVec[4 * w] = r0;
            wireVec[4 * w + 1] = i0;
            wireVec[4 * w + 2] = r1;
            wireVec[4 * w + 3] = i1;
        }
    }

    /** Tensor product of wires [first, first+count) into (outRe, outIm); wire first is the most significant. */
    void tensor(int first, int count, double[] outRe, double[] outIm) {
        outRe[0] = 1;
        outIm[0] = 0;
        int size = 1;
        for (int w = first; w < first + count; w++) {
            double r0 = wireVec[4 * w], i0 = wireVec[4 * w + 1], r1 = wireVec[4 * w + 2], i1 = wireVec[4 * w + 3];
            for (int h = size - 1; h >= 0; h--) {
                double pr = outRe[h], pi = outIm[h];
                outRe[2 * h] = pr * r0 - pi * i0;
                outIm[2 * h] = pr * i0 + pi * r0;
                outRe[2 * h + 1] = pr * r1 - pi * i1;
                outIm[2 * h + 1] = pr * i1 + pi * r1;
            }
            size <<= 1;
        }
    }

    /** ψ0[i] = High[i >> k] · Low[i &amp; (2^k − 1)]: one write pass. */
    void initProductState() {
        computeWireVectors();
        int k = Math.min(n, TABLE_BITS);
        tensor(0, n - k, prodHighRe, prodHighIm);
        tensor(n - k, k, prodLowRe, prodLowIm);
        int chunk = 1 << k;
        // usePrefix implies blocking, so a team chunk holds whole 2^k-chunks
        pass(numChunks, (c, w) -> productRange(c * ampsPerChunk, (c + 1) * ampsPerChunk, chunk));
    }

    void productRange(int start, int end, int chunk) {
        for (int off = start; off < end; off += chunk) {
            int h = off / chunk;
            double hr = prodHighRe[h], hi = prodHighIm[h];
            if (im == null) {
                for (int j = 0; j < chunk; j++) {
                    re[off + j] = hr * prodLowRe[j];
                }
            } else {
                for (int j = 0; j < chunk; j++) {
                    re[off + j] = hr * prodLowRe[j] - hi * prodLowIm[j];
                    im[off + j] = hr * prodLowIm[j] + hi * prodLowRe[j];
                }
            }
        }
    }

    /**
     * The L2 norm of input[first, first+length), computed with scaling by the largest magnitude so that very large
     * or very small finite vectors neither overflow nor underflow (the embedding is scale-invariant).
     *
     * @throws IllegalArgumentException for a non-finite entry or an all-zero vector, naming the sample
     */
    static double amplitudeNorm(double[] input, int first, int length, int sample) {
        double max = 0.0;
        for (int i = 0; i < length; i++) {
            double v = input[first + i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Amplitude embedding of sample " + sample + ": feature "
                        + (first + i) + " is not finite (" + v + ")");
            }
            max = Math.max(max, Math.abs(v));
        }
        if (max == 0.0) {
            throw new IllegalArgumentException("Amplitude embedding of sample " + sample
                    + ": the feature vector is all zeros and cannot be normalised");
        }
        double sum = 0.0;
        for (int i = 0; i < length; i++) {
            double v = input[first + i] / max;
            sum += v * v;
        }
        return max * Math.sqrt(sum);
    }

    /** Replaces the current state by a stored final state (for a backward pass without recomputing forward). */
    void loadState(double[] storedRe, double[] storedIm) {
        checkpointsValid = false;
        System.arraycopy(storedRe, 0, re, 0, dim);
        if (im != null) {
            System.arraycopy(storedIm, 0, im, 0, dim);
        }
    }

    /** Copies of the checkpoints of the last forward pass, or null when there are none. */
    double[][] copyCheckpoints() {
        if (!checkpointsValid) {
            return null;
        }
        double[][] copy = new double[checkpoints.length][];
        for (int k = 0; k < copy.length; k++) {
            copy[k] = checkpoints[k] == null ? null : checkpoints[k].clone();
        }
        return copy;
    }

    /** Restores checkpoints saved by {@link #copyCheckpoints} (after {@link #loadState}), making them valid. */
    void loadCheckpoints(double[][] saved) {
        for (int k = 0; k < saved.length; k++) {
            if (saved[k] != null) {
                System.arraycopy(saved[k], 0, checkpoints[k], 0, dim);
            }
        }
        checkpointsValid = true;
    }

    /** The norm {@link #initState} would return for this input, without touching the state. */
    double embeddingNorm(double[] input, int sample) {
        return cc.ampLength == 0 ? 1.0 : amplitudeNorm(input, cc.ampFirst, cc.ampLength, sample);
    }

    // ------------------------------------------------------------------ forward

    /** Applies the whole circuit to the current state, with fusion and cache blocking. */
    void forward() {
        buildFusedSteps();
        int segment = 0;
        if (segmented) {
            checkpoint(0);
        }
        int i = 0;
        while (i < numSteps) {
            cancel.check();
            if (blocking && stepIsLow(i)) {
                int j = i;
                while (j < numSteps && stepIsLow(j)) {
                    j++;
                }
                int from = i, to = j;
                pass(numChunks, (c, w) -> lowStepsOnChunk(from, to, c));
                i = j;
            } else if (blocking && stepIsHighSingle(i)) {
                int j = i;
                while (j < numSteps && stepIsHighSingle(j)) {
                    j++;
                }
                int from = i, to = j;
                pass(numChunks, (c, w) -> highStepsOnChunk(from, to, c, w));
                i = j;
            } else if (stepKind[i] == STEP_PERM) {
                permuteState(permForwardLow[stepA[i]], permForwardHigh[stepA[i]], false);
                if (segmented) {
                    checkpoint(++segment);
                }
                i++;
            } else {
                applyStep(i, 0, dim);
                i++;
            }
        }
    }

    /** Keeps the current state as segment k's input (when the segment has ops); the last one marks them valid. */
    void checkpoint(int k) {
        if (segHasOps[k]) {
            double[] dst = checkpoints[k];
            double[] src = re;
            pass(numChunks, (c, w) -> System.arraycopy(src, c * ampsPerChunk, dst, c * ampsPerChunk,
                    ampsPerChunk));
        }
        checkpointsValid = k == segFrom.length - 1;
    }

    /** Fused steps [from, to), all on low bits, over the cache blocks of chunk c. */
    void lowStepsOnChunk(int from, int to, int c) {
        int bs = 1 << BLOCK_BITS;
        for (int base = c * blocksPerChunk * bs, end = base + blocksPerChunk * bs; base < end; base += bs) {
            for (int s = from; s < to; ) {
                if (pairable(s, to)) {
                    Kernels.realApply2(re, stepA[s], stepA[s + 1], stepMat, s * 8, (s + 1) * 8, base, base + bs);
                    s += 2;
                } else {
                    applyStep(s, base, base + bs);
                    s++;
                }
            }
        }
    }

    /** Whether steps s and s+1 (both before {@code to}) are real single-qubit steps on two different bits. */
    boolean pairable(int s, int to) {
        return s + 1 < to && stepKind[s] == STEP_REAL && stepKind[s + 1] == STEP_REAL && stepA[s] != stepA[s + 1];
    }

    /** Fused steps [from, to), all on high bits, over the tiles of chunk c, in worker w's tile buffers. */
    void highStepsOnChunk(int from, int to, int c, int w) {
        double[] tr = tileRe[w];
        double[] ti = im == null ? null : tileIm[w];
        for (int t = c * tilesPerChunk, tEnd = t + tilesPerChunk; t < tEnd; t++) {
            int c0 = t * TILE_WIDTH;
            gatherTile(re, tr, c0);
            if (ti != null) {
                gatherTile(im, ti, c0);
            }
            for (int s = from; s < to; ) {
                if (pairable(s, to)) {
                    Kernels.realApply2(tr, tileBit(stepA[s]), tileBit(stepA[s + 1]), stepMat, s * 8, (s + 1) * 8, 0,
                            tileLen);
                    s += 2;
                } else {
                    applyTileStep(s, tr, ti);
                    s++;
                }
            }
            scatterTile(tr, re, c0);
            if (ti != null) {
                scatterTile(ti, im, c0);
            }
        }
    }

    /**
     * High-wire runs: gates on wires above the cache block touch amplitudes 2^13+ apart, which map to the same cache
     * sets, so applying them in place thrashes. Instead, copy a tile (every high-bit row × TILE_WIDTH consecutive
     * low indices) into a small contiguous buffer, apply the whole run there, and copy it back: one pass over the
     * state for the run. In the tile, high bit b becomes bit b − BLOCK_BITS + log2(TILE_WIDTH).
     */
    void gatherTile(double[] src, double[] tile, int c0) {
        int rows = dim >> BLOCK_BITS;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, (r << BLOCK_BITS) + c0, tile, r * TILE_WIDTH, TILE_WIDTH);
        }
    }

    void scatterTile(double[] tile, double[] dst, int c0) {
        int rows = dim >> BLOCK_BITS;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tile, r * TILE_WIDTH, dst, (r << BLOCK_BITS) + c0, TILE_WIDTH);
        }
    }

    int tileBit(int bit) {
        return bit - BLOCK_BITS + TILE_BITS;
    }

    void applyTileStep(int s, double[] tr, double[] ti) {
        int len = tileLen;
        int b = tileBit(stepA[s]);
        switch (stepKind[s]) {
            case STEP_REAL:
                Kernels.realApply1(tr, b, stepMat, s * 8, 0, len);
                break;
            case STEP_DIAG:
                Kernels.applyDiag(tr, ti, b, stepMat, s * 8, 0, len);
                break;
            default:
                Kernels.apply1(tr, ti, b, stepMat, s * 8, 0, len);
        }
    }

    boolean stepIsHighSingle(int s) {
        return stepKind[s] <= STEP_REAL && stepA[s] >= BLOCK_BITS;
    }

    /** Summary of the forward schedule for the matrices of the last {@link #prepare}. */
    ExecutionInfo describe() {
        buildFusedSteps();
        int passes = 0;
        int i = 0;
        while (i < numSteps) {
            if (blocking && stepIsLow(i)) {
                while (i < numSteps && stepIsLow(i)) {
                    i++;
                }
            } else if (blocking && stepIsHighSingle(i)) {
                while (i < numSteps && stepIsHighSingle(i)) {
                    i++;
                }
            } else {
                i++;
            }
            passes++;
        }
        return new ExecutionInfo(cc.numOps, numSteps, passes, real, blocking);
    }

    boolean stepIsLow(int s) {
        return stepA[s] < BLOCK_BITS && stepB[s] < BLOCK_BITS;
    }

    void buildFusedSteps() {
        numSteps = 0;
        Arrays.fill(hasPending, false);
        for (int op = 0; op < cc.numOps; op++) {
            if (usePrefix && inPrefix[op]) {
                continue; // already in the product state
            }
            if (permRunLength[op] > 0) {
                int end = op + permRunLength[op];
                for (int q = op; q < end; q++) {
                    flush(cc.bitA[q]);
                    flush(cc.bitB[q]);
                }
                stepKind[numSteps] = STEP_PERM;
                stepA[numSteps] = op;
                stepB[numSteps] = Integer.MAX_VALUE; // never part of a low-bit block
                numSteps++;
                op = end - 1;
                continue;
            }
            if (cc.isSingle(op)) {
                int b = cc.bitA[op];
                int p = b * 8;
                if (!hasPending[b]) {
                    System.arraycopy(mats, op * 8, pending, p, 8);
                    hasPending[b] = true;
                } else {
                    // pending ← M_op · pending
                    multiply(mats, op * 8, pending, p, tmp);
                    System.arraycopy(tmp, 0, pending, p, 8);
                }
            } else {
                flush(cc.bitA[op]);
                flush(cc.bitB[op]);
                int k = cc.kind[op];
                stepKind[numSteps] = k == CompiledCircuit.CNOT ? STEP_CNOT : k == CompiledCircuit.CZ ? STEP_CZ : STEP_SWAP;
                stepA[numSteps] = cc.bitA[op];
                stepB[numSteps] = cc.bitB[op];
                numSteps++;
            }
        }
        for (int b = n - 1; b >= 0; b--) {
            flush(b);
        }
    }

    void flush(int b) {
        if (!hasPending[b]) {
            return;
        }
        hasPending[b] = false;
        int p = b * 8;
        boolean diag = pending[p + 2] == 0 && pending[p + 3] == 0 && pending[p + 4] == 0 && pending[p + 5] == 0;
        if (diag && pending[p] == 1 && pending[p + 1] == 0 && pending[p + 6] == 1 && pending[p + 7] == 0) {
            return; // identity
        }
        int kind;
        if (real) {
            kind = STEP_REAL;
        } else if (diag) {
            kind = STEP_DIAG;
        } else {
            kind = STEP_GENERAL;
        }
        stepKind[numSteps] = kind;
        stepA[numSteps] = b;
        stepB[numSteps] = -1;
        System.arraycopy(pending, p, stepMat, numSteps * 8, 8);
        numSteps++;
    }

    static void multiply(double[] a, int ao, double[] b, int bo, double[] out) {
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                double sr = 0, si = 0;
                for (int k = 0; k < 2; k++) {
                    double xr = a[ao + (r * 2 + k) * 2], xi = a[ao + (r * 2 + k) * 2 + 1];
                    double yr = b[bo + (k * 2 + c) * 2], yi = b[bo + (k * 2 + c) * 2 + 1];
                    sr += xr * yr - xi * yi;
                    si += xr * yi + xi * yr;
                }
                out[(r * 2 + c) * 2] = sr;
                out[(r * 2 + c) * 2 + 1] = si;
            }
        }
    }

    void applyStep(int s, int start, int end) {
        switch (stepKind[s]) {
            case STEP_REAL:
                Kernels.realApply1(re, stepA[s], stepMat, s * 8, start, end);
                break;
            case STEP_DIAG:
                Kernels.applyDiag(re, im, stepA[s], stepMat, s * 8, start, end);
                break;
            case STEP_GENERAL:
                Kernels.apply1(re, im, stepA[s], stepMat, s * 8, start, end);
                break;
            case STEP_CNOT:
                Kernels.cnot(re, im, stepA[s], stepB[s], start, end);
                break;
            case STEP_CZ:
                Kernels.cz(re, im, stepA[s], stepB[s], start, end);
                break;
            case STEP_PERM:
                throw new IllegalStateException("permutation runs are whole-state passes");
            default:
                Kernels.swap(re, im, stepA[s], stepB[s], start, end);
        }
    }

    /**
     * ψ ← ψ[T(i)] for all i (and then λ the same way when {@code lambda}), out of place into the scratch vectors,
     * which then become the state; λ's gather reuses φ's old buffer as its scratch.
     */
    void permuteState(int[] low, int[] high, boolean lambda) {
        double[] src = re;
        double[] dst = sre;
        double[] srcI = im;
        double[] dstI = sim;
        pass(numChunks, (c, w) -> {
            int start = c * ampsPerChunk, end = start + ampsPerChunk;
            gather(src, dst, low, high, start, end);
            if (srcI != null) {
                gather(srcI, dstI, low, high, start, end);
            }
        });
        re = dst;
        sre = src;
        im = dstI;
        sim = srcI;
        if (lambda) {
            double[] lsrc = lre;
            double[] lsrcI = lim;
            double[] ldst = sre;
            double[] ldstI = sim;
            pass(numChunks, (c, w) -> {
                int start = c * ampsPerChunk, end = start + ampsPerChunk;
                gather(lsrc, ldst, low, high, start, end);
                if (lsrcI != null) {
                    gather(lsrcI, ldstI, low, high, start, end);
                }
            });
            lre = ldst;
            sre = lsrc;
            lim = ldstI;
            sim = lsrcI;
        }
    }

    /** λ alone (φ is no longer needed). */
    void permuteLambdaOnly(int[] low, int[] high) {
        double[] src = lre;
        double[] dst = sre;
        double[] srcI = lim;
        double[] dstI = sim;
        pass(numChunks, (c, w) -> {
            int start = c * ampsPerChunk, end = start + ampsPerChunk;
            gather(src, dst, low, high, start, end);
            if (srcI != null) {
                gather(srcI, dstI, low, high, start, end);
            }
        });
        lre = dst;
        sre = src;
        lim = dstI;
        sim = srcI;
    }

    /** dst[i] = src[T(i)] for i in [start, end), T(i) = high[i's high part] XOR low[i's low part]. */
    void gather(double[] src, double[] dst, int[] low, int[] high, int start, int end) {
        int mask = (1 << permBits) - 1;
        int step = Math.min(1 << permBits, end - start);
        for (int off = start; off < end; off += step) {
            int base = high[off >> permBits];
            int lo = off & mask;
            for (int j = 0; j < step; j++) {
                dst[off + j] = src[base ^ low[lo + j]];
            }
        }
    }

    // ------------------------------------------------------------------ readout

    /** Writes ⟨O_k⟩ of the current state into {@code out}. */
    void expectations(double[] out) {
        boolean anyZ = false;
        for (int k = 0; k < cc.numObs; k++) {
            anyZ |= !cc.obsIsX[k];
        }
        if (anyZ) {
            // One pass: probabilities summed by low index bits (per team chunk, then in chunk order) and by
            // 2^tableBits-chunk; ⟨Z_b⟩ follows from the tables.
            Arrays.fill(partialLow, 0.0);
            pass(numChunks, (c, w) -> probabilityTables(c));
            Arrays.fill(lowTable, 0.0);
            int len = lowTable.length;
            for (int c = 0; c < numChunks; c++) {
                for (int j = 0; j < len; j++) {
                    lowTable[j] += partialLow[c * len + j];
                }
            }
        }
        for (int k = 0; k < cc.numObs; k++) {
            int b = cc.obsBit[k];
            if (cc.obsIsX[k]) {
                out[k] = expectX(b);
            } else if (b < tableBits) {
                double e = 0.0;
                for (int j = 0; j < lowTable.length; j++) {
                    e += ((j >> b) & 1) == 0 ? lowTable[j] : -lowTable[j];
                }
                out[k] = e;
            } else {
                int hb = b - tableBits;
                double e = 0.0;
                for (int c = 0; c < highTable.length; c++) {
                    e += ((c >> hb) & 1) == 0 ? highTable[c] : -highTable[c];
                }
                out[k] = e;
            }
        }
    }

    void probabilityTables(int teamChunk) {
        int chunk = 1 << tableBits;
        int po = teamChunk * lowTable.length;
        for (int off = teamChunk * ampsPerChunk, end = off + ampsPerChunk; off < end; off += chunk) {
            double sum = 0.0;
            if (im == null && chunk % 4 == 0) {
                double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0; // independent sums: no chain of dependent adds
                for (int j = 0; j < chunk; j += 4) {
                    double p0 = re[off + j] * re[off + j], p1 = re[off + j + 1] * re[off + j + 1];
                    double p2 = re[off + j + 2] * re[off + j + 2], p3 = re[off + j + 3] * re[off + j + 3];
                    partialLow[po + j] += p0;
                    partialLow[po + j + 1] += p1;
                    partialLow[po + j + 2] += p2;
                    partialLow[po + j + 3] += p3;
                    s0 += p0;
                    s1 += p1;
                    s2 += p2;
                    s3 += p3;
                }
                sum = (s0 + s1) + (s2 + s3);
            } else if (im == null) {
                for (int j = 0; j < chunk; j++) {
                    double v = re[off + j];
                    double p = v * v;
                    partialLow[po + j] += p;
                    sum += p;
                }
            } else {
                for (int j = 0; j < chunk; j++) {
                    double p = re[off + j] * re[off + j] + im[off + j] * im[off + j];
                    partialLow[po + j] += p;
                    sum += p;
                }
            }
            highTable[off >> tableBits] = sum;
        }
    }

    double expectX(int b) {
        int s = 1 << b;
        double e = 0.0;
        for (int base = 0; base < dim; base += s << 1) {
            for (int i = base; i < base + s; i++) {
                e += re[i] * re[i + s];
                if (im != null) {
                    e += im[i] * im[i + s];
                }
            }
        }
        return 2.0 * e;
    }
}

package org.hybridqml.sim;

import java.util.Arrays;

/**
 * Simulates one sample at a time on buffers it owns (one engine per worker thread, reused for every sample the
 * worker handles, so hot loops never allocate). Real circuits run with {@code im == null} on the real kernels.
 *
 * <p>Forward: consecutive single-qubit gates on one wire are fused into one 2×2 matrix, and runs of gates whose
 * wires all lie in the low {@value #BLOCK_BITS} bits are applied block by block, so such a run is one pass over
 * memory while the block stays in cache. Backward: the adjoint method (Jones &amp; Gacon 2020) un-applies each gate
 * to the state φ and to λ = Σ_k g_k O_k ψ in one fused pass, accumulating Re⟨λ|dU|φ⟩ for parametrised gates;
 * low-bit runs are processed block by block as well. Real circuits made of single-qubit segments between CNOT/SWAP
 * runs (the DQC circuit) instead keep each segment's input state during the forward pass and never un-apply φ
 * ({@link #backwardSegmented}). Partial sums are always combined in the same order, so results do not depend on
 * which worker ran a sample.
 *
 * <p>Every pass is cut into a fixed number of chunks (cache blocks, tiles or index ranges, depending only on the
 * qubit count) run through a {@link ChunkTeam}: serially by default, or by several threads on one sample
 * (amplitude-block parallelism, {@link #useTeam}); gradient partial sums are kept per chunk and added in chunk
 * order, so the team size never changes a bit.
 */
final class StateEngine {
    /** log2 of the cache block (8192 amplitudes: 128 KiB complex, 64 KiB real per vector). */
    static final int BLOCK_BITS = 13;
    /** log2 of the width of a high-wire tile (see {@link #gatherTile}). */
    private static final int TILE_BITS = 4;
    private static final int TILE_WIDTH = 1 << TILE_BITS;
    private static final int TABLE_BITS = 10;

    private static final int STEP_GENERAL = 0, STEP_DIAG = 1, STEP_REAL = 2, STEP_CNOT = 3, STEP_CZ = 4,
            STEP_SWAP = 5, STEP_PERM = 6;

    private final CompiledCircuit cc;
    private final boolean real;
    private final int n;
    private final int dim;
    private final boolean blocking;

    double[] re;
    double[] im;
    private double[] lre;
    private double[] lim;
    /** Scratch vectors for out-of-place permutation passes and the product-state environments. */
    private double[] sre;
    private double[] sim;

    /** For an op starting a fused CNOT/SWAP run: its length (else 0), and gather tables for both directions. */
    private final int[] permRunLength;
    private final int[][] permForwardLow;
    private final int[][] permForwardHigh;
    private final int[][] permBackwardLow;
    private final int[][] permBackwardHigh;
    private final int permBits;

    /**
     * Product-state prefix: single-qubit ops acting on |0⟩ of their wire before any two-qubit gate touches it.
     * They commute to the front, so the state they make is a product ⊗_w v_w built in one pass (simulator.md,
     * DQC notes), and their gradients come from per-wire environments of λ instead of un-applying them.
     */
    private final boolean usePrefix;
    private final boolean[] inPrefix;
    private final int[][] prefixOpsByWire;
    private final double[] wireVec;
    private final double[] prodLowRe;
    private final double[] prodLowIm;
    private final double[] prodHighRe;
    private final double[] prodHighIm;

    private final double[] mats;
    private final double[] dmats;
    private final double[] gradAcc;

    private final int[] stepKind;
    private final int[] stepA;
    private final int[] stepB;
    private final double[] stepMat;
    private int numSteps;
    private final double[] pending;
    private final boolean[] hasPending;
    private final double[] tmp = new double[8];

    /** Tile buffers per worker of the {@link ChunkTeam} (worker 0 is the calling thread). */
    private double[][] tileRe;
    private double[][] tileIm;
    private double[][] tileLre;
    private double[][] tileLim;
    private final int tileLen;
    private final boolean gradients;

    /**
     * Fixed chunking of the blocked passes (it depends only on the qubit count, never on the threads): cache blocks
     * per chunk, tiles per chunk, and amplitudes per chunk of the element-wise passes. Gradient partial sums are
     * kept per chunk and combined in chunk order, so a team of any size gives the same bits.
     */
    private final int numChunks;
    private final int blocksPerChunk;
    private final int tilesPerChunk;
    private final int ampsPerChunk;
    private final double[] partial;
    private final double[] partialLow;
    /** Op index of the earliest op with a gradient that is un-applied in the backward sweep (-1: none). */
    private final int firstGradOp;
    private ChunkTeam team = SERIAL;
    /** Checked between passes over the state: stops the call when its owning thread is interrupted. */
    private CancelToken cancel = CancelToken.CURRENT_THREAD;

    /**
     * Checkpointed backward sweep ({@link #analyseSegments}): the non-prefix ops are segments of real single-qubit
     * gates on distinct wires separated by fused CNOT/SWAP runs, as in the DQC circuit. Then the forward pass keeps
     * each segment's input state, and the backward sweep never un-applies φ: per segment it un-applies the gates on
     * λ only and takes every RY gradient from λ and the stored input state (see {@link #backwardSegmented}).
     */
    private final boolean segmented;
    /** Segment k: ops [segFrom[k], segTo[k]] (prefix ops inside are skipped); segment k ≥ 1 follows perm run segPerm[k]. */
    private int[] segFrom;
    private int[] segTo;
    private int[] segPerm;
    private boolean[] segHasOps;
    private double[][] checkpoints;
    private boolean checkpointsValid;
    private final double[] matsT;

    private static final ChunkTeam SERIAL = new ChunkTeam(null, 0);
    /**
     * Chunks per blocked pass (at most one per cache block): enough for two to eight threads to balance, few enough
     * to keep the partial sums small.
     */
    private static final int CHUNKS = 16;

    private final int tableBits;
    private final double[] lowTable;
    private final double[] highTable;

    /**
     * @param cc        the compiled circuit
     * @param gradients whether buffers for the adjoint pass are needed
     */
    StateEngine(CompiledCircuit cc, boolean gradients) {
        this.cc = cc;
        this.real = cc.real;
        this.n = cc.numQubits;
        this.dim = cc.dim;
        this.blocking = n > BLOCK_BITS;
        re = new double[dim];
        im = real ? null : new double[dim];
        permBits = Math.min(n, 12);
        permRunLength = new int[cc.numOps];
        permForwardLow = new int[cc.numOps][];
        permForwardHigh = new int[cc.numOps][];
        permBackwardLow = new int[cc.numOps][];
        permBackwardHigh = new int[cc.numOps][];
        boolean anyPerm = blocking && findPermutationRuns();
        inPrefix = new boolean[cc.numOps];
        prefixOpsByWire = new int[n][];
        usePrefix = blocking && cc.ampLength == 0 && findPrefix();
        wireVec = new double[n * 4];
        int lowBits = Math.min(n, TABLE_BITS);
        prodLowRe = usePrefix ? new double[1 << lowBits] : null;
        prodLowIm = usePrefix ? new double[1 << lowBits] : null;
        prodHighRe = usePrefix ? new double[1 << (n - lowBits)] : null;
        prodHighIm = usePrefix ? new double[1 << (n - lowBits)] : null;
        if (anyPerm || (usePrefix && gradients)) {
            sre = new double[dim];
            sim = real ? null : new double[dim];
        }
        lre = gradients ? new double[dim] : null;
        lim = gradients && !real ? new double[dim] : null;
        mats = new double[cc.numOps * 8];
        dmats = gradients ? new double[cc.numOps * 8] : null;
        gradAcc = gradients ? new double[cc.numOps] : null;
        stepKind = new int[cc.numOps];
        stepA = new int[cc.numOps];
        stepB = new int[cc.numOps];
        stepMat = new double[cc.numOps * 8];
        pending = new double[n * 8];
        hasPending = new boolean[n];
        this.gradients = gradients;
        tileLen = blocking ? (dim >> BLOCK_BITS) * TILE_WIDTH : 0;
        allocateTiles(1);
        tableBits = Math.min(n, TABLE_BITS);
        lowTable = new double[1 << tableBits];
        highTable = new double[1 << (n - tableBits)];
        int numBlocks = blocking ? dim >> BLOCK_BITS : 1;
        numChunks = Math.min(CHUNKS, numBlocks);
        blocksPerChunk = numBlocks / numChunks;
        tilesPerChunk = blocking ? ((1 << BLOCK_BITS) / TILE_WIDTH) / numChunks : 0;
        ampsPerChunk = dim / numChunks;
        partial = gradients ? new double[numChunks * cc.numOps] : null;
        partialLow = new double[numChunks * lowTable.length];
        int first = -1;
        for (int op = 0; op < cc.numOps && first < 0; op++) {
            if (cc.isSingle(op) && cc.hasTrainableOrInputAngle(op) && !(usePrefix && inPrefix[op])) {
                first = op;
            }
        }
        firstGradOp = first;
        segmented = gradients && real && blocking && analyseSegments();
        matsT = segmented ? new double[cc.numOps * 8] : null;
        if (segmented) {
            checkpoints = new double[segFrom.length][];
            for (int k = 0; k < segFrom.length; k++) {
                checkpoints[k] = segHasOps[k] ? new double[dim] : null;
            }
        }
    }

    /**
     * Splits the ops into segments for the checkpointed backward sweep, or returns false when the circuit does not
     * have that shape: every op outside the product prefix must be a single-qubit gate or part of a fused CNOT/SWAP
     * run, and the single-qubit gates between two runs must act on distinct wires (so each one's generator commutes
     * with every other gate of its segment, and its gradient can be taken at the segment's input).
     */
    private boolean analyseSegments() {
        int[] from = new int[cc.numOps + 1];
        int[] to = new int[cc.numOps + 1];
        int[] perm = new int[cc.numOps + 1];
        boolean[] has = new boolean[cc.numOps + 1];
        boolean[] bitUsed = new boolean[n];
        int k = 0;
        from[0] = 0;
        perm[0] = -1;
        for (int op = 0; op < cc.numOps; op++) {
            if (usePrefix && inPrefix[op]) {
                continue;
            }
            if (permRunLength[op] > 0) {
                // the forward schedule flushes a wire's pending gates only when the run touches it: a segment's
                // gates must all be applied before the run for the next checkpoint to be its input state
                boolean[] touched = new boolean[n];
                for (int q = op; q < op + permRunLength[op]; q++) {
                    touched[cc.bitA[q]] = true;
                    touched[cc.bitB[q]] = true;
                }
                for (int b = 0; b < n; b++) {
                    if (bitUsed[b] && !touched[b]) {
                        return false;
                    }
                }
                to[k] = op - 1;
                k++;
                perm[k] = op;
                op += permRunLength[op] - 1;
                from[k] = op + 1;
                Arrays.fill(bitUsed, false);
                continue;
            }
            if (!cc.isSingle(op) || bitUsed[cc.bitA[op]]) {
                return false;
            }
            bitUsed[cc.bitA[op]] = true;
            has[k] = true;
        }
        to[k] = cc.numOps - 1;
        if (k == 0) {
            return false; // no permutation run: nothing to gain
        }
        segFrom = Arrays.copyOf(from, k + 1);
        segTo = Arrays.copyOf(to, k + 1);
        segPerm = Arrays.copyOf(perm, k + 1);
        segHasOps = Arrays.copyOf(has, k + 1);
        return true;
    }

    /** Segments with ops, i.e. the state vectors the checkpointed backward sweep keeps (0 if it does not apply). */
    int checkpointCount() {
        int c = 0;
        if (segmented) {
            for (boolean h : segHasOps) {
                c += h ? 1 : 0;
            }
        }
        return c;
    }

    private void allocateTiles(int workers) {
        tileRe = new double[workers][tileLen];
        tileIm = real ? null : new double[workers][tileLen];
        tileLre = gradients ? new double[workers][tileLen] : null;
        tileLim = gradients && !real ? new double[workers][tileLen] : null;
    }

    /**
     * Sets what is checked between passes over the state (default: the current thread's interrupt flag; a pool
     * worker of a batch call watches the thread that made the call).
     */
    void useCancel(CancelToken t) {
        cancel = t == null ? CancelToken.CURRENT_THREAD : t;
    }

    /** One pass over the state on the team, after a cancellation check (a flag read: nanoseconds). */
    private void pass(int chunks, ChunkTeam.Body body) {
        cancel.check();
        team.run(chunks, body);
    }

    /**
     * Lets the passes over this engine's state run on a team of threads (amplitude-block parallelism for one
     * large sample). Results are bitwise the same for any team: see {@link #CHUNKS}.
     */
    void useTeam(ChunkTeam t) {
        team = t == null ? SERIAL : t;
        if (tileRe.length < team.workers()) {
            allocateTiles(team.workers());
        }
    }

    /** Bytes one engine allocates for its state vectors (state, adjoint, scratch, environment buffers). */
    static long stateBytes(int numQubits, boolean real, boolean gradients) {
        double vectors = (real ? 1 : 2) * (gradients ? 3 : 2);
        return (long) (vectors * 8L * (1L << numQubits));
    }

    /**
     * An upper bound on the extra state vectors the checkpointed backward sweep keeps for this circuit: one per
     * segment between runs of two or more CNOT/SWAP gates (real, cache-blocked circuits only).
     */
    static int maxCheckpoints(CompiledCircuit cc) {
        if (!cc.real || cc.numQubits <= BLOCK_BITS) {
            return 0;
        }
        int runs = 0;
        int op = 0;
        while (op < cc.numOps) {
            int end = op;
            while (end < cc.numOps && (cc.kind[end] == CompiledCircuit.CNOT || cc.kind[end] == CompiledCircuit.SWAP)) {
                end++;
            }
            runs += end - op >= 2 ? 1 : 0;
            op = Math.max(end, op + 1);
        }
        return runs == 0 ? 0 : runs + 1;
    }

    private boolean isPermutation(int op) {
        return cc.kind[op] == CompiledCircuit.CNOT || cc.kind[op] == CompiledCircuit.SWAP;
    }

    /** Finds runs of ≥ 2 consecutive CNOT/SWAP gates touching a high bit, and builds their gather tables. */
    private boolean findPermutationRuns() {
        boolean any = false;
        int op = 0;
        while (op < cc.numOps) {
            if (!isPermutation(op)) {
                op++;
                continue;
            }
            int end = op;
            boolean high = false;
            while (end < cc.numOps && isPermutation(end)) {
                high |= !opIsLow(end);
                end++;
            }
            if (end - op >= 2 && high) {
                permRunLength[op] = end - op;
                buildPermutationTables(op, end);
                any = true;
            }
            op = end;
        }
        return any;
    }

    /** Maps basis index i through op's permutation (CNOT: target ^= control; SWAP: exchange bits). */
    private int permute(int op, int i) {
        int a = cc.bitA[op], b = cc.bitB[op];
        if (cc.kind[op] == CompiledCircuit.CNOT) {
            return ((i >> a) & 1) != 0 ? i ^ (1 << b) : i;
        }
        int x = ((i >> a) ^ (i >> b)) & 1;
        return i ^ ((x << a) | (x << b));
    }

    /**
     * The run's permutation F (forward: ψ'[F(i)] = ψ[i]) is linear over GF(2), so F(i) is the XOR of F applied to
     * i's low bits and to its high bits: two small tables make any index's image one lookup pair.
     * Forward gathers need F⁻¹ (ops applied in reverse, each self-inverse), backward gathers need F.
     */
    private void buildPermutationTables(int from, int to) {
        int lowSize = 1 << permBits;
        int highSize = 1 << (n - permBits);
        int[] fl = new int[lowSize], fh = new int[highSize], bl = new int[lowSize], bh = new int[highSize];
        for (int j = 0; j < lowSize; j++) {
            fl[j] = applyRun(from, to, j, false);
            bl[j] = applyRun(from, to, j, true);
        }
        for (int h = 0; h < highSize; h++) {
            fh[h] = applyRun(from, to, h << permBits, false);
            bh[h] = applyRun(from, to, h << permBits, true);
        }
        permForwardLow[from] = fl;
        permForwardHigh[from] = fh;
        permBackwardLow[from] = bl;
        permBackwardHigh[from] = bh;
    }

    /** inverse=false: F⁻¹(i) (ops last to first); inverse=true: F(i) (ops first to last). */
    private int applyRun(int from, int to, int i, boolean forwardMap) {
        if (forwardMap) {
            for (int op = from; op < to; op++) {
                i = permute(op, i);
            }
        } else {
            for (int op = to - 1; op >= from; op--) {
                i = permute(op, i);
            }
        }
        return i;
    }

    /** Marks single-qubit ops that act before any two-qubit gate on their wire. */
    private boolean findPrefix() {
        boolean[] touched = new boolean[n];
        int[] counts = new int[n];
        boolean any = false;
        for (int op = 0; op < cc.numOps; op++) {
            if (cc.isSingle(op)) {
                int w = n - 1 - cc.bitA[op];
                if (!touched[w]) {
                    inPrefix[op] = true;
                    counts[w]++;
                    any = true;
                }
            } else {
                touched[n - 1 - cc.bitA[op]] = true;
                touched[n - 1 - cc.bitB[op]] = true;
            }
        }
        for (int w = 0; w < n; w++) {
            prefixOpsByWire[w] = new int[counts[w]];
            counts[w] = 0;
        }
        for (int op = 0; op < cc.numOps; op++) {
            if (inPrefix[op]) {
                int w = n - 1 - cc.bitA[op];
                prefixOpsByWire[w][counts[w]++] = op;
            }
        }
        return any;
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
    private void computeWireVectors() {
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
    private void tensor(int first, int count, double[] outRe, double[] outIm) {
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
    private void initProductState() {
        computeWireVectors();
        int k = Math.min(n, TABLE_BITS);
        tensor(0, n - k, prodHighRe, prodHighIm);
        tensor(n - k, k, prodLowRe, prodLowIm);
        int chunk = 1 << k;
        // usePrefix implies blocking, so a team chunk holds whole 2^k-chunks
        pass(numChunks, (c, w) -> productRange(c * ampsPerChunk, (c + 1) * ampsPerChunk, chunk));
    }

    private void productRange(int start, int end, int chunk) {
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
    private void checkpoint(int k) {
        if (segHasOps[k]) {
            double[] dst = checkpoints[k];
            double[] src = re;
            pass(numChunks, (c, w) -> System.arraycopy(src, c * ampsPerChunk, dst, c * ampsPerChunk,
                    ampsPerChunk));
        }
        checkpointsValid = k == segFrom.length - 1;
    }

    /** Fused steps [from, to), all on low bits, over the cache blocks of chunk c. */
    private void lowStepsOnChunk(int from, int to, int c) {
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
    private boolean pairable(int s, int to) {
        return s + 1 < to && stepKind[s] == STEP_REAL && stepKind[s + 1] == STEP_REAL && stepA[s] != stepA[s + 1];
    }

    /** Fused steps [from, to), all on high bits, over the tiles of chunk c, in worker w's tile buffers. */
    private void highStepsOnChunk(int from, int to, int c, int w) {
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
    private void gatherTile(double[] src, double[] tile, int c0) {
        int rows = dim >> BLOCK_BITS;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, (r << BLOCK_BITS) + c0, tile, r * TILE_WIDTH, TILE_WIDTH);
        }
    }

    private void scatterTile(double[] tile, double[] dst, int c0) {
        int rows = dim >> BLOCK_BITS;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tile, r * TILE_WIDTH, dst, (r << BLOCK_BITS) + c0, TILE_WIDTH);
        }
    }

    private int tileBit(int bit) {
        return bit - BLOCK_BITS + TILE_BITS;
    }

    private void applyTileStep(int s, double[] tr, double[] ti) {
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

    private boolean stepIsHighSingle(int s) {
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

    private boolean stepIsLow(int s) {
        return stepA[s] < BLOCK_BITS && stepB[s] < BLOCK_BITS;
    }

    private void buildFusedSteps() {
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

    private void flush(int b) {
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

    private static void multiply(double[] a, int ao, double[] b, int bo, double[] out) {
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

    private void applyStep(int s, int start, int end) {
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
    private void permuteState(int[] low, int[] high, boolean lambda) {
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
    private void permuteLambdaOnly(int[] low, int[] high) {
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
    private void gather(double[] src, double[] dst, int[] low, int[] high, int start, int end) {
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

    private void probabilityTables(int teamChunk) {
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

    private double expectX(int b) {
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

    // ------------------------------------------------------------------ backward

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

    private boolean opIsLow(int op) {
        return cc.bitA[op] < BLOCK_BITS && cc.bitB[op] < BLOCK_BITS;
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

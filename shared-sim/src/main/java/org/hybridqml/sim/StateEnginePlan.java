package org.hybridqml.sim;

import java.util.Arrays;

/**
 * Stage 2 of the per-sample engine, the execution plan: what {@link StateEngine} decides once per circuit, before any
 * sample runs, and the buffers it allocates once per worker. It finds
 * <ul>
 *   <li>the product-state prefix ({@link #findPrefix}): single-qubit gates on |0⟩ before any two-qubit gate on their
 *       wire, built as ⊗_w v_w in one pass;</li>
 *   <li>fused CNOT/SWAP runs touching a high bit ({@link #findPermutationRuns}), applied as one gather through two
 *       lookup tables;</li>
 *   <li>the segments of the checkpointed backward sweep ({@link #analyseSegments});</li>
 *   <li>the fixed chunking of every pass (cache blocks of 2^{@value #BLOCK_BITS} amplitudes, tiles of high wires,
 *       index ranges), which depends only on the qubit count, never on the thread count.</li>
 * </ul>
 * The per-sample fusion of single-qubit gates is in {@link StateEngineForward}, the adjoint sweep in
 * {@link StateEngine}; the three classes are one engine object, split by stage.
 */
abstract class StateEnginePlan {
    /** log2 of the cache block (8192 amplitudes: 128 KiB complex, 64 KiB real per vector). */
    static final int BLOCK_BITS = 13;
    /** log2 of the width of a high-wire tile (see {@link StateEngineForward#gatherTile}). */
    static final int TILE_BITS = 4;
    static final int TILE_WIDTH = 1 << TILE_BITS;
    static final int TABLE_BITS = 10;

    static final int STEP_GENERAL = 0, STEP_DIAG = 1, STEP_REAL = 2, STEP_CNOT = 3, STEP_CZ = 4,
            STEP_SWAP = 5, STEP_PERM = 6;

    final CompiledCircuit cc;
    final boolean real;
    final int n;
    final int dim;
    final boolean blocking;

    double[] re;
    double[] im;
    double[] lre;
    double[] lim;
    /** Scratch vectors for out-of-place permutation passes and the product-state environments. */
    double[] sre;
    double[] sim;

    /** For an op starting a fused CNOT/SWAP run: its length (else 0), and gather tables for both directions. */
    final int[] permRunLength;
    final int[][] permForwardLow;
    final int[][] permForwardHigh;
    final int[][] permBackwardLow;
    final int[][] permBackwardHigh;
    final int permBits;

    /**
     * Product-state prefix: single-qubit ops acting on |0⟩ of their wire before any two-qubit gate touches it.
     * They commute to the front, so the state they make is a product ⊗_w v_w built in one pass (in the DQC circuit
     * of Chan et al., arXiv:2405.00156: H and RY(x_i) on every wire), and their gradients come from per-wire
     * environments of λ instead of un-applying them.
     */
    final boolean usePrefix;
    final boolean[] inPrefix;
    final int[][] prefixOpsByWire;
    final double[] wireVec;
    final double[] prodLowRe;
    final double[] prodLowIm;
    final double[] prodHighRe;
    final double[] prodHighIm;

    final double[] mats;
    final double[] dmats;
    final double[] gradAcc;

    final int[] stepKind;
    final int[] stepA;
    final int[] stepB;
    final double[] stepMat;
    int numSteps;
    final double[] pending;
    final boolean[] hasPending;
    final double[] tmp = new double[8];

    /** Tile buffers per worker of the {@link ChunkTeam} (worker 0 is the calling thread). */
    double[][] tileRe;
    double[][] tileIm;
    double[][] tileLre;
    double[][] tileLim;
    final int tileLen;
    final boolean gradients;

    /**
     * Fixed chunking of the blocked passes (it depends only on the qubit count, never on the threads): cache blocks
     * per chunk, tiles per chunk, and amplitudes per chunk of the element-wise passes. Gradient partial sums are
     * kept per chunk and combined in chunk order, so a team of any size gives the same bits.
     */
    final int numChunks;
    final int blocksPerChunk;
    final int tilesPerChunk;
    final int ampsPerChunk;
    final double[] partial;
    final double[] partialLow;
    /** Op index of the earliest op with a gradient that is un-applied in the backward sweep (-1: none). */
    final int firstGradOp;
    ChunkTeam team = SERIAL;
    /** Checked between passes over the state: stops the call when its owning thread is interrupted. */
    CancelToken cancel = CancelToken.CURRENT_THREAD;

    /**
     * Checkpointed backward sweep ({@link #analyseSegments}): the non-prefix ops are segments of real single-qubit
     * gates on distinct wires separated by fused CNOT/SWAP runs, as in the DQC circuit. Then the forward pass keeps
     * each segment's input state, and the backward sweep never un-applies φ: per segment it un-applies the gates on
     * λ only and takes every RY gradient from λ and the stored input state (see {@link StateEngine#backwardSegmented}).
     */
    final boolean segmented;
    /** Segment k: ops [segFrom[k], segTo[k]] (prefix ops inside are skipped); segment k ≥ 1 follows perm run segPerm[k]. */
    int[] segFrom;
    int[] segTo;
    int[] segPerm;
    boolean[] segHasOps;
    double[][] checkpoints;
    boolean checkpointsValid;
    final double[] matsT;

    static final ChunkTeam SERIAL = new ChunkTeam(null, 0);
    /**
     * Chunks per blocked pass (at most one per cache block): enough for two to eight threads to balance, few enough
     * to keep the partial sums small.
     */
    static final int CHUNKS = 16;

    final int tableBits;
    final double[] lowTable;
    final double[] highTable;

    /**
     * @param cc        the compiled circuit
     * @param gradients whether buffers for the adjoint pass are needed
     */
    StateEnginePlan(CompiledCircuit cc, boolean gradients) {
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
    boolean analyseSegments() {
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

    void allocateTiles(int workers) {
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
    void pass(int chunks, ChunkTeam.Body body) {
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

    boolean isPermutation(int op) {
        return cc.kind[op] == CompiledCircuit.CNOT || cc.kind[op] == CompiledCircuit.SWAP;
    }

    /** Finds runs of ≥ 2 consecutive CNOT/SWAP gates touching a high bit, and builds their gather tables. */
    boolean findPermutationRuns() {
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
    int permute(int op, int i) {
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
    void buildPermutationTables(int from, int to) {
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
    int applyRun(int from, int to, int i, boolean forwardMap) {
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
    boolean findPrefix() {
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

    boolean opIsLow(int op) {
        return cc.bitA[op] < BLOCK_BITS && cc.bitB[op] < BLOCK_BITS;
    }
}

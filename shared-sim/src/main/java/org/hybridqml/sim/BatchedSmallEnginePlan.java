package org.hybridqml.sim;

import java.util.Arrays;

/**
 * Stage 2 of the lane-batched engine for small circuits, the plan: buffers for a group of lanes, and the fused forward
 * schedule, which depends only on the circuit's structure and so is built once per engine (consecutive single-qubit
 * gates on a wire become one step; steps that act on |0⟩ of a wire before anything else touches it are hoisted into
 * the product state). The forward pass and readout are in {@link BatchedSmallEngineForward}, the adjoint sweep in
 * {@link BatchedSmallEngine}; the three classes are one engine object, split by stage.
 */
abstract class BatchedSmallEnginePlan {
    /**
     * Largest circuit handled, by measurement against {@link StateEngine} (one thread, CPU time, same run): on the
     * QuFeX circuits fwd+grad is 1.8–2.0× faster at 12 qubits and 1.25–1.45× at 14; but on the DQC circuit at 14
     * qubits StateEngine's product-state prefix, fused CNOT rings and cache blocking (active above 13 qubits) make it
     * 2.6× faster (0.96 vs 2.50 ms per sample), and at 12 qubits the two are within 15 %. So the limit is 12.
     */
    static final int MAX_QUBITS = 12;

    static final int STEP_GENERAL = 0, STEP_DIAG = 1, STEP_REAL = 2, STEP_CNOT = 3, STEP_CZ = 4,
            STEP_SWAP = 5;

    final CompiledCircuit cc;
    /**
     * Fused adjoint steps for trainable rotations ({@link LaneKernels#adjointRotation}); off only to benchmark the
     * gain.
     */
    boolean fuseAdjoint = true;
    final boolean real;
    final boolean gradients;
    final int n;
    final int dim;
    /** Lanes per group. */
    final int lanes;

    final double[] re;
    final double[] im;
    final double[] lre;
    final double[] lim;
    /** Probabilities (readout) or the diagonal of Σ g_k Z_k (λ initialisation). */
    final double[] scratch;

    /** Lane-invariant op matrices, 8 per op (computed once per call). */
    final double[] mats;
    /** Per-lane matrices of input-angle ops: [(op * 8 + k) * G + l]. */
    final double[] lm;
    /** U† of every op, lane-invariant ({@code matsDag}) and per lane ({@code lmDag}), for the adjoint pass. */
    final double[] matsDag;
    final double[] lmDag;
    final boolean[] diagOp;
    /** Smallest op index with a parameter or input angle (numOps if none). */
    final int firstGradOp;
    /**
     * Ops [0, commonPointEnd) are single-qubit gates and each differentiable one is the last gate on its wire among
     * them (an angle embedding, with or without a layer of Hadamards before it). A gate's generator then commutes
     * with every later gate of that range, so all their gradient terms are taken at the end of the range, from the
     * same φ and λ, and none of these gates is un-applied (from |0…0⟩ nothing needs φ or λ further back).
     */
    final int commonPointEnd;
    final boolean[] laneOp;
    final int[] inputOps;

    // Fused forward schedule (structure fixed at construction).
    final int numSteps;
    final int[] stepKind;
    final int[] stepA;
    final int[] stepB;
    final boolean[] stepLane;
    final int[] stepFirstOp;
    final int[] stepOpCount;
    final int[] stepOps;
    /** RX or RY when a lane-invariant step is that single rotation (sparser kernels), else −1. */
    final int[] stepRotationKind;
    /** Lane-invariant fused matrices, 8 per step. */
    final double[] stepMat;
    /** Per-lane fused matrices, [(step * 8 + k) * G + l]. */
    final double[] stepLaneMat;

    final double[] gacc;
    final double[] norms;
    final double[] acc;
    final double[] zsum;
    /**
     * Steps that act on a wire before anything else touches it. From |0…0⟩ they commute to the front and produce a
     * product state, which {@link BatchedSmallEngineForward#productState} writes in one pass instead of one pass per
     * wire.
     */
    final boolean[] stepHoisted;
    final int[] hoistedStepOfBit;
    final double[] col;


    /**
     * With an explicit lane count, and no qubit limit beyond memory (for measuring the crossover, and tests).
     */
    BatchedSmallEnginePlan(CompiledCircuit cc, boolean gradients, int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be >= 1, got " + lanes);
        }
        this.cc = cc;
        this.real = cc.real;
        this.gradients = gradients;
        this.n = cc.numQubits;
        this.dim = cc.dim;
        this.lanes = lanes;
        int size = dim * lanes;
        re = new double[size];
        im = real ? null : new double[size];
        lre = gradients ? new double[size] : null;
        lim = gradients && !real ? new double[size] : null;
        scratch = new double[size];
        int ops = cc.numOps;
        mats = new double[ops * 8];
        laneOp = new boolean[ops];
        int inputCount = 0;
        for (int op = 0; op < ops; op++) {
            laneOp[op] = cc.isSingle(op) && cc.angleSrc[op] == CompiledCircuit.SRC_INPUT;
            if (laneOp[op]) {
                inputCount++;
            }
        }
        inputOps = new int[inputCount];
        for (int op = 0, k = 0; op < ops; op++) {
            if (laneOp[op]) {
                inputOps[k++] = op;
            }
        }
        lm = new double[ops * 8 * lanes];
        matsDag = gradients ? new double[ops * 8] : null;
        lmDag = gradients ? new double[ops * 8 * lanes] : null;
        diagOp = new boolean[ops];
        int firstGrad = ops;
        for (int op = ops - 1; op >= 0; op--) {
            diagOp[op] = isDiagonalKind(cc.kind[op]);
            if (cc.hasTrainableOrInputAngle(op)) {
                firstGrad = op;
            }
        }
        firstGradOp = firstGrad;
        commonPointEnd = cc.ampLength == 0 ? commonPointEnd(cc) : 0;

        // Fusion schedule: consecutive single-qubit ops per wire, flushed by two-qubit ops touching the wire.
        int[] kindTmp = new int[ops];
        int[] aTmp = new int[ops];
        int[] bTmp = new int[ops];
        boolean[] laneTmp = new boolean[ops];
        int[] firstTmp = new int[ops];
        int[] countTmp = new int[ops];
        int[] opsTmp = new int[ops];
        int[][] pending = new int[n][ops];
        int[] pendingCount = new int[n];
        int[] counters = new int[2]; // steps, op-list length
        for (int op = 0; op < ops; op++) {
            if (cc.isSingle(op)) {
                int b = cc.bitA[op];
                pending[b][pendingCount[b]++] = op;
            } else {
                flush(cc.bitA[op], pending, pendingCount, counters, kindTmp, aTmp, bTmp, laneTmp, firstTmp,
                        countTmp, opsTmp);
                flush(cc.bitB[op], pending, pendingCount, counters, kindTmp, aTmp, bTmp, laneTmp, firstTmp,
                        countTmp, opsTmp);
                int s = counters[0]++;
                int k = cc.kind[op];
                kindTmp[s] = k == CompiledCircuit.CNOT ? STEP_CNOT : k == CompiledCircuit.CZ ? STEP_CZ : STEP_SWAP;
                aTmp[s] = cc.bitA[op];
                bTmp[s] = cc.bitB[op];
            }
        }
        for (int b = n - 1; b >= 0; b--) {
            flush(b, pending, pendingCount, counters, kindTmp, aTmp, bTmp, laneTmp, firstTmp, countTmp, opsTmp);
        }
        numSteps = counters[0];
        stepKind = Arrays.copyOf(kindTmp, numSteps);
        stepA = Arrays.copyOf(aTmp, numSteps);
        stepB = Arrays.copyOf(bTmp, numSteps);
        stepLane = Arrays.copyOf(laneTmp, numSteps);
        stepFirstOp = Arrays.copyOf(firstTmp, numSteps);
        stepOpCount = Arrays.copyOf(countTmp, numSteps);
        stepOps = Arrays.copyOf(opsTmp, counters[1]);
        stepMat = new double[numSteps * 8];
        stepRotationKind = new int[numSteps];
        for (int s = 0; s < numSteps; s++) {
            int k = stepKind[s] == STEP_GENERAL && !stepLane[s] && stepOpCount[s] == 1
                    ? cc.kind[stepOps[stepFirstOp[s]]] : -1;
            stepRotationKind[s] = k == CompiledCircuit.RX || k == CompiledCircuit.RY ? k : -1;
        }
        stepLaneMat = new double[numSteps * 8 * lanes];

        gacc = gradients ? new double[ops * lanes] : null;
        norms = new double[lanes];
        acc = new double[lanes];
        zsum = new double[n * lanes];
        stepHoisted = new boolean[numSteps];
        hoistedStepOfBit = new int[n];
        Arrays.fill(hoistedStepOfBit, -1);
        boolean[] touched = new boolean[n];
        for (int s = 0; s < numSteps; s++) {
            if (stepKind[s] < STEP_CNOT && !touched[stepA[s]] && cc.ampLength == 0) {
                stepHoisted[s] = true;
                hoistedStepOfBit[stepA[s]] = s;
            }
            touched[stepA[s]] = true;
            if (stepB[s] >= 0) {
                touched[stepB[s]] = true;
            }
        }
        col = new double[4 * n * lanes];
    }

    void flush(int b, int[][] pending, int[] pendingCount, int[] counters, int[] kindTmp, int[] aTmp,
                       int[] bTmp, boolean[] laneTmp, int[] firstTmp, int[] countTmp, int[] opsTmp) {
        int count = pendingCount[b];
        if (count == 0) {
            return;
        }
        pendingCount[b] = 0;
        int s = counters[0]++;
        boolean lane = false;
        boolean diag = true;
        firstTmp[s] = counters[1];
        countTmp[s] = count;
        for (int i = 0; i < count; i++) {
            int op = pending[b][i];
            opsTmp[counters[1]++] = op;
            lane |= laneOp[op];
            int k = cc.kind[op];
            diag &= isDiagonalKind(k);
        }
        kindTmp[s] = real ? STEP_REAL : diag ? STEP_DIAG : STEP_GENERAL;
        aTmp[s] = b;
        bTmp[s] = -1;
        laneTmp[s] = lane;
    }

    static CompiledCircuit checkSupported(CompiledCircuit cc) {
        if (!supports(cc.numQubits)) {
            throw new IllegalArgumentException("BatchedSmallEngine handles at most " + MAX_QUBITS + " qubits, got "
                    + cc.numQubits);
        }
        return cc;
    }

    static boolean isDiagonalKind(int k) {
        return k == CompiledCircuit.Z || k == CompiledCircuit.S || k == CompiledCircuit.T || k == CompiledCircuit.RZ
                || k == CompiledCircuit.PS;
    }

    /** Writes U† of the matrix at {@code m[o + k·stride]} to {@code d[p + k·stride]}. */
    static void dagger(double[] m, int o, double[] d, int p, int stride) {
        d[p] = m[o];
        d[p + stride] = -m[o + stride];
        d[p + 2 * stride] = m[o + 4 * stride];
        d[p + 3 * stride] = -m[o + 5 * stride];
        d[p + 4 * stride] = m[o + 2 * stride];
        d[p + 5 * stride] = -m[o + 3 * stride];
        d[p + 6 * stride] = m[o + 6 * stride];
        d[p + 7 * stride] = -m[o + 7 * stride];
    }

    /**
     * Lanes per group for an n-qubit circuit. Measured (SmallBatchBenchmark --lanes, 2-core AVX2 EPYC, JDK 17): the
     * lane loops only vectorise well when they are long, so small circuits want many lanes (32; 64 was no better
     * within the noise), while from ~7 qubits on 16 lanes keep a group's φ and λ (4 · 16 · 2^n doubles, 2 MiB at
     * 12 qubits) closer to cache and measured best at 8 and 12 qubits.
     */
    static int lanesFor(int numQubits) {
        return numQubits <= 6 ? 32 : 16;
    }

    /** Whether this engine handles the circuit (and beats {@link StateEngine} on it). */
    static boolean supports(int numQubits) {
        return numQubits <= MAX_QUBITS;
    }

    /** Bytes one engine allocates for its state-sized buffers. */
    static long stateBytes(int numQubits, boolean real, boolean gradients) {
        long vectors = (real ? 1 : 2) * (gradients ? 2 : 1) + 1;
        return vectors * 8L * lanesFor(numQubits) * (1L << numQubits);
    }

    /** The end of the leading range of ops whose gradients can share one point (see {@link #commonPointEnd}). */
    static int commonPointEnd(CompiledCircuit cc) {
        int max = 0;
        while (max < cc.numOps && cc.isSingle(max)) {
            max++;
        }
        for (int m = max; m > 0; m--) {
            boolean[] later = new boolean[cc.numQubits];
            boolean ok = true;
            for (int op = m - 1; op >= 0 && ok; op--) {
                int b = cc.bitA[op];
                ok = !(cc.hasTrainableOrInputAngle(op) && later[b]);
                later[b] = true;
            }
            if (ok) {
                return m;
            }
        }
        return 0;
    }
}

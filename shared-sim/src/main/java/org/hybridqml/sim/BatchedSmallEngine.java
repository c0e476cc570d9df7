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
 * RZ, PhaseShift only) use a diagonal kernel. The adjoint pass (Jones &amp; Gacon 2020, as in {@link StateEngine})
 * un-applies the unfused ops, accumulating Re⟨λ|dU|φ⟩ per lane. Because every parametrised gate is
 * U = exp(iθ·G'), dU = G·U with a fixed sparse generator G, so that term is Re⟨λ|G|φ⟩ on the state before
 * un-applying U: no derivative matrices, and a few flops per amplitude ({@link #generatorDot}).
 * Below the first differentiable op the adjoint pass stops un-applying φ (and λ, unless amplitude-embedding input
 * gradients need it). From |0…0⟩ the first fused step on every wire acts on a product state: those steps are
 * folded into one pass that writes ⊗_b M_b|0⟩ directly ({@link #productState}).
 *
 * <p><b>Determinism.</b> No arithmetic ever mixes lanes, every lane runs exactly the same sequence of floating
 * point operations, and unused lanes of a partial last group are padded with harmless finite data. So a sample's
 * results are bitwise independent of which group (and which lane) it ran in, and hence of the thread count.
 *
 * <p>Buffers belong to the engine instance and are reused for every group: one engine per worker thread, no
 * allocation per sample.
 */
final class BatchedSmallEngine {
    /**
     * Largest circuit handled, by measurement against {@link StateEngine} (one thread, CPU time, same run): on the
     * QuFeX circuits fwd+grad is 1.8–2.0× faster at 12 qubits and 1.25–1.45× at 14; but on the DQC circuit at 14
     * qubits StateEngine's product-state prefix, fused CNOT rings and cache blocking (active above 13 qubits) make it
     * 2.6× faster (0.96 vs 2.50 ms per sample), and at 12 qubits the two are within 15 %. So the limit is 12.
     */
    static final int MAX_QUBITS = 12;

    private static final int STEP_GENERAL = 0, STEP_DIAG = 1, STEP_REAL = 2, STEP_CNOT = 3, STEP_CZ = 4,
            STEP_SWAP = 5;

    private final CompiledCircuit cc;
    /** Fused adjoint steps for trainable rotations ({@link #adjointRotation}); off only to benchmark the gain. */
    boolean fuseAdjoint = true;
    private final boolean real;
    private final boolean gradients;
    private final int n;
    private final int dim;
    /** Lanes per group. */
    final int lanes;

    private final double[] re;
    private final double[] im;
    private final double[] lre;
    private final double[] lim;
    /** Probabilities (readout) or the diagonal of Σ g_k Z_k (λ initialisation). */
    private final double[] scratch;

    /** Lane-invariant op matrices, 8 per op (computed once per call). */
    private final double[] mats;
    /** Per-lane matrices of input-angle ops: [(op * 8 + k) * G + l]. */
    private final double[] lm;
    /** U† of every op, lane-invariant ({@code matsDag}) and per lane ({@code lmDag}), for the adjoint pass. */
    private final double[] matsDag;
    private final double[] lmDag;
    private final boolean[] diagOp;
    /** Smallest op index with a parameter or input angle (numOps if none). */
    private final int firstGradOp;
    /**
     * Ops [0, commonPointEnd) are single-qubit gates and each differentiable one is the last gate on its wire among
     * them (an angle embedding, with or without a layer of Hadamards before it). A gate's generator then commutes
     * with every later gate of that range, so all their gradient terms are taken at the end of the range, from the
     * same φ and λ, and none of these gates is un-applied (from |0…0⟩ nothing needs φ or λ further back).
     */
    private final int commonPointEnd;
    private final boolean[] laneOp;
    private final int[] inputOps;

    // Fused forward schedule (structure fixed at construction).
    private final int numSteps;
    private final int[] stepKind;
    private final int[] stepA;
    private final int[] stepB;
    private final boolean[] stepLane;
    private final int[] stepFirstOp;
    private final int[] stepOpCount;
    private final int[] stepOps;
    /** RX or RY when a lane-invariant step is that single rotation (sparser kernels), else −1. */
    private final int[] stepRotationKind;
    /** Lane-invariant fused matrices, 8 per step. */
    private final double[] stepMat;
    /** Per-lane fused matrices, [(step * 8 + k) * G + l]. */
    private final double[] stepLaneMat;

    private final double[] gacc;
    private final double[] norms;
    private final double[] acc;
    private final double[] zsum;
    /**
     * Steps that act on a wire before anything else touches it. From |0…0⟩ they commute to the front and produce a
     * product state, which {@link #productState} writes in one pass instead of one pass per wire.
     */
    private final boolean[] stepHoisted;
    private final int[] hoistedStepOfBit;
    private final double[] col;

    /**
     * @param cc        the compiled circuit ({@link #supports} must hold)
     * @param gradients whether buffers for the adjoint pass are needed
     */
    BatchedSmallEngine(CompiledCircuit cc, boolean gradients) {
        this(cc, gradients, lanesFor(checkSupported(cc).numQubits));
    }

    /**
     * With an explicit lane count, and no qubit limit beyond memory (for measuring the crossover, and tests).
     */
    BatchedSmallEngine(CompiledCircuit cc, boolean gradients, int lanes) {
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

    private void flush(int b, int[][] pending, int[] pendingCount, int[] counters, int[] kindTmp, int[] aTmp,
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

    private static CompiledCircuit checkSupported(CompiledCircuit cc) {
        if (!supports(cc)) {
            throw new IllegalArgumentException("BatchedSmallEngine handles at most " + MAX_QUBITS + " qubits, got "
                    + cc.numQubits);
        }
        return cc;
    }

    private static boolean isDiagonalKind(int k) {
        return k == CompiledCircuit.Z || k == CompiledCircuit.S || k == CompiledCircuit.T || k == CompiledCircuit.RZ
                || k == CompiledCircuit.PS;
    }

    /** Writes U† of the matrix at {@code m[o + k·stride]} to {@code d[p + k·stride]}. */
    private static void dagger(double[] m, int o, double[] d, int p, int stride) {
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
    static boolean supports(CompiledCircuit cc) {
        return cc.numQubits <= MAX_QUBITS;
    }

    /** Bytes one engine allocates for its state-sized buffers. */
    static long stateBytes(int numQubits, boolean real, boolean gradients) {
        long vectors = (real ? 1 : 2) * (gradients ? 2 : 1) + 1;
        return vectors * 8L * lanesFor(numQubits) * (1L << numQubits);
    }

    // ------------------------------------------------------------------ driver

    /**
     * Simulates samples {@code from..to-1}: expectations, and with {@code upstream != null} the adjoint pass.
     *
     * @param params             trainable parameters
     * @param inputs             one feature row per sample
     * @param upstream           dL/d⟨O_k⟩ per sample, or null for the forward pass only
     * @param expect             receives ⟨O_k⟩ per sample (rows overwritten)
     * @param perSampleParamGrad receives dL/dθ per sample (added to, like {@link StateEngine#backward})
     * @param inputGrad          receives dL/dx per sample (rows overwritten)
     * @param from               first sample
     * @param to                 one past the last sample
     */
    void run(double[] params, double[][] inputs, double[][] upstream, double[][] expect,
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

    // ------------------------------------------------------------------ matrices

    /** Matrices of lane-invariant ops and fused lane-invariant steps: once per call. */
    private void prepareInvariant(double[] params) {
        for (int op = 0; op < cc.numOps; op++) {
            if (!cc.isSingle(op) || laneOp[op]) {
                continue;
            }
            double theta = cc.angle(op, params, null);
            cc.matrix(op, theta, mats, op * 8);
            if (matsDag != null) {
                dagger(mats, op * 8, matsDag, op * 8, 1);
            }
        }
        for (int s = 0; s < numSteps; s++) {
            if (stepKind[s] >= STEP_CNOT || stepLane[s]) {
                continue;
            }
            int first = stepFirstOp[s];
            int o = s * 8;
            System.arraycopy(mats, stepOps[first] * 8, stepMat, o, 8);
            for (int i = 1; i < stepOpCount[s]; i++) {
                int mo = stepOps[first + i] * 8;
                // stepMat ← M_op · stepMat
                double xr = mats[mo], xi = mats[mo + 1], yr = mats[mo + 2], yi = mats[mo + 3];
                double zr = mats[mo + 4], zi = mats[mo + 5], wr = mats[mo + 6], wi = mats[mo + 7];
                double pr = stepMat[o], pi = stepMat[o + 1], qr = stepMat[o + 2], qi = stepMat[o + 3];
                double rr = stepMat[o + 4], ri = stepMat[o + 5], tr = stepMat[o + 6], ti = stepMat[o + 7];
                stepMat[o] = xr * pr - xi * pi + (yr * rr - yi * ri);
                stepMat[o + 1] = xr * pi + xi * pr + (yr * ri + yi * rr);
                stepMat[o + 2] = xr * qr - xi * qi + (yr * tr - yi * ti);
                stepMat[o + 3] = xr * qi + xi * qr + (yr * ti + yi * tr);
                stepMat[o + 4] = zr * pr - zi * pi + (wr * rr - wi * ri);
                stepMat[o + 5] = zr * pi + zi * pr + (wr * ri + wi * rr);
                stepMat[o + 6] = zr * qr - zi * qi + (wr * tr - wi * ti);
                stepMat[o + 7] = zr * qi + zi * qr + (wr * ti + wi * tr);
            }
        }
    }

    /** Per-lane matrices of input-angle ops (trig once per op per lane), then per-lane fused steps. */
    private void prepareLanes(double[][] inputs, int start, int count) {
        final int g = lanes;
        for (int op : inputOps) {
            int kind = cc.kind[op];
            int idx = cc.angleIdx[op];
            double scale = cc.angleScale[op];
            double offset = cc.angleOffset[op];
            int o = op * 8 * g;
            for (int l = 0; l < count; l++) {
                double theta = scale * inputs[start + l][idx] + offset;
                double c;
                double s;
                if (kind == CompiledCircuit.PS) {
                    c = Math.cos(theta);
                    s = Math.sin(theta);
                } else {
                    c = Math.cos(theta / 2);
                    s = Math.sin(theta / 2);
                }
                laneMatrix(kind, c, s, lm, o + l, g);
                if (lmDag != null) {
                    dagger(lm, o + l, lmDag, o + l, g);
                }
            }
        }
        for (int s = 0; s < numSteps; s++) {
            if (stepLane[s]) {
                fuseLanes(s);
            }
        }
    }

    /** Entries of RX/RY/RZ/PhaseShift at stride g (c, s: cos/sin of θ/2, or of θ for PhaseShift). */
    private static void laneMatrix(int kind, double c, double s, double[] m, int o, int g) {
        double a0 = 0, a1 = 0, b0 = 0, b1 = 0, c0 = 0, c1 = 0, d0 = 0, d1 = 0;
        switch (kind) {
            case CompiledCircuit.RX:
                a0 = c;
                b1 = -s;
                c1 = -s;
                d0 = c;
                break;
            case CompiledCircuit.RY:
                a0 = c;
                b0 = -s;
                c0 = s;
                d0 = c;
                break;
            case CompiledCircuit.RZ:
                a0 = c;
                a1 = -s;
                d0 = c;
                d1 = s;
                break;
            case CompiledCircuit.PS:
                a0 = 1;
                d0 = c;
                d1 = s;
                break;
            default:
                throw new IllegalStateException("Op kind " + kind + " has no angle");
        }
        m[o] = a0;
        m[o + g] = a1;
        m[o + 2 * g] = b0;
        m[o + 3 * g] = b1;
        m[o + 4 * g] = c0;
        m[o + 5 * g] = c1;
        m[o + 6 * g] = d0;
        m[o + 7 * g] = d1;
    }

    /** Multiplies out fused step {@code s} per lane into {@link #stepLaneMat}. */
    private void fuseLanes(int s) {
        final int g = lanes;
        final double[] f = stepLaneMat;
        final int fo = s * 8 * g;
        int first = stepFirstOp[s];
        int op0 = stepOps[first];
        if (laneOp[op0]) {
            System.arraycopy(lm, op0 * 8 * g, f, fo, 8 * g);
        } else {
            for (int k = 0; k < 8; k++) {
                Arrays.fill(f, fo + k * g, fo + (k + 1) * g, mats[op0 * 8 + k]);
            }
        }
        for (int i = 1; i < stepOpCount[s]; i++) {
            int op = stepOps[first + i];
            if (laneOp[op]) {
                final int mo = op * 8 * g;
                for (int l = 0; l < g; l++) {
                    mulLane(lm[mo + l], lm[mo + g + l], lm[mo + 2 * g + l], lm[mo + 3 * g + l], lm[mo + 4 * g + l],
                            lm[mo + 5 * g + l], lm[mo + 6 * g + l], lm[mo + 7 * g + l], f, fo + l, g);
                }
            } else {
                final int mo = op * 8;
                final double xr = mats[mo], xi = mats[mo + 1], yr = mats[mo + 2], yi = mats[mo + 3];
                final double zr = mats[mo + 4], zi = mats[mo + 5], wr = mats[mo + 6], wi = mats[mo + 7];
                for (int l = 0; l < g; l++) {
                    mulLane(xr, xi, yr, yi, zr, zi, wr, wi, f, fo + l, g);
                }
            }
        }
    }

    /** f ← M · f for one lane, f at stride g. */
    private static void mulLane(double xr, double xi, double yr, double yi, double zr, double zi, double wr,
                                double wi, double[] f, int o, int g) {
        double pr = f[o], pi = f[o + g], qr = f[o + 2 * g], qi = f[o + 3 * g];
        double rr = f[o + 4 * g], ri = f[o + 5 * g], tr = f[o + 6 * g], ti = f[o + 7 * g];
        f[o] = xr * pr - xi * pi + (yr * rr - yi * ri);
        f[o + g] = xr * pi + xi * pr + (yr * ri + yi * rr);
        f[o + 2 * g] = xr * qr - xi * qi + (yr * tr - yi * ti);
        f[o + 3 * g] = xr * qi + xi * qr + (yr * ti + yi * tr);
        f[o + 4 * g] = zr * pr - zi * pi + (wr * rr - wi * ri);
        f[o + 5 * g] = zr * pi + zi * pr + (wr * ri + wi * rr);
        f[o + 6 * g] = zr * qr - zi * qi + (wr * tr - wi * ti);
        f[o + 7 * g] = zr * qi + zi * qr + (wr * ti + wi * tr);
    }

    // ------------------------------------------------------------------ state preparation

    private void initState(double[][] inputs, int start, int count) {
        final int g = lanes;
        if (cc.ampLength == 0) {
            return; // |0…0⟩ and the first gate on every wire: written by productState()
        }
        Arrays.fill(re, 0.0);
        if (im != null) {
            Arrays.fill(im, 0.0);
        }
        for (int l = 0; l < count; l++) {
            double[] x = inputs[start + l];
            int sample = start + l;
            double norm = StateEngine.amplitudeNorm(x, cc.ampFirst, cc.ampLength, sample);
            norms[l] = norm;
            for (int i = 0; i < cc.ampLength; i++) {
                re[i * g + l] = x[cc.ampFirst + i] / norm;
            }
        }
    }

    // ------------------------------------------------------------------ forward

    /**
     * ψ = ⊗_b M_b|0⟩ per lane, M_b the hoisted step on bit b (identity if none): built bit by bit, amplitude i with
     * bit b set gets (M_b)_{10}, clear gets (M_b)_{00}. Overwrites the whole state.
     */
    private void productState() {
        final int g = lanes;
        // col[(b * 4 + k) * g + l]: k = 0..3 → re m00, im m00, re m10, im m10
        for (int b = 0; b < n; b++) {
            int s = hoistedStepOfBit[b];
            for (int k = 0; k < 4; k++) {
                int entry = k < 2 ? k : k + 2; // m00 at 0/1, m10 at 4/5
                int co = (b * 4 + k) * g;
                if (s < 0) {
                    Arrays.fill(col, co, co + g, k == 0 ? 1.0 : 0.0);
                } else if (stepLane[s]) {
                    System.arraycopy(stepLaneMat, (s * 8 + entry) * g, col, co, g);
                } else {
                    Arrays.fill(col, co, co + g, stepMat[s * 8 + entry]);
                }
            }
        }
        Arrays.fill(re, 0, g, 1.0);
        if (im != null) {
            Arrays.fill(im, 0, g, 0.0);
        }
        for (int b = 0; b < n; b++) {
            final int size = (1 << b) * g;
            final int c0r = b * 4 * g, c0i = c0r + g, c1r = c0r + 2 * g, c1i = c0r + 3 * g;
            for (int i = 0; i < size; i += g) {
                final int j = i + size;
                if (im == null) {
                    for (int l = 0; l < g; l++) {
                        final double x = re[i + l];
                        re[j + l] = col[c1r + l] * x;
                        re[i + l] = col[c0r + l] * x;
                    }
                } else {
                    for (int l = 0; l < g; l++) {
                        final double xr = re[i + l], xi = im[i + l];
                        final double ar = col[c0r + l], ai = col[c0i + l], br = col[c1r + l], bi = col[c1i + l];
                        re[j + l] = br * xr - bi * xi;
                        im[j + l] = br * xi + bi * xr;
                        re[i + l] = ar * xr - ai * xi;
                        im[i + l] = ar * xi + ai * xr;
                    }
                }
            }
        }
    }

    private void forward() {
        final int g = lanes;
        if (cc.ampLength == 0) {
            productState();
        }
        for (int s = 0; s < numSteps; s++) {
            if (stepHoisted[s]) {
                continue;
            }
            int a = stepA[s];
            switch (stepKind[s]) {
                case STEP_REAL:
                    if (stepLane[s]) {
                        realApplyLanes(re, a, stepLaneMat, s * 8 * g, dim, g);
                    } else {
                        realApply(re, a, stepMat, s * 8, dim, g);
                    }
                    break;
                case STEP_DIAG:
                    if (stepLane[s]) {
                        diagApplyLanes(re, im, a, stepLaneMat, s * 8 * g, dim, g);
                    } else {
                        diagApply(re, im, a, stepMat, s * 8, dim, g);
                    }
                    break;
                case STEP_GENERAL:
                    if (stepLane[s]) {
                        applyLanes(re, im, a, stepLaneMat, s * 8 * g, dim, g);
                    } else if (stepRotationKind[s] == CompiledCircuit.RX) {
                        rxApply(re, im, a, stepMat, s * 8, dim, g);
                    } else if (stepRotationKind[s] == CompiledCircuit.RY) {
                        ryApply(re, im, a, stepMat, s * 8, dim, g);
                    } else {
                        apply(re, im, a, stepMat, s * 8, dim, g);
                    }
                    break;
                case STEP_CNOT:
                    cnot(re, im, a, stepB[s], dim, g);
                    break;
                case STEP_CZ:
                    cz(re, im, a, stepB[s], dim, g);
                    break;
                default:
                    swap(re, im, a, stepB[s], dim, g);
            }
        }
    }

    // ------------------------------------------------------------------ readout

    private void expectations(double[][] expect, int start, int count) {
        final int g = lanes;
        boolean anyZ = false;
        for (int k = 0; k < cc.numObs; k++) {
            anyZ |= !cc.obsIsX[k];
        }
        if (anyZ) {
            // Probabilities, then fold from the top bit down: ⟨Z_b⟩ = Σ_{bit b = 0} p − Σ_{bit b = 1} p over the
            // marginal of bits 0..b.
            final double[] p = scratch;
            final int size = dim * g;
            if (im == null) {
                for (int k = 0; k < size; k++) {
                    p[k] = re[k] * re[k];
                }
            } else {
                for (int k = 0; k < size; k++) {
                    p[k] = re[k] * re[k] + im[k] * im[k];
                }
            }
            for (int b = n - 1; b >= 0; b--) {
                final int h = (1 << b) * g;
                final int zo = b * g;
                Arrays.fill(zsum, zo, zo + g, 0.0);
                for (int i = 0; i < h; i += g) {
                    for (int l = 0; l < g; l++) {
                        double x = p[i + l], y = p[i + h + l];
                        zsum[zo + l] += x - y;
                        p[i + l] = x + y;
                    }
                }
            }
        }
        for (int k = 0; k < cc.numObs; k++) {
            int b = cc.obsBit[k];
            if (cc.obsIsX[k]) {
                expectX(b);
                for (int l = 0; l < count; l++) {
                    expect[start + l][k] = 2.0 * acc[l];
                }
            } else {
                for (int l = 0; l < count; l++) {
                    expect[start + l][k] = zsum[b * g + l];
                }
            }
        }
    }

    /** acc[l] = Σ_pairs Re(conj ψ_i ψ_{i+s}) per lane. */
    private void expectX(int b) {
        final int g = lanes;
        final int sg = (1 << b) * g;
        Arrays.fill(acc, 0.0);
        for (int base = 0; base < dim * g; base += 2 * sg) {
            for (int i = base; i < base + sg; i += g) {
                if (im == null) {
                    for (int l = 0; l < g; l++) {
                        acc[l] += re[i + l] * re[i + sg + l];
                    }
                } else {
                    for (int l = 0; l < g; l++) {
                        acc[l] += re[i + l] * re[i + sg + l] + im[i + l] * im[i + sg + l];
                    }
                }
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
                    generatorDot(cc.kind[op], re, im, lre, lim, a, gacc, op * g, dim, g);
                }
                continue;
            }
            if (cc.isSingle(op)) {
                if (fuseAdjoint && phi && !laneOp[op] && cc.angleSrc[op] == CompiledCircuit.SRC_PARAM
                        && adjointRotation(cc.kind[op], re, im, lre, lim, a, matsDag, op * 8, gacc, op * g, dim, g)) {
                    continue;
                }
                if (laneOp[op] || cc.angleSrc[op] == CompiledCircuit.SRC_PARAM) {
                    generatorDot(cc.kind[op], re, im, lre, lim, a, gacc, op * g, dim, g);
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
                        cnot(re, im, a, b, dim, g);
                    }
                    cnot(lre, lim, a, b, dim, g);
                    break;
                case CompiledCircuit.CZ:
                    if (phi) {
                        cz(re, im, a, b, dim, g);
                    }
                    cz(lre, lim, a, b, dim, g);
                    break;
                default:
                    if (phi) {
                        swap(re, im, a, b, dim, g);
                    }
                    swap(lre, lim, a, b, dim, g);
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
                realApplyLanes(vr, a, lmDag, o, dim, g);
            } else if (diagOp[op]) {
                diagApplyLanes(vr, vi, a, lmDag, o, dim, g);
            } else {
                applyLanes(vr, vi, a, lmDag, o, dim, g);
            }
        } else {
            int o = op * 8;
            if (real) {
                realApply(vr, a, matsDag, o, dim, g);
            } else if (diagOp[op]) {
                diagApply(vr, vi, a, matsDag, o, dim, g);
            } else {
                apply(vr, vi, a, matsDag, o, dim, g);
            }
        }
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

    // ================================================================== kernels (lane-innermost layout)

    /** ψ ← Mψ on {@code bit}, M the same for every lane: contiguous runs of 2^bit·g doubles. */
    static void apply(double[] re, double[] im, int bit, double[] m, int o, int dim, int g) {
        final double a0 = m[o], a1 = m[o + 1], b0 = m[o + 2], b1 = m[o + 3];
        final double c0 = m[o + 4], c1 = m[o + 5], d0 = m[o + 6], d1 = m[o + 7];
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i++) {
                final int j = i + sg;
                final double xr = re[i], xi = im[i], yr = re[j], yi = im[j];
                re[i] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                im[i] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                re[j] = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                im[j] = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
            }
        }
    }

    /** ψ ← RX(θ)ψ on {@code bit}: M = [[a0, i·b1], [i·c1, d0]] with real a0 = d0, so 8 multiplications per pair. */
    static void rxApply(double[] re, double[] im, int bit, double[] m, int o, int dim, int g) {
        final double a0 = m[o], b1 = m[o + 3], c1 = m[o + 5], d0 = m[o + 6];
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i++) {
                final int j = i + sg;
                final double xr = re[i], xi = im[i], yr = re[j], yi = im[j];
                re[i] = a0 * xr - b1 * yi;
                im[i] = a0 * xi + b1 * yr;
                re[j] = d0 * yr - c1 * xi;
                im[j] = d0 * yi + c1 * xr;
            }
        }
    }

    /** ψ ← RY(θ)ψ on {@code bit} for a complex state: the real matrix acts on re and im alike. */
    static void ryApply(double[] re, double[] im, int bit, double[] m, int o, int dim, int g) {
        final double a0 = m[o], b0 = m[o + 2], c0 = m[o + 4], d0 = m[o + 6];
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i++) {
                final int j = i + sg;
                final double xr = re[i], xi = im[i], yr = re[j], yi = im[j];
                re[i] = a0 * xr + b0 * yr;
                im[i] = a0 * xi + b0 * yi;
                re[j] = c0 * xr + d0 * yr;
                im[j] = c0 * xi + d0 * yi;
            }
        }
    }

    /** ψ ← M_l ψ per lane, M_l at {@code m[o + k·g + l]}. */
    static void applyLanes(double[] re, double[] im, int bit, double[] m, int o, int dim, int g) {
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        final int o1 = o + g, o2 = o + 2 * g, o3 = o + 3 * g, o4 = o + 4 * g, o5 = o + 5 * g, o6 = o + 6 * g,
                o7 = o + 7 * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i += g) {
                final int j = i + sg;
                for (int l = 0; l < g; l++) {
                    final double a0 = m[o + l], a1 = m[o1 + l], b0 = m[o2 + l], b1 = m[o3 + l];
                    final double c0 = m[o4 + l], c1 = m[o5 + l], d0 = m[o6 + l], d1 = m[o7 + l];
                    final double xr = re[i + l], xi = im[i + l], yr = re[j + l], yi = im[j + l];
                    re[i + l] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
                    im[i + l] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
                    re[j + l] = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
                    im[j + l] = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
                }
            }
        }
    }

    static void diagApply(double[] re, double[] im, int bit, double[] m, int o, int dim, int g) {
        final double a0 = m[o], a1 = m[o + 1], d0 = m[o + 6], d1 = m[o + 7];
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i++) {
                final int j = i + sg;
                final double xr = re[i], xi = im[i], yr = re[j], yi = im[j];
                re[i] = a0 * xr - a1 * xi;
                im[i] = a0 * xi + a1 * xr;
                re[j] = d0 * yr - d1 * yi;
                im[j] = d0 * yi + d1 * yr;
            }
        }
    }

    static void diagApplyLanes(double[] re, double[] im, int bit, double[] m, int o, int dim, int g) {
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        final int o1 = o + g, o6 = o + 6 * g, o7 = o + 7 * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i += g) {
                final int j = i + sg;
                for (int l = 0; l < g; l++) {
                    final double a0 = m[o + l], a1 = m[o1 + l], d0 = m[o6 + l], d1 = m[o7 + l];
                    final double xr = re[i + l], xi = im[i + l], yr = re[j + l], yi = im[j + l];
                    re[i + l] = a0 * xr - a1 * xi;
                    im[i + l] = a0 * xi + a1 * xr;
                    re[j + l] = d0 * yr - d1 * yi;
                    im[j + l] = d0 * yi + d1 * yr;
                }
            }
        }
    }

    static void realApply(double[] re, int bit, double[] m, int o, int dim, int g) {
        final double a = m[o], b = m[o + 2], c = m[o + 4], d = m[o + 6];
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i++) {
                final double x = re[i], y = re[i + sg];
                re[i] = a * x + b * y;
                re[i + sg] = c * x + d * y;
            }
        }
    }

    static void realApplyLanes(double[] re, int bit, double[] m, int o, int dim, int g) {
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        final int o2 = o + 2 * g, o4 = o + 4 * g, o6 = o + 6 * g;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i += g) {
                final int j = i + sg;
                for (int l = 0; l < g; l++) {
                    final double a = m[o + l], b = m[o2 + l], c = m[o4 + l], d = m[o6 + l];
                    final double x = re[i + l], y = re[j + l];
                    re[i + l] = a * x + b * y;
                    re[j + l] = c * x + d * y;
                }
            }
        }
    }

    /**
     * Gradient term of rotation op {@code kind} from the state after the gate: with dU = G·U (G = −iP/2 for
     * RX/RY/RZ, i·|1⟩⟨1| for PhaseShift), Re⟨λ|dU|U†φ⟩ = Re⟨λ|G|φ⟩. Adds 2·Re⟨λ|G|φ⟩ per lane to
     * {@code acc[go + l]}, using only G's two nonzero entries (no derivative matrices needed).
     */
    static void generatorDot(int kind, double[] pr, double[] pi, double[] lr, double[] li, int bit, double[] acc,
                             int go, int dim, int g) {
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        // one loop nest per generator: the kind is decided once per call, not once per amplitude pair
        switch (kind) {
            case CompiledCircuit.RY:
                // 2·Re⟨λ|(−i/2)Y|φ⟩ = Re(λ1*·φ0 − λ0*·φ1)
                if (pi == null) {
                    for (int base = 0; base < end; base += 2 * sg) {
                        for (int i = base; i < base + sg; i += g) {
                            final int j = i + sg;
                            for (int l = 0; l < g; l++) {
                                acc[go + l] += lr[j + l] * pr[i + l] - lr[i + l] * pr[j + l];
                            }
                        }
                    }
                } else {
                    for (int base = 0; base < end; base += 2 * sg) {
                        for (int i = base; i < base + sg; i += g) {
                            final int j = i + sg;
                            for (int l = 0; l < g; l++) {
                                acc[go + l] += lr[j + l] * pr[i + l] + li[j + l] * pi[i + l]
                                        - (lr[i + l] * pr[j + l] + li[i + l] * pi[j + l]);
                            }
                        }
                    }
                }
                return;
            case CompiledCircuit.RX:
                // 2·Re⟨λ|(−i/2)X|φ⟩ = Im(λ0*·φ1 + λ1*·φ0)
                for (int base = 0; base < end; base += 2 * sg) {
                    for (int i = base; i < base + sg; i += g) {
                        final int j = i + sg;
                        for (int l = 0; l < g; l++) {
                            acc[go + l] += lr[i + l] * pi[j + l] - li[i + l] * pr[j + l]
                                    + (lr[j + l] * pi[i + l] - li[j + l] * pr[i + l]);
                        }
                    }
                }
                return;
            case CompiledCircuit.RZ:
            case CompiledCircuit.PS: {
                // RZ: 2·Re⟨λ|(−i/2)Z|φ⟩ = Im(λ0*·φ0) − Im(λ1*·φ1); PhaseShift: 2·Re⟨λ|i·|1⟩⟨1||φ⟩ = −2·Im(λ1*·φ1)
                // (exact ×1/×0 weights select the term without a branch in the lane loop)
                final double w0 = kind == CompiledCircuit.RZ ? 1.0 : 0.0, w1 = 2.0 - w0;
                for (int base = 0; base < end; base += 2 * sg) {
                    for (int i = base; i < base + sg; i += g) {
                        final int j = i + sg;
                        for (int l = 0; l < g; l++) {
                            acc[go + l] += w0 * (lr[i + l] * pi[i + l] - li[i + l] * pr[i + l])
                                    - w1 * (lr[j + l] * pi[j + l] - li[j + l] * pr[j + l]);
                        }
                    }
                }
                return;
            }
            default:
                throw new IllegalStateException("Op kind " + kind + " has no angle");
        }
    }

    /**
     * One fused adjoint step for a trainable rotation with a lane-invariant matrix: per amplitude pair it adds
     * the gradient term of {@link #generatorDot} (from φ and λ after the gate) and then applies U† to both φ and
     * λ, so φ and λ are read and written once instead of three passes (gradient, φ ← U†φ, λ ← U†λ). The arithmetic
     * is that of the separate passes minus the products with matrix entries that are exactly zero (RX, RY) and with
     * exact ×1/×0 weights choosing the RZ or PhaseShift term, so the results are bitwise those of the separate passes
     * ({@code BatchedSmallEngineTest}).
     *
     * @return false when the op kind has no fused form (the caller then runs the separate passes)
     */
    static boolean adjointRotation(int kind, double[] pr, double[] pi, double[] lr, double[] li, int bit,
                                   double[] m, int o, double[] acc, int go, int dim, int g) {
        final int sg = (1 << bit) * g;
        final int end = dim * g;
        // one small method per kernel, each compiled on its own, with only the matrix entries its gate has
        if (pi == null) {
            if (kind != CompiledCircuit.RY) {
                return false;
            }
            adjointRealRY(pr, lr, acc, go, sg, end, g, m[o], m[o + 2], m[o + 4], m[o + 6]);
            return true;
        }
        switch (kind) {
            case CompiledCircuit.RY:
                adjointRY(pr, pi, lr, li, acc, go, sg, end, g, m[o], m[o + 2], m[o + 4], m[o + 6]);
                return true;
            case CompiledCircuit.RX:
                adjointRX(pr, pi, lr, li, acc, go, sg, end, g, m[o], m[o + 3], m[o + 5], m[o + 6]);
                return true;
            case CompiledCircuit.RZ:
            case CompiledCircuit.PS:
                adjointDiag(kind == CompiledCircuit.RZ, pr, pi, lr, li, acc, go, sg, end, g, m[o], m[o + 1], m[o + 6],
                        m[o + 7]);
                return true;
            default:
                return false;
        }
    }

    private static void adjointRealRY(double[] pr, double[] lr, double[] acc, int go, int sg, int end, int g,
                                      double a, double b, double c, double d) {
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i += g) {
                final int j = i + sg;
                for (int l = 0; l < g; l++) {
                    final double x = pr[i + l], y = pr[j + l], u = lr[i + l], v = lr[j + l];
                    acc[go + l] += v * x - u * y;
                    pr[i + l] = a * x + b * y;
                    pr[j + l] = c * x + d * y;
                    lr[i + l] = a * u + b * v;
                    lr[j + l] = c * u + d * v;
                }
            }
        }
    }

    private static void adjointRY(double[] pr, double[] pi, double[] lr, double[] li, double[] acc, int go, int sg,
                                  int end, int g, double a0, double b0, double c0, double d0) {
        // U† = RY(−θ) is real: [[a0, b0], [c0, d0]] acts on re and im alike (half the general flops)
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i += g) {
                final int j = i + sg;
                for (int l = 0; l < g; l++) {
                    final double xr = pr[i + l], xi = pi[i + l], yr = pr[j + l], yi = pi[j + l];
                    final double ur = lr[i + l], ui = li[i + l], vr = lr[j + l], vi = li[j + l];
                    acc[go + l] += vr * xr + vi * xi - (ur * yr + ui * yi);
                    pr[i + l] = a0 * xr + b0 * yr;
                    pi[i + l] = a0 * xi + b0 * yi;
                    pr[j + l] = c0 * xr + d0 * yr;
                    pi[j + l] = c0 * xi + d0 * yi;
                    lr[i + l] = a0 * ur + b0 * vr;
                    li[i + l] = a0 * ui + b0 * vi;
                    lr[j + l] = c0 * ur + d0 * vr;
                    li[j + l] = c0 * ui + d0 * vi;
                }
            }
        }
    }

    private static void adjointRX(double[] pr, double[] pi, double[] lr, double[] li, double[] acc, int go, int sg,
                                  int end, int g, double a0, double b1, double c1, double d0) {
        // U† = RX(−θ) = [[c, i·s], [i·s, c]]: real diagonal a0 = d0, imaginary off-diagonal b1 = c1
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i += g) {
                final int j = i + sg;
                for (int l = 0; l < g; l++) {
                    final double xr = pr[i + l], xi = pi[i + l], yr = pr[j + l], yi = pi[j + l];
                    final double ur = lr[i + l], ui = li[i + l], vr = lr[j + l], vi = li[j + l];
                    acc[go + l] += ur * yi - ui * yr + (vr * xi - vi * xr);
                    pr[i + l] = a0 * xr - b1 * yi;
                    pi[i + l] = a0 * xi + b1 * yr;
                    pr[j + l] = d0 * yr - c1 * xi;
                    pi[j + l] = d0 * yi + c1 * xr;
                    lr[i + l] = a0 * ur - b1 * vi;
                    li[i + l] = a0 * ui + b1 * vr;
                    lr[j + l] = d0 * vr - c1 * ui;
                    li[j + l] = d0 * vi + c1 * ur;
                }
            }
        }
    }

    private static void adjointDiag(boolean rz, double[] pr, double[] pi, double[] lr, double[] li, double[] acc, int go,
                                    int sg, int end, int g, double a0, double a1, double d0, double d1) {
        // RZ: Im(λ0*φ0) − Im(λ1*φ1); PhaseShift: −2·Im(λ1*φ1)
        final double w0 = rz ? 1.0 : 0.0, w1 = 2.0 - w0;
        for (int base = 0; base < end; base += 2 * sg) {
            final int top = base + sg;
            for (int i = base; i < top; i += g) {
                final int j = i + sg;
                for (int l = 0; l < g; l++) {
                    final double xr = pr[i + l], xi = pi[i + l], yr = pr[j + l], yi = pi[j + l];
                    final double ur = lr[i + l], ui = li[i + l], vr = lr[j + l], vi = li[j + l];
                    acc[go + l] += w0 * (ur * xi - ui * xr) - w1 * (vr * yi - vi * yr);
                    pr[i + l] = a0 * xr - a1 * xi;
                    pi[i + l] = a0 * xi + a1 * xr;
                    pr[j + l] = d0 * yr - d1 * yi;
                    pi[j + l] = d0 * yi + d1 * yr;
                    lr[i + l] = a0 * ur - a1 * ui;
                    li[i + l] = a0 * ui + a1 * ur;
                    lr[j + l] = d0 * vr - d1 * vi;
                    li[j + l] = d0 * vi + d1 * vr;
                }
            }
        }
    }

    /** CNOT: swaps the lane blocks of amplitudes with control = 1, target 0 ↔ 1. */
    static void cnot(double[] re, double[] im, int control, int target, int dim, int g) {
        final int lo = Math.min(control, target), hi = Math.max(control, target);
        final int sl = 1 << lo, sh = 1 << hi, c = 1 << control, t = 1 << target;
        final int run = sl * g;
        for (int a = 0; a < dim; a += sh << 1) {
            for (int b = a; b < a + sh; b += sl << 1) {
                swapRun(re, (b | c) * g, (b | c | t) * g, run);
                if (im != null) {
                    swapRun(im, (b | c) * g, (b | c | t) * g, run);
                }
            }
        }
    }

    static void cz(double[] re, double[] im, int bitA, int bitB, int dim, int g) {
        final int lo = Math.min(bitA, bitB), hi = Math.max(bitA, bitB);
        final int sl = 1 << lo, sh = 1 << hi, both = sl | sh;
        final int run = sl * g;
        for (int a = 0; a < dim; a += sh << 1) {
            for (int b = a; b < a + sh; b += sl << 1) {
                final int q = (b | both) * g;
                for (int k = q; k < q + run; k++) {
                    re[k] = -re[k];
                }
                if (im != null) {
                    for (int k = q; k < q + run; k++) {
                        im[k] = -im[k];
                    }
                }
            }
        }
    }

    static void swap(double[] re, double[] im, int bitA, int bitB, int dim, int g) {
        final int lo = Math.min(bitA, bitB), hi = Math.max(bitA, bitB);
        final int sl = 1 << lo, sh = 1 << hi;
        final int run = sl * g;
        for (int a = 0; a < dim; a += sh << 1) {
            for (int b = a; b < a + sh; b += sl << 1) {
                swapRun(re, (b | sl) * g, (b | sh) * g, run);
                if (im != null) {
                    swapRun(im, (b | sl) * g, (b | sh) * g, run);
                }
            }
        }
    }

    private static void swapRun(double[] v, int p, int q, int len) {
        for (int k = 0; k < len; k++) {
            double t = v[p + k];
            v[p + k] = v[q + k];
            v[q + k] = t;
        }
    }
}

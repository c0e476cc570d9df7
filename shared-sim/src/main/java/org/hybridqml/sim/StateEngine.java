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
 * low-bit runs are processed block by block as well. Partial sums are always combined in the same order, so
 * results do not depend on which worker ran a sample.
 */
final class StateEngine {
    /** log2 of the cache block (8192 amplitudes: 128 KiB complex, 64 KiB real per vector). */
    static final int BLOCK_BITS = 13;
    private static final int TABLE_BITS = 10;

    private static final int STEP_GENERAL = 0, STEP_DIAG = 1, STEP_REAL = 2, STEP_CNOT = 3, STEP_CZ = 4,
            STEP_SWAP = 5;

    private final CompiledCircuit cc;
    private final boolean real;
    private final int n;
    private final int dim;
    private final boolean blocking;

    final double[] re;
    final double[] im;
    private final double[] lre;
    private final double[] lim;

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
        tableBits = Math.min(n, TABLE_BITS);
        lowTable = new double[1 << tableBits];
        highTable = new double[1 << (n - tableBits)];
    }

    /** Bytes one engine allocates for its state vectors. */
    static long stateBytes(int numQubits, boolean real, boolean gradients) {
        long vectors = (real ? 1 : 2) * (gradients ? 2 : 1);
        return vectors * 8L * (1L << numQubits);
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
        Arrays.fill(re, 0.0);
        if (im != null) {
            Arrays.fill(im, 0.0);
        }
        if (cc.ampLength == 0) {
            re[0] = 1.0;
            return 1.0;
        }
        double sum = 0.0;
        for (int i = 0; i < cc.ampLength; i++) {
            double v = input[cc.ampFirst + i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Amplitude embedding of sample " + sample + ": feature "
                        + (cc.ampFirst + i) + " is not finite (" + v + ")");
            }
            sum += v * v;
        }
        if (sum == 0.0) {
            throw new IllegalArgumentException("Amplitude embedding of sample " + sample
                    + ": the feature vector is all zeros and cannot be normalised");
        }
        double norm = Math.sqrt(sum);
        for (int i = 0; i < cc.ampLength; i++) {
            re[i] = input[cc.ampFirst + i] / norm;
        }
        return norm;
    }

    // ------------------------------------------------------------------ forward

    /** Applies the whole circuit to the current state, with fusion and cache blocking. */
    void forward() {
        buildFusedSteps();
        int i = 0;
        while (i < numSteps) {
            if (blocking && stepIsLow(i)) {
                int j = i;
                while (j < numSteps && stepIsLow(j)) {
                    j++;
                }
                int bs = 1 << BLOCK_BITS;
                for (int base = 0; base < dim; base += bs) {
                    for (int s = i; s < j; s++) {
                        applyStep(s, base, base + bs);
                    }
                }
                i = j;
            } else {
                applyStep(i, 0, dim);
                i++;
            }
        }
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
            default:
                Kernels.swap(re, im, stepA[s], stepB[s], start, end);
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
            // One pass: probabilities summed by low index bits and by chunk; ⟨Z_b⟩ follows from the tables.
            Arrays.fill(lowTable, 0.0);
            int chunk = 1 << tableBits;
            for (int c = 0, off = 0; off < dim; c++, off += chunk) {
                double sum = 0.0;
                if (im == null) {
                    for (int j = 0; j < chunk; j++) {
                        double v = re[off + j];
                        double p = v * v;
                        lowTable[j] += p;
                        sum += p;
                    }
                } else {
                    for (int j = 0; j < chunk; j++) {
                        double p = re[off + j] * re[off + j] + im[off + j] * im[off + j];
                        lowTable[j] += p;
                        sum += p;
                    }
                }
                highTable[c] = sum;
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
        int r = cc.numOps - 1;
        while (r >= 0) {
            if (blocking && opIsLow(r)) {
                int q = r;
                while (q > 0 && opIsLow(q - 1)) {
                    q--;
                }
                int bs = 1 << BLOCK_BITS;
                for (int base = 0; base < dim; base += bs) {
                    for (int op = r; op >= q; op--) {
                        adjointOp(op, base, base + bs);
                    }
                }
                r = q - 1;
            } else {
                adjointOp(r, 0, dim);
                r--;
            }
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

    private boolean opIsLow(int op) {
        return cc.bitA[op] < BLOCK_BITS && cc.bitB[op] < BLOCK_BITS;
    }

    private void adjointOp(int op, int start, int end) {
        if (cc.isSingle(op)) {
            double[] dm = cc.hasTrainableOrInputAngle(op) ? dmats : null;
            if (real) {
                gradAcc[op] += Kernels.realAdjoint1(re, lre, cc.bitA[op], mats, op * 8, dm, op * 8, start, end);
            } else {
                gradAcc[op] += Kernels.adjoint1(re, im, lre, lim, cc.bitA[op], mats, op * 8, dm, op * 8, start, end);
            }
            return;
        }
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
        int chunk = 1 << tableBits;
        for (int c = 0, off = 0; off < dim; c++, off += chunk) {
            double h = highTable[c];
            for (int j = 0; j < chunk; j++) {
                double d = lowTable[j] + h;
                lre[off + j] = d * re[off + j];
                if (lim != null) {
                    lim[off + j] = d * im[off + j];
                }
            }
        }
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

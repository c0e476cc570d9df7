package org.hybridqml.sim;

import java.util.Arrays;

/**
 * Stage 3 of the lane-batched engine, the forward pass and readout on the plan of {@link BatchedSmallEnginePlan}:
 * per-call and per-lane gate matrices, the initial state of a group (|0…0⟩, amplitude embedding, or the hoisted
 * product state), the fused forward steps, and ⟨Z_b⟩ / ⟨X_b⟩ per lane. The arithmetic is in {@link LaneKernels}.
 */
abstract class BatchedSmallEngineForward extends BatchedSmallEnginePlan {

    /**
     * @param cc        the compiled circuit
     * @param gradients whether buffers for the adjoint pass are needed
     * @param lanes     lanes per group
     */
    BatchedSmallEngineForward(CompiledCircuit cc, boolean gradients, int lanes) {
        super(cc, gradients, lanes);
    }

    // ------------------------------------------------------------------ matrices

    /** Matrices of lane-invariant ops and fused lane-invariant steps: once per call. */
    void prepareInvariant(double[] params) {
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
    void prepareLanes(double[][] inputs, int start, int count) {
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
    static void laneMatrix(int kind, double c, double s, double[] m, int o, int g) {
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
    void fuseLanes(int s) {
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
    static void mulLane(double xr, double xi, double yr, double yi, double zr, double zi, double wr,
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

    void initState(double[][] inputs, int start, int count) {
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
    void productState() {
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

    void forward() {
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
                        LaneKernels.realApplyLanes(re, a, stepLaneMat, s * 8 * g, dim, g);
                    } else {
                        LaneKernels.realApply(re, a, stepMat, s * 8, dim, g);
                    }
                    break;
                case STEP_DIAG:
                    if (stepLane[s]) {
                        LaneKernels.diagApplyLanes(re, im, a, stepLaneMat, s * 8 * g, dim, g);
                    } else {
                        LaneKernels.diagApply(re, im, a, stepMat, s * 8, dim, g);
                    }
                    break;
                case STEP_GENERAL:
                    if (stepLane[s]) {
                        LaneKernels.applyLanes(re, im, a, stepLaneMat, s * 8 * g, dim, g);
                    } else if (stepRotationKind[s] == CompiledCircuit.RX) {
                        LaneKernels.rxApply(re, im, a, stepMat, s * 8, dim, g);
                    } else if (stepRotationKind[s] == CompiledCircuit.RY) {
                        LaneKernels.ryApply(re, im, a, stepMat, s * 8, dim, g);
                    } else {
                        LaneKernels.apply(re, im, a, stepMat, s * 8, dim, g);
                    }
                    break;
                case STEP_CNOT:
                    LaneKernels.cnot(re, im, a, stepB[s], dim, g);
                    break;
                case STEP_CZ:
                    LaneKernels.cz(re, im, a, stepB[s], dim, g);
                    break;
                default:
                    LaneKernels.swap(re, im, a, stepB[s], dim, g);
            }
        }
    }

    // ------------------------------------------------------------------ readout

    void expectations(double[][] expect, int start, int count) {
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
    void expectX(int b) {
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
}

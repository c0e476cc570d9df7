package org.hybridqml.bench;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;
import org.hybridqml.sim.circuit.Observable;
import org.hybridqml.sim.circuit.Operation;

/**
 * The benchmark baseline: a straightforward, single-threaded, gate-by-gate complex statevector simulator with a
 * textbook adjoint pass (Jones &amp; Gacon, arXiv:2009.02823). Interleaved (re, im) storage; every gate is a generic
 * complex 2×2 or 4×4 matrix applied by scanning all basis indices; no fusion, no real-valued path, no cache blocking,
 * no threads. It allocates its buffers once per call, so the comparison measures the kernels, not the garbage
 * collector.
 */
public final class NaiveComplexSimulator {

    private NaiveComplexSimulator() {
    }

    /** One decomposed op: a 2×2 (single) or 4×4 (two-qubit) complex matrix, and its angle source if any. */
    private record Op(int wireA, int wireB, Gate gate, Angle angle) {
    }

    private static Op[] decompose(Circuit c) {
        java.util.List<Op> ops = new java.util.ArrayList<>();
        for (Operation op : c.operations()) {
            if (op.gate() == Gate.ROT) {
                ops.add(new Op(op.wire(0), -1, Gate.RZ, op.angle(0)));
                ops.add(new Op(op.wire(0), -1, Gate.RY, op.angle(1)));
                ops.add(new Op(op.wire(0), -1, Gate.RZ, op.angle(2)));
            } else {
                ops.add(new Op(op.wire(0), op.gate().numWires() == 2 ? op.wire(1) : -1, op.gate(),
                        op.numAngles() > 0 ? op.angle(0) : null));
            }
        }
        return ops.toArray(new Op[0]);
    }

    /** 2×2 matrix as [re00, im00, re01, im01, re10, im10, re11, im11]. */
    private static double[] matrix1(Gate g, double t, boolean derivative) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        if (derivative) {
            switch (g) {
                case RX: return new double[]{-s / 2, 0, 0, -c / 2, 0, -c / 2, -s / 2, 0};
                case RY: return new double[]{-s / 2, 0, -c / 2, 0, c / 2, 0, -s / 2, 0};
                case RZ: return new double[]{-s / 2, -c / 2, 0, 0, 0, 0, -s / 2, c / 2};
                case PHASE_SHIFT: return new double[]{0, 0, 0, 0, 0, 0, -Math.sin(t), Math.cos(t)};
                default: throw new IllegalArgumentException("no derivative for " + g);
            }
        }
        double r = Math.sqrt(0.5);
        switch (g) {
            case H: return new double[]{r, 0, r, 0, r, 0, -r, 0};
            case X: return new double[]{0, 0, 1, 0, 1, 0, 0, 0};
            case Y: return new double[]{0, 0, 0, -1, 0, 1, 0, 0};
            case Z: return new double[]{1, 0, 0, 0, 0, 0, -1, 0};
            case S: return new double[]{1, 0, 0, 0, 0, 0, 0, 1};
            case T: return new double[]{1, 0, 0, 0, 0, 0, r, r};
            case RX: return new double[]{c, 0, 0, -s, 0, -s, c, 0};
            case RY: return new double[]{c, 0, -s, 0, s, 0, c, 0};
            case RZ: return new double[]{c, -s, 0, 0, 0, 0, c, s};
            case PHASE_SHIFT: return new double[]{1, 0, 0, 0, 0, 0, Math.cos(t), Math.sin(t)};
            default: throw new IllegalArgumentException("not single-qubit: " + g);
        }
    }

    /** 4×4 real permutation/diagonal matrix of a two-qubit gate on (first, second) basis order. */
    private static double[] matrix2(Gate g) {
        double[] m = new double[32];
        int[] map;
        double[] sign = {1, 1, 1, 1};
        switch (g) {
            case CNOT: map = new int[]{0, 1, 3, 2}; break;
            case SWAP: map = new int[]{0, 2, 1, 3}; break;
            case CZ: map = new int[]{0, 1, 2, 3}; sign[3] = -1; break;
            default: throw new IllegalArgumentException("not two-qubit: " + g);
        }
        for (int r = 0; r < 4; r++) {
            m[(r * 4 + map[r]) * 2] = sign[r];
        }
        return m;
    }

    private static void apply1(double[] psi, int n, int wire, double[] m, boolean dagger) {
        int bit = 1 << (n - 1 - wire);
        int dim = 1 << n;
        double a0 = m[0], a1 = m[1], b0 = m[2], b1 = m[3], c0 = m[4], c1 = m[5], d0 = m[6], d1 = m[7];
        if (dagger) {
            a1 = -a1; d1 = -d1;
            double t0 = b0, t1 = b1;
            b0 = c0; b1 = -c1; c0 = t0; c1 = -t1;
        }
        for (int i = 0; i < dim; i++) {
            if ((i & bit) != 0) {
                continue;
            }
            int j = i | bit;
            double xr = psi[2 * i], xi = psi[2 * i + 1], yr = psi[2 * j], yi = psi[2 * j + 1];
            psi[2 * i] = a0 * xr - a1 * xi + b0 * yr - b1 * yi;
            psi[2 * i + 1] = a0 * xi + a1 * xr + b0 * yi + b1 * yr;
            psi[2 * j] = c0 * xr - c1 * xi + d0 * yr - d1 * yi;
            psi[2 * j + 1] = c0 * xi + c1 * xr + d0 * yi + d1 * yr;
        }
    }

    private static void apply2(double[] psi, int n, int wa, int wb, double[] m, double[] tmp) {
        int ba = 1 << (n - 1 - wa), bb = 1 << (n - 1 - wb);
        int dim = 1 << n;
        for (int i = 0; i < dim; i++) {
            if ((i & ba) != 0 || (i & bb) != 0) {
                continue;
            }
            int[] idx = {i, i | bb, i | ba, i | ba | bb};
            for (int r = 0; r < 4; r++) {
                double sr = 0, si = 0;
                for (int k = 0; k < 4; k++) {
                    double mr = m[(r * 4 + k) * 2], mi = m[(r * 4 + k) * 2 + 1];
                    double xr = psi[2 * idx[k]], xi = psi[2 * idx[k] + 1];
                    sr += mr * xr - mi * xi;
                    si += mr * xi + mi * xr;
                }
                tmp[2 * r] = sr;
                tmp[2 * r + 1] = si;
            }
            for (int r = 0; r < 4; r++) {
                psi[2 * idx[r]] = tmp[2 * r];
                psi[2 * idx[r] + 1] = tmp[2 * r + 1];
            }
        }
    }

    private static void init(Circuit c, double[] psi, double[] x) {
        java.util.Arrays.fill(psi, 0.0);
        if (c.amplitudeEmbedding() == null) {
            psi[0] = 1;
            return;
        }
        int f = c.amplitudeEmbedding().firstFeature();
        double norm = 0;
        for (int i = 0; i < c.amplitudeEmbedding().length(); i++) {
            norm += x[f + i] * x[f + i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < c.amplitudeEmbedding().length(); i++) {
            psi[2 * i] = x[f + i] / norm;
        }
    }

    private static void forward(Circuit c, Op[] ops, double[] params, double[] x, double[] psi, double[] tmp) {
        init(c, psi, x);
        int n = c.numQubits();
        for (Op op : ops) {
            if (op.wireB() >= 0) {
                apply2(psi, n, op.wireA(), op.wireB(), matrix2(op.gate()), tmp);
            } else {
                apply1(psi, n, op.wireA(), matrix1(op.gate(), op.angle() == null ? 0 : op.angle().value(params, x),
                        false), false);
            }
        }
    }

    /** Applies Σ_k g_k O_k to psi into out. */
    private static void applyObservables(Circuit c, double[] g, double[] psi, double[] out) {
        int n = c.numQubits();
        java.util.Arrays.fill(out, 0.0);
        int dim = 1 << n;
        for (int k = 0; k < c.observables().size(); k++) {
            Observable o = c.observables().get(k);
            int bit = 1 << (n - 1 - o.wire());
            for (int i = 0; i < dim; i++) {
                if (o.pauli() == Observable.Pauli.Z) {
                    double s = (i & bit) == 0 ? g[k] : -g[k];
                    out[2 * i] += s * psi[2 * i];
                    out[2 * i + 1] += s * psi[2 * i + 1];
                } else {
                    int j = i ^ bit;
                    out[2 * i] += g[k] * psi[2 * j];
                    out[2 * i + 1] += g[k] * psi[2 * j + 1];
                }
            }
        }
    }

    private static double[] expectations(Circuit c, double[] psi, double[] scratch) {
        int m = c.observables().size();
        double[] e = new double[m];
        double[] unit = new double[m];
        for (int k = 0; k < m; k++) {
            java.util.Arrays.fill(unit, 0.0);
            unit[k] = 1;
            applyObservables(c, unit, psi, scratch);
            double s = 0;
            for (int i = 0; i < psi.length; i++) {
                s += psi[i] * scratch[i];
            }
            e[k] = s;
        }
        return e;
    }

    /**
     * Expectation values, one sample at a time.
     *
     * @param c      circuit
     * @param params parameters
     * @param inputs samples
     * @return [batch][observables]
     */
    public static double[][] expectations(Circuit c, double[] params, double[][] inputs) {
        Op[] ops = decompose(c);
        double[] psi = new double[2 << c.numQubits()];
        double[] scratch = new double[psi.length];
        double[] tmp = new double[8];
        double[][] out = new double[inputs.length][];
        for (int b = 0; b < inputs.length; b++) {
            forward(c, ops, params, inputs[b], psi, tmp);
            out[b] = expectations(c, psi, scratch);
        }
        return out;
    }

    /**
     * Expectations plus adjoint-method gradients (parameters summed over the batch; inputs per sample, angle inputs
     * only), one sample at a time.
     *
     * @param c        circuit
     * @param params   parameters
     * @param inputs   samples
     * @param upstream dL/d⟨O⟩ per sample
     * @return {expectations..., then one row with the parameter gradient}
     */
    public static double[][] valueAndGradient(Circuit c, double[] params, double[][] inputs, double[][] upstream) {
        Op[] ops = decompose(c);
        int n = c.numQubits();
        double[] psi = new double[2 << n];
        double[] lam = new double[psi.length];
        double[] mu = new double[psi.length];
        double[] tmp = new double[8];
        double[] grad = new double[c.numParameters()];
        double[][] out = new double[inputs.length + 1][];
        for (int b = 0; b < inputs.length; b++) {
            double[] x = inputs[b];
            forward(c, ops, params, x, psi, tmp);
            out[b] = expectations(c, psi, lam);
            applyObservables(c, upstream[b], psi, lam);
            for (int j = ops.length - 1; j >= 0; j--) {
                Op op = ops[j];
                if (op.wireB() >= 0) {
                    double[] m = matrix2(op.gate()); // CNOT, CZ, SWAP are self-inverse
                    apply2(psi, n, op.wireA(), op.wireB(), m, tmp);
                    apply2(lam, n, op.wireA(), op.wireB(), m, tmp);
                    continue;
                }
                double t = op.angle() == null ? 0 : op.angle().value(params, x);
                apply1(psi, n, op.wireA(), matrix1(op.gate(), t, false), true);
                if (op.angle() != null && op.angle().source() == Angle.Source.PARAMETER) {
                    System.arraycopy(psi, 0, mu, 0, psi.length);
                    apply1(mu, n, op.wireA(), matrix1(op.gate(), t, true), false);
                    double s = 0;
                    for (int i = 0; i < psi.length; i++) {
                        s += lam[i] * mu[i];
                    }
                    grad[op.angle().index()] += 2 * op.angle().scale() * s;
                }
                apply1(lam, n, op.wireA(), matrix1(op.gate(), t, false), true);
            }
        }
        out[inputs.length] = grad;
        return out;
    }
}

package org.hybridqml.qnn;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;
import org.hybridqml.sim.circuit.Observable;
import org.hybridqml.sim.circuit.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * The circuit part of {@link QuantumPointwiseConv} (Ning, Li &amp; Chen, arXiv:2412.01241, the strongly entangling
 * layers of their quantum pointwise convolution): the K circuits' shared gate sequence compiled once, the unitary
 * columns Φ_k = U_k·[e_0 … e_{C−1}] per call, the packed quadratic forms A_kq = Re(Φ_k† Z_q Φ_k) every pixel is
 * evaluated with, and the weight gradient by the adjoint method (Jones &amp; Gacon, arXiv:2009.02823) applied to
 * 2^n×C matrices. Rot(φ,θ,ω) = RZ(ω)·RY(θ)·RZ(φ) is split into its three rotations; R(θ) = exp(−iθσ/2); wire 0 is
 * the most significant bit of a basis index. Immutable.
 */
final class PointwiseUnitary {

    private static final int OP_RZ = 0, OP_RY = 1, OP_RX = 2, OP_CNOT = 3, OP_CZ = 4;

    private final int channels;
    private final int circuits;
    private final int qubits;
    private final int dim;
    private final int paramsPerCircuit;
    private final int pairs;

    // compiled gate sequence of one circuit (the same for every k, parameters offset by k·paramsPerCircuit)
    private final int[] opKind;
    private final int[] opWireA;
    private final int[] opWireB;
    private final int[] opParam;
    private final double[] opScale;
    private final double[] opConst;
    private final int[] obsWire;

    /**
     * Compiles the gate sequence.
     *
     * @param circuit  one of the layer's circuits ({@code StronglyEntanglingLayers.circuit(C, L)}); Pauli-Z readout,
     *                 no input angles
     * @param channels input channels C
     * @param circuits number of circuits K sharing the structure
     */
    PointwiseUnitary(Circuit circuit, int channels, int circuits) {
        this.channels = channels;
        this.circuits = circuits;
        this.qubits = circuit.numQubits();
        this.dim = 1 << qubits;
        this.paramsPerCircuit = circuit.numParameters();
        this.pairs = channels * (channels + 1) / 2;
        List<int[]> ops = new ArrayList<>();
        List<double[]> angles = new ArrayList<>();
        for (Operation op : circuit.operations()) {
            switch (op.gate()) {
                case ROT -> {
                    // Rot(φ,θ,ω) = RZ(ω)·RY(θ)·RZ(φ): applied as RZ(φ), RY(θ), RZ(ω)
                    int[] kinds = {OP_RZ, OP_RY, OP_RZ};
                    for (int r = 0; r < 3; r++) {
                        ops.add(new int[]{kinds[r], op.wire(0), -1, paramIndex(op.angle(r))});
                        angles.add(angleData(op.angle(r)));
                    }
                }
                case RZ, RY, RX -> {
                    int kind = op.gate() == Gate.RZ ? OP_RZ
                            : op.gate() == Gate.RY ? OP_RY : OP_RX;
                    ops.add(new int[]{kind, op.wire(0), -1, paramIndex(op.angle(0))});
                    angles.add(angleData(op.angle(0)));
                }
                case CNOT -> {
                    ops.add(new int[]{OP_CNOT, op.wire(0), op.wire(1), -1});
                    angles.add(new double[]{0, 0});
                }
                case CZ -> {
                    ops.add(new int[]{OP_CZ, op.wire(0), op.wire(1), -1});
                    angles.add(new double[]{0, 0});
                }
                default -> throw new IllegalStateException("Gate " + op.gate() + " not supported by the fast path");
            }
        }
        int numOps = ops.size();
        opKind = new int[numOps];
        opWireA = new int[numOps];
        opWireB = new int[numOps];
        opParam = new int[numOps];
        opScale = new double[numOps];
        opConst = new double[numOps];
        for (int i = 0; i < numOps; i++) {
            opKind[i] = ops.get(i)[0];
            opWireA[i] = ops.get(i)[1];
            opWireB[i] = ops.get(i)[2];
            opParam[i] = ops.get(i)[3];
            opScale[i] = angles.get(i)[0];
            opConst[i] = angles.get(i)[1];
        }
        obsWire = new int[circuit.observables().size()];
        for (int q = 0; q < obsWire.length; q++) {
            Observable o = circuit.observables().get(q);
            if (o.pauli() != Observable.Pauli.Z) {
                throw new IllegalStateException("Fast path needs Pauli-Z observables, got " + o);
            }
            obsWire[q] = o.wire();
        }
    }

    private static int paramIndex(Angle a) {
        if (a.source() == Angle.Source.INPUT) {
            throw new IllegalStateException("Fast path needs input-free gates, got " + a);
        }
        return a.source() == Angle.Source.PARAMETER ? a.index() : -1;
    }

    private static double[] angleData(Angle a) {
        return a.source() == Angle.Source.PARAMETER ? new double[]{a.scale(), 0}
                : new double[]{0, a.value(new double[0], new double[0])};
    }

    /** Φ_k = U_k·[e_0 … e_{C−1}], per circuit {re, im}, row-major 2^n×C (row = basis index). */
    double[][] buildStates(double[] params) {
        double[][] states = new double[2 * circuits][];
        for (int k = 0; k < circuits; k++) {
            double[] re = new double[dim * channels];
            double[] im = new double[dim * channels];
            for (int a = 0; a < channels; a++) {
                re[a * channels + a] = 1.0;
            }
            for (int op = 0; op < opKind.length; op++) {
                apply(op, angle(op, params, k), re, im);
            }
            states[2 * k] = re;
            states[2 * k + 1] = im;
        }
        return states;
    }

    private double angle(int op, double[] params, int k) {
        int p = opParam[op];
        return p < 0 ? opConst[op] : opScale[op] * params[k * paramsPerCircuit + p];
    }

    private int mask(int wire) {
        return 1 << (qubits - 1 - wire);
    }

    /** Applies gate {@code op} with angle {@code theta} to every column of the 2^n×C matrix (re, im). */
    private void apply(int op, double theta, double[] re, double[] im) {
        int kind = opKind[op];
        int m = mask(opWireA[op]);
        int cols = channels;
        if (kind == OP_CNOT || kind == OP_CZ) {
            int t = mask(opWireB[op]);
            for (int i = 0; i < dim; i++) {
                if ((i & m) == 0) {
                    continue;
                }
                if (kind == OP_CZ) {
                    if ((i & t) != 0) {
                        for (int a = 0; a < cols; a++) {
                            re[i * cols + a] = -re[i * cols + a];
                            im[i * cols + a] = -im[i * cols + a];
                        }
                    }
                } else if ((i & t) == 0) {
                    int j = i | t;
                    for (int a = 0; a < cols; a++) {
                        double r = re[i * cols + a];
                        re[i * cols + a] = re[j * cols + a];
                        re[j * cols + a] = r;
                        double s = im[i * cols + a];
                        im[i * cols + a] = im[j * cols + a];
                        im[j * cols + a] = s;
                    }
                }
            }
            return;
        }
        double c = Math.cos(theta / 2);
        double s = Math.sin(theta / 2);
        for (int i0 = 0; i0 < dim; i0++) {
            if ((i0 & m) != 0) {
                continue;
            }
            int o0 = i0 * cols;
            int o1 = (i0 | m) * cols;
            for (int a = 0; a < cols; a++) {
                double r0 = re[o0 + a], m0 = im[o0 + a], r1 = re[o1 + a], m1 = im[o1 + a];
                switch (kind) {
                    case OP_RZ -> { // diag(e^{-iθ/2}, e^{iθ/2})
                        re[o0 + a] = c * r0 + s * m0;
                        im[o0 + a] = c * m0 - s * r0;
                        re[o1 + a] = c * r1 - s * m1;
                        im[o1 + a] = c * m1 + s * r1;
                    }
                    case OP_RY -> { // [[c, −s], [s, c]]
                        re[o0 + a] = c * r0 - s * r1;
                        im[o0 + a] = c * m0 - s * m1;
                        re[o1 + a] = s * r0 + c * r1;
                        im[o1 + a] = s * m0 + c * m1;
                    }
                    default -> { // RX: [[c, −is], [−is, c]]
                        re[o0 + a] = c * r0 + s * m1;
                        im[o0 + a] = c * m0 - s * r1;
                        re[o1 + a] = c * r1 + s * m0;
                        im[o1 + a] = c * m1 - s * r0;
                    }
                }
            }
        }
    }

    /** Im tr(Λ†σΦ) for the generator σ of rotation {@code op} (Z, Y or X on its wire). */
    private double generatorOverlap(int op, double[] lr, double[] li, double[] fr, double[] fi) {
        int kind = opKind[op];
        int m = mask(opWireA[op]);
        int cols = channels;
        double acc = 0;
        for (int i0 = 0; i0 < dim; i0++) {
            if ((i0 & m) != 0) {
                continue;
            }
            int o0 = i0 * cols;
            int o1 = (i0 | m) * cols;
            for (int a = 0; a < cols; a++) {
                // w = σ·φ on the pair (φ0, φ1); accumulate Im(conj(λ)·w) = λr·wi − λi·wr
                double w0r, w0i, w1r, w1i;
                switch (kind) {
                    case OP_RZ -> {
                        w0r = fr[o0 + a];
                        w0i = fi[o0 + a];
                        w1r = -fr[o1 + a];
                        w1i = -fi[o1 + a];
                    }
                    case OP_RY -> { // Y = [[0, −i], [i, 0]]
                        w0r = fi[o1 + a];
                        w0i = -fr[o1 + a];
                        w1r = -fi[o0 + a];
                        w1i = fr[o0 + a];
                    }
                    default -> { // X
                        w0r = fr[o1 + a];
                        w0i = fi[o1 + a];
                        w1r = fr[o0 + a];
                        w1i = fi[o0 + a];
                    }
                }
                acc += lr[o0 + a] * w0i - li[o0 + a] * w0r + lr[o1 + a] * w1i - li[o1 + a] * w1r;
            }
        }
        return acc;
    }

    /**
     * Packed quadratic forms F[k·n+q][pair(i,j)]: A_kq[i][i] on the diagonal and 2·A_kq[i][j] for i &lt; j, with
     * A_kq = Re(Φ_k† Z_q Φ_k); pairs in the order (0,0), (0,1), …, (0,C−1), (1,1), ….
     */
    double[] packedMatrices(double[][] states) {
        int outC = circuits * qubits;
        double[] f = new double[outC * pairs];
        for (int k = 0; k < circuits; k++) {
            double[] re = states[2 * k];
            double[] im = states[2 * k + 1];
            for (int q = 0; q < qubits; q++) {
                int m = mask(obsWire[q]);
                int base = (k * qubits + q) * pairs;
                int idx = 0;
                for (int i = 0; i < channels; i++) {
                    for (int j = i; j < channels; j++) {
                        double acc = 0;
                        for (int r = 0; r < dim; r++) {
                            double v = re[r * channels + i] * re[r * channels + j]
                                    + im[r * channels + i] * im[r * channels + j];
                            acc += (r & m) == 0 ? v : -v;
                        }
                        f[base + idx++] = i == j ? acc : 2 * acc;
                    }
                }
            }
        }
        return f;
    }

    /** dL/dθ from T[k·n+q][pair] = Σ_p g_pkq ψ_iψ_j, by the adjoint sweep over Φ_k and Λ_k = Σ_q Z_q Φ_k S_kq. */
    double[] parameterGradient(double[] params, double[][] states, double[] t) {
        double[] grad = new double[circuits * paramsPerCircuit];
        int cols = channels;
        double[] s = new double[cols * cols];
        for (int k = 0; k < circuits; k++) {
            double[] fr = states[2 * k].clone();
            double[] fi = states[2 * k + 1].clone();
            double[] lr = new double[dim * cols];
            double[] li = new double[dim * cols];
            for (int q = 0; q < qubits; q++) {
                int base = (k * qubits + q) * pairs;
                int idx = 0;
                for (int i = 0; i < cols; i++) {
                    for (int j = i; j < cols; j++) {
                        s[i * cols + j] = t[base + idx];
                        s[j * cols + i] = t[base + idx];
                        idx++;
                    }
                }
                int m = mask(obsWire[q]);
                for (int r = 0; r < dim; r++) {
                    double sign = (r & m) == 0 ? 1 : -1;
                    for (int a = 0; a < cols; a++) {
                        double accR = 0, accI = 0;
                        for (int b = 0; b < cols; b++) {
                            double sv = s[b * cols + a];
                            accR += fr[r * cols + b] * sv;
                            accI += fi[r * cols + b] * sv;
                        }
                        lr[r * cols + a] += sign * accR;
                        li[r * cols + a] += sign * accI;
                    }
                }
            }
            for (int op = opKind.length - 1; op >= 0; op--) {
                double theta = angle(op, params, k);
                if (opParam[op] >= 0) {
                    grad[k * paramsPerCircuit + opParam[op]] += opScale[op] * generatorOverlap(op, lr, li, fr, fi);
                }
                if (op > 0) {
                    apply(op, -theta, fr, fi); // rotations: R(θ)† = R(−θ); CNOT and CZ are self-inverse
                    apply(op, -theta, lr, li);
                }
            }
        }
        return grad;
    }
}

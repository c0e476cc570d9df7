package org.hybridqml.qnn;

import org.hybridqml.circuits.StronglyEntanglingLayers;
import org.hybridqml.sim.CancelToken;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.TrainingInterruptedException;
import org.hybridqml.sim.ValueAndGradient;
import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;
import org.hybridqml.sim.circuit.Observable;
import org.hybridqml.sim.circuit.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Quantum pointwise (1×1) convolution (Ning, Li &amp; Chen, arXiv:2412.01241; spec {@code papers.md} §2), engine
 * neutral, on plain {@code double[]} arrays in NCHW order.
 *
 * <p>At every pixel the C-channel vector x is amplitude-embedded on n = ⌈log2 C⌉ qubits (ψ = x/‖x‖, zero-padded
 * to 2^n), K circuits {@link StronglyEntanglingLayers#circuit(int, int) StronglyEntanglingLayers.circuit(C, L)}
 * with separate weights act on it, and ⟨Z⟩ on each wire is read: circuit k's n values become output channels
 * k·n … k·n+n−1, so the output has K·n channels. The same weights are used at every pixel. Parameters are the K
 * circuits' parameter vectors concatenated: circuit k's parameter j (index (l·n+i)·3+r, see
 * {@link StronglyEntanglingLayers}) is at {@code k·(3·L·n) + j}.
 *
 * <p><b>Fast path.</b> The trainable part of circuit k is one unitary U_k shared by every pixel. Per call the
 * columns U_k·e_a (a &lt; C; padded basis states are never populated) are built by applying the gate sequence to
 * the C basis states at once (a 2^n×C complex matrix Φ_k), and the real symmetric C×C matrices
 * A_kq = Re(Φ_k† Z_q Φ_k) are formed. Because ψ is real, ⟨Z_q⟩ = ψᵀA_kqψ: every pixel costs one small
 * quadratic form per output channel, evaluated on the C(C+1)/2 products ψ_iψ_j (tiles of pixels, contiguous inner
 * loops). Backward: dL/dψ = 2·Σ_kq g_kq A_kq ψ, then through the normalisation,
 * dL/dx = (dL/dψ − (dL/dψ·ψ)ψ)/‖x‖. For the weights the pixels only enter through S_kq = Σ_p g_pkq ψ_pψ_pᵀ
 * (accumulated alongside), and dL/dθ = Σ_q tr(dA_kq/dθ · S_kq) = 2·Re tr(Λ_k† dΦ_k/dθ) with
 * Λ_k = Σ_q Z_q Φ_k S_kq. This trace is evaluated by the adjoint method applied to matrices: Φ_k and Λ_k are
 * swept back through the gate sequence (Rot is split into its RZ·RY·RZ factors), and each rotation
 * R = exp(−iθσ/2) contributes Im tr(Λ†σΦ) at its position — the product rule over the gate sequence, contracted
 * with Λ on the fly instead of materialising each dU/dθ_j. The cost of the weight gradient is therefore a few
 * passes over 2^n×C matrices per gate, independent of the number of pixels.
 *
 * <p><b>All-zero pixels.</b> A pixel whose channel vector has squared norm 0 (in double precision) cannot be
 * normalised. It is embedded as the basis state |0…0⟩ (ψ = e_0): its output is the circuits' ⟨Z⟩ values on
 * |0…0⟩, depending on the weights only (like a bias), its weight gradient is that of ψ = e_0, and its input
 * gradient is defined as zero (the true map is discontinuous at x = 0). The gate-by-gate
 * {@link #referenceValueAndGradient reference path} applies the same rule, so the two paths agree everywhere.
 *
 * <p><b>Threads.</b> Pixels are processed in fixed tiles grouped into fixed chunks that do not depend on the
 * thread count; per-chunk weight-gradient partial sums are added in chunk order, so results are bitwise
 * identical for any number of threads. Instances are immutable and thread-safe.
 */
public final class QuantumPointwiseConv {

    /** Largest supported channel count (the per-pixel cost grows as C²). */
    public static final int MAX_CHANNELS = 256;

    private static final int TILE = 64;
    private static final int TILES_PER_CHUNK = 8;

    private static final int OP_RZ = 0, OP_RY = 1, OP_RX = 2, OP_CNOT = 3, OP_CZ = 4;

    private final int channels;
    private final int layers;
    private final int circuits;
    private final int qubits;
    private final int dim;
    private final int paramsPerCircuit;
    private final int pairs;
    private final int threads;
    private final Circuit circuit;

    // compiled gate sequence of one circuit (the same for every k, parameters offset by k·paramsPerCircuit)
    private final int[] opKind;
    private final int[] opWireA;
    private final int[] opWireB;
    private final int[] opParam;
    private final double[] opScale;
    private final double[] opConst;
    private final int[] obsWire;

    /**
     * A layer using every available processor.
     *
     * @param channels input channels C, 1..{@value #MAX_CHANNELS}
     * @param layers   strongly entangling layers L per circuit, &ge; 1
     * @param circuits number of circuits K, &ge; 1
     */
    public QuantumPointwiseConv(int channels, int layers, int circuits) {
        this(channels, layers, circuits, Runtime.getRuntime().availableProcessors());
    }

    /**
     * A layer with a fixed number of worker threads.
     *
     * @param channels input channels C, 1..{@value #MAX_CHANNELS}
     * @param layers   strongly entangling layers L per circuit, &ge; 1
     * @param circuits number of circuits K, &ge; 1
     * @param threads  worker threads, &ge; 1 (results do not depend on it)
     */
    public QuantumPointwiseConv(int channels, int layers, int circuits, int threads) {
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("Quantum pointwise convolution needs 1.." + MAX_CHANNELS
                    + " input channels, got " + channels);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("Need at least one strongly entangling layer, got " + layers);
        }
        if (circuits < 1) {
            throw new IllegalArgumentException("Need at least one circuit, got " + circuits);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.channels = channels;
        this.layers = layers;
        this.circuits = circuits;
        this.threads = threads;
        this.circuit = StronglyEntanglingLayers.circuit(channels, layers);
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

    /** @return input channels C */
    public int channels() {
        return channels;
    }

    /** @return strongly entangling layers L per circuit */
    public int layers() {
        return layers;
    }

    /** @return number of circuits K */
    public int circuits() {
        return circuits;
    }

    /** @return qubits per circuit, n = ⌈log2 C⌉ (at least 1) */
    public int qubits() {
        return qubits;
    }

    /** @return output channels K·n */
    public int outputChannels() {
        return circuits * qubits;
    }

    /** @return trainable parameters K·L·n·3 */
    public int numParameters() {
        return circuits * paramsPerCircuit;
    }

    /** @return worker threads */
    public int threads() {
        return threads;
    }

    /** @return the circuit each of the K circuits runs (with its own slice of the parameters) */
    public Circuit circuit() {
        return circuit;
    }

    /**
     * Weight and input gradients of one backward pass.
     *
     * @param inputGradient     dL/dx, same layout and length as the input
     * @param parameterGradient dL/dθ summed over all pixels of the batch, {@link #numParameters()} entries
     */
    public record Gradients(double[] inputGradient, double[] parameterGradient) {
    }

    /**
     * Forward pass (fast path).
     *
     * @param params  trainable parameters, {@link #numParameters()} of them
     * @param input   NCHW input, {@code batch·C·spatial} values: x[(b·C + c)·spatial + s]
     * @param batch   number of images, &ge; 1
     * @param spatial pixels per image (H·W), &ge; 1
     * @return NCHW output, {@code batch·K·n·spatial} values
     */
    public double[] forward(double[] params, double[] input, int batch, int spatial) {
        check(params, input, batch, spatial, null);
        double[] packed = packedMatrices(buildStates(params));
        double[] out = new double[batch * outputChannels() * spatial];
        run(packed, input, null, out, null, null, batch, spatial);
        return out;
    }

    /**
     * Backward pass (fast path): gradients given dL/d(output).
     *
     * @param params   trainable parameters
     * @param input    the NCHW input of the forward pass
     * @param batch    number of images
     * @param spatial  pixels per image
     * @param upstream dL/d(output), NCHW, {@code batch·K·n·spatial} values
     * @return dL/dx and dL/dθ
     */
    public Gradients backward(double[] params, double[] input, int batch, int spatial, double[] upstream) {
        check(params, input, batch, spatial, upstream);
        double[][] states = buildStates(params);
        double[] packed = packedMatrices(states);
        double[] inGrad = new double[input.length];
        double[] t = new double[outputChannels() * pairs];
        run(packed, input, upstream, null, inGrad, t, batch, spatial);
        return new Gradients(inGrad, parameterGradient(params, states, t));
    }

    /**
     * The same forward and backward pass computed gate by gate with {@link StatevectorSimulator#valueAndGradient},
     * one simulation per pixel and circuit, applying the same all-zero-pixel rule (ψ = e_0, zero input gradient).
     * Slow; for tests and as executable documentation of what the fast path computes.
     *
     * @param params   trainable parameters
     * @param input    NCHW input
     * @param batch    number of images
     * @param spatial  pixels per image
     * @param upstream dL/d(output), NCHW
     * @return output [0], dL/dx [1], dL/dθ [2]
     */
    public double[][] referenceValueAndGradient(double[] params, double[] input, int batch, int spatial,
                                                double[] upstream) {
        check(params, input, batch, spatial, upstream);
        int pixels = batch * spatial;
        int outC = outputChannels();
        double[][] x = new double[pixels][channels];
        boolean[] zero = new boolean[pixels];
        for (int b = 0; b < batch; b++) {
            for (int s = 0; s < spatial; s++) {
                int p = b * spatial + s;
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    x[p][c] = input[(b * channels + c) * spatial + s];
                    sum += x[p][c] * x[p][c];
                }
                if (sum == 0.0) {
                    zero[p] = true;
                    x[p][0] = 1.0;
                }
            }
        }
        double[] out = new double[upstream.length];
        double[] inGrad = new double[input.length];
        double[] pGrad = new double[numParameters()];
        StatevectorSimulator sim = new StatevectorSimulator(threads);
        for (int k = 0; k < circuits; k++) {
            double[] pk = new double[paramsPerCircuit];
            System.arraycopy(params, k * paramsPerCircuit, pk, 0, paramsPerCircuit);
            double[][] up = new double[pixels][qubits];
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < spatial; s++) {
                    for (int q = 0; q < qubits; q++) {
                        up[b * spatial + s][q] = upstream[(b * outC + k * qubits + q) * spatial + s];
                    }
                }
            }
            ValueAndGradient vg = sim.valueAndGradient(circuit, pk, x, up);
            for (int j = 0; j < paramsPerCircuit; j++) {
                pGrad[k * paramsPerCircuit + j] = vg.parameterGradient()[j];
            }
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < spatial; s++) {
                    int p = b * spatial + s;
                    for (int q = 0; q < qubits; q++) {
                        out[(b * outC + k * qubits + q) * spatial + s] = vg.expectations()[p][q];
                    }
                    if (!zero[p]) {
                        for (int c = 0; c < channels; c++) {
                            inGrad[(b * channels + c) * spatial + s] += vg.inputGradient()[p][c];
                        }
                    }
                }
            }
        }
        return new double[][]{out, inGrad, pGrad};
    }

    // ------------------------------------------------------------------ checks

    private void check(double[] params, double[] input, int batch, int spatial, double[] upstream) {
        if (params == null || params.length != numParameters()) {
            throw new IllegalArgumentException("Quantum pointwise convolution (K=" + circuits + ", L=" + layers
                    + ", n=" + qubits + ") has " + numParameters() + " parameters, got "
                    + (params == null ? "null" : params.length));
        }
        for (int i = 0; i < params.length; i++) {
            if (!Double.isFinite(params[i])) {
                throw new IllegalArgumentException("Parameter " + i + " is not finite: " + params[i]);
            }
        }
        if (batch < 1 || spatial < 1) {
            throw new IllegalArgumentException("Batch and pixels per image must be >= 1, got batch " + batch
                    + ", spatial " + spatial);
        }
        long expectIn = (long) batch * channels * spatial;
        if (input == null || input.length != expectIn) {
            throw new IllegalArgumentException("Input must hold batch·C·spatial = " + batch + "·" + channels + "·"
                    + spatial + " = " + expectIn + " values, got " + (input == null ? "null" : input.length));
        }
        if (upstream != null) {
            long expectOut = (long) batch * outputChannels() * spatial;
            if (upstream.length != expectOut) {
                throw new IllegalArgumentException("Upstream gradient must hold batch·K·n·spatial = " + batch + "·"
                        + outputChannels() + "·" + spatial + " = " + expectOut + " values, got " + upstream.length);
            }
            checkFinite(upstream, "Upstream gradient");
        } else if ((long) batch * outputChannels() * spatial > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Output too large for one array");
        }
    }

    private static void checkFinite(double[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " value " + i + " is not finite: " + values[i]);
            }
        }
    }

    // ------------------------------------------------------------------ unitary part

    /** Φ_k = U_k·[e_0 … e_{C−1}], per circuit {re, im}, row-major 2^n×C (row = basis index). */
    private double[][] buildStates(double[] params) {
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
    private double[] packedMatrices(double[][] states) {
        int outC = outputChannels();
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
    private double[] parameterGradient(double[] params, double[][] states, double[] t) {
        double[] grad = new double[numParameters()];
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

    // ------------------------------------------------------------------ per-pixel part

    private void run(double[] f, double[] input, double[] upstream, double[] out, double[] inGrad, double[] t,
                     int batch, int spatial) {
        int tilesPerImage = (spatial + TILE - 1) / TILE;
        int totalTiles = batch * tilesPerImage;
        int chunks = (totalTiles + TILES_PER_CHUNK - 1) / TILES_PER_CHUNK;
        double[][] partial = t == null ? null : new double[chunks][t.length];
        int workers = Math.min(threads, chunks);
        if (workers <= 1) {
            Work w = new Work();
            for (int ch = 0; ch < chunks; ch++) {
                runChunk(w, ch, f, input, upstream, out, inGrad, partial, batch, spatial, tilesPerImage, totalTiles);
            }
        } else {
            ForkJoinPool pool = ForkJoinPool.commonPool().getParallelism() >= workers
                    ? ForkJoinPool.commonPool() : SharedPool.get(workers);
            List<Future<?>> futures = new ArrayList<>(workers);
            // The workers stop between chunks once this thread is interrupted (or dies, or asks them to).
            CancelToken cancel = CancelToken.ofCurrentThread();
            for (int wk = 0; wk < workers; wk++) {
                int from = (int) ((long) chunks * wk / workers);
                int to = (int) ((long) chunks * (wk + 1) / workers);
                futures.add(pool.submit(() -> {
                    Work w = new Work();
                    for (int ch = from; ch < to; ch++) {
                        cancel.check();
                        runChunk(w, ch, f, input, upstream, out, inGrad, partial, batch, spatial, tilesPerImage,
                                totalTiles);
                    }
                }));
            }
            // Wait for every worker, also when interrupted, so none outlives this call.
            boolean interrupted = false;
            RuntimeException failure = null;
            for (Future<?> fu : futures) {
                while (true) {
                    try {
                        fu.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        cancel.stop();
                    } catch (ExecutionException e) {
                        cancel.stop();
                        if (failure == null) {
                            failure = e.getCause() instanceof RuntimeException re ? re
                                    : new IllegalStateException("Quantum pointwise convolution failed", e.getCause());
                        }
                        break;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                throw new TrainingInterruptedException("Quantum pointwise convolution: interrupted");
            }
            if (failure != null) {
                throw failure;
            }
        }
        if (t != null) {
            for (double[] part : partial) {
                for (int i = 0; i < t.length; i++) {
                    t[i] += part[i];
                }
            }
        }
    }

    /** Per-worker scratch space. */
    private final class Work {
        final double[] psi = new double[channels * TILE];
        final double[] inv = new double[TILE];
        final double[] mon = new double[pairs * TILE];
        final double[] g = new double[outputChannels() * TILE];
        final double[] h = new double[pairs * TILE];
        final double[] dpsi = new double[channels * TILE];
    }

    private void runChunk(Work w, int chunk, double[] f, double[] input, double[] upstream, double[] out,
                          double[] inGrad, double[][] partial, int batch, int spatial, int tilesPerImage,
                          int totalTiles) {
        int outC = outputChannels();
        int firstTile = chunk * TILES_PER_CHUNK;
        int lastTile = Math.min(totalTiles, firstTile + TILES_PER_CHUNK);
        for (int tile = firstTile; tile < lastTile; tile++) {
            int b = tile / tilesPerImage;
            int s0 = (tile % tilesPerImage) * TILE;
            int len = Math.min(TILE, spatial - s0);
            // ψ = x/‖x‖ per pixel (all-zero pixel: ψ = e_0)
            double[] psi = w.psi;
            double[] inv = w.inv;
            for (int c = 0; c < channels; c++) {
                System.arraycopy(input, (b * channels + c) * spatial + s0, psi, c * TILE, len);
            }
            for (int p = 0; p < len; p++) {
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    double v = psi[c * TILE + p];
                    sum += v * v;
                }
                if (!Double.isFinite(sum)) {
                    throw new IllegalArgumentException("Image " + b + ", pixel " + (s0 + p)
                            + ": channel vector is not finite (or its squared norm overflows)");
                }
                if (sum == 0.0) {
                    inv[p] = 0.0;
                    psi[p] = 1.0;
                } else {
                    double r = 1.0 / Math.sqrt(sum);
                    inv[p] = r;
                    for (int c = 0; c < channels; c++) {
                        psi[c * TILE + p] *= r;
                    }
                }
            }
            // monomials ψ_iψ_j, i ≤ j
            double[] mon = w.mon;
            int idx = 0;
            for (int i = 0; i < channels; i++) {
                for (int j = i; j < channels; j++) {
                    int mo = idx * TILE, io = i * TILE, jo = j * TILE;
                    for (int p = 0; p < len; p++) {
                        mon[mo + p] = psi[io + p] * psi[jo + p];
                    }
                    idx++;
                }
            }
            if (out != null) {
                for (int o = 0; o < outC; o++) {
                    int dst = (b * outC + o) * spatial + s0;
                    int fo = o * pairs;
                    for (int p = 0; p < len; p++) {
                        out[dst + p] = 0.0;
                    }
                    for (int m = 0; m < pairs; m++) {
                        double fv = f[fo + m];
                        int mo = m * TILE;
                        for (int p = 0; p < len; p++) {
                            out[dst + p] += fv * mon[mo + p];
                        }
                    }
                }
            }
            if (upstream == null) {
                continue;
            }
            double[] g = w.g;
            for (int o = 0; o < outC; o++) {
                System.arraycopy(upstream, (b * outC + o) * spatial + s0, g, o * TILE, len);
            }
            // weight-gradient statistics T[o][m] += Σ_p g_po · mon_pm
            double[] part = partial[chunk];
            for (int o = 0; o < outC; o++) {
                int go = o * TILE;
                int to = o * pairs;
                for (int m = 0; m < pairs; m++) {
                    int mo = m * TILE;
                    double acc = 0;
                    for (int p = 0; p < len; p++) {
                        acc += g[go + p] * mon[mo + p];
                    }
                    part[to + m] += acc;
                }
            }
            // h[m] = Σ_o g_o F[o][m]
            double[] h = w.h;
            for (int m = 0; m < pairs; m++) {
                int mo = m * TILE;
                for (int p = 0; p < len; p++) {
                    h[mo + p] = 0.0;
                }
                for (int o = 0; o < outC; o++) {
                    double fv = f[o * pairs + m];
                    int go = o * TILE;
                    for (int p = 0; p < len; p++) {
                        h[mo + p] += fv * g[go + p];
                    }
                }
            }
            // dL/dψ_i = Σ_m h_m ∂(ψ_aψ_b)/∂ψ_i
            double[] dpsi = w.dpsi;
            Arrays.fill(dpsi, 0, channels * TILE, 0.0);
            idx = 0;
            for (int i = 0; i < channels; i++) {
                for (int j = i; j < channels; j++) {
                    int mo = idx * TILE, io = i * TILE, jo = j * TILE;
                    if (i == j) {
                        for (int p = 0; p < len; p++) {
                            dpsi[io + p] += 2 * h[mo + p] * psi[io + p];
                        }
                    } else {
                        for (int p = 0; p < len; p++) {
                            dpsi[io + p] += h[mo + p] * psi[jo + p];
                            dpsi[jo + p] += h[mo + p] * psi[io + p];
                        }
                    }
                    idx++;
                }
            }
            // through the normalisation: dL/dx = (dψ − (dψ·ψ)ψ)/‖x‖; zero pixels get zero
            for (int p = 0; p < len; p++) {
                double r = inv[p];
                double dot = 0;
                for (int c = 0; c < channels; c++) {
                    dot += dpsi[c * TILE + p] * psi[c * TILE + p];
                }
                for (int c = 0; c < channels; c++) {
                    inGrad[(b * channels + c) * spatial + s0 + p] = r == 0.0 ? 0.0
                            : (dpsi[c * TILE + p] - dot * psi[c * TILE + p]) * r;
                }
            }
        }
    }

    /** A lazily created pool for callers asking for more threads than the common pool has. */
    private static final class SharedPool {
        private static ForkJoinPool pool;

        static synchronized ForkJoinPool get(int parallelism) {
            if (pool == null || pool.getParallelism() < parallelism) {
                pool = new ForkJoinPool(parallelism);
            }
            return pool;
        }
    }
}

package org.hybridqml.qnn;

import org.hybridqml.circuits.StronglyEntanglingLayers;
import org.hybridqml.sim.CancelToken;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.TrainingInterruptedException;
import org.hybridqml.sim.ValueAndGradient;
import org.hybridqml.sim.circuit.Circuit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Quantum pointwise (1×1) convolution (Ning, Li &amp; Chen, arXiv:2412.01241), engine neutral, on plain
 * {@code double[]} arrays in NCHW order.
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
 * <p>Files: {@link PointwiseUnitary} holds the circuit part (gate sequence, Φ_k, A_kq and the weight gradient);
 * this class the layer's API, argument checks, the gate-by-gate reference path and the per-pixel part.
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

    private final int channels;
    private final int layers;
    private final int circuits;
    private final int qubits;
    private final int paramsPerCircuit;
    private final int pairs;
    private final int threads;
    private final Circuit circuit;

    /** The circuits' gate sequence, unitary columns and weight gradient. */
    private final PointwiseUnitary unitary;

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
        this.paramsPerCircuit = circuit.numParameters();
        this.pairs = channels * (channels + 1) / 2;
        this.unitary = new PointwiseUnitary(circuit, channels, circuits);
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
     * The K circuits with their slices of a parameter vector, named {@code "pointwise circuit 1"} … {@code
     * "pointwise circuit K"}: circuit k (counting from 0 in the layout above) gets parameters
     * {@code k·(3·L·n)} … {@code (k+1)·(3·L·n) − 1}. The layer holds no parameters itself; the network layer that
     * wraps it passes its trained ones.
     *
     * @param params the layer's parameters, {@link #numParameters()} of them
     * @return K trained circuits, in output-channel order
     * @throws IllegalArgumentException on a wrong parameter count
     */
    public List<TrainedCircuit> trainedCircuits(double[] params) {
        if (params == null || params.length != numParameters()) {
            throw new IllegalArgumentException("Quantum pointwise convolution has " + numParameters()
                    + " parameters, got " + (params == null ? "null" : params.length));
        }
        return TrainedCircuit.slices("pointwise circuit ", circuit, params);
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
        double[] packed = unitary.packedMatrices(unitary.buildStates(params));
        double[] out = new double[batch * outputChannels() * spatial];
        run(packed, input, null, out, null, null, batch, spatial);
        return out;
    }

    /**
     * Forward pass for inference with finite shots and/or noise: each pixel's circuits run through
     * {@link PredictionNoise#expectations} (one simulation per pixel and circuit, with the all-zero-pixel rule of
     * the reference path); the exact setting takes the fast path, {@link #forward(double[], double[], int, int)}.
     *
     * @param params  trainable parameters, {@link #numParameters()} of them
     * @param input   NCHW input, {@code batch·C·spatial} values
     * @param batch   number of images, &ge; 1
     * @param spatial pixels per image (H·W), &ge; 1
     * @param noise   the prediction-time setting
     * @return NCHW output, {@code batch·K·n·spatial} values
     */
    public double[] forward(double[] params, double[] input, int batch, int spatial, PredictionNoise noise) {
        if (noise.isExact()) {
            return forward(params, input, batch, spatial);
        }
        check(params, input, batch, spatial, null);
        double[][] x = pixelRows(input, batch, spatial, new boolean[batch * spatial]);
        int outC = outputChannels();
        double[] out = new double[batch * outC * spatial];
        StatevectorSimulator sim = new StatevectorSimulator(threads);
        for (int k = 0; k < circuits; k++) {
            double[][] z = noise.expectations(circuit,
                    Arrays.copyOfRange(params, k * paramsPerCircuit, (k + 1) * paramsPerCircuit), x, sim);
            scatter(z, k, out, batch, spatial);
        }
        return out;
    }

    /**
     * The circuit inputs of one pixel of one image: its C channel values, which every circuit amplitude-embeds, or
     * e_0 = (1, 0, …) for an all-zero pixel (the rule of the class description), so that the circuits simulated on
     * these inputs give the layer's output at that pixel.
     *
     * @param input   one image, CHW, {@code C·spatial} values
     * @param spatial pixels of the image (H·W)
     * @param pixel   the pixel, row-major (y·W + x), 0 ≤ pixel &lt; spatial
     * @return C circuit inputs
     * @throws IllegalArgumentException on a wrong length or a pixel out of range (the range named)
     */
    public double[] pixelInputs(double[] input, int spatial, int pixel) {
        if (spatial < 1 || input.length != channels * spatial) {
            throw new IllegalArgumentException("Quantum pointwise input has " + input.length + " values, expected one "
                    + "image of " + channels + " channels x " + spatial + " pixels");
        }
        if (pixel < 0 || pixel >= spatial) {
            throw new IllegalArgumentException("pixel index " + pixel + " is out of range: the feature map entering "
                    + "the quantum pointwise layer has " + spatial + " pixels (valid 0.." + (spatial - 1) + ")");
        }
        return pixelRows(input, 1, spatial, new boolean[spatial])[pixel];
    }

    /**
     * One row of channel values per pixel (pixel b·spatial + s); an all-zero pixel becomes e_0 and is marked.
     */
    private double[][] pixelRows(double[] input, int batch, int spatial, boolean[] zero) {
        double[][] x = new double[batch * spatial][channels];
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
        return x;
    }

    /** Writes circuit k's per-pixel ⟨Z_q⟩ into output channels k·n + q of the NCHW output. */
    private void scatter(double[][] z, int k, double[] out, int batch, int spatial) {
        int outC = outputChannels();
        for (int b = 0; b < batch; b++) {
            for (int s = 0; s < spatial; s++) {
                for (int q = 0; q < qubits; q++) {
                    out[(b * outC + k * qubits + q) * spatial + s] = z[b * spatial + s][q];
                }
            }
        }
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
        double[][] states = unitary.buildStates(params);
        double[] packed = unitary.packedMatrices(states);
        double[] inGrad = new double[input.length];
        double[] t = new double[outputChannels() * pairs];
        run(packed, input, upstream, null, inGrad, t, batch, spatial);
        return new Gradients(inGrad, unitary.parameterGradient(params, states, t));
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
        boolean[] zero = new boolean[pixels];
        double[][] x = pixelRows(input, batch, spatial, zero);
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
            scatter(vg.expectations(), k, out, batch, spatial);
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < spatial; s++) {
                    int p = b * spatial + s;
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

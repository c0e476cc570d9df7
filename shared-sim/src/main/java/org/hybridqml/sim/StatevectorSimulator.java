package org.hybridqml.sim;

import org.hybridqml.sim.circuit.Circuit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Exact statevector simulation of a {@link Circuit} over a batch of inputs that share the trainable parameters:
 * expectation values, and adjoint-method gradients with respect to parameters and inputs.
 *
 * <p>Execution: samples are split into contiguous ranges, one per worker thread; each worker owns its state
 * buffers and runs every sample's forward and adjoint sweeps to completion while the state is cache-resident.
 * Circuits whose gates are all real (H, X, Z, RY, CNOT, CZ, SWAP, with |0…0⟩ or amplitude embedding) run in real
 * arithmetic. Results are bitwise identical for any thread count: each sample is computed the same way wherever it
 * runs, and per-sample parameter gradients are summed in sample order.
 *
 * <p>Large states ({@link #amplitudeParallelMinQubits()}+ qubits, or 14+ qubits when the batch has fewer samples
 * than threads) are instead simulated one sample at a time with every pass over the state split into fixed chunks
 * (cache blocks, tiles, index ranges) that all threads take from a shared counter (amplitude-block parallelism).
 * Gradient partial sums are kept per chunk and added in chunk order, so these results too are bitwise the same for
 * any thread count, and the same as one sample per thread.
 *
 * <p>Cancellation: a call checks the calling thread's interrupt flag when it starts, before every sample and, for
 * circuits of more than 12 qubits, before every pass over the state, and throws
 * {@link TrainingInterruptedException} (the flag stays set). Pool workers of the call stop at their next check once
 * the calling thread is interrupted or has died, and the call waits for them before it throws, so no work of a
 * cancelled call is left on the pools. See {@link Interrupts}.
 *
 * <p>A memory guard computes the bytes a call needs before allocating and refuses calls beyond
 * {@link #memoryLimitBytes(long)} (default: three quarters of the JVM's maximum heap).
 *
 * <p>Circuits of more than 12 qubits run SIMD kernels when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (about 2× faster; the same states bit for bit, gradients to rounding),
 * and scalar kernels otherwise; {@link #kernels()} says which.
 */
public final class StatevectorSimulator {

    private static final Logger LOG = Logger.getLogger(StatevectorSimulator.class.getName());
    /** Whether the hint about the SIMD kernels has been logged (once per JVM). */
    private static final AtomicBoolean SCALAR_HINT_LOGGED = new AtomicBoolean();

    private final int threads;
    private long memoryLimitBytes;
    private int amplitudeParallelMinQubits = DEFAULT_AMPLITUDE_PARALLEL_MIN_QUBITS;

    /**
     * From this many qubits on, a batch is simulated one sample at a time with each pass over the state split across
     * all threads, rather than one sample per thread. A real 20-qubit sample needs three 8 MiB vectors for the
     * adjoint pass, so two of them no longer fit a 32 MiB L3 cache together; at 19 qubits (3 × 4 MiB per sample)
     * one sample per thread measured as fast, and it does not stall when a helper thread is descheduled on a busy
     * machine.
     */
    public static final int DEFAULT_AMPLITUDE_PARALLEL_MIN_QUBITS = 20;

    /**
     * The state-vector kernels this JVM uses for circuits of more than 12 qubits, in words: SIMD (Vector API) or
     * scalar, and how to switch SIMD on when it is off.
     */
    public static String kernels() {
        return Kernels.describe();
    }

    /**
     * Switches the SIMD kernels on or off for the whole JVM, for benchmarks that compare both in one run (or set
     * {@code -Dhybridqml.scalarKernels=true} at start-up). The apply kernels give bitwise the same states either way;
     * gradient sums differ only by rounding.
     *
     * @param on whether to use the SIMD kernels
     * @return the previous setting
     * @throws IllegalStateException when switching on in a JVM without {@code jdk.incubator.vector}
     */
    public static boolean useVectorKernels(boolean on) {
        return Kernels.useVector(on);
    }

    /** Whether this JVM can run the SIMD kernels (it resolved {@code jdk.incubator.vector}). */
    public static boolean vectorKernelsAvailable() {
        return Kernels.vectorAvailable();
    }

    /** A simulator using every available processor. */
    public StatevectorSimulator() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A simulator with a fixed number of worker threads.
     *
     * @param threads worker threads, &ge; 1
     */
    public StatevectorSimulator(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.memoryLimitBytes = Runtime.getRuntime().maxMemory() / 4 * 3;
    }

    /**
     * Sets the memory limit for one call.
     *
     * @param limit bytes, &gt; 0
     * @return this simulator
     */
    public StatevectorSimulator memoryLimitBytes(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Memory limit must be positive, got " + limit);
        }
        this.memoryLimitBytes = limit;
        return this;
    }

    /** @return the memory limit for one call, in bytes */
    public long memoryLimitBytes() {
        return memoryLimitBytes;
    }

    /**
     * Sets the qubit count from which batches use amplitude-block parallelism (see
     * {@link #DEFAULT_AMPLITUDE_PARALLEL_MIN_QUBITS}); results are bitwise the same either way.
     *
     * @param qubits qubit count, &ge; 1 (values of 13 or less act like 14: smaller states are never split)
     * @return this simulator
     */
    public StatevectorSimulator amplitudeParallelMinQubits(int qubits) {
        if (qubits < 1) {
            throw new IllegalArgumentException("amplitudeParallelMinQubits must be >= 1, got " + qubits);
        }
        this.amplitudeParallelMinQubits = qubits;
        return this;
    }

    /** @return the qubit count from which batches use amplitude-block parallelism */
    public int amplitudeParallelMinQubits() {
        return amplitudeParallelMinQubits;
    }

    /** @return the number of worker threads */
    public int threads() {
        return threads;
    }

    /**
     * Bytes a call with this circuit and batch size needs: the workers' state vectors plus the outputs.
     *
     * @param circuit   the circuit
     * @param batch     the batch size
     * @param gradients whether the adjoint pass is included
     * @return bytes
     */
    public long bytesNeeded(Circuit circuit, int batch, boolean gradients) {
        int workers = usesAmplitudeParallelism(circuit.numQubits(), batch) ? 1 : Math.max(1, Math.min(threads, batch));
        long perWorker = laneBatched(circuit.numQubits(), false, false)
                ? BatchedSmallEngine.stateBytes(circuit.numQubits(), circuit.isReal(), gradients)
                : StateEngine.stateBytes(circuit.numQubits(), circuit.isReal(), gradients)
                + (gradients ? 8L * StateEngine.maxCheckpoints(new CompiledCircuit(circuit)) << circuit.numQubits() : 0);
        long outputs = 8L * batch * (circuit.observables().size() + (gradients ? circuit.numInputs()
                + circuit.numParameters() : 0));
        return workers * perWorker + outputs;
    }

    /**
     * Exact expectation values for a batch.
     *
     * @param circuit the circuit
     * @param params  trainable parameters, {@code circuit.numParameters()} of them
     * @param inputs  one row of {@code circuit.numInputs()} features per sample
     * @return ⟨O_k⟩, [batch][observables]
     */
    public double[][] expectations(Circuit circuit, double[] params, double[][] inputs) {
        CompiledCircuit cc = new CompiledCircuit(circuit);
        check(circuit, params, inputs, null, false);
        return run(cc, params, inputs, null).expectations();
    }

    /**
     * Expectation values estimated from a finite number of measurement shots: each observable is measured
     * {@code shots} times in its own eigenbasis, the ±1 outcomes drawn from the exact probabilities
     * p(+1) = (1 + ⟨O⟩)/2, and the mean outcome returned. Sampling happens after the exact simulation, sample by
     * sample and observable by observable from {@code rng}, so results depend only on the seed, not on threads.
     *
     * @param circuit the circuit
     * @param params  trainable parameters
     * @param inputs  one row of features per sample
     * @param shots   measurements per observable, &ge; 1
     * @param rng     the random source (e.g. {@code new SplittableRandom(seed)})
     * @return estimated ⟨O_k⟩, [batch][observables]
     */
    public double[][] sampledExpectations(Circuit circuit, double[] params, double[][] inputs, int shots,
                                          java.util.SplittableRandom rng) {
        if (shots < 1) {
            throw new IllegalArgumentException("shots must be >= 1, got " + shots);
        }
        return sampleShots(expectations(circuit, params, inputs), shots, rng);
    }

    /**
     * Turns expectation values of ±1-valued observables into finite-shot estimates: for each entry, {@code shots}
     * outcomes are drawn with p(+1) = (1 + ⟨O⟩)/2 and the mean outcome (N₊ − N₋)/N is returned, so N₊ is
     * Binomial(N, (1 + ⟨O⟩)/2). Entries are drawn row by row, observable by observable, from {@code rng}.
     *
     * @param expectations exact ⟨O_k⟩ per sample, each in [−1, 1] up to rounding (not modified)
     * @param shots        measurements per observable, &ge; 1
     * @param rng          the random source
     * @return the estimates, a new [batch][observables] array
     */
    public static double[][] sampleShots(double[][] expectations, int shots, java.util.SplittableRandom rng) {
        if (shots < 1) {
            throw new IllegalArgumentException("shots must be >= 1, got " + shots);
        }
        double[][] out = new double[expectations.length][];
        for (int b = 0; b < expectations.length; b++) {
            out[b] = new double[expectations[b].length];
            for (int k = 0; k < out[b].length; k++) {
                out[b][k] = sampleMean(expectations[b][k], shots, rng);
            }
        }
        return out;
    }

    /**
     * The mean of {@code shots} ±1 outcomes drawn with p(+1) = (1 + {@code expectation})/2 (clamped to [0, 1]).
     *
     * @param expectation ⟨O⟩ of a ±1-valued observable
     * @param shots       number of outcomes, &ge; 1
     * @param rng         the random source
     * @return (N₊ − N₋)/N
     */
    public static double sampleMean(double expectation, int shots, java.util.SplittableRandom rng) {
        double pPlus = Math.min(1.0, Math.max(0.0, (1.0 + expectation) / 2.0));
        int plus = 0;
        for (int s = 0; s < shots; s++) {
            if (rng.nextDouble() < pPlus) {
                plus++;
            }
        }
        return (2.0 * plus - shots) / shots;
    }

    /**
     * Forward pass and adjoint-method backward pass for a batch.
     *
     * @param circuit  the circuit
     * @param params   trainable parameters
     * @param inputs   one row of features per sample
     * @param upstream dL/d⟨O_k⟩ per sample, [batch][observables]
     * @return expectations, dL/dθ summed over the batch, and dL/dx per sample
     */
    public ValueAndGradient valueAndGradient(Circuit circuit, double[] params, double[][] inputs,
                                             double[][] upstream) {
        if (upstream == null) {
            throw new IllegalArgumentException("valueAndGradient needs the upstream gradient dL/d<O_k> per sample; "
                    + "use expectations() for values only");
        }
        CompiledCircuit cc = new CompiledCircuit(circuit);
        check(circuit, params, inputs, upstream, true);
        return run(cc, params, inputs, upstream);
    }

    /**
     * Forward pass that keeps what the backward pass needs, for training loops that must see the expectation values
     * (to compute the loss and its gradient) before they can ask for gradients. {@link ForwardTape#backward} then
     * runs only the adjoint sweep from the stored final states (and, for circuits with the checkpointed backward
     * sweep, the stored segment input states) instead of repeating the forward pass. States are stored for circuits
     * of {@value #TAPE_MIN_QUBITS}+ qubits while the batch's states fit in half the memory limit; otherwise the tape
     * recomputes the forward pass (same results, bit for bit).
     *
     * @param circuit the circuit
     * @param params  trainable parameters (copied)
     * @param inputs  one row of features per sample (not copied: do not modify before calling backward)
     * @return the tape, holding the expectations
     */
    public ForwardTape forward(Circuit circuit, double[] params, double[][] inputs) {
        CompiledCircuit cc = new CompiledCircuit(circuit);
        check(circuit, params, inputs, null, true);
        // the final state, plus the segment input states of the checkpointed backward sweep where it applies
        long stateBytes = (cc.real ? 8L : 16L) * cc.dim * (1 + StateEngine.maxCheckpoints(cc));
        boolean store = cc.numQubits >= TAPE_MIN_QUBITS && stateBytes * inputs.length <= memoryLimitBytes / 2;
        double[][] storedRe = store ? new double[inputs.length][] : null;
        double[][] storedIm = store && !cc.real ? new double[inputs.length][] : null;
        double[][][] storedCkpt = store && StateEngine.maxCheckpoints(cc) > 0 ? new double[inputs.length][][] : null;
        double[][] expect = run(cc, params, inputs, null, storedRe, storedIm, storedCkpt).expectations();
        return new ForwardTape(this, circuit, cc, params.clone(), inputs, expect, storedRe, storedIm, storedCkpt);
    }

    /** Below this much work (samples × amplitudes × ops) a call runs on the calling thread only. */
    private static final long MIN_WORK_PER_EXTRA_THREAD = 1L << 16;

    /** Smallest circuit whose final states a {@link ForwardTape} stores (below, recomputing is cheaper). */
    public static final int TAPE_MIN_QUBITS = BatchedSmallEngine.MAX_QUBITS + 1;

    /** Adjoint pass from stored final states (package-private: used by {@link ForwardTape}). */
    ValueAndGradient backwardFromStates(CompiledCircuit cc, double[] params, double[][] inputs, double[][] upstream,
                                        double[][] storedRe, double[][] storedIm, double[][][] storedCkpt,
                                        double[][] expect) {
        return run(cc, params, inputs, upstream, storedRe, storedIm, storedCkpt, expect);
    }

    /**
     * The final state of one sample, for inspection and tests.
     *
     * @param circuit the circuit
     * @param params  trainable parameters
     * @param input   the sample's features
     * @return {re[], im[]}, each of length 2^n
     */
    public double[][] finalState(Circuit circuit, double[] params, double[] input) {
        CompiledCircuit cc = new CompiledCircuit(circuit);
        check(circuit, params, new double[][]{input}, null, false);
        StateEngine e = new StateEngine(cc, false);
        e.prepare(params, input, false);
        e.initState(input, 0);
        e.forward();
        return new double[][]{e.re.clone(), e.im == null ? new double[cc.dim] : e.im.clone()};
    }

    /**
     * Describes how the forward pass of a circuit is executed: fused steps, passes over memory, real or complex
     * arithmetic, cache blocking. Fusion is determined with generic (non-identity) angles.
     *
     * @param circuit the circuit
     * @return the execution summary
     */
    public ExecutionInfo describe(Circuit circuit) {
        CompiledCircuit cc = new CompiledCircuit(circuit);
        StateEngine e = new StateEngine(cc, false);
        double[] params = new double[cc.numParams];
        double[] input = new double[cc.numInputs];
        java.util.Arrays.fill(params, 0.123);
        java.util.Arrays.fill(input, 0.321);
        e.prepare(params, input, false);
        return e.describe();
    }

    /** Expectations only, on an already compiled circuit (used by the parameter-shift rule). */
    double[][] expectations(CompiledCircuit cc, double[] params, double[][] inputs) {
        return run(cc, params, inputs, null).expectations();
    }

    private void check(Circuit c, double[] params, double[][] inputs, double[][] upstream, boolean gradients) {
        checkArguments(c, params, inputs);
        if (upstream != null) {
            checkUpstream(upstream, inputs.length, c.observables().size());
        }
        long need = bytesNeeded(c, inputs.length, gradients);
        if (need > memoryLimitBytes) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "Simulating a %d-qubit circuit with batch %d on %d thread(s) needs %,d bytes (%.1f MiB), above the "
                            + "memory limit of %,d bytes; use fewer qubits or threads, or raise memoryLimitBytes",
                    c.numQubits(), inputs.length, Math.min(threads, inputs.length), need, need / 1048576.0,
                    memoryLimitBytes));
        }
    }

    /**
     * Checks a call's parameters and inputs against a circuit (as every simulation call does before it starts): one
     * finite parameter per trainable parameter, at least one sample, and one finite feature per circuit input in
     * every sample.
     *
     * @param c      the circuit
     * @param params trainable parameters
     * @param inputs one row of features per sample
     * @throws IllegalArgumentException naming the expected and actual count, or the index of a non-finite value
     */
    public static void checkArguments(Circuit c, double[] params, double[][] inputs) {
        if (params == null || params.length != c.numParameters()) {
            throw new IllegalArgumentException("Circuit has " + c.numParameters() + " trainable parameters, got "
                    + (params == null ? "null" : params.length));
        }
        for (int i = 0; i < params.length; i++) {
            if (!Double.isFinite(params[i])) {
                throw new IllegalArgumentException("Trainable parameter " + i + " is not finite: " + params[i]);
            }
        }
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException("Empty batch: need at least one input row");
        }
        for (int b = 0; b < inputs.length; b++) {
            if (inputs[b] == null || inputs[b].length != c.numInputs()) {
                throw new IllegalArgumentException("Sample " + b + " has " + (inputs[b] == null ? "no" : inputs[b].length)
                        + " input features, the circuit reads " + c.numInputs());
            }
            for (int f = 0; f < inputs[b].length; f++) {
                if (!Double.isFinite(inputs[b][f])) {
                    throw new IllegalArgumentException("Sample " + b + ", input feature " + f + " is not finite: "
                            + inputs[b][f]);
                }
            }
        }
    }

    /**
     * Checks an upstream gradient dL/d⟨O_k⟩: one row per sample, one finite entry per observable. A NaN or infinite
     * entry would otherwise come back as a NaN gradient for every parameter without any error.
     *
     * @param upstream    the upstream gradient
     * @param batch       number of samples
     * @param observables number of observables
     * @throws IllegalArgumentException naming the expected and actual shape, or the row, column and value of the
     *                                  first non-finite entry
     */
    static void checkUpstream(double[][] upstream, int batch, int observables) {
        if (upstream == null) {
            throw new IllegalArgumentException("Upstream gradient is null; expected " + batch + " rows (the batch)");
        }
        if (upstream.length != batch) {
            throw new IllegalArgumentException("Upstream gradient has " + upstream.length + " rows for a batch of "
                    + batch);
        }
        for (int b = 0; b < upstream.length; b++) {
            if (upstream[b] == null || upstream[b].length != observables) {
                throw new IllegalArgumentException("Upstream gradient row " + b + " must have " + observables
                        + " entries (one per observable), got " + (upstream[b] == null ? "null" : upstream[b].length));
            }
            for (int k = 0; k < observables; k++) {
                if (!Double.isFinite(upstream[b][k])) {
                    throw new IllegalArgumentException("Upstream gradient for sample " + b + ", observable " + k
                            + " must be finite, got " + upstream[b][k]);
                }
            }
        }
    }

    private ValueAndGradient run(CompiledCircuit cc, double[] params, double[][] inputs, double[][] upstream) {
        return run(cc, params, inputs, upstream, null, null, null);
    }

    private ValueAndGradient run(CompiledCircuit cc, double[] params, double[][] inputs, double[][] upstream,
                                 double[][] storedRe, double[][] storedIm, double[][][] storedCkpt) {
        return run(cc, params, inputs, upstream, storedRe, storedIm, storedCkpt, null);
    }

    /**
     * Runs a batch. Forward only ({@code upstream == null}): stores final states into storedRe/storedIm when given.
     * With gradients and stored states: skips the forward pass and reuses {@code knownExpect}.
     */
    private ValueAndGradient run(CompiledCircuit cc, double[] params, double[][] inputs, double[][] upstream,
                                 double[][] storedRe, double[][] storedIm, double[][][] storedCkpt,
                                 double[][] knownExpect) {
        int batch = inputs.length;
        boolean gradients = upstream != null;
        Interrupts.check("Simulating a " + cc.numQubits + "-qubit circuit");
        if (!laneBatched(cc.numQubits, false, false) && !Kernels.vectorAvailable()
                && !SCALAR_HINT_LOGGED.getAndSet(true)) {
            LOG.info(() -> "Simulating a " + cc.numQubits + "-qubit circuit with the scalar kernels; start the JVM with "
                    + "--add-modules jdk.incubator.vector for the SIMD kernels (about 2x faster from 13 qubits)");
        }
        double[][] expect = knownExpect != null ? knownExpect : new double[batch][cc.numObs];
        double[][] perSampleParamGrad = gradients ? new double[batch][cc.numParams] : null;
        double[][] inputGrad = gradients ? new double[batch][cc.numInputs] : null;
        // Tiny calls are not worth a thread hand-off: their cost is dominated by dispatch latency.
        long work = (long) batch * cc.dim * Math.max(1, cc.numOps);
        int workers = work < MIN_WORK_PER_EXTRA_THREAD ? 1 : Math.min(threads, batch);
        if (threads > 1 && usesAmplitudeParallelism(cc.numQubits, batch)) {
            // One sample at a time, every pass split over all threads: one sample's buffers stay in cache.
            ChunkTeam team = new ChunkTeam(helperPool(threads - 1), threads - 1);
            runRange(cc, params, inputs, upstream, expect, perSampleParamGrad, inputGrad, storedRe, storedIm, storedCkpt,
                    0, batch, team, CancelToken.CURRENT_THREAD);
        } else if (workers == 1) {
            runRange(cc, params, inputs, upstream, expect, perSampleParamGrad, inputGrad, storedRe, storedIm, storedCkpt,
                    0, batch, null, CancelToken.CURRENT_THREAD);
        } else {
            List<Future<?>> futures = new ArrayList<>(workers - 1);
            ForkJoinPool pool = helperPool(workers - 1);
            // The workers watch this thread: they stop between samples and passes once it is interrupted or dies.
            CancelToken token = CancelToken.ofCurrentThread();
            for (int w = 1; w < workers; w++) {
                int from = (int) ((long) batch * w / workers);
                int to = (int) ((long) batch * (w + 1) / workers);
                futures.add(pool.submit(() -> runRange(cc, params, inputs, upstream, expect, perSampleParamGrad,
                        inputGrad, storedRe, storedIm, storedCkpt, from, to, null, token)));
            }
            // The calling thread takes the first range itself.
            RuntimeException own = null;
            try {
                runRange(cc, params, inputs, upstream, expect, perSampleParamGrad, inputGrad, storedRe, storedIm,
                        storedCkpt, 0, (int) ((long) batch / workers), null, token);
            } catch (RuntimeException e) {
                own = e;
                token.stop();
            }
            // Wait for every worker, also when interrupted: they stop at their next check, and none is left running
            // on the pool once this call returns or throws.
            boolean interrupted = false;
            for (Future<?> f : futures) {
                while (true) {
                    try {
                        f.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        token.stop();
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        token.stop();
                        if (own == null) {
                            own = cause instanceof RuntimeException ? (RuntimeException) cause
                                    : new IllegalStateException("Simulation failed", cause);
                        }
                        break;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                if (!(own instanceof TrainingInterruptedException)) {
                    own = new TrainingInterruptedException("Simulating a " + cc.numQubits + "-qubit circuit: "
                            + "interrupted");
                }
            }
            if (own != null) {
                throw own;
            }
        }
        double[] paramGrad = null;
        if (gradients) {
            paramGrad = new double[cc.numParams];
            for (int b = 0; b < batch; b++) {
                for (int p = 0; p < paramGrad.length; p++) {
                    paramGrad[p] += perSampleParamGrad[b][p];
                }
            }
        }
        return new ValueAndGradient(expect, paramGrad, inputGrad);
    }

    /**
     * Whether a call runs one sample at a time with every pass split over all threads (amplitude-block parallelism)
     * instead of spreading samples over threads: for circuits of {@link #amplitudeParallelMinQubits()}+ qubits, and
     * for cache-blocked circuits (14+ qubits) when the batch has fewer samples than there are threads.
     */
    boolean usesAmplitudeParallelism(int numQubits, int batch) {
        if (numQubits <= StateEngine.BLOCK_BITS) {
            return false;
        }
        return numQubits >= amplitudeParallelMinQubits || batch < threads;
    }

    /** The pool helper threads come from: the common pool when it is large enough, else a shared one of our own. */
    static ForkJoinPool helperPool(int helpers) {
        return ForkJoinPool.commonPool().getParallelism() >= helpers ? ForkJoinPool.commonPool()
                : SharedPool.get(helpers);
    }

    private static void runRange(CompiledCircuit cc, double[] params, double[][] inputs, double[][] upstream,
                                 double[][] expect, double[][] paramGrad, double[][] inputGrad,
                                 double[][] storedRe, double[][] storedIm, double[][][] storedCkpt, int from, int to,
                                 ChunkTeam team, CancelToken cancel) {
        cancel.check();
        engineFor(cc, upstream != null, storedRe, storedIm, storedCkpt, team, cancel)
                .run(params, inputs, upstream, expect, paramGrad, inputGrad, from, to);
    }

    /**
     * Whether a call runs on {@link BatchedSmallEngine} rather than {@link StateEngine}: for circuits of up to
     * {@value BatchedSmallEngine#MAX_QUBITS} qubits, unless the call stores states for a {@link ForwardTape} or splits
     * one sample over a {@link ChunkTeam} (which only {@link StateEngine} does; neither happens below
     * {@link #TAPE_MIN_QUBITS} qubits). This is the engine choice; {@link #engineFor} and {@link #bytesNeeded}
     * follow it.
     */
    static boolean laneBatched(int numQubits, boolean storesStates, boolean onTeam) {
        return !storesStates && !onTeam && BatchedSmallEngine.supports(numQubits);
    }

    /**
     * The engine for one worker's range of samples, chosen by {@link #laneBatched}.
     *
     * @param cc         the compiled circuit
     * @param gradients  whether the call runs the adjoint sweep
     * @param storedRe   a {@link ForwardTape}'s final states (real parts), or null
     * @param storedIm   their imaginary parts, or null
     * @param storedCkpt the tape's checkpoints, or null
     * @param team       the team splitting each pass over one sample's state, or null
     * @param cancel     what is checked between samples and passes
     * @return the engine
     */
    static SimulationEngine engineFor(CompiledCircuit cc, boolean gradients, double[][] storedRe, double[][] storedIm,
                                      double[][][] storedCkpt, ChunkTeam team, CancelToken cancel) {
        if (laneBatched(cc.numQubits, storedRe != null, team != null)) {
            // Small circuits: a group of samples at once, lane index innermost (see BatchedSmallEngine).
            return new BatchedSmallEngine(cc, gradients);
        }
        // a forward pass for a tape that stores checkpoints needs the engine that keeps them
        StateEngine engine = new StateEngine(cc, gradients || (storedCkpt != null && storedRe != null));
        engine.useTeam(team);
        engine.useCancel(cancel);
        engine.useStoredStates(storedRe, storedIm, storedCkpt);
        return engine;
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

package org.hybridqml.sim.noise;

import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.TrainingInterruptedException;
import org.hybridqml.sim.circuit.Circuit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Prediction-time expectation values under a {@link NoiseModel} and with a finite number of measurement shots.
 *
 * <p>Engines ({@link Method}): the exact density matrix (4^n entries per sample, at most
 * {@value #MAX_DENSITY_MATRIX_QUBITS} qubits), or quantum trajectories on the statevector (2^n amplitudes, a seeded
 * Monte Carlo estimate). {@link Method#AUTO} takes the density matrix up to {@value #MAX_DENSITY_MATRIX_QUBITS} qubits
 * and trajectories above, and sends noise-free models straight to {@link StatevectorSimulator}; an explicitly chosen
 * engine always runs, also without noise (useful to cross-check the engines).
 *
 * <p>Shots (0 = exact expectation values of the noisy state): with the density matrix or the statevector, the exact
 * values are turned into shot estimates by {@link StatevectorSimulator#sampleShots} with one
 * {@code new SplittableRandom(seed)} for the whole batch; with trajectories each shot is one trajectory measured once
 * (so {@link #trajectories(int)} is not used), which samples the noisy device's outcome distribution exactly.
 *
 * <p>Seeds and threads: trajectory sample b draws from its own {@code SplittableRandom} whose seed is a 64-bit mix of
 * {@code seed} and b, and shot sampling runs on the calling thread after the simulation, so every result depends on
 * the seed only, bit for bit, never on the thread count.
 */
public final class NoisySimulator {

    /** How the noisy circuit is simulated. */
    public enum Method {
        /**
         * The exact density matrix, ρ → UρU† and Kraus channels; up to
         * {@value NoisySimulator#MAX_DENSITY_MATRIX_QUBITS} qubits.
         */
        DENSITY_MATRIX,
        /** Quantum trajectories on the statevector: a seeded Monte Carlo estimate, for any qubit count. */
        TRAJECTORIES,
        /** The density matrix up to {@value NoisySimulator#MAX_DENSITY_MATRIX_QUBITS} qubits, trajectories above. */
        AUTO
    }

    /** Largest circuit the density-matrix engine takes (4^12 complex entries = 256 MiB per worker). */
    public static final int MAX_DENSITY_MATRIX_QUBITS = 12;

    /** Default number of trajectories per sample for exact-expectation ({@code shots == 0}) trajectory runs. */
    public static final int DEFAULT_TRAJECTORIES = 1000;

    private final int threads;
    private final StatevectorSimulator statevector;
    private Method method = Method.AUTO;
    private int trajectories = DEFAULT_TRAJECTORIES;

    /** A simulator using every available processor. */
    public NoisySimulator() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A simulator with a fixed number of worker threads (results do not depend on it).
     *
     * @param threads worker threads, &ge; 1
     */
    public NoisySimulator(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.statevector = new StatevectorSimulator(threads);
    }

    /**
     * Chooses the engine.
     *
     * @param method the engine, not null
     * @return this simulator
     */
    public NoisySimulator method(Method method) {
        if (method == null) {
            throw new IllegalArgumentException("method must be one of DENSITY_MATRIX, TRAJECTORIES, AUTO, got null");
        }
        this.method = method;
        return this;
    }

    /** @return the engine setting */
    public Method method() {
        return method;
    }

    /**
     * Sets the trajectories per sample for trajectory runs with {@code shots == 0}; the standard error of each
     * estimate is at most √((1 − ⟨O⟩²)/trajectories).
     *
     * @param trajectories trajectories, &ge; 1
     * @return this simulator
     */
    public NoisySimulator trajectories(int trajectories) {
        if (trajectories < 1) {
            throw new IllegalArgumentException("trajectories must be >= 1, got " + trajectories);
        }
        this.trajectories = trajectories;
        return this;
    }

    /** @return the trajectories per sample */
    public int trajectories() {
        return trajectories;
    }

    /** @return the number of worker threads */
    public int threads() {
        return threads;
    }

    /**
     * The engine a call with this circuit runs: {@link Method#DENSITY_MATRIX} or {@link Method#TRAJECTORIES}.
     *
     * @param circuit the circuit
     * @return the engine
     * @throws IllegalArgumentException for {@link Method#DENSITY_MATRIX} on more than
     *                                  {@value #MAX_DENSITY_MATRIX_QUBITS} qubits
     */
    public Method engineFor(Circuit circuit) {
        int n = circuit.numQubits();
        if (method == Method.DENSITY_MATRIX && n > MAX_DENSITY_MATRIX_QUBITS) {
            throw new IllegalArgumentException("The density-matrix method takes at most " + MAX_DENSITY_MATRIX_QUBITS
                    + " qubits (4^n entries per sample), the circuit has " + n + "; use Method.TRAJECTORIES or AUTO");
        }
        if (method == Method.AUTO) {
            return n <= MAX_DENSITY_MATRIX_QUBITS ? Method.DENSITY_MATRIX : Method.TRAJECTORIES;
        }
        return method;
    }

    /**
     * Expectation values of the noisy circuit for a batch, exact or from finite shots.
     *
     * @param circuit the circuit
     * @param params  trainable parameters, {@code circuit.numParameters()} of them
     * @param inputs  one row of {@code circuit.numInputs()} features per sample
     * @param noise   the noise model ({@link NoiseModel#none()} for none)
     * @param shots   0 for exact expectation values (of the noisy state; trajectory runs estimate them), &gt; 0 for
     *                the mean of that many ±1 outcomes per observable
     * @param seed    the seed of every random draw (shots, trajectories)
     * @return ⟨O_k⟩ or its shot estimate, [batch][observables]
     * @throws IllegalArgumentException on a null noise model, negative shots, mismatched or non-finite parameters and
     *                                  inputs, or the density-matrix method beyond {@value #MAX_DENSITY_MATRIX_QUBITS}
     *                                  qubits
     */
    public double[][] expectations(Circuit circuit, double[] params, double[][] inputs, NoiseModel noise, int shots,
                                   long seed) {
        if (noise == null) {
            throw new IllegalArgumentException("Noise model must not be null; use NoiseModel.none() for no noise");
        }
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0 (0 = exact expectation values), got " + shots);
        }
        Method engine = engineFor(circuit);
        StatevectorSimulator.checkArguments(circuit, params, inputs);
        if (noise.isNoiseFree() && method == Method.AUTO) {
            return shots == 0 ? statevector.expectations(circuit, params, inputs)
                    : statevector.sampledExpectations(circuit, params, inputs, shots, new SplittableRandom(seed));
        }
        NoisyProgram program = new NoisyProgram(circuit, noise);
        double[][] out = new double[inputs.length][];
        if (engine == Method.DENSITY_MATRIX) {
            int byMemory = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                    Runtime.getRuntime().maxMemory() / 2 / DensityMatrixEngine.bytes(circuit.numQubits())));
            forEachSample(inputs.length, Math.min(threads, byMemory), () -> {
                DensityMatrixEngine e = new DensityMatrixEngine(program, statevector);
                return b -> {
                    e.evolve(params, inputs[b]);
                    out[b] = e.expectations();
                };
            });
            return shots == 0 ? out : StatevectorSimulator.sampleShots(out, shots, new SplittableRandom(seed));
        }
        forEachSample(inputs.length, threads, () -> {
            TrajectoryEngine e = new TrajectoryEngine(program, statevector);
            return b -> out[b] = e.expectations(params, inputs[b], trajectories, shots, sampleRandom(seed, b));
        });
        return out;
    }

    /**
     * The density matrix of one sample after the noisy circuit, for inspection and tests.
     *
     * @param circuit the circuit, at most {@value #MAX_DENSITY_MATRIX_QUBITS} qubits
     * @param params  trainable parameters
     * @param input   the sample's features
     * @param noise   the noise model
     * @return {re, im}, each 2^n × 2^n row-major (entry (r, c) at r·2^n + c; wire 0 is the most significant bit)
     */
    public double[][] densityMatrix(Circuit circuit, double[] params, double[] input, NoiseModel noise) {
        if (noise == null) {
            throw new IllegalArgumentException("Noise model must not be null; use NoiseModel.none() for no noise");
        }
        if (circuit.numQubits() > MAX_DENSITY_MATRIX_QUBITS) {
            throw new IllegalArgumentException("The density matrix of at most " + MAX_DENSITY_MATRIX_QUBITS
                    + " qubits can be formed, the circuit has " + circuit.numQubits());
        }
        StatevectorSimulator.checkArguments(circuit, params, new double[][]{input});
        DensityMatrixEngine e = new DensityMatrixEngine(new NoisyProgram(circuit, noise), statevector);
        e.evolve(params, input);
        return e.state();
    }

    /**
     * The random source of trajectory sample {@code b}: a 64-bit mix (Stafford's variant 13 of the MurmurHash3
     * finaliser, as in {@link SplittableRandom}) of the seed and the sample index, so samples get unrelated streams.
     */
    static SplittableRandom sampleRandom(long seed, int b) {
        return new SplittableRandom(mix64(seed ^ mix64(0x9E3779B97F4A7C15L * (b + 1L))));
    }

    /**
     * A seed for one sample derived from {@code seed} and the bit patterns of the sample's circuit inputs (the same
     * 64-bit mix as the trajectory streams), so that a sample's random draws depend on the seed and on the sample
     * itself, never on the batch it is evaluated in or its position there.
     *
     * @param seed  the base seed
     * @param input the sample's circuit inputs
     * @return the sample's seed
     */
    public static long inputSeed(long seed, double[] input) {
        long h = mix64(seed ^ 0x9E3779B97F4A7C15L);
        for (double v : input) {
            h = mix64(h ^ Double.doubleToLongBits(v)) + 0x9E3779B97F4A7C15L;
        }
        return mix64(h ^ input.length);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Runs {@code perWorker}'s task on every sample, the samples taken from a shared counter by {@code workers}
     * threads (the calling thread alone for one). Each task writes only its sample's results, so the order does not
     * matter. Interrupting the calling thread stops the workers and throws {@link TrainingInterruptedException}.
     */
    private static void forEachSample(int batch, int workers, Supplier<IntConsumer> perWorker) {
        int n = Math.min(workers, batch);
        if (n <= 1) {
            IntConsumer task = perWorker.get();
            for (int b = 0; b < batch; b++) {
                org.hybridqml.sim.Interrupts.check("Noisy simulation");
                task.accept(b);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "noisy-simulator");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(n);
            for (int w = 0; w < n; w++) {
                futures.add(pool.submit(() -> {
                    IntConsumer task = perWorker.get();
                    for (int b = next.getAndIncrement(); b < batch; b = next.getAndIncrement()) {
                        org.hybridqml.sim.Interrupts.check("Noisy simulation");
                        task.accept(b);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingInterruptedException("Noisy simulation: interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException ? (RuntimeException) cause
                    : new IllegalStateException("Noisy simulation failed", cause);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

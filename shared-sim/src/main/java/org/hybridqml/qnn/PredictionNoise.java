package org.hybridqml.qnn;

import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.noise.NoiseModel;
import org.hybridqml.sim.noise.NoisySimulator;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How a trained model evaluates its circuits at prediction time: exactly (the default, as in training), from a
 * finite number of seeded measurement shots, under a noise channel ({@link NoiseModel}), or both. Training always
 * uses the exact expectation values; this setting only changes inference.
 *
 * <p>Reproducibility: the random draws of one sample come from a stream seeded with
 * {@link NoisySimulator#inputSeed}{@code (seed, the sample's circuit inputs)}, so a sample's result depends only on
 * the seed, the trained parameters and the sample itself: the same seed gives the same result bit for bit, whatever
 * the batch the sample is evaluated in, its position there or the thread count. Two samples with identical circuit
 * inputs get identical estimates.
 *
 * <p>Engines (those of {@link NoisySimulator}, method {@code AUTO}): a noise-free setting with shots samples the
 * exact statevector expectations; a noisy setting on at most {@value NoisySimulator#MAX_DENSITY_MATRIX_QUBITS}
 * qubits evolves the density matrix (the whole batch in one call, then each sample's shots), and above that
 * runs quantum trajectories, one call per sample.
 *
 * <p>Immutable and serializable; the noisy simulator it creates on first use is not serialized.
 */
public final class PredictionNoise implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final PredictionNoise EXACT = new PredictionNoise(NoiseModel.none(), 0, 0);

    private final NoiseModel noise;
    private final int shots;
    private final long seed;
    private transient volatile NoisySimulator noisySimulator;

    /**
     * @param noise the noise channel ({@link NoiseModel#none()} for none), not null
     * @param shots measurement shots per observable, 0 for exact expectation values (of the noisy state)
     * @param seed  the seed of the shots and trajectories
     * @throws IllegalArgumentException on a null noise model or negative shots
     */
    public PredictionNoise(NoiseModel noise, int shots, long seed) {
        if (noise == null) {
            throw new IllegalArgumentException("Prediction noise model must not be null; use NoiseModel.none() "
                    + "for no noise");
        }
        if (shots < 0) {
            throw new IllegalArgumentException("Prediction shots must be >= 0 (0 = exact expectation values), got "
                    + shots);
        }
        this.noise = noise;
        this.shots = shots;
        this.seed = seed;
    }

    /** @return exact expectation values, no noise: what training uses and the default at prediction time */
    public static PredictionNoise exact() {
        return EXACT;
    }

    /** @return the noise model */
    public NoiseModel noise() {
        return noise;
    }

    /** @return shots per observable, 0 for exact expectation values */
    public int shots() {
        return shots;
    }

    /** @return the seed of the random draws */
    public long seed() {
        return seed;
    }

    /** @return whether this is the exact, noise-free setting (predictions as without this setting, bit for bit) */
    public boolean isExact() {
        return shots == 0 && noise.isNoiseFree();
    }

    /**
     * Expectation values of a circuit for a batch under this setting.
     *
     * @param circuit  the circuit
     * @param params   its trainable parameters
     * @param inputs   one row of circuit inputs per sample
     * @param exactSim the simulator of the exact path (used as is when {@link #isExact()}; its thread count is the
     *                 noisy simulator's)
     * @return ⟨O_k⟩, their noisy values or their shot estimates, [batch][observables]
     * @throws IllegalArgumentException on mismatched or non-finite parameters and inputs
     */
    public double[][] expectations(Circuit circuit, double[] params, double[][] inputs,
                                   StatevectorSimulator exactSim) {
        if (isExact()) {
            return exactSim.expectations(circuit, params, inputs);
        }
        NoisySimulator sim = noisySimulator(exactSim.threads());
        if (!noise.isNoiseFree() && sim.engineFor(circuit) == NoisySimulator.Method.TRAJECTORIES) {
            StatevectorSimulator.checkArguments(circuit, params, inputs);
            double[][] out = new double[inputs.length][];
            for (int b = 0; b < inputs.length; b++) {
                out[b] = sim.expectations(circuit, params, new double[][]{inputs[b]}, noise, shots,
                        NoisySimulator.inputSeed(seed, inputs[b]))[0];
            }
            return out;
        }
        double[][] values = noise.isNoiseFree() ? exactSim.expectations(circuit, params, inputs)
                : sim.expectations(circuit, params, inputs, noise, 0, seed);
        if (shots == 0) {
            return values;
        }
        double[][] out = new double[values.length][];
        for (int b = 0; b < values.length; b++) {
            SplittableRandom rng = new SplittableRandom(NoisySimulator.inputSeed(seed, inputs[b]));
            out[b] = StatevectorSimulator.sampleShots(new double[][]{values[b]}, shots, rng)[0];
        }
        return out;
    }

    private NoisySimulator noisySimulator(int threads) {
        NoisySimulator s = noisySimulator;
        if (s == null) {
            s = new NoisySimulator(threads);
            noisySimulator = s;
        }
        return s;
    }

    /**
     * @param o another object
     * @return whether it is a setting with the same noise model, shots and seed
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof PredictionNoise p && p.noise.equals(noise) && p.shots == shots && p.seed == seed;
    }

    /** @return a hash of the noise model, shots and seed */
    @Override
    public int hashCode() {
        return Objects.hash(noise, shots, seed);
    }

    /** @return e.g. {@code "exact"} or {@code "noise depolarizing:0.01@gate, 1000 shots, seed 1"} */
    @Override
    public String toString() {
        if (isExact()) {
            return "exact";
        }
        return "noise " + noise + ", " + (shots == 0 ? "exact expectations" : shots + " shots") + ", seed " + seed;
    }
}

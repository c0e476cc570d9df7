package org.hybridqml.options;

import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.sim.noise.NoiseModel;

/**
 * The prediction-time options of the classifiers with a circuit: {@code shots} ({@code -shots N}), {@code noise}
 * ({@code -noise SPEC}) and {@code noiseSeed} ({@code -noise-seed S}), turned into a {@link PredictionNoise} when the
 * classifier is built. Training always uses the exact expectation values.
 */
public final class PredictionNoiseOptions {

    /** Bean name of the shots option. */
    public static final String SHOTS = "shots";
    /** Bean name of the noise-spec option. */
    public static final String NOISE = "noise";
    /** Bean name of the seed option. */
    public static final String NOISE_SEED = "noiseSeed";

    /**
     * The three options, in the order they are listed.
     *
     * @param classical the model variant without a circuit, which ignores them, e.g. {@code "the CDL head"}
     * @return {@code shots}, {@code noise}, {@code noiseSeed}
     */
    public static OptionDef[] defs(String classical) {
        String ignored = " Ignored by " + classical + ".";
        return new OptionDef[]{
            OptionDef.ofInt(SHOTS, "shots", 0, 0, Integer.MAX_VALUE, "Measurement shots per circuit output at "
                    + "prediction time (>= 0). 0 uses the exact expectation values; N > 0 estimates each <Z> from N "
                    + "seeded +-1 outcomes, as a quantum device would. Training is always exact." + ignored),
            OptionDef.ofString(NOISE, "noise", "none", "spec", "Noise channel of the circuit at prediction time; "
                    + "none (the default) for no noise. Examples: depolarizing:0.01 (after each gate), "
                    + "bitflip:0.02@layer. Format: " + NoiseModel.SPEC_FORMAT + ". Simulated with a density matrix "
                    + "up to 12 qubits, quantum trajectories above (much slower than the exact statevector). "
                    + "Training is always noise-free." + ignored),
            OptionDef.ofInt(NOISE_SEED, "noise-seed", 1, Integer.MIN_VALUE, Integer.MAX_VALUE, "Seed of the "
                    + "prediction-time shots and noise. Each instance's draws depend only on this seed and the "
                    + "instance, so predictions are reproducible whatever the batch."),
        };
    }

    private PredictionNoiseOptions() {
    }

    /**
     * The prediction-time setting the values describe; called when the classifier is built, after
     * {@link OptionValues#validate()}.
     *
     * @param v values of a spec holding the options of {@link #defs}
     * @return the setting
     * @throws IllegalArgumentException naming the option ({@code noise (-noise)}) when the spec does not parse, or
     *                                  {@code shots (-shots)} when it is negative
     */
    public static PredictionNoise of(OptionValues v) {
        NoiseModel noise;
        try {
            noise = NoiseModel.parse(v.getString(NOISE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option " + NOISE + " (-noise) " + e.getMessage(), e);
        }
        v.spec().get(SHOTS).validate(v.get(SHOTS));
        return new PredictionNoise(noise, v.getInt(SHOTS), v.getInt(NOISE_SEED));
    }
}

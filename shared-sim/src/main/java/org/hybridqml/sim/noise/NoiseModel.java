package org.hybridqml.sim.noise;

import java.io.Serializable;
import java.util.Locale;

/**
 * A single-qubit noise channel applied throughout a circuit: one channel kind with probability p ∈ [0, 1], after
 * each gate or after each layer. Immutable and serializable.
 *
 * <p>Channels, as Kraus operators K_i with ρ → Σ_i K_i ρ K_i† (Nielsen &amp; Chuang, "Quantum Computation and Quantum
 * Information", §8.3):
 * <ul>
 *   <li>{@link Channel#DEPOLARIZING}: √(1−p)·I, √(p/3)·X, √(p/3)·Y, √(p/3)·Z, i.e.
 *       ρ → (1−p)ρ + (p/3)(XρX + YρY + ZρZ); a Bloch vector shrinks by 1 − 4p/3;</li>
 *   <li>{@link Channel#BIT_FLIP}: √(1−p)·I, √p·X; ⟨Z⟩ and ⟨Y⟩ shrink by 1 − 2p, ⟨X⟩ is kept;</li>
 *   <li>{@link Channel#AMPLITUDE_DAMPING} with γ = p: K₀ = [[1, 0], [0, √(1−γ)]], K₁ = [[0, √γ], [0, 0]];
 *       ⟨Z⟩ → γ + (1−γ)⟨Z⟩,
 *       ⟨X⟩ → √(1−γ)⟨X⟩.</li>
 * </ul>
 *
 * <p>Placement: {@link Placement#GATE} applies the channel after every gate (a Rot counts as one gate) on each wire
 * that gate acts on; {@link Placement#LAYER} applies it after every layer, on every wire of the circuit, where the
 * layers are the columns (moments) of the greedy schedule: each gate goes into the first moment after the last
 * moment that used any of its wires.
 *
 * @param channel     the channel kind
 * @param probability p (for amplitude damping, γ), in [0, 1]
 * @param placement   where the channel is applied
 */
public record NoiseModel(Channel channel, double probability, Placement placement) implements Serializable {

    /** The channel kinds. */
    public enum Channel {
        /** Depolarizing: with probability p one of X, Y, Z (each p/3). */
        DEPOLARIZING("depolarizing"),
        /** Bit flip: X with probability p. */
        BIT_FLIP("bitflip"),
        /** Amplitude damping (energy relaxation towards |0⟩) with decay probability γ = p. */
        AMPLITUDE_DAMPING("amplitude-damping");

        private final String specName;

        Channel(String specName) {
            this.specName = specName;
        }

        /** @return the name used in specs, e.g. {@code "amplitude-damping"} */
        public String specName() {
            return specName;
        }
    }

    /** Where the channel is applied. */
    public enum Placement {
        /** After every gate, on the wires that gate acts on. */
        GATE,
        /** After every moment of the greedy schedule, on every wire. */
        LAYER
    }

    /** The format {@link #parse} accepts, for error messages and documentation. */
    public static final String SPEC_FORMAT = "none | <channel>:<p>[@gate|@layer] with <channel> one of depolarizing, "
            + "bitflip, amplitude-damping and p in [0, 1], e.g. depolarizing:0.01 or bitflip:0.02@layer";

    /**
     * Validates the fields.
     *
     * @param channel     the channel kind, not null
     * @param probability p in [0, 1]
     * @param placement   the placement, not null
     */
    public NoiseModel {
        if (channel == null) {
            throw new IllegalArgumentException("Noise channel must not be null; expected one of DEPOLARIZING, "
                    + "BIT_FLIP, AMPLITUDE_DAMPING");
        }
        if (placement == null) {
            throw new IllegalArgumentException("Noise placement must not be null; expected GATE or LAYER");
        }
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("Noise probability p of the " + channel.specName()
                    + " channel must be in [0, 1], got " + probability);
        }
    }

    /**
     * A noise model after each gate.
     *
     * @param channel     the channel kind
     * @param probability p in [0, 1]
     * @return the model
     */
    public static NoiseModel of(Channel channel, double probability) {
        return new NoiseModel(channel, probability, Placement.GATE);
    }

    /** @return no noise (a depolarizing channel with p = 0; {@link #isNoiseFree()} is true) */
    public static NoiseModel none() {
        return new NoiseModel(Channel.DEPOLARIZING, 0.0, Placement.GATE);
    }

    /** @return whether the channel is the identity (p = 0) */
    public boolean isNoiseFree() {
        return probability == 0.0;
    }

    /**
     * Parses a spec: {@code none}, or {@code <channel>:<p>} with an optional {@code @gate} (default) or
     * {@code @layer}; channel names are {@code depolarizing}, {@code bitflip} (also {@code bit-flip},
     * {@code bit_flip}) and {@code amplitude-damping} (also {@code amplitude_damping}, {@code amplitudedamping});
     * case and surrounding spaces are ignored.
     *
     * @param spec the spec, e.g. {@code "amplitude-damping:0.05@gate"}
     * @return the model
     * @throws IllegalArgumentException naming the part that is wrong and the expected format ({@link #SPEC_FORMAT})
     */
    public static NoiseModel parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("Empty noise spec; expected " + SPEC_FORMAT);
        }
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("none")) {
            return none();
        }
        Placement placement = Placement.GATE;
        int at = s.indexOf('@');
        if (at >= 0) {
            String where = s.substring(at + 1).trim();
            if (where.equals("gate")) {
                placement = Placement.GATE;
            } else if (where.equals("layer")) {
                placement = Placement.LAYER;
            } else {
                throw new IllegalArgumentException("Noise spec '" + spec + "': unknown placement '@" + where
                        + "', expected @gate or @layer; format: " + SPEC_FORMAT);
            }
            s = s.substring(0, at).trim();
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Noise spec '" + spec + "': missing ':<p>' after the channel name; "
                    + "expected " + SPEC_FORMAT);
        }
        String name = s.substring(0, colon).trim();
        Channel channel;
        switch (name) {
            case "depolarizing":
                channel = Channel.DEPOLARIZING;
                break;
            case "bitflip":
            case "bit-flip":
            case "bit_flip":
                channel = Channel.BIT_FLIP;
                break;
            case "amplitude-damping":
            case "amplitude_damping":
            case "amplitudedamping":
                channel = Channel.AMPLITUDE_DAMPING;
                break;
            default:
                throw new IllegalArgumentException("Noise spec '" + spec + "': unknown channel '" + name
                        + "', expected depolarizing, bitflip or amplitude-damping; format: " + SPEC_FORMAT);
        }
        String pText = s.substring(colon + 1).trim();
        double p;
        try {
            p = Double.parseDouble(pText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Noise spec '" + spec + "': probability '" + pText
                    + "' is not a number, expected p in [0, 1]; format: " + SPEC_FORMAT, e);
        }
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("Noise spec '" + spec + "': probability " + pText
                    + " is outside [0, 1]; format: " + SPEC_FORMAT);
        }
        return new NoiseModel(channel, p, placement);
    }

    /**
     * The Kraus operators of the channel, in the order of the class description.
     *
     * @return one 2×2 complex matrix per operator, 8 doubles each as (re, im) pairs, row-major
     */
    public double[][] krausOperators() {
        double p = probability;
        switch (channel) {
            case DEPOLARIZING: {
                double a = Math.sqrt(1 - p);
                double b = Math.sqrt(p / 3);
                return new double[][]{
                        {a, 0, 0, 0, 0, 0, a, 0},
                        {0, 0, b, 0, b, 0, 0, 0},
                        {0, 0, 0, -b, 0, b, 0, 0},
                        {b, 0, 0, 0, 0, 0, -b, 0}};
            }
            case BIT_FLIP: {
                double a = Math.sqrt(1 - p);
                double b = Math.sqrt(p);
                return new double[][]{
                        {a, 0, 0, 0, 0, 0, a, 0},
                        {0, 0, b, 0, b, 0, 0, 0}};
            }
            default:
                return new double[][]{
                        {1, 0, 0, 0, 0, 0, Math.sqrt(1 - p), 0},
                        {0, 0, Math.sqrt(p), 0, 0, 0, 0, 0}};
        }
    }

    /**
     * For channels that apply a random unitary (depolarizing, bit flip): the probability of each Kraus operator, which
     * does not depend on the state; null for amplitude damping.
     *
     * @return weights summing to 1, in the order of {@link #krausOperators()}, or null
     */
    public double[] unitaryMixtureWeights() {
        double p = probability;
        switch (channel) {
            case DEPOLARIZING:
                return new double[]{1 - p, p / 3, p / 3, p / 3};
            case BIT_FLIP:
                return new double[]{1 - p, p};
            default:
                return null;
        }
    }

    /** @return the spec {@link #parse} reads back, e.g. {@code "bitflip:0.02@layer"}, or {@code "none"} */
    @Override
    public String toString() {
        if (isNoiseFree() && this.equals(none())) {
            return "none";
        }
        return channel.specName() + ":" + probability + "@" + placement.name().toLowerCase(Locale.ROOT);
    }
}

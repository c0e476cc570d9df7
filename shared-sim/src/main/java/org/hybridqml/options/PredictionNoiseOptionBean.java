package org.hybridqml.options;

/**
 * Java-bean accessors for the prediction-time options of {@link PredictionNoiseOptions} ({@code shots},
 * {@code noise}, {@code noiseSeed}), for the platform classifiers' option editors.
 */
public interface PredictionNoiseOptionBean {

    /** @return the classifier's current option values (live) */
    OptionValues optionValues();

    /** @return tip text */
    default String shotsTipText() {
        return optionValues().spec().tip(PredictionNoiseOptions.SHOTS);
    }

    /** @return shots per circuit output at prediction time, 0 for exact */
    default int getShots() {
        return optionValues().getInt(PredictionNoiseOptions.SHOTS);
    }

    /** @param v shots per circuit output at prediction time (&ge; 0, checked when the classifier is built) */
    default void setShots(int v) {
        optionValues().store(PredictionNoiseOptions.SHOTS, v);
    }

    /** @return tip text */
    default String noiseTipText() {
        return optionValues().spec().tip(PredictionNoiseOptions.NOISE);
    }

    /** @return the prediction-time noise spec, e.g. {@code none} or {@code depolarizing:0.01} */
    default String getNoise() {
        return optionValues().getString(PredictionNoiseOptions.NOISE);
    }

    /** @param v the prediction-time noise spec (parsed when the classifier is built) */
    default void setNoise(String v) {
        optionValues().store(PredictionNoiseOptions.NOISE, v);
    }

    /** @return tip text */
    default String noiseSeedTipText() {
        return optionValues().spec().tip(PredictionNoiseOptions.NOISE_SEED);
    }

    /** @return the seed of the prediction-time shots and trajectories */
    default int getNoiseSeed() {
        return optionValues().getInt(PredictionNoiseOptions.NOISE_SEED);
    }

    /** @param v the seed of the prediction-time shots and trajectories */
    default void setNoiseSeed(int v) {
        optionValues().store(PredictionNoiseOptions.NOISE_SEED, v);
    }
}

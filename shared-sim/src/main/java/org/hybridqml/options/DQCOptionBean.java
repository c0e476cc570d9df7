package org.hybridqml.options;

/**
 * Java-bean accessors for the options of the dressed-quantum-circuit classifiers ({@link DQCOptions}) that the Weka
 * single-label and the MEKA multi-label classifier share and that need no platform type: {@code numQubits},
 * {@code numLayers}, {@code readoutLearningRateScale}, {@code maxEpochs}, {@code patience}, {@code validationFraction} and
 * {@code outputBiasFromPriors}, besides {@link TrainingOptionBean}'s. The choice options ({@code headType},
 * {@code preset}) are the platform's own, as they are shown with the platform's tag type. The prediction-time
 * {@code shots}, {@code noise} and {@code noiseSeed} come from {@link PredictionNoiseOptionBean}.
 */
public interface DQCOptionBean extends TrainingOptionBean, PredictionNoiseOptionBean {

    /** @return tip text */
    default String numQubitsTipText() {
        return optionValues().spec().tip("numQubits");
    }

    /** @return qubits (multi-label: 0 means one per label) */
    default int getNumQubits() {
        return optionValues().getInt("numQubits");
    }

    /** @param v qubits (single-label &ge; 1; multi-label &ge; 0, 0 meaning one per label) */
    default void setNumQubits(int v) {
        optionValues().store("numQubits", v);
    }

    /** @return tip text */
    default String numLayersTipText() {
        return optionValues().spec().tip("numLayers");
    }

    /** @return entangling layers */
    default int getNumLayers() {
        return optionValues().getInt("numLayers");
    }

    /** @param v entangling layers &ge; 1 */
    default void setNumLayers(int v) {
        optionValues().store("numLayers", v);
    }

    /** @return tip text */
    default String readoutLearningRateScaleTipText() {
        return optionValues().spec().tip("readoutLearningRateScale");
    }

    /** @return the factor on the readout layer's learning rate */
    default double getReadoutLearningRateScale() {
        return optionValues().getDouble("readoutLearningRateScale");
    }

    /** @param v the factor on the readout layer's learning rate (&gt; 0) */
    default void setReadoutLearningRateScale(double v) {
        optionValues().store("readoutLearningRateScale", v);
    }

    /** @return tip text */
    default String maxEpochsTipText() {
        return optionValues().spec().tip("maxEpochs");
    }

    /** @return max epochs */
    default int getMaxEpochs() {
        return optionValues().getInt("maxEpochs");
    }

    /** @param v max epochs &ge; 1 */
    default void setMaxEpochs(int v) {
        optionValues().store("maxEpochs", v);
    }

    /** @return tip text */
    default String patienceTipText() {
        return optionValues().spec().tip("patience");
    }

    /** @return early-stopping patience */
    default int getPatience() {
        return optionValues().getInt("patience");
    }

    /** @param v early-stopping patience &ge; 1 */
    default void setPatience(int v) {
        optionValues().store("patience", v);
    }

    /** @return tip text */
    default String validationFractionTipText() {
        return optionValues().spec().tip("validationFraction");
    }

    /** @return validation fraction in [0, 1) */
    default double getValidationFraction() {
        return optionValues().getDouble("validationFraction");
    }

    /** @param v validation fraction in [0, 1) */
    default void setValidationFraction(double v) {
        optionValues().store("validationFraction", v);
    }

    /** @return tip text */
    default String outputBiasFromPriorsTipText() {
        return optionValues().spec().tip("outputBiasFromPriors");
    }

    /** @return whether the output bias starts at the class (label) priors */
    default boolean getOutputBiasFromPriors() {
        return optionValues().getBoolean("outputBiasFromPriors");
    }

    /** @param v whether the output bias starts at the class (label) priors */
    default void setOutputBiasFromPriors(boolean v) {
        optionValues().store("outputBiasFromPriors", v);
    }
}

package org.hybridqml.options;

/**
 * Java-bean accessors over a classifier's {@link OptionValues}, for the options every classifier of the project has:
 * {@code learningRate} and {@code miniBatchSize}. A platform classifier (Weka, MEKA) implements this interface by
 * returning its live option values from {@link #optionValues()} and gets the typed getter, setter and tip-text
 * method of each option as default methods, which bean introspection (Weka's and MEKA's GenericObjectEditor) sees as
 * the classifier's properties. Tip texts are those of the option spec. Sub-interfaces add the options of one kind of
 * classifier.
 */
public interface TrainingOptionBean {

    /** @return the classifier's current option values (live: setting them changes the classifier's options) */
    OptionValues optionValues();

    /** @return tip text */
    default String learningRateTipText() {
        return optionValues().spec().tip("learningRate");
    }

    /** @return the learning rate */
    default double getLearningRate() {
        return optionValues().getDouble("learningRate");
    }

    /** @param v the learning rate (&gt; 0) */
    default void setLearningRate(double v) {
        optionValues().store("learningRate", v);
    }

    /** @return tip text */
    default String miniBatchSizeTipText() {
        return optionValues().spec().tip("miniBatchSize");
    }

    /** @return the training mini-batch size */
    default int getMiniBatchSize() {
        return optionValues().getInt("miniBatchSize");
    }

    /** @param v the training mini-batch size (&ge; 1) */
    default void setMiniBatchSize(int v) {
        optionValues().store("miniBatchSize", v);
    }

    default String progressTipText() {
        return optionValues().spec().tip(ProgressOption.NAME);
    }

    /** @return whether training prints progress lines ({@link ProgressOption}) */
    default boolean getProgress() {
        return optionValues().getBoolean(ProgressOption.NAME);
    }

    default void setProgress(boolean v) {
        optionValues().set(ProgressOption.NAME, v);
    }
}

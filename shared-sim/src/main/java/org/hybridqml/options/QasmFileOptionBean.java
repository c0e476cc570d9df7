package org.hybridqml.options;

/**
 * Java-bean accessors for the {@code qasmFile} option ({@code -qasm-file}) of the classifiers that write their trained
 * circuits as OpenQASM after training (the DQC, Qu-Net and pointwise-CNN classifiers of the Weka package), for
 * their option editors. Each classifier's spec defines the option with its own tip text.
 */
public interface QasmFileOptionBean {

    /** The option's name. */
    String QASM_FILE = "qasmFile";

    /**
     * The option's definition: {@code -qasm-file path}, default empty (nothing written).
     *
     * @param tip what the classifier writes (also the command-line description)
     * @return the option
     */
    static OptionDef option(String tip) {
        return OptionDef.ofString(QASM_FILE, "qasm-file", "", "path", tip);
    }

    /** @return the classifier's current option values (live) */
    OptionValues optionValues();

    /** @return tip text */
    default String qasmFileTipText() {
        return optionValues().spec().tip(QASM_FILE);
    }

    /** @return the file the trained circuits' OpenQASM is written to after training, or empty for none */
    default String getQasmFile() {
        return optionValues().getString(QASM_FILE);
    }

    /** @param v the file to write the trained circuits' OpenQASM to after training, or empty for none */
    default void setQasmFile(String v) {
        optionValues().store(QASM_FILE, v);
    }
}

package org.hybridqml.sim.qasm;

/**
 * OpenQASM text that {@link OpenQasmImporter} cannot turn into a circuit: a syntax error, an unknown or unsupported
 * gate or statement, a wrong argument count, a qubit out of range. The message starts with {@code "line N: "}.
 */
public final class QasmParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The 1-based line of the offending token. */
    private final int line;

    /**
     * Creates the exception.
     *
     * @param line    1-based line of the offending token
     * @param message what is wrong, naming the gate or token
     */
    public QasmParseException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** @return the 1-based line of the offending token */
    public int line() {
        return line;
    }
}

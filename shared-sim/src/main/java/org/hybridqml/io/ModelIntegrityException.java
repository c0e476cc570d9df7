package org.hybridqml.io;

import java.io.IOException;
import java.util.Objects;

/**
 * A saved model that cannot be read back as it was written: the file is empty, ends early, or its bytes changed.
 * The message names the model kind and, when known, the file, and says which of the three it is.
 */
public final class ModelIntegrityException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the saved model. */
    public enum Problem {
        /** The file holds no bytes at all. */
        EMPTY("is empty"),
        /** The file ends before the model does. */
        TRUNCATED("is truncated"),
        /** The bytes do not match what was written (checksum mismatch or unreadable structure). */
        CORRUPT("is corrupt");

        private final String phrase;

        Problem(String phrase) {
            this.phrase = phrase;
        }

        /** @return the phrase used in messages, e.g. "is truncated" */
        public String phrase() {
            return phrase;
        }
    }

    /** The model kind named in the message. */
    private final String kind;
    /** The file the model was read from, or null. */
    private final String source;
    /** What is wrong. */
    private final Problem problem;
    /** The specifics, or null. */
    private final String detail;

    /**
     * @param kind    the model kind, e.g. "Tribuo model org.hybridqml.tribuo.multilabel.DressedQuantumCircuitModel"
     * @param source  the file (or other source) the model was read from, or null when unknown
     * @param problem what is wrong
     * @param detail  the specifics (expected and found values)
     * @param cause   the underlying exception, or null
     */
    public ModelIntegrityException(String kind, String source, Problem problem, String detail, Throwable cause) {
        super(message(kind, source, problem, detail), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.source = source;
        this.problem = Objects.requireNonNull(problem, "problem");
        this.detail = detail;
    }

    private static String message(String kind, String source, Problem problem, String detail) {
        return kind + (source == null ? " data " : " file " + source + " ") + problem.phrase()
                + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    }

    /** @return the model kind named in the message */
    public String kind() {
        return kind;
    }

    /** @return the file the model was read from, or null when unknown */
    public String source() {
        return source;
    }

    /** @return what is wrong */
    public Problem problem() {
        return problem;
    }

    /** @return the specifics, without kind and file (may be null) */
    public String detail() {
        return detail;
    }

    /**
     * The same problem, naming the file it was read from (and, if given, a more precise kind).
     *
     * @param file    the file
     * @param newKind the model kind to name, or null to keep this one
     * @return a new exception with this one as its cause
     */
    public ModelIntegrityException withSource(String file, String newKind) {
        return new ModelIntegrityException(newKind == null ? kind : newKind, file, problem, detail, this);
    }
}

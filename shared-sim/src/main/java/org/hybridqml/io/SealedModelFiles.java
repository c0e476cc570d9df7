package org.hybridqml.io;

import org.hybridqml.io.ModelIntegrityException.Problem;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;

/**
 * Reads the first object of a whole Java-serialized model file that holds a {@link SealedModel} proxy, for loaders
 * that have the file (a model-file loader, a command line's {@code -l} check), with the checks a plain
 * {@link ObjectInputStream} cannot make: an empty file, the proxy's framing ({@link SealedModel#checkFraming}), and
 * the end of the file anywhere in the stream. Every error is a {@link ModelIntegrityException} naming the file and
 * the model kind.
 */
public final class SealedModelFiles {

    private SealedModelFiles() {
    }

    /** Opens the object stream over the file's bytes (e.g. with the engine's own class resolution). */
    @FunctionalInterface
    public interface StreamOpener {
        /**
         * @param in the file's bytes
         * @return an object stream reading them
         * @throws IOException when the stream header cannot be read
         */
        ObjectInputStream open(InputStream in) throws IOException;
    }

    /**
     * @param bytes   the whole file
     * @param source  the file, named in messages
     * @param kind    the model kind, named in messages (e.g. "Weka classifier")
     * @param framing {@link SealedModel#framing} of the proxy class the models use
     * @param opener  opens the object stream ({@code ObjectInputStream::new} for the default class resolution)
     * @return the first object of the file (the verified model)
     * @throws ModelIntegrityException when the file is empty, ends early, or its bytes changed
     */
    public static Object readFirstObject(byte[] bytes, String source, String kind, byte[] framing,
                                         StreamOpener opener) throws ModelIntegrityException {
        if (bytes.length == 0) {
            throw new ModelIntegrityException(kind, source, Problem.EMPTY, "0 bytes", null);
        }
        SealedModel.checkFraming(bytes, framing, kind, source);
        try (ObjectInputStream in = opener.open(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (ModelIntegrityException e) {
            throw e.withSource(source, null);
        } catch (IOException e) {
            boolean eof = e instanceof EOFException || (e.getMessage() != null && e.getMessage().contains("EOF"));
            throw new ModelIntegrityException(kind, source, eof ? Problem.TRUNCATED : Problem.CORRUPT,
                    e + " (" + bytes.length + " bytes)", e);
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            throw new ModelIntegrityException(kind, source, Problem.CORRUPT, e.toString(), e);
        }
    }

    /**
     * {@link #readFirstObject} and a check of what it holds.
     *
     * @param bytes    the whole file
     * @param source   the file, named in messages
     * @param kind     the model kind, named in messages
     * @param framing  {@link SealedModel#framing} of the proxy class the models use
     * @param opener   opens the object stream
     * @param type     the class the model must be an instance of
     * @param expected what the model should be, in messages (e.g. "a Tribuo model")
     * @param <T>      that class
     * @return the verified model
     * @throws ModelIntegrityException when the file is empty, ends early, its bytes changed, or it holds another
     *                                 kind of object
     */
    public static <T> T readModel(byte[] bytes, String source, String kind, byte[] framing, StreamOpener opener,
                                  Class<T> type, String expected) throws ModelIntegrityException {
        Object o = readFirstObject(bytes, source, kind, framing, opener);
        if (!type.isInstance(o)) {
            throw new ModelIntegrityException(kind, source, Problem.CORRUPT, "it holds "
                    + (o == null ? "null" : o.getClass().getName()) + ", expected " + expected, null);
        }
        return type.cast(o);
    }
}

package weka.classifiers.functions;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Objects;

/**
 * A trained model that Java serialisation cannot write itself (a DL4J network, a segmenter), kept with a classifier
 * as the model's own serial form: the live model is transient, its bytes are written on the first serialisation
 * (and then reused), and after deserialisation the model is restored from the bytes on first use.
 *
 * @param <M> the model type
 */
final class ModelBytes<M> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Writes a model as bytes. @param <M> the model type */
    @FunctionalInterface
    interface Encoder<M> {
        /** @param model the model @return its serial form @throws Exception when it cannot be written */
        byte[] encode(M model) throws Exception;
    }

    /** Restores a model from bytes. @param <M> the model type */
    @FunctionalInterface
    interface Decoder<M> {
        /** @param bytes a serial form from the matching encoder @return the model @throws Exception on bad bytes */
        M decode(byte[] bytes) throws Exception;
    }

    private final String what;
    private byte[] bytes;
    private transient M model;
    private final transient Encoder<M> encoder;

    /**
     * @param what    what the model is, for the error message when it cannot be serialised (e.g. "segmenter")
     * @param model   the trained model
     * @param encoder writes it when the owner is serialised
     */
    ModelBytes(String what, M model, Encoder<M> encoder) {
        this.what = what;
        this.model = Objects.requireNonNull(model, "model");
        this.encoder = encoder;
    }

    /**
     * @param decoder restores the model from its bytes (used only after deserialisation)
     * @return the model
     * @throws Exception what the decoder throws
     */
    synchronized M get(Decoder<M> decoder) throws Exception {
        if (model == null) {
            model = decoder.decode(bytes);
        }
        return model;
    }

    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        if (bytes == null) {
            try {
                bytes = encoder.encode(model);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("Cannot serialise the " + what + ": " + e.getMessage(), e);
            }
        }
        out.defaultWriteObject();
    }
}

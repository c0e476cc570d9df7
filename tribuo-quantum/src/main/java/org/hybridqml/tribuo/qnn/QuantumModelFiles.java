package org.hybridqml.tribuo.qnn;

import com.google.protobuf.InvalidProtocolBufferException;
import org.hybridqml.io.ModelIntegrityException;
import org.hybridqml.io.ModelIntegrityException.Problem;
import org.hybridqml.io.SealedModelFiles;
import org.tribuo.Model;
import org.tribuo.protos.core.ModelProto;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a saved Tribuo model file of this module, protobuf ({@link Model#serializeToFile}) or Java serialization
 * (an {@link java.io.ObjectOutputStream} holding the model), and says what is wrong with a bad file: every error is a
 * {@link ModelIntegrityException} (or the {@link IOException} of the read) whose message names the file and the
 * model kind and says whether the file is empty, truncated or corrupt.
 *
 * <p>Unlike Tribuo's {@link Model#deserializeFromFile}, which cannot name the file, this loader also checks the
 * Java-serialization header of the checksummed proxy ({@link SealedTribuoModel}), so that no changed byte of a
 * Java-serialized model file of this module loads. Protobuf files of other Tribuo models load as Tribuo loads them
 * (without a checksum); Java-serialized files must hold one of this module's (sealed) models.
 */
public final class QuantumModelFiles {

    /** First two bytes of a Java serialization stream. */
    private static final int JAVA_MAGIC = 0xACED;

    private QuantumModelFiles() {
    }

    /**
     * @param file a model file written with Tribuo's {@code serializeToFile} or with Java serialization
     * @return the model
     * @throws ModelIntegrityException when the file is empty, truncated or corrupt (the message names the file and
     *                                 the model kind)
     * @throws IOException             when the file cannot be read
     */
    public static Model<?> load(Path file) throws IOException {
        return load(Files.readAllBytes(file), file.toString());
    }

    /**
     * Loads a model from the bytes of a model file (e.g. a resource read into memory).
     *
     * @param bytes  the whole file
     * @param source where the bytes come from, named in error messages (e.g. the file or resource name)
     * @return the model
     * @throws ModelIntegrityException when the bytes are empty, truncated or corrupt (the message names the source
     *                                 and the model kind)
     */
    public static Model<?> load(byte[] bytes, String source) throws ModelIntegrityException {
        if (bytes.length == 0) {
            throw new ModelIntegrityException(SealedTribuoModel.KIND, source, Problem.EMPTY, "0 bytes", null);
        }
        if (bytes.length >= 2 && ((bytes[0] & 0xff) << 8 | (bytes[1] & 0xff)) == JAVA_MAGIC) {
            return loadJava(bytes, source);
        }
        return loadProtobuf(bytes, source);
    }

    private static Model<?> loadJava(byte[] bytes, String source) throws ModelIntegrityException {
        String kind = SealedTribuoModel.KIND + " (Java serialization)";
        return SealedModelFiles.readModel(bytes, source, kind, SealedTribuoModel.FRAMING, ObjectInputStream::new,
                Model.class, "a Tribuo model");
    }

    private static Model<?> loadProtobuf(byte[] bytes, String source) throws ModelIntegrityException {
        String kind = SealedTribuoModel.KIND + " (protobuf)";
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            boolean truncated = e.getMessage() != null && e.getMessage().contains("ended unexpectedly");
            throw new ModelIntegrityException(kind, source, truncated ? Problem.TRUNCATED : Problem.CORRUPT,
                    (truncated ? "" : "not a Tribuo model protobuf: ") + e.getMessage() + " (" + bytes.length
                            + " bytes)", e);
        }
        if (!proto.getClassName().isEmpty()) {
            kind = SealedTribuoModel.KIND + " " + proto.getClassName() + " (protobuf)";
        }
        if (!proto.hasSerializedData()) {
            throw new ModelIntegrityException(kind, source, Problem.TRUNCATED, "the file ends before the model data"
                    + " (" + bytes.length + " bytes, class name '" + proto.getClassName() + "', version "
                    + proto.getVersion() + ")", null);
        }
        if (proto.getClassName().isEmpty()) {
            throw new ModelIntegrityException(kind, source, Problem.CORRUPT, "the model class name is missing", null);
        }
        try {
            return Model.deserialize(proto);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
                if (t instanceof ModelIntegrityException m) { // our own check, under Tribuo's reflection wrappers
                    throw new ModelIntegrityException(kind, source, m.problem(), m.detail(), e);
                }
            }
            throw new ModelIntegrityException(kind, source, Problem.CORRUPT, messages(e), e);
        }
    }

    /** The messages of an exception and its causes, without repeats (Tribuo wraps the factory's exception). */
    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
            if (sb.indexOf(m) < 0) {
                sb.append(sb.length() == 0 ? "" : "; ").append(m);
            }
        }
        return sb.toString();
    }
}

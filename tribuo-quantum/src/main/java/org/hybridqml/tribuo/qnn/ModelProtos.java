package org.hybridqml.tribuo.qnn;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import org.hybridqml.io.ModelChecksum;
import org.hybridqml.io.ModelIntegrityException;
import org.hybridqml.io.ModelIntegrityException.Problem;
import org.hybridqml.tribuo.qnn.protos.ChecksummedModelProto;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Output;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelProto;

/**
 * Protobuf plumbing shared by this module's Tribuo models: the {@link ModelProto} envelope their
 * {@code serialize()} returns, with the model's own message sealed in a {@link ChecksummedModelProto} (payload and
 * SHA-256), and the checks of their {@code deserializeFromProto} methods (exact format version, class name, Any
 * type, checksum, output domain type).
 */
public final class ModelProtos {

    /** Type URL prefix that {@link Any#pack(Message)} writes. */
    private static final String TYPE_URL_PREFIX = "type.googleapis.com/";

    private ModelProtos() {
    }

    /**
     * @param modelClass a model class
     * @return the model kind named in error messages, e.g. "Tribuo model org.hybridqml...QuNetModel"
     */
    public static String kind(Class<?> modelClass) {
        return SealedTribuoModel.KIND + " " + modelClass.getName();
    }

    /**
     * @param version    the version found in the protobuf
     * @param current    the version the model class reads (the one it writes)
     * @param modelClass the model class, named in the message
     * @throws IllegalArgumentException when {@code version} is not {@code current}: older versions were written
     *                                  without a checksum and are not read, newer ones are unknown
     */
    public static void checkVersion(int version, int current, Class<?> modelClass) {
        if (version == current) {
            return;
        }
        if (version >= 0 && version < current) {
            throw new IllegalArgumentException(kind(modelClass) + " protobuf version " + version + " is not read"
                    + " (it has no checksum, or the version field is corrupt): expected version " + current
                    + "; train and save the model again");
        }
        throw new IllegalArgumentException("Unknown version " + version + " of " + kind(modelClass)
                + " protobuf, expected version " + current);
    }

    /**
     * @param carrier    the deserialized model metadata
     * @param outputType the output type the model predicts
     * @param <T>        that type
     * @return the carrier's output domain, typed
     * @throws IllegalStateException when the domain is empty or holds another output type
     */
    @SuppressWarnings("unchecked") // guarded by the isInstance check
    public static <T extends Output<T>> ImmutableOutputInfo<T> outputDomain(ModelDataCarrier<?> carrier,
                                                                            Class<T> outputType) {
        ImmutableOutputInfo<?> domain = carrier.outputDomain();
        if (domain.size() == 0 || !outputType.isInstance(domain.getOutput(0))) {
            throw new IllegalStateException("Invalid protobuf, output domain is not a " + outputType.getSimpleName()
                    + " domain, found " + domain.getClass());
        }
        return (ImmutableOutputInfo<T>) domain;
    }

    /**
     * @param payload    the model's own message (metadata and parameters)
     * @param modelClass the model class, whose {@code deserializeFromProto} reads the payload back
     * @param version    the payload's format version
     * @return the envelope Tribuo's {@code Model.deserialize} reads: the payload packed into an Any, serialized,
     *         and sealed with its SHA-256 in a {@link ChecksummedModelProto}
     */
    public static ModelProto envelope(Message payload, Class<?> modelClass, int version) {
        byte[] bytes = Any.pack(payload).toByteArray();
        ChecksummedModelProto sealed = ChecksummedModelProto.newBuilder()
                .setPayload(ByteString.copyFrom(bytes))
                .setSha256(ByteString.copyFrom(ModelChecksum.digest(modelClass.getName(), bytes)))
                .build();
        return ModelProto.newBuilder()
                .setSerializedData(Any.pack(sealed))
                .setClassName(modelClass.getName())
                .setVersion(version)
                .build();
    }

    /**
     * Opens what {@link #envelope} wrote, for a model's {@code deserializeFromProto}: checks the version (exactly
     * {@code current}), the class name, the Any type and the checksum, then unpacks the model's own message.
     *
     * @param version     the envelope's version
     * @param className   the envelope's class name
     * @param message     the envelope's serialized data
     * @param modelClass  the model class reading it
     * @param current     the version that class reads
     * @param payloadType the model's own message type
     * @param <P>         that type
     * @return the verified payload
     * @throws IllegalArgumentException when the version is not {@code current}
     * @throws IllegalStateException    when the class name or the Any type is wrong, the checksum does not match or
     *                                  the payload cannot be parsed; the message names the model kind and the
     *                                  cause is a {@link ModelIntegrityException} where the data are corrupt
     */
    public static <P extends Message> P open(int version, String className, Any message, Class<?> modelClass,
                                             int current, Class<P> payloadType) {
        checkVersion(version, current, modelClass);
        String kind = kind(modelClass);
        if (!modelClass.getName().equals(className)) {
            throw corrupt(kind, "the envelope names class '" + className + "', expected " + modelClass.getName(),
                    null);
        }
        // The whole type URL, not only Any.is()'s type name after the last '/', so that no byte of it can change.
        String sealedType = TYPE_URL_PREFIX + ChecksummedModelProto.getDescriptor().getFullName();
        if (!sealedType.equals(message.getTypeUrl())) {
            throw corrupt(kind, "the model data have type '" + message.getTypeUrl() + "', expected '" + sealedType
                    + "'", null);
        }
        try {
            ChecksummedModelProto sealed = message.unpack(ChecksummedModelProto.class);
            byte[] payload = sealed.getPayload().toByteArray();
            if (payload.length == 0) {
                throw corrupt(kind, "the model payload is missing", null);
            }
            ModelChecksum.verify(kind, null, modelClass.getName(), payload, sealed.getSha256().toByteArray());
            Any inner = Any.parseFrom(payload);
            P payloadMessage = inner.unpack(payloadType);
            String innerType = TYPE_URL_PREFIX + payloadMessage.getDescriptorForType().getFullName();
            if (!innerType.equals(inner.getTypeUrl())) {
                throw corrupt(kind, "the payload has type '" + inner.getTypeUrl() + "', expected '" + innerType + "'",
                        null);
            }
            return payloadMessage;
        } catch (ModelIntegrityException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InvalidProtocolBufferException e) {
            throw corrupt(kind, "cannot parse the model data: " + e.getMessage(), e);
        }
    }

    /**
     * The verified payload of a model's envelope (for tools and tests that inspect or edit a saved model; re-seal
     * an edited payload with {@link #envelope}).
     *
     * @param proto       an envelope from {@link #envelope}
     * @param modelClass  the model class named in it
     * @param payloadType the model's own message type
     * @param <P>         that type
     * @return the payload
     * @throws IllegalStateException as {@link #open} (the version is not checked)
     */
    public static <P extends Message> P payload(ModelProto proto, Class<?> modelClass, Class<P> payloadType) {
        return open(proto.getVersion(), proto.getClassName(), proto.getSerializedData(), modelClass,
                proto.getVersion(), payloadType);
    }

    private static IllegalStateException corrupt(String kind, String detail, Throwable cause) {
        ModelIntegrityException e = new ModelIntegrityException(kind, null, Problem.CORRUPT, detail, cause);
        return new IllegalStateException(e.getMessage(), e);
    }
}

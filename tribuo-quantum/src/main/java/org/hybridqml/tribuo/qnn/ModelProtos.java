package org.hybridqml.tribuo.qnn;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Output;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelProto;

/**
 * Protobuf plumbing shared by this module's Tribuo models: the {@link ModelProto} envelope their
 * {@code serialize()} returns, and the checks of their {@code deserializeFromProto} methods (format version, output
 * domain type).
 */
public final class ModelProtos {

    private ModelProtos() {
    }

    /**
     * @param version the version found in the protobuf
     * @param current the newest version the model class reads
     * @throws IllegalArgumentException when {@code version} is negative or newer than {@code current}
     */
    public static void checkVersion(int version, int current) {
        if (version < 0 || version > current) {
            throw new IllegalArgumentException("Unknown version " + version + ", this class supports at most version "
                    + current);
        }
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
     * @return the envelope Tribuo's {@code Model.deserialize} reads
     */
    public static ModelProto envelope(Message payload, Class<?> modelClass, int version) {
        return ModelProto.newBuilder()
                .setSerializedData(Any.pack(payload))
                .setClassName(modelClass.getName())
                .setVersion(version)
                .build();
    }
}

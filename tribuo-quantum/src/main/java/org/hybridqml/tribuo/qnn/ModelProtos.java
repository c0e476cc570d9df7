package org.hybridqml.tribuo.qnn;

import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Output;
import org.tribuo.impl.ModelDataCarrier;

/**
 * Checks shared by the {@code deserializeFromProto} methods of this module's Tribuo models: the serialized format
 * version, and the output domain's type.
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
}

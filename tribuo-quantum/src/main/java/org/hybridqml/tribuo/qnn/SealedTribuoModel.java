package org.hybridqml.tribuo.qnn;

import org.hybridqml.io.SealedModel;
import org.tribuo.Model;

import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.io.Serial;

/**
 * The checksummed Java-serialization form of this module's Tribuo models ({@link SealedModel}): each model's
 * {@code writeReplace()} returns {@link #replace}, so a Java-serialized model file holds the model's own
 * serialization with its SHA-256, verified before the model is read back.
 */
public final class SealedTribuoModel extends SealedModel {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The model kind named in error messages. */
    public static final String KIND = "Tribuo model";

    /** The stream header and class descriptors this version writes before the proxy's data. */
    static final byte[] FRAMING = SealedModel.framing(SealedTribuoModel::new);

    SealedTribuoModel(Object model) throws NotSerializableException {
        super(model);
    }

    /**
     * What a model's {@code writeReplace()} returns.
     *
     * @param model the model being serialized
     * @return the proxy, or the model itself while it is written into its own payload
     * @throws ObjectStreamException when the model cannot be serialized
     */
    public static Object replace(Model<?> model) throws ObjectStreamException {
        return SealedModel.replace(model, SealedTribuoModel::new);
    }

    @Override
    protected String kind() {
        return KIND;
    }
}

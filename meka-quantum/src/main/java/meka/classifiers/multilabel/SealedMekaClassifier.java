package meka.classifiers.multilabel;

import org.hybridqml.io.SealedModel;

import java.io.NotSerializableException;
import java.io.Serial;

/**
 * The checksummed Java-serialization form of {@link DQC} ({@link SealedModel}): its {@code writeReplace()} returns
 * it, so a saved MEKA classifier ({@code -d}, the MEKA Explorer, {@code SerializationHelper.write}) holds the
 * classifier's own serialization with its SHA-256, verified before the classifier is read back.
 */
final class SealedMekaClassifier extends SealedModel {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The model kind named in error messages. */
    static final String KIND = "MEKA classifier";

    /** The stream header and class descriptors this version writes before the proxy's data. */
    static final byte[] FRAMING = SealedModel.framing(SealedMekaClassifier::new);

    SealedMekaClassifier(Object model) throws NotSerializableException {
        super(model);
    }

    @Override
    protected String kind() {
        return KIND;
    }
}

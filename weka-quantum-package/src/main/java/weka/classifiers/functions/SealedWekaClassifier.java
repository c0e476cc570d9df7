package weka.classifiers.functions;

import org.hybridqml.io.SealedModel;

import java.io.NotSerializableException;
import java.io.Serial;

/**
 * The checksummed Java-serialization form of this package's classifiers ({@link SealedModel}):
 * {@link AbstractQuantumClassifier}'s {@code writeReplace()} returns it, so a saved classifier (Weka's {@code -d}
 * file, the Explorer's "Save model", {@code SerializationHelper.write}) holds the classifier's own serialization with
 * its SHA-256, verified before the classifier is read back.
 */
final class SealedWekaClassifier extends SealedModel {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The model kind named in error messages. */
    static final String KIND = "Weka classifier";

    /** The stream header and class descriptors this version writes before the proxy's data. */
    static final byte[] FRAMING = SealedModel.framing(SealedWekaClassifier::new);

    SealedWekaClassifier(Object model) throws NotSerializableException {
        super(model);
    }

    @Override
    protected String kind() {
        return KIND;
    }
}

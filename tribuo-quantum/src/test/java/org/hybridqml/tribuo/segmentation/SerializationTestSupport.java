package org.hybridqml.tribuo.segmentation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/** Java serialization round trip for tests. */
public final class SerializationTestSupport {
    private SerializationTestSupport() {
    }

    /**
     * Writes and reads back an object with Java serialization.
     *
     * @param value the object
     * @param <T>   its type
     * @return the deserialized copy
     */
    @SuppressWarnings("unchecked")
    public static <T extends Serializable> T javaRoundTrip(T value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("Java serialization round trip failed for " + value, e);
        }
    }
}

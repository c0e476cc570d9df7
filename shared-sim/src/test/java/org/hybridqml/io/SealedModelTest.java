package org.hybridqml.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The checksummed Java-serialization proxy on a small stand-in model. */
class SealedModelTest {

    /** A stand-in model that seals itself. */
    static final class Toy implements Serializable {
        private static final long serialVersionUID = 1L;
        final String name;
        final double[] weights;
        final Toy inner;

        Toy(String name, double[] weights, Toy inner) {
            this.name = name;
            this.weights = weights;
            this.inner = inner;
        }

        private Object writeReplace() throws ObjectStreamException {
            return SealedModel.replace(this, SealedToy::new);
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            SealedModel.requireSealed(this, "Toy model");
            in.defaultReadObject();
        }
    }

    /** The stand-in's proxy. */
    static final class SealedToy extends SealedModel {
        private static final long serialVersionUID = 1L;

        SealedToy(Object model) throws NotSerializableException {
            super(model);
        }

        @Override
        protected String kind() {
            return "Toy model";
        }
    }

    private static byte[] write(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object read(byte[] b) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            return in.readObject();
        }
    }

    private static Toy toy() {
        double[] w = new double[300];
        Arrays.setAll(w, i -> Math.sin(i));
        return new Toy("outer", w, new Toy("inner", new double[]{1, 2, 3}, null));
    }

    @Test
    void roundTripKeepsTheModelAndItsNestedModel() throws Exception {
        Toy back = (Toy) read(write(toy()));
        assertEquals("outer", back.name);
        assertArrayEquals(toy().weights, back.weights);
        assertEquals("inner", back.inner.name);
        assertArrayEquals(new double[]{1, 2, 3}, back.inner.weights);
    }

    /** Offset of the first byte after the proxy's class descriptors: the checksummed data start there. */
    private static int dataStart(byte[] b) {
        // The proxy's data begin with the format int 1 followed by the UTF length of the class name.
        String name = Toy.class.getName();
        byte[] marker = {0, 0, 0, 1, 0, (byte) name.length()};
        outer:
        for (int i = 0; i + marker.length <= b.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (b[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no proxy data found");
    }

    private static Object readChecked(byte[] b) throws IOException, ClassNotFoundException {
        SealedModel.checkFraming(b, SealedModel.framing(SealedToy::new), "Toy model", "toy.ser");
        return read(b);
    }

    /**
     * Every byte flipped (xor 0x01 and xor 0x80): a reader with the whole file (framing check, then Java
     * serialization) rejects all, naming the kind; plain Java serialization rejects every flip in the proxy's data
     * naming the kind, and in the framing before it loads only flips of descriptor flag bits and field-count
     * high bytes that {@link ObjectInputStream} ignores (they give back the identical model).
     */
    @Test
    void everyFlippedByteFailsAndNamesTheKind() throws Exception {
        byte[] good = write(toy());
        int start = dataStart(good);
        int plainSilent = 0;
        for (int mask : new int[]{0x01, 0x80}) {
            for (int i = 0; i < good.length; i++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) mask;
                String where = "byte " + i + " of " + good.length + " xor 0x" + Integer.toHexString(mask);
                try {
                    Object o = readChecked(bad);
                    fail(where + " loaded silently as " + o);
                } catch (IOException | ClassNotFoundException | RuntimeException e) {
                    assertNotNull(e.getMessage(), where + ": " + e);
                    assertTrue(e.getMessage().contains("Toy model"), where + ": " + e);
                }
                try {
                    read(bad);
                    assertTrue(i < start, where + " loaded silently through plain Java serialization");
                    plainSilent++;
                } catch (IOException | ClassNotFoundException | RuntimeException e) {
                    if (i >= start) {
                        assertNotNull(e.getMessage(), where + ": " + e);
                        assertTrue(e.getMessage().contains("Toy model"), where + ": " + e);
                    }
                }
            }
        }
        // Measured: 5 (the two descriptors' flag bytes and field-count high bytes that the JDK ignores).
        assertTrue(plainSilent <= 6, plainSilent + " framing flips loaded through plain Java serialization");
    }

    @Test
    void aStreamThatBypassesTheProxyIsRejected() throws Exception {
        byte[] raw = SealedModel.unsealedSerialization(toy(), SealedToy::new);
        java.io.InvalidObjectException e = assertThrows(java.io.InvalidObjectException.class, () -> read(raw));
        assertTrue(e.getMessage().contains("Toy model " + Toy.class.getName() + " is not in its checksummed form"),
                e.getMessage());
    }

    @Test
    void truncatedStreamSaysTruncated() throws Exception {
        byte[] good = write(toy());
        int start = dataStart(good);
        for (int len = start + 1; len < good.length; len += 97) {
            int cut = len;
            ModelIntegrityException e = assertThrows(ModelIntegrityException.class,
                    () -> read(Arrays.copyOf(good, cut)));
            assertEquals(ModelIntegrityException.Problem.TRUNCATED, e.problem(), e.getMessage());
            assertTrue(e.getMessage().contains("Toy model") && e.getMessage().contains("truncated"),
                    e.getMessage());
        }
    }
}

package org.hybridqml.io;

import org.hybridqml.io.ModelIntegrityException.Problem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Serialization proxy that makes a Java-serialized model tamper-evident. A model class returns
 * {@code SealedModel.replace(this, MySealedModel::new)} from its {@code writeReplace()}; the proxy then writes the
 * model's class name, the model's own Java serialization as a length-prefixed payload, and the SHA-256 of both
 * ({@link ModelChecksum}). On reading, the proxy checks the length and the checksum before it deserializes the
 * payload ({@code readResolve}), so a changed byte or a cut-off stream is a {@link ModelIntegrityException} naming
 * the model kind (the subclass's {@link #kind()}, fixed in code, so corrupt bytes cannot garble it) and the class,
 * never a silently different model and never an exception without a message.
 *
 * <p>The payload is written by a nested stream while the model is marked (per thread, by identity) as being
 * sealed, so its {@code writeReplace()} returns the model itself there; models nested in the payload are sealed on
 * their own. The payload is read with the subclass's class loader first (so that it works inside plugin class
 * loaders such as Weka's package loader) and the outer stream's {@link ObjectInputFilter}, if any.
 *
 * <p>What the checksum cannot cover is the Java-serialization framing of the proxy itself (the stream header and
 * the proxy's class descriptor, a few dozen bytes at the start of the stream): a change there fails in
 * {@link ObjectInputStream} with its own exception (unknown class, incompatible serialVersionUID, corrupt stream).
 */
public abstract class SealedModel implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Format of the proxy's data. */
    private static final int FORMAT = 1;

    /** Payloads are read in chunks of this size, so a corrupt length cannot make one huge allocation. */
    private static final int CHUNK = 1 << 16;

    private static final ThreadLocal<Set<Object>> SEALING =
            ThreadLocal.withInitial(() -> Collections.newSetFromMap(new IdentityHashMap<>()));

    /** Depth of payload deserialization on this thread ({@link #readResolve} of a verified proxy). */
    private static final ThreadLocal<int[]> UNSEALING = ThreadLocal.withInitial(() -> new int[1]);

    private transient String modelClass;
    private transient byte[] payload;
    private transient byte[] digest;
    private transient ObjectInputFilter filter;

    /**
     * Seals a model: serializes it now into the payload.
     *
     * @param model the model (serializable)
     * @throws NotSerializableException when the model cannot be serialized
     */
    protected SealedModel(Object model) throws NotSerializableException {
        this.modelClass = model.getClass().getName();
        Set<Object> sealing = SEALING.get();
        sealing.add(model);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        } catch (NotSerializableException e) {
            throw e;
        } catch (IOException e) {
            NotSerializableException n = new NotSerializableException(kind() + " " + modelClass
                    + " cannot be serialized: " + e);
            n.initCause(e);
            throw n;
        } finally {
            sealing.remove(model);
        }
        this.payload = bytes.toByteArray();
        this.digest = ModelChecksum.digest(modelClass, payload);
    }

    /**
     * The serialization-proxy guard for a model's {@code readObject}: a sealed model class is read only from the
     * verified payload of its proxy, so a stream that holds the model class directly (a file saved before
     * checksums, or bytes crafted to bypass the proxy) is rejected instead of loading unverified.
     *
     * @param model the model being deserialized
     * @param kind  the model kind for the message
     * @throws InvalidObjectException when the model is not being read from a verified proxy's payload
     */
    public static void requireSealed(Object model, String kind) throws InvalidObjectException {
        if (UNSEALING.get()[0] == 0) {
            throw new InvalidObjectException(kind + " " + model.getClass().getName() + " is not in its checksummed"
                    + " form (saved before model checksums, or a stream that bypasses the checksum): save the model"
                    + " again");
        }
    }

    /**
     * The model's own Java serialization, as the proxy stores it in its payload (without the proxy): for tests that
     * check that such a stream is rejected by {@link #requireSealed}.
     *
     * @param model a model whose {@code writeReplace()} uses this class
     * @param seal  the proxy constructor
     * @return the payload bytes
     * @throws NotSerializableException when the model cannot be serialized
     */
    public static byte[] unsealedSerialization(Object model, SealFunction seal) throws NotSerializableException {
        return seal.apply(model).payload.clone();
    }

    /**
     * What a model's {@code writeReplace()} returns.
     *
     * @param model the model being serialized
     * @param seal  the subclass's constructor
     * @return the model itself while it is being written into its own payload, else a new proxy
     * @throws ObjectStreamException when the model cannot be serialized
     */
    public static Object replace(Object model, SealFunction seal) throws ObjectStreamException {
        if (SEALING.get().contains(model)) {
            return model;
        }
        return seal.apply(model);
    }

    /** A subclass constructor, for {@link #replace}. */
    @FunctionalInterface
    public interface SealFunction {
        /**
         * @param model the model
         * @return its proxy
         * @throws NotSerializableException when the model cannot be serialized
         */
        SealedModel apply(Object model) throws NotSerializableException;
    }

    /**
     * The model kind named in error messages, e.g. "Weka classifier": a constant of the subclass, not read from the
     * stream.
     *
     * @return the kind
     */
    protected abstract String kind();

    private String describe() {
        return modelClass == null ? kind() : kind() + " " + modelClass;
    }

    /**
     * @param out the stream
     * @throws IOException on a write error
     * @serialData the format int (1), the model class name (UTF), the payload length (int), the payload bytes, the
     *             32 bytes of SHA-256 ({@link ModelChecksum#digest} of class name and payload)
     */
    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.writeInt(FORMAT);
        out.writeUTF(modelClass);
        out.writeInt(payload.length);
        out.write(payload);
        out.write(digest);
    }

    /**
     * Reads what {@link #writeObject} wrote, with the payload read in chunks up to its stored length, and verifies
     * the checksum.
     *
     * @param in the stream
     * @throws ModelIntegrityException when the data are truncated or corrupt (never an exception without message)
     * @throws IOException             on other read errors
     */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException {
        filter = in.getObjectInputFilter();
        try {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new ModelIntegrityException(kind(), null, Problem.CORRUPT, "unknown format " + format
                        + ", expected " + FORMAT, null);
            }
            modelClass = in.readUTF();
            int length = in.readInt();
            if (length < 0) {
                throw new ModelIntegrityException(describe(), null, Problem.CORRUPT, "the stored payload length "
                        + length + " is negative", null);
            }
            payload = readExactly(in, length, "payload");
            digest = readExactly(in, ModelChecksum.DIGEST_BYTES, "SHA-256 checksum");
        } catch (ModelIntegrityException e) {
            throw e;
        } catch (IOException e) {
            if (endOfStream(e)) {
                throw new ModelIntegrityException(describe(), null, Problem.TRUNCATED,
                        "the stream ended inside the model's header (" + e + ")", e);
            }
            throw new ModelIntegrityException(describe(), null, Problem.CORRUPT,
                    "cannot read the model's header: " + e, e);
        } catch (RuntimeException e) {
            throw new ModelIntegrityException(describe(), null, Problem.CORRUPT,
                    "cannot read the model's header: " + e, e);
        }
        ModelChecksum.verify(describe(), null, modelClass, payload, digest);
        int extra;
        try {
            extra = in.read();
        } catch (IOException e) {
            throw new ModelIntegrityException(describe(), null, endOfStream(e) ? Problem.TRUNCATED : Problem.CORRUPT,
                    "the stream ends or its framing is corrupt after the checksum: " + e, e);
        }
        if (extra != -1) {
            throw new ModelIntegrityException(describe(), null, Problem.CORRUPT,
                    "unexpected data after the SHA-256 checksum", null);
        }
    }

    /**
     * Checks the part of a Java-serialized sealed model that the checksum cannot cover: the stream header and the
     * proxy's class descriptors, which must be exactly those this version writes. {@link ObjectInputStream} ignores
     * some descriptor flag bits, so only a reader that has the whole file (such as a model-file loader) can detect
     * a change there; call this before deserializing.
     *
     * @param stream  the whole serialized stream (starting with the stream header)
     * @param framing what {@link #framing} returns for the proxy class the model class uses (compute it once)
     * @param kind    the model kind for the message
     * @param source  the file, or null when unknown
     * @throws ModelIntegrityException when the stream is shorter than the framing ({@code TRUNCATED}) or differs
     *                                 from it ({@code CORRUPT}, naming the first differing byte)
     */
    public static void checkFraming(byte[] stream, byte[] framing, String kind, String source)
            throws ModelIntegrityException {
        for (int i = 0; i < framing.length; i++) {
            if (i >= stream.length) {
                throw new ModelIntegrityException(kind, source, Problem.TRUNCATED, "the file ends at byte "
                        + stream.length + ", inside the " + framing.length + "-byte serialization header", null);
            }
            if (stream[i] != framing[i]) {
                throw new ModelIntegrityException(kind, source, Problem.CORRUPT, String.format(
                        "byte %d of the %d-byte serialization header is 0x%02x, expected 0x%02x", i, framing.length,
                        stream[i] & 0xff, framing[i] & 0xff), null);
            }
        }
    }

    /**
     * @param seal a proxy constructor
     * @return the stream header and class descriptors that precede the proxy's data (the bytes up to its first
     *         block-data header), for {@link #checkFraming}
     */
    public static byte[] framing(SealFunction seal) {
        String probe = "framing probe";
        byte[] bytes;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new ObjectOutputStream(out)) {
                o.writeObject(seal.apply(probe));
            }
            bytes = out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a sealed probe", e);
        }
        byte[] marker = {0, 0, 0, FORMAT, 0, (byte) String.class.getName().length()};
        for (int i = 2; i + marker.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
                if ((bytes[i - 2] & 0xff) == 0x77) { // TC_BLOCKDATA, 1-byte length
                    return Arrays.copyOf(bytes, i - 2);
                }
                return Arrays.copyOf(bytes, i - 5); // TC_BLOCKDATALONG, 4-byte length
            }
        }
        throw new IllegalStateException("no proxy data in the sealed probe");
    }

    private byte[] readExactly(ObjectInputStream in, int length, String what) throws ModelIntegrityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(length, CHUNK));
        byte[] buf = new byte[Math.min(Math.max(length, 1), CHUNK)];
        int found = 0;
        try {
            while (found < length) {
                int n = in.read(buf, 0, Math.min(buf.length, length - found));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                found += n;
            }
        } catch (IOException e) {
            throw new ModelIntegrityException(describe(), null, endOfStream(e) ? Problem.TRUNCATED : Problem.CORRUPT,
                    "cannot read the " + what
                    + " (" + length + " bytes expected, " + found + " read): " + e, e);
        }
        if (found < length) {
            throw new ModelIntegrityException(describe(), null, Problem.TRUNCATED, "expected " + length + " "
                    + what + " bytes, found " + found, null);
        }
        return out.toByteArray();
    }

    /**
     * @param e an exception of a stream read
     * @return whether it reports the end of the data ({@link EOFException}, or the "unexpected EOF" of a block)
     */
    private static boolean endOfStream(IOException e) {
        return e instanceof EOFException || (e.getMessage() != null && e.getMessage().contains("EOF"));
    }

    /**
     * Deserializes the verified payload.
     *
     * @return the model
     * @throws ObjectStreamException ({@link InvalidObjectException}) when the verified payload still cannot be
     *                               read (e.g. written by an incompatible version) or holds another class
     */
    @Serial
    protected final Object readResolve() throws ObjectStreamException {
        Object model;
        int[] depth = UNSEALING.get();
        depth[0]++;
        try (ObjectInputStream in = new PayloadStream(new ByteArrayInputStream(payload), getClass().getClassLoader())) {
            if (filter != null) {
                in.setObjectInputFilter(filter);
            }
            model = in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            InvalidObjectException x = new InvalidObjectException(describe()
                    + " passed its checksum but cannot be deserialized (saved by an incompatible version?): " + e);
            x.initCause(e);
            throw x;
        } finally {
            depth[0]--;
        }
        if (model == null || !model.getClass().getName().equals(modelClass)) {
            throw new InvalidObjectException(describe() + " payload holds "
                    + (model == null ? "null" : model.getClass().getName()) + ", expected " + modelClass);
        }
        return model;
    }

    /** Reads the payload with a given class loader first, then the default resolution. */
    private static final class PayloadStream extends ObjectInputStream {
        private final ClassLoader loader;

        PayloadStream(ByteArrayInputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // primitives and classes only the default resolution finds
                }
            }
            return super.resolveClass(desc);
        }
    }
}

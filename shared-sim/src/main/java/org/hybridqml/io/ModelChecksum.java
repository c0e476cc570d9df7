package org.hybridqml.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 checksums of saved-model payloads, engine-neutral: the adapters store {@link #digest} next to the
 * payload bytes and call {@link #verify} before they read the payload back, so a changed byte is an error naming
 * the model kind instead of a silently different model.
 */
public final class ModelChecksum {

    /** Length in bytes of a digest. */
    public static final int DIGEST_BYTES = 32;

    private ModelChecksum() {
    }

    /**
     * @param label   what the payload is (e.g. the model class name); part of the digest, so a payload read under
     *                another label does not verify
     * @param payload the payload bytes
     * @return SHA-256 over the label's UTF-8 length and bytes, then the payload
     */
    public static byte[] digest(String label, byte[] payload) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        byte[] name = label.getBytes(StandardCharsets.UTF_8);
        sha.update(new byte[]{(byte) (name.length >>> 24), (byte) (name.length >>> 16), (byte) (name.length >>> 8),
                (byte) name.length});
        sha.update(name);
        sha.update(payload);
        return sha.digest();
    }

    /**
     * Checks a payload against its stored digest.
     *
     * @param kind    the model kind for the message (e.g. "Weka classifier weka.classifiers.functions.X")
     * @param source  the file the payload was read from, or null when unknown
     * @param label   the label the digest was computed with
     * @param payload the payload as read
     * @param stored  the digest as read
     * @throws ModelIntegrityException ({@link ModelIntegrityException.Problem#CORRUPT}) when a part is missing, the
     *                                 stored digest has the wrong length, or the digests differ
     */
    public static void verify(String kind, String source, String label, byte[] payload, byte[] stored)
            throws ModelIntegrityException {
        if (payload == null || stored == null) {
            throw new ModelIntegrityException(kind, source, ModelIntegrityException.Problem.CORRUPT,
                    (payload == null ? "the payload" : "the SHA-256 checksum") + " is missing", null);
        }
        if (stored.length != DIGEST_BYTES) {
            throw new ModelIntegrityException(kind, source, ModelIntegrityException.Problem.CORRUPT,
                    "the stored SHA-256 checksum has " + stored.length + " bytes, expected " + DIGEST_BYTES, null);
        }
        byte[] actual = digest(label, payload);
        if (!MessageDigest.isEqual(actual, stored)) {
            throw new ModelIntegrityException(kind, source, ModelIntegrityException.Problem.CORRUPT,
                    "SHA-256 of the " + payload.length + " payload bytes is " + HexFormat.of().formatHex(actual)
                            + ", expected the stored " + HexFormat.of().formatHex(stored)
                            + " (the bytes changed after the model was saved)", null);
        }
    }
}

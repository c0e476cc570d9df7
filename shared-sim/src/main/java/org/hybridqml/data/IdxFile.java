package org.hybridqml.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An unsigned-byte IDX file (the MNIST format), optionally gzip-compressed.
 *
 * @param dimensions the sizes of each dimension, first is the number of items
 * @param values     all values, row-major, as unsigned ints 0–255
 */
public record IdxFile(int[] dimensions, int[] values) {

    /**
     * Reads an IDX file of unsigned bytes (type code 0x08). Files ending in {@code .gz} are decompressed.
     *
     * @param file the file
     * @return its contents
     * @throws IOException if the file is missing, truncated or not an unsigned-byte IDX file; the message names it
     */
    public static IdxFile read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream in = new DataInputStream(
                     file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw)) {
            int magic = in.readInt();
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != 0x08) {
                throw new IOException("Not an unsigned-byte IDX file (magic 0x" + Integer.toHexString(magic) + "): "
                        + file);
            }
            int rank = magic & 0xff;
            int[] dims = new int[rank];
            long total = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 0) {
                    throw new IOException("IDX file " + file + " declares a negative size " + dims[i]
                            + " for dimension " + i);
                }
                total *= dims[i];
                if (total > Integer.MAX_VALUE) {
                    throw new IOException("IDX file too large: " + file + " declares " + Arrays.toString(dims));
                }
            }
            byte[] bytes = new byte[(int) total];
            in.readFully(bytes);
            int[] values = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                values[i] = bytes[i] & 0xff;
            }
            return new IdxFile(dims, values);
        } catch (IOException | RuntimeException e) {
            throw FileErrors.naming("IDX file", file, e);
        }
    }

    /** @return the number of items (first dimension) */
    public int count() {
        return dimensions[0];
    }
}

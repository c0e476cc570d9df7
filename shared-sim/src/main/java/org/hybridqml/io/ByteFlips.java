package org.hybridqml.io;

import java.util.TreeSet;

/**
 * Byte positions for corruption drills on saved model files (used by the model-file integrity tests of every
 * module): every byte of a small file, or every byte of its head and tail plus evenly spread positions in between.
 */
public final class ByteFlips {

    /** Bytes at the start of a file that are always flipped (envelopes and headers live there). */
    public static final int HEAD = 256;
    /** Bytes at the end of a file that are always flipped (checksums and trailers live there). */
    public static final int TAIL = 64;

    private ByteFlips() {
    }

    /**
     * @param length     the file length
     * @param everyUpTo  flip every byte when the file has at most this many bytes
     * @param spread     otherwise, how many evenly spread positions to add to the head and tail
     * @return the positions, ascending
     */
    public static int[] positions(int length, int everyUpTo, int spread) {
        TreeSet<Integer> set = new TreeSet<>();
        if (length <= everyUpTo) {
            for (int i = 0; i < length; i++) {
                set.add(i);
            }
        } else {
            for (int i = 0; i < Math.min(HEAD, length); i++) {
                set.add(i);
            }
            for (int i = Math.max(0, length - TAIL); i < length; i++) {
                set.add(i);
            }
            for (int k = 0; k < spread; k++) {
                set.add((int) ((long) k * (length - 1) / Math.max(1, spread - 1)));
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param bytes    the original bytes (not changed)
     * @param position a position in them
     * @param mask     the bits to flip (non-zero)
     * @return a copy with {@code bytes[position] ^= mask}
     */
    public static byte[] flipped(byte[] bytes, int position, int mask) {
        byte[] copy = bytes.clone();
        copy[position] ^= (byte) mask;
        return copy;
    }
}

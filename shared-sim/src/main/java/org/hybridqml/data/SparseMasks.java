package org.hybridqml.data;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Dense binary masks from per-pixel labels that may cover only part of an image (e.g. a per-pixel data set
 * subsampled with a stride, or a training fold that holds some of an image's pixels): every labelled pixel keeps its
 * label, every other pixel takes the label of the nearest labelled pixel (4-neighbour path distance; ties go to the
 * labelled pixel listed first). With all pixels labelled the mask is exactly the labels.
 */
public final class SparseMasks {

    private SparseMasks() {
    }

    /**
     * Builds a dense H&middot;W mask (row-major, values 0 or 1).
     *
     * @param height     image height
     * @param width      image width
     * @param rows       row of each labelled pixel
     * @param cols       column of each labelled pixel
     * @param foreground label of each labelled pixel
     * @return the mask
     * @throws IllegalArgumentException if there is no labelled pixel, the arrays differ in length, a position is
     *                                  outside the image, or one pixel has two different labels
     */
    public static float[] fill(int height, int width, int[] rows, int[] cols, boolean[] foreground) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        if (rows.length != cols.length || rows.length != foreground.length) {
            throw new IllegalArgumentException("rows, columns and labels differ in length: " + rows.length + ", "
                    + cols.length + ", " + foreground.length);
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException("no labelled pixel");
        }
        byte[] label = new byte[height * width];
        Arrays.fill(label, (byte) -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= height || cols[i] < 0 || cols[i] >= width) {
                throw new IllegalArgumentException("pixel (" + rows[i] + ", " + cols[i] + ") is outside the "
                        + height + "x" + width + " image");
            }
            int p = rows[i] * width + cols[i];
            byte v = (byte) (foreground[i] ? 1 : 0);
            if (label[p] < 0) {
                label[p] = v;
                queue.add(p);
            } else if (label[p] != v) {
                throw new IllegalArgumentException("pixel (" + rows[i] + ", " + cols[i] + ") is labelled both "
                        + "foreground and background");
            }
        }
        while (!queue.isEmpty()) {
            int p = queue.poll();
            int r = p / width;
            int c = p % width;
            int[] next = {r > 0 ? p - width : -1, r < height - 1 ? p + width : -1, c > 0 ? p - 1 : -1,
                    c < width - 1 ? p + 1 : -1};
            for (int q : next) {
                if (q >= 0 && label[q] < 0) {
                    label[q] = label[p];
                    queue.add(q);
                }
            }
        }
        float[] mask = new float[label.length];
        for (int p = 0; p < mask.length; p++) {
            mask[p] = label[p];
        }
        return mask;
    }
}

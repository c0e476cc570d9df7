package org.hybridqml.data;

import java.util.Arrays;

/**
 * An image as a dense float tensor in channels-last (height, width, channel) order, values usually in [0, 1].
 *
 * <p>Immutable from the outside: {@link #data()} returns a copy, {@link #get} reads one value.
 */
public final class ImageTensor {
    private final int height;
    private final int width;
    private final int channels;
    private final float[] data;

    /**
     * Creates an image tensor.
     *
     * @param height   rows, &ge; 1
     * @param width    columns, &ge; 1
     * @param channels channels, &ge; 1
     * @param data     height·width·channels values, channels fastest; copied
     * @throws IllegalArgumentException on a size mismatch or a non-finite value
     */
    public ImageTensor(int height, int width, int channels, float[] data) {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("Image dimensions must be positive, got " + height + "x" + width
                    + "x" + channels);
        }
        if (data.length != (long) height * width * channels) {
            throw new IllegalArgumentException("Image data has " + data.length + " values, expected " + height
                    + "x" + width + "x" + channels + " = " + ((long) height * width * channels));
        }
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException("Image value " + i + " is not finite: " + data[i]);
            }
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.data = data.clone();
    }

    /** @return number of rows */
    public int height() {
        return height;
    }

    /** @return number of columns */
    public int width() {
        return width;
    }

    /** @return number of channels */
    public int channels() {
        return channels;
    }

    /**
     * Reads one value.
     *
     * @param row     row index
     * @param col     column index
     * @param channel channel index
     * @return the value
     */
    public float get(int row, int col, int channel) {
        return data[(row * width + col) * channels + channel];
    }

    /** @return a copy of the values, channels-last */
    public float[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ImageTensor)) {
            return false;
        }
        ImageTensor t = (ImageTensor) o;
        return height == t.height && width == t.width && channels == t.channels && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * height + width) + channels) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ImageTensor(" + height + "x" + width + "x" + channels + ")";
    }
}

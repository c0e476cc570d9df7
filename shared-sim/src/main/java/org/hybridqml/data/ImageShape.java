package org.hybridqml.data;

import java.io.Serializable;

/**
 * The shape of an image, channels &times; height &times; width, and the one place where an image is checked against
 * the shape a trainer was configured for or a model was trained on. Every adapter (Tribuo, Weka) calls these checks,
 * so a mismatch is always an {@link IllegalArgumentException} naming the expected and the actual shape, written
 * {@code CxHxW (channels x height x width)}.
 *
 * @param channels channels, &ge; 1
 * @param height   rows, &ge; 1
 * @param width    columns, &ge; 1
 */
public record ImageShape(int channels, int height, int width) implements Serializable {

    /**
     * Validates the sides.
     *
     * @param channels channels, &ge; 1
     * @param height   rows, &ge; 1
     * @param width    columns, &ge; 1
     */
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1 || (long) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("An image shape needs positive channels, height and width, got "
                    + channels + "x" + height + "x" + width + " (channels x height x width)");
        }
    }

    /** @return channels &middot; height &middot; width, the number of values of one image */
    public int values() {
        return channels * height * width;
    }

    /** @return {@code CxHxW (channels x height x width)} */
    public String describe() {
        return channels + "x" + height + "x" + width + " (channels x height x width)";
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }

    /**
     * Requires an image to have exactly this shape.
     *
     * @param subject  what is checked, e.g. "example 3", "image 'cat.png'"
     * @param actual   its shape
     * @param expected what this shape is, e.g. "the trainer's configured image shape", "the model's training image
     *                 shape"
     * @throws IllegalArgumentException naming both shapes when they differ
     */
    public void require(String subject, ImageShape actual, String expected) {
        if (!equals(actual)) {
            throw new IllegalArgumentException(subject + " is a " + actual.describe() + " image, but " + expected
                    + " is " + describe() + mismatch(actual));
        }
    }

    /**
     * Requires an image given as a flat array of values (no shape of its own) to have this shape's number of values.
     *
     * @param subject  what is checked
     * @param count    its number of values
     * @param expected where this shape comes from
     * @throws IllegalArgumentException naming the count and the shape when they differ
     */
    public void requireValues(String subject, long count, String expected) {
        if (count != values()) {
            throw new IllegalArgumentException(subject + " has " + count + " pixel values, but " + expected + " is "
                    + describe() + " = " + values() + " values");
        }
    }

    /**
     * Requires an image to have this shape's channels; its height and width may differ (for models that resize).
     *
     * @param subject  what is checked
     * @param actual   its shape
     * @param expected where this shape comes from
     * @throws IllegalArgumentException naming both channel counts when they differ
     */
    public void requireChannels(String subject, ImageShape actual, String expected) {
        if (actual.channels != channels) {
            throw new IllegalArgumentException(subject + " has " + actual.channels + " channel"
                    + (actual.channels == 1 ? "" : "s") + " (" + actual.describe() + "), but " + expected + " is "
                    + describe() + " with " + channels + " channel" + (channels == 1 ? "" : "s"));
        }
    }

    private String mismatch(ImageShape a) {
        StringBuilder sb = new StringBuilder();
        if (a.channels != channels) {
            sb.append("channels ").append(a.channels).append(" vs ").append(channels);
        }
        if (a.height != height || a.width != width) {
            sb.append(sb.length() > 0 ? ", " : "").append("size ").append(a.height).append('x').append(a.width)
                    .append(" vs ").append(height).append('x').append(width);
        }
        return " (" + sb + ")";
    }
}

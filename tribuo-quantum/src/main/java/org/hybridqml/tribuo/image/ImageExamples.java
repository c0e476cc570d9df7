package org.hybridqml.tribuo.image;

import org.hybridqml.data.ImageShape;
import org.tribuo.Example;
import org.tribuo.Feature;

import java.util.Optional;

/**
 * Images as Tribuo examples: pixel features named by their flat CHW (NCHW per image) index, zero-padded to equal
 * width, and the image's shape in the example's metadata ({@link #CHANNELS}, {@link #HEIGHT}, {@link #WIDTH}), which
 * the project's image data sources always set. The Tribuo image trainers and models read pixels only through
 * {@link #pixels}, which checks an example against the shape the trainer was configured for or the model was
 * trained on (the checks themselves are the core's {@link ImageShape}):
 * <ul>
 *   <li>with shape metadata, the example's own shape is compared (so a 32&times;32 grey image is told apart from a
 *       32&times;32 colour one, which have the same number of digits in their pixel names);</li>
 *   <li>without metadata (e.g. Tribuo's {@code IDXDataSource}), a zero-padded pixel name reveals how many pixels
 *       the image has ({@code IDXDataSource} pads to the digits of the pixel count, the project's sources to those
 *       of the largest index), so an 8&times;8 image ("00".."63") is refused where 28&times;28 ("000".."783") is
 *       expected;</li>
 *   <li>in every case a pixel index beyond the expected shape, or a feature that is not a pixel index, is refused.</li>
 * </ul>
 * An image with fewer pixels is thus never zero-filled to the expected size.
 */
public final class ImageExamples {

    /** Metadata key of the image's channel count. */
    public static final String CHANNELS = "imageChannels";
    /** Metadata key of the image's height. */
    public static final String HEIGHT = "imageHeight";
    /** Metadata key of the image's width. */
    public static final String WIDTH = "imageWidth";

    private ImageExamples() {
    }

    /**
     * @param count pixel values per image, C·H·W
     * @return the feature names "0".."count-1", zero-padded to the width of the largest index
     */
    public static String[] pixelNames(int count) {
        int digits = String.valueOf(Math.max(0, count - 1)).length();
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = String.format("%0" + digits + "d", i);
        }
        return names;
    }

    /**
     * Records an image's shape in an example's metadata.
     *
     * @param example the example (without shape metadata yet)
     * @param shape   the image's shape
     */
    public static void setShape(Example<?> example, ImageShape shape) {
        example.setMetadataValue(CHANNELS, Integer.toString(shape.channels()));
        example.setMetadataValue(HEIGHT, Integer.toString(shape.height()));
        example.setMetadataValue(WIDTH, Integer.toString(shape.width()));
    }

    /**
     * The image shape recorded in an example's metadata.
     *
     * @param example the example
     * @return the shape, or empty when the example has none of the three keys
     * @throws IllegalArgumentException if only some keys are present or a value is not a positive integer
     */
    public static Optional<ImageShape> declaredShape(Example<?> example) {
        Optional<Object> c = example.getMetadataValue(CHANNELS);
        Optional<Object> h = example.getMetadataValue(HEIGHT);
        Optional<Object> w = example.getMetadataValue(WIDTH);
        if (c.isEmpty() && h.isEmpty() && w.isEmpty()) {
            return Optional.empty();
        }
        if (c.isEmpty() || h.isEmpty() || w.isEmpty()) {
            throw new IllegalArgumentException("Example metadata must give all of " + CHANNELS + ", " + HEIGHT
                    + " and " + WIDTH + " or none; got " + CHANNELS + "=" + c.orElse(null) + ", " + HEIGHT + "="
                    + h.orElse(null) + ", " + WIDTH + "=" + w.orElse(null));
        }
        return Optional.of(new ImageShape(positive(CHANNELS, c.get()), positive(HEIGHT, h.get()),
                positive(WIDTH, w.get())));
    }

    private static int positive(String key, Object v) {
        try {
            int i = v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
            if (i >= 1) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Example metadata " + key + " must be a positive integer, got '" + v + "'");
    }

    /**
     * Reads an example's pixels densely (absent features are 0) after checking it against {@code shape}.
     *
     * @param example  the example
     * @param shape    the shape it must have
     * @param scale    factor applied to every value
     * @param subject  how to name the example in messages, e.g. "example 3"
     * @param expected what the shape is, e.g. "the trainer's configured image shape"
     * @return {@code shape.values()} values, CHW
     * @throws IllegalArgumentException if the example's declared shape differs, a pixel name shows another pixel
     *                                  count, a feature is not a pixel index inside the shape, or a value is not
     *                                  finite; the message names the expected and the actual values
     */
    public static float[] pixels(Example<?> example, ImageShape shape, float scale, String subject,
                                 String expected) {
        Optional<ImageShape> own = declaredShape(example);
        if (own.isPresent()) {
            shape.require(subject, own.get(), expected);
        }
        int len = shape.values();
        int[] digitWidths = {String.valueOf(len - 1).length(), String.valueOf(len).length()};
        float[] x = new float[len];
        for (Feature f : example) {
            String name = f.getName().trim();
            int idx;
            try {
                idx = Integer.parseInt(name);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(subject + " has feature '" + f.getName() + "', which is not a pixel"
                        + " index; image features are named by their flat CHW index");
            }
            if (idx < 0 || idx >= len) {
                throw new IllegalArgumentException(subject + " has pixel feature " + f.getName() + ", outside the "
                        + len + " pixel values (0.." + (len - 1) + ") of " + expected + ", " + shape.describe());
            }
            if (own.isEmpty() && name.length() > 1 && name.charAt(0) == '0' && name.length() != digitWidths[0]
                    && name.length() != digitWidths[1]) {
                long lo = (long) Math.pow(10, name.length() - 1);
                throw new IllegalArgumentException(subject + " names its pixels with " + name.length() + " digits ('"
                        + f.getName() + "'), as an image of " + lo + ".." + (10 * lo) + " pixel values would, but "
                        + expected + " is " + shape.describe() + " = " + len + " pixel values (names of "
                        + digitWidths[0] + " digits)");
            }
            double v = f.getValue();
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(subject + " has a non-finite value " + v + " at pixel "
                        + f.getName());
            }
            x[idx] = (float) v * scale;
        }
        return x;
    }
}

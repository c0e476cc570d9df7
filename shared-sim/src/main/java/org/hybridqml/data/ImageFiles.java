package org.hybridqml.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads image files (PNG, JPEG, BMP, GIF; TIFF through {@code javax.imageio} on Java 9+) into {@link ImageTensor}s.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /**
     * Reads an image, scaling 8-bit values to [0, 1].
     *
     * @param file     image file
     * @param channels 1 for grayscale (luma of colour images), 3 for RGB (gray images replicated)
     * @return the image
     * @throws IOException if the file is missing, corrupt or not a readable image format; the message names the file
     */
    public static ImageTensor read(Path file, int channels) throws IOException {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "image file not found");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            // ImageIO's messages ("Error reading PNG image data") do not say which file was corrupt.
            throw FileErrors.naming("image file", file, e);
        }
        if (img == null) {
            throw new IOException("Unknown or unsupported image format: " + file);
        }
        int h = img.getHeight();
        int w = img.getWidth();
        float[] out = new float[h * w * channels];
        boolean gray = img.getColorModel().getNumColorComponents() == 1;
        var raster = img.getRaster();
        int[] px = new int[raster.getNumBands()];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * channels;
                if (gray) {
                    raster.getPixel(x, y, px);
                    float v = px[0] / 255f;
                    for (int c = 0; c < channels; c++) {
                        out[o + c] = v;
                    }
                } else {
                    int rgb = img.getRGB(x, y);
                    float r = ((rgb >> 16) & 0xff) / 255f;
                    float g = ((rgb >> 8) & 0xff) / 255f;
                    float b = (rgb & 0xff) / 255f;
                    if (channels == 1) {
                        out[o] = 0.299f * r + 0.587f * g + 0.114f * b;
                    } else {
                        out[o] = r;
                        out[o + 1] = g;
                        out[o + 2] = b;
                    }
                }
            }
        }
        return new ImageTensor(h, w, channels, out);
    }

    /**
     * Reads an image into a flattened NCHW array (channel-major, then rows, then columns), values in [0, 1], resized
     * by nearest neighbour to {@code height}&times;{@code width} when it has another size.
     *
     * @param file     image file
     * @param channels 1 (grayscale) or 3 (RGB)
     * @param height   target height (&ge; 1)
     * @param width    target width (&ge; 1)
     * @return channels&middot;height&middot;width values
     * @throws IOException if the file is missing or not a readable image
     */
    public static float[] readNchw(Path file, int channels, int height, int width) throws IOException {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("target size must be positive, got " + height + "x" + width
                    + " (height x width)");
        }
        return ImageDirectory.toNchw(read(file, channels), height, width);
    }

    /**
     * The values of an image as a flattened NCHW array (channel-major, then rows, then columns), at its own size.
     *
     * @param image the image
     * @return channels&middot;height&middot;width values
     */
    public static float[] toNchw(ImageTensor image) {
        return ImageDirectory.toNchw(image, image.height(), image.width());
    }
}

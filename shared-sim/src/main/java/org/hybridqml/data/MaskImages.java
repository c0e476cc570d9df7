package org.hybridqml.data;

import org.hybridqml.metrics.BinarySegmentationScorer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes predicted segmentation masks as PNG files: the binary mask (foreground white) and an overlay of the mask
 * on its image (foreground tinted green, the predicted boundary drawn red), for looking at results.
 */
public final class MaskImages {

    private MaskImages() {
    }

    /**
     * Writes the thresholded mask as an 8-bit gray PNG (255 = foreground).
     *
     * @param file          output PNG (parent folders are created)
     * @param probabilities H·W foreground probabilities
     * @param height        rows
     * @param width         columns
     * @param threshold     foreground where probability &gt; threshold
     * @throws IOException on a write error
     */
    public static void writeMask(Path file, float[] probabilities, int height, int width, double threshold)
            throws IOException {
        check(probabilities, height, width);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        var raster = img.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, fg(probabilities[y * width + x], threshold) ? 255 : 0);
            }
        }
        write(img, file);
    }

    /**
     * Writes the image with the predicted mask on top: foreground pixels blended 35 % with green, pixels on the
     * mask boundary (a foreground pixel with a background 4-neighbour) red.
     *
     * @param file          output PNG (parent folders are created)
     * @param imageChw      image, CHW, values in [0,1] (1 or 3 channels)
     * @param channels      1 or 3
     * @param height        rows
     * @param width         columns
     * @param probabilities H·W foreground probabilities
     * @param threshold     foreground where probability &gt; threshold
     * @throws IOException on a write error
     */
    public static void writeOverlay(Path file, float[] imageChw, int channels, int height, int width,
                                    float[] probabilities, double threshold) throws IOException {
        check(probabilities, height, width);
        if (channels != 1 && channels != 3 || imageChw.length != channels * height * width) {
            throw new IllegalArgumentException("image must be 1 or 3 channels of " + height + "x" + width
                    + ", got " + imageChw.length + " values for " + channels + " channels");
        }
        int hw = height * width;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double r = imageChw[i];
                double g = channels == 3 ? imageChw[hw + i] : r;
                double b = channels == 3 ? imageChw[2 * hw + i] : r;
                boolean fg = fg(probabilities[i], threshold);
                if (fg && isBoundary(probabilities, height, width, y, x, threshold)) {
                    r = 1;
                    g = 0;
                    b = 0;
                } else if (fg) {
                    r = 0.65 * r;
                    g = 0.65 * g + 0.35;
                    b = 0.65 * b;
                }
                img.setRGB(x, y, (byte8(r) << 16) | (byte8(g) << 8) | byte8(b));
            }
        }
        write(img, file);
    }

    private static boolean isBoundary(float[] p, int h, int w, int y, int x, double t) {
        return (y > 0 && !fg(p[(y - 1) * w + x], t)) || (y < h - 1 && !fg(p[(y + 1) * w + x], t))
                || (x > 0 && !fg(p[y * w + x - 1], t)) || (x < w - 1 && !fg(p[y * w + x + 1], t));
    }

    /** The project's one foreground rule ({@link BinarySegmentationScorer#isForeground}: p &gt; threshold). */
    private static boolean fg(double p, double t) {
        return BinarySegmentationScorer.isForeground(p, t);
    }

    private static int byte8(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    private static void check(float[] p, int h, int w) {
        if (h < 1 || w < 1 || p.length != h * w) {
            throw new IllegalArgumentException("expected " + h + "x" + w + " probabilities, got " + p.length);
        }
    }

    private static void write(BufferedImage img, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw FileErrors.naming("the folder of mask image file", file, e);
            }
        }
        boolean written;
        try {
            written = ImageIO.write(img, "png", file.toFile());
        } catch (IOException | RuntimeException e) {
            throw FileErrors.naming("mask image file", file, e);
        }
        if (!written) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}

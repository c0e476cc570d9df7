package org.hybridqml.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Images and binary masks for segmentation, held as NCHW float arrays (images in [0,1], masks in {0,1}).
 *
 * <p>Loading ({@link #load}) pairs each file of the image folder with the file of the mask folder that has the
 * same base name (extension may differ: PNG, TIF/TIFF, JPEG, BMP), in sorted name order. Masks are read as gray
 * (luma of colour masks) and binarised at &gt; 0. Optional resize uses nearest neighbour with pixel-centre
 * sampling, {@code src = floor((dst + 0.5)·in/out)}, which is what Pillow's NEAREST (Keras {@code load_img}'s
 * default, used by the QuFeX PH2 code) does; it keeps masks binary and needs no smoothing choice.
 *
 * <p>{@link #tiles(int, int)} cuts every sample into non-overlapping crops (e.g. ISBI 512×512 → 16 tiles of
 * 128×128), dropping a remainder at the right/bottom edge; names become {@code name@row,col}.
 *
 * <p>Immutable; accessors return copies.
 */
public final class SegmentationDataset {
    private static final List<String> EXTENSIONS = List.of(".png", ".tif", ".tiff", ".jpg", ".jpeg", ".bmp");

    /**
     * The image file extensions {@link #load} and {@link #findImage} read (lower case, with the dot); file names are
     * matched case-insensitively.
     *
     * @return the extensions, unmodifiable
     */
    public static List<String> imageExtensions() {
        return EXTENSIONS;
    }

    private final int size;
    private final int channels;
    private final int height;
    private final int width;
    private final float[] images;
    private final float[] masks;
    private final List<String> names;

    /**
     * @param channels image channels
     * @param height   rows
     * @param width    columns
     * @param images   N·C·H·W values, NCHW row-major, finite
     * @param masks    N·H·W values, each 0 or 1
     * @param names    N sample names
     * @throws IllegalArgumentException on a length mismatch, a non-finite pixel or a non-binary mask value
     */
    public SegmentationDataset(int channels, int height, int width, float[] images, float[] masks,
                               List<String> names) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("bad sample shape " + channels + "x" + height + "x" + width);
        }
        int n = names.size();
        if (images.length != (long) n * channels * height * width || masks.length != (long) n * height * width) {
            throw new IllegalArgumentException("expected " + n + " samples of " + channels + "x" + height + "x"
                    + width + ", got " + images.length + " image and " + masks.length + " mask values");
        }
        int per = channels * height * width;
        for (int i = 0; i < images.length; i++) {
            if (!Float.isFinite(images[i])) {
                throw new IllegalArgumentException("non-finite pixel " + images[i] + " in image " + names.get(i / per)
                        + " at flat index " + (i % per));
            }
        }
        for (int i = 0; i < masks.length; i++) {
            if (masks[i] != 0f && masks[i] != 1f) {
                throw new IllegalArgumentException("mask value " + masks[i] + " is not 0 or 1 in mask "
                        + names.get(i / (height * width)));
            }
        }
        this.size = n;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.images = images.clone();
        this.masks = masks.clone();
        this.names = List.copyOf(names);
    }

    /**
     * Loads all images of a folder with their masks.
     *
     * @param imageDir     folder of images
     * @param maskDir      folder of masks, same base names
     * @param channels     1 (gray) or 3 (RGB)
     * @param resizeHeight target height, or 0 to keep the size (then all images must have the same size)
     * @param resizeWidth  target width, or 0 to keep the size
     * @return the data set
     * @throws IOException if a folder or mask file is missing, a file is unreadable, the folder holds no images,
     *                     or an image and its mask differ in size
     */
    public static SegmentationDataset load(Path imageDir, Path maskDir, int channels, int resizeHeight,
                                           int resizeWidth) throws IOException {
        if ((resizeHeight == 0) != (resizeWidth == 0) || resizeHeight < 0 || resizeWidth < 0) {
            throw new IllegalArgumentException("give both resize dimensions > 0, or both 0; got " + resizeHeight
                    + "x" + resizeWidth);
        }
        Map<String, Path> maskByName = new HashMap<>();
        for (Path p : listImages(maskDir)) {
            maskByName.put(baseName(p), p);
        }
        List<Path> imageFiles = listImages(imageDir);
        if (imageFiles.isEmpty()) {
            throw new IOException("no image files (" + EXTENSIONS + ") in " + imageDir);
        }
        List<String> names = new ArrayList<>();
        List<float[]> imgs = new ArrayList<>();
        List<float[]> msks = new ArrayList<>();
        int h = resizeHeight;
        int w = resizeWidth;
        for (Path imgFile : imageFiles) {
            String name = baseName(imgFile);
            Path maskFile = maskByName.get(name);
            if (maskFile == null) {
                throw new NoSuchFileException(maskDir.resolve(name + ".*").toString(), null,
                        "no mask file for image " + imgFile.getFileName());
            }
            ImageTensor img = ImageFiles.read(imgFile, channels);
            ImageTensor mask = ImageFiles.read(maskFile, 1);
            if (img.height() != mask.height() || img.width() != mask.width()) {
                throw new IOException("image " + imgFile.getFileName() + " is " + img.height() + "x" + img.width()
                        + " but its mask " + maskFile.getFileName() + " is " + mask.height() + "x" + mask.width());
            }
            if (h == 0) {
                h = img.height();
                w = img.width();
            }
            if (resizeHeight == 0 && (img.height() != h || img.width() != w)) {
                throw new IOException("image " + imgFile.getFileName() + " is " + img.height() + "x" + img.width()
                        + " but earlier images are " + h + "x" + w + "; give a resize size");
            }
            imgs.add(toChw(resizeNearest(img.data(), img.height(), img.width(), channels, h, w), h, w, channels));
            float[] m = resizeNearest(mask.data(), mask.height(), mask.width(), 1, h, w);
            for (int i = 0; i < m.length; i++) {
                m[i] = m[i] > 0f ? 1f : 0f;
            }
            msks.add(m);
            names.add(name);
        }
        return new SegmentationDataset(channels, h, w, concat(imgs), concat(msks), names);
    }

    /**
     * Finds the image file of a sample name in a folder, with the rules {@link #load} pairs images and masks by:
     * the file whose base name (name without extension) is {@code name}, with one of the supported extensions.
     *
     * @param dir  the folder
     * @param name the base name
     * @return the file
     * @throws IOException if the folder is missing or holds no such image (the message names both)
     */
    public static Path findImage(Path dir, String name) throws IOException {
        for (Path p : listImages(dir)) {
            if (baseName(p).equals(name)) {
                return p;
            }
        }
        throw new NoSuchFileException(dir.resolve(name + ".*").toString(), null, "no image named '" + name + "' ("
                + EXTENSIONS + ") in " + dir);
    }

    private static List<Path> listImages(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "folder not found");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>(s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return EXTENSIONS.stream().anyMatch(n::endsWith);
            }).toList());
            Collections.sort(out);
            return out;
        }
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Nearest-neighbour resize of an HWC array, pixel-centre sampling like Pillow NEAREST. */
    static float[] resizeNearest(float[] hwc, int h, int w, int c, int outH, int outW) {
        if (h == outH && w == outW) {
            return hwc;
        }
        float[] out = new float[outH * outW * c];
        for (int y = 0; y < outH; y++) {
            int sy = Math.min(h - 1, (int) Math.floor((y + 0.5) * h / outH));
            for (int x = 0; x < outW; x++) {
                int sx = Math.min(w - 1, (int) Math.floor((x + 0.5) * w / outW));
                System.arraycopy(hwc, (sy * w + sx) * c, out, (y * outW + x) * c, c);
            }
        }
        return out;
    }

    private static float[] toChw(float[] hwc, int h, int w, int c) {
        float[] out = new float[hwc.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    out[(k * h + y) * w + x] = hwc[(y * w + x) * c + k];
                }
            }
        }
        return out;
    }

    private static float[] concat(List<float[]> parts) {
        int total = parts.stream().mapToInt(a -> a.length).sum();
        float[] out = new float[total];
        int o = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, out, o, a.length);
            o += a.length;
        }
        return out;
    }

    /**
     * Non-overlapping square-or-rectangular crops of every sample, row-major per sample.
     *
     * @param tileHeight crop height (≤ height)
     * @param tileWidth  crop width (≤ width)
     * @return a new data set of floor(H/th)·floor(W/tw) crops per sample
     */
    public SegmentationDataset tiles(int tileHeight, int tileWidth) {
        if (tileHeight < 1 || tileWidth < 1 || tileHeight > height || tileWidth > width) {
            throw new IllegalArgumentException("tile " + tileHeight + "x" + tileWidth + " does not fit in "
                    + height + "x" + width);
        }
        int ty = height / tileHeight;
        int tx = width / tileWidth;
        int n = size * ty * tx;
        float[] img = new float[n * channels * tileHeight * tileWidth];
        float[] msk = new float[n * tileHeight * tileWidth];
        List<String> nm = new ArrayList<>(n);
        int t = 0;
        for (int s = 0; s < size; s++) {
            for (int by = 0; by < ty; by++) {
                for (int bx = 0; bx < tx; bx++, t++) {
                    for (int k = 0; k <= channels; k++) {
                        boolean isMask = k == channels;
                        float[] src = isMask ? masks : images;
                        float[] dst = isMask ? msk : img;
                        int srcBase = isMask ? s * height * width : (s * channels + k) * height * width;
                        int dstBase = isMask ? t * tileHeight * tileWidth
                                : (t * channels + k) * tileHeight * tileWidth;
                        for (int y = 0; y < tileHeight; y++) {
                            System.arraycopy(src, srcBase + (by * tileHeight + y) * width + bx * tileWidth,
                                    dst, dstBase + y * tileWidth, tileWidth);
                        }
                    }
                    nm.add(names.get(s) + "@" + by + "," + bx);
                }
            }
        }
        return new SegmentationDataset(channels, tileHeight, tileWidth, img, msk, nm);
    }

    /**
     * @param indices sample indices (may repeat)
     * @return the selected samples in the given order
     */
    public SegmentationDataset subset(int... indices) {
        int per = channels * height * width;
        int perMask = height * width;
        float[] img = new float[indices.length * per];
        float[] msk = new float[indices.length * perMask];
        List<String> nm = new ArrayList<>();
        for (int i = 0; i < indices.length; i++) {
            int s = indices[i];
            System.arraycopy(images, s * per, img, i * per, per);
            System.arraycopy(masks, s * perMask, msk, i * perMask, perMask);
            nm.add(names.get(s));
        }
        return new SegmentationDataset(channels, height, width, img, msk, nm);
    }

    /**
     * @param depth number of 2×2 max-pools of the network
     * @throws IllegalArgumentException if height or width (named in the message) is not divisible by 2^depth
     */
    public void requireDivisibleFor(int depth) {
        int div = 1 << depth;
        if (height % div != 0 || width % div != 0) {
            throw new IllegalArgumentException("images are " + height + "x" + width + ": "
                    + (height % div != 0 ? "height " + height + " " : "")
                    + (width % div != 0 ? "width " + width + " " : "")
                    + "not divisible by 2^" + depth + " = " + div + " needed by a network with " + depth
                    + " max-pools; resize or tile to a multiple of " + div);
        }
    }

    /** @return number of samples */
    public int size() {
        return size;
    }

    /** @return image channels */
    public int channels() {
        return channels;
    }

    /** @return rows */
    public int height() {
        return height;
    }

    /** @return columns */
    public int width() {
        return width;
    }

    /** @return sample names in order */
    public List<String> names() {
        return names;
    }

    /** @return copy of all images, NCHW row-major */
    public float[] images() {
        return images.clone();
    }

    /** @return copy of all masks, N·H·W row-major (N1HW) */
    public float[] masks() {
        return masks.clone();
    }

    /** @return fraction of mask pixels equal to 1 */
    public double foregroundFraction() {
        double s = 0;
        for (float m : masks) {
            s += m;
        }
        return s / masks.length;
    }
}

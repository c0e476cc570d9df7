package org.hybridqml.nn.backbone;

import org.hybridqml.data.ImageTensor;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Image preprocessing before a {@link FrozenBackbone}: optional resize, optional centre crop, optional per-channel
 * normalisation {@code (x - mean[c]) / std[c]}, applied in that order. Immutable and {@link Serializable}; build
 * with {@link #none()} and the {@code withX} copies, or take the {@link #imageNet(int)} / {@link #paper()} presets.
 *
 * <p><b>Resize method:</b> bilinear interpolation with half-pixel centres (source coordinate
 * {@code (dst + 0.5) * in / out - 0.5}, clamped to the image), the convention of OpenCV {@code INTER_LINEAR} and
 * PyTorch {@code interpolate(mode="bilinear", align_corners=False, antialias=False)}. There is <em>no</em>
 * anti-aliasing filter: shrinking by more than about 2× aliases (torchvision's PIL-backed {@code Resize}, used by the
 * paper, filters first, so values differ slightly from the paper's pipeline when downscaling).
 *
 * <p>Input values are taken as they are ({@link ImageTensor}s read by {@code org.hybridqml.data} are in [0, 1],
 * which is what the ImageNet constants assume).
 */
public final class ImagePreprocessor implements Serializable {

    private static final long serialVersionUID = 1L;

    /** ImageNet per-channel mean (R, G, B) for inputs in [0, 1], as in torchvision. */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    /** ImageNet per-channel standard deviation (R, G, B) for inputs in [0, 1], as in torchvision. */
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    /** Resize to this height (0: no resize). */
    private final int resizeHeight;
    /** Resize to this width (0: no resize). */
    private final int resizeWidth;
    /** Resize so that the shorter side has this length, keeping the aspect ratio (0: not used). */
    private final int shorterSide;
    /** Centre crop height (0: no crop). */
    private final int cropHeight;
    /** Centre crop width (0: no crop). */
    private final int cropWidth;
    /** Per-channel mean (null: no normalisation). */
    private final float[] mean;
    /** Per-channel standard deviation (null: no normalisation). */
    private final float[] std;

    private ImagePreprocessor(int resizeHeight, int resizeWidth, int shorterSide, int cropHeight, int cropWidth,
                              float[] mean, float[] std) {
        this.resizeHeight = resizeHeight;
        this.resizeWidth = resizeWidth;
        this.shorterSide = shorterSide;
        this.cropHeight = cropHeight;
        this.cropWidth = cropWidth;
        this.mean = mean;
        this.std = std;
    }

    /** @return the identity preprocessing (no resize, no crop, no normalisation) */
    public static ImagePreprocessor none() {
        return new ImagePreprocessor(0, 0, 0, 0, 0, null, null);
    }

    /**
     * Resize to {@code size}×{@code size} then ImageNet normalisation (3 channels).
     *
     * @param size the square side, e.g. 224
     * @return the preset
     */
    public static ImagePreprocessor imageNet(int size) {
        return none().withResize(size, size).withNormalization(IMAGENET_MEAN, IMAGENET_STD);
    }

    /**
     * The paper's preprocessing (Chan et al., arXiv:2405.00156; authors' code {@code BioIntelligence-Lab/QuMI/src/}):
     * shorter side resized to 256, centre crop 224×224, ImageNet mean/std. (Bilinear without anti-aliasing, see the
     * class description.)
     *
     * @return the preset
     */
    public static ImagePreprocessor paper() {
        return none().withShorterSide(256).withCenterCrop(224, 224).withNormalization(IMAGENET_MEAN, IMAGENET_STD);
    }

    /**
     * A copy that resizes every image to exactly {@code height}×{@code width} (replaces a shorter-side resize).
     *
     * @param height rows, &ge; 1
     * @param width  columns, &ge; 1
     * @return the copy
     */
    public ImagePreprocessor withResize(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("Resize size must be positive, got " + height + "x" + width);
        }
        return new ImagePreprocessor(height, width, 0, cropHeight, cropWidth, mean, std);
    }

    /**
     * A copy that resizes so that the shorter side becomes {@code side}, keeping the aspect ratio (the longer side
     * is rounded); replaces a fixed-size resize.
     *
     * @param side the shorter side after resizing, &ge; 1
     * @return the copy
     */
    public ImagePreprocessor withShorterSide(int side) {
        if (side < 1) {
            throw new IllegalArgumentException("Shorter side must be positive, got " + side);
        }
        return new ImagePreprocessor(0, 0, side, cropHeight, cropWidth, mean, std);
    }

    /**
     * A copy that crops the centre {@code height}×{@code width} window after resizing (offsets rounded down).
     *
     * @param height rows, &ge; 1
     * @param width  columns, &ge; 1
     * @return the copy
     */
    public ImagePreprocessor withCenterCrop(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("Crop size must be positive, got " + height + "x" + width);
        }
        return new ImagePreprocessor(resizeHeight, resizeWidth, shorterSide, height, width, mean, std);
    }

    /**
     * A copy with per-channel normalisation {@code (x - mean[c]) / std[c]}; the arrays' length must equal the
     * images' channel count (checked per image).
     *
     * @param mean per-channel mean
     * @param std  per-channel standard deviation, each &gt; 0
     * @return the copy
     */
    public ImagePreprocessor withNormalization(float[] mean, float[] std) {
        if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("mean and std must be non-empty and of equal length, got "
                    + Arrays.toString(mean) + " and " + Arrays.toString(std));
        }
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
                throw new IllegalArgumentException("std must be positive and finite and mean finite, channel " + c
                        + ": mean " + mean[c] + ", std " + std[c]);
            }
        }
        return new ImagePreprocessor(resizeHeight, resizeWidth, shorterSide, cropHeight, cropWidth, mean.clone(),
                std.clone());
    }

    /** @return a copy without normalisation */
    public ImagePreprocessor withoutNormalization() {
        return new ImagePreprocessor(resizeHeight, resizeWidth, shorterSide, cropHeight, cropWidth, null, null);
    }

    /** @return whether this changes nothing */
    public boolean isIdentity() {
        return resizeHeight == 0 && shorterSide == 0 && cropHeight == 0 && mean == null;
    }

    /**
     * Applies resize, crop and normalisation.
     *
     * @param image the image
     * @return the processed image (the same object if this is the identity)
     * @throws IllegalArgumentException if the crop is larger than the (resized) image or the normalisation's
     *                                  channel count differs from the image's
     */
    public ImageTensor apply(ImageTensor image) {
        if (isIdentity()) {
            return image;
        }
        int h = image.height();
        int w = image.width();
        int c = image.channels();
        if (mean != null && mean.length != c) {
            throw new IllegalArgumentException("Normalisation has " + mean.length + " channels, the image has " + c
                    + " (" + image + ")");
        }
        float[] data = image.data();
        int th = h;
        int tw = w;
        if (resizeHeight > 0) {
            th = resizeHeight;
            tw = resizeWidth;
        } else if (shorterSide > 0) {
            if (h <= w) {
                th = shorterSide;
                tw = Math.max(1, (int) Math.round((double) w * shorterSide / h));
            } else {
                tw = shorterSide;
                th = Math.max(1, (int) Math.round((double) h * shorterSide / w));
            }
        }
        if (th != h || tw != w) {
            data = resizeBilinear(data, h, w, c, th, tw);
            h = th;
            w = tw;
        }
        if (cropHeight > 0) {
            if (cropHeight > h || cropWidth > w) {
                throw new IllegalArgumentException("Centre crop " + cropHeight + "x" + cropWidth
                        + " is larger than the (resized) image " + h + "x" + w);
            }
            int top = (h - cropHeight) / 2;
            int left = (w - cropWidth) / 2;
            float[] out = new float[cropHeight * cropWidth * c];
            for (int y = 0; y < cropHeight; y++) {
                System.arraycopy(data, ((top + y) * w + left) * c, out, y * cropWidth * c, cropWidth * c);
            }
            data = out;
            h = cropHeight;
            w = cropWidth;
        }
        if (mean != null) {
            for (int i = 0; i < data.length; i++) {
                int ch = i % c;
                data[i] = (data[i] - mean[ch]) / std[ch];
            }
        }
        return new ImageTensor(h, w, c, data);
    }

    /**
     * Bilinear resize with half-pixel centres, channels-last data.
     *
     * @param in  source values, h·w·c, channels fastest
     * @param h   source rows
     * @param w   source columns
     * @param c   channels
     * @param oh  target rows
     * @param ow  target columns
     * @return oh·ow·c values
     */
    static float[] resizeBilinear(float[] in, int h, int w, int c, int oh, int ow) {
        float[] out = new float[oh * ow * c];
        double sy = (double) h / oh;
        double sx = (double) w / ow;
        for (int y = 0; y < oh; y++) {
            double fy = Math.min(h - 1, Math.max(0, (y + 0.5) * sy - 0.5));
            int y0 = (int) Math.floor(fy);
            int y1 = Math.min(h - 1, y0 + 1);
            double dy = fy - y0;
            for (int x = 0; x < ow; x++) {
                double fx = Math.min(w - 1, Math.max(0, (x + 0.5) * sx - 0.5));
                int x0 = (int) Math.floor(fx);
                int x1 = Math.min(w - 1, x0 + 1);
                double dx = fx - x0;
                for (int k = 0; k < c; k++) {
                    double top = in[(y0 * w + x0) * c + k] * (1 - dx) + in[(y0 * w + x1) * c + k] * dx;
                    double bot = in[(y1 * w + x0) * c + k] * (1 - dx) + in[(y1 * w + x1) * c + k] * dx;
                    out[(y * ow + x) * c + k] = (float) (top * (1 - dy) + bot * dy);
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ImagePreprocessor(");
        if (resizeHeight > 0) {
            sb.append("resize ").append(resizeHeight).append('x').append(resizeWidth).append(" bilinear; ");
        } else if (shorterSide > 0) {
            sb.append("shorter side ").append(shorterSide).append(" bilinear; ");
        }
        if (cropHeight > 0) {
            sb.append("centre crop ").append(cropHeight).append('x').append(cropWidth).append("; ");
        }
        if (mean != null) {
            sb.append("mean ").append(Arrays.toString(mean)).append(" std ").append(Arrays.toString(std));
        }
        if (isIdentity()) {
            sb.append("identity");
        }
        return sb.toString().replaceAll("; $", "") + ")";
    }
}

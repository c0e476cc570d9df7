package org.hybridqml.tribuo.segmentation;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hybridqml.metrics.BinarySegmentationScorer;
import org.hybridqml.tribuo.segmentation.protos.SegmentationMaskProto;
import org.tribuo.Output;
import org.tribuo.protos.core.OutputProto;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.Optional;

/**
 * A binary segmentation mask as a Tribuo {@link Output}: one foreground/background decision per pixel of a
 * height × width image, optionally with the predicted foreground probability of each pixel.
 *
 * <p>Pixels are indexed in row-major order, index = row · width + column, the same order as the IDX-style pixel
 * features of the image. Ground-truth masks usually carry no probabilities; model predictions usually do, and the
 * paper's soft IoU needs them (see {@code org.hybridqml.tribuo.segmentation.evaluation}).
 *
 * <p>Two masks are {@link #equals equal} when they have the same size and the same foreground pixels;
 * {@link #fullEquals} also compares the probabilities. Masks are immutable: constructors and accessors copy arrays.
 *
 * <p>The unknown mask ({@link SegmentationFactory#UNKNOWN_MASK}, the output of unlabelled examples) is the only
 * mask with size 0 × 0. The two 1 × 1 masks {@link SegmentationFactory#BACKGROUND_CLASS} and
 * {@link SegmentationFactory#FOREGROUND_CLASS} stand for the two classes in output infos and metric targets.
 */
public final class SegmentationMask implements Output<SegmentationMask> {
    private static final long serialVersionUID = 1L;

    /** Version of the protobuf form written by {@link #serialize()}. */
    static final int CURRENT_VERSION = 0;

    /** Rows; 0 only for the unknown mask. */
    private final int height;
    /** Columns; 0 only for the unknown mask. */
    private final int width;
    /** Foreground flag per pixel, row-major. */
    private final boolean[] foreground;
    /** Foreground probability per pixel, or null when the mask has none. */
    private final float[] probabilities;

    /**
     * Creates a mask without probabilities.
     *
     * @param height     rows, &ge; 1
     * @param width      columns, &ge; 1
     * @param foreground height·width foreground flags in row-major order; copied
     * @throws IllegalArgumentException if a dimension is not positive or the array length is not height·width
     */
    public SegmentationMask(int height, int width, boolean[] foreground) {
        this(height, width, foreground, null);
    }

    /**
     * Creates a mask with per-pixel foreground probabilities, as a model prediction would. The foreground flags
     * are the model's decision and are not re-derived from the probabilities.
     *
     * @param height        rows, &ge; 1
     * @param width         columns, &ge; 1
     * @param foreground    height·width foreground flags in row-major order; copied
     * @param probabilities height·width foreground probabilities in [0, 1], or null for none; copied
     * @throws IllegalArgumentException if a dimension is not positive, an array length is not height·width, or a
     *                                  probability is NaN or outside [0, 1]
     */
    public SegmentationMask(int height, int width, boolean[] foreground, float[] probabilities) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("Mask dimensions must be positive, got " + height + "x" + width);
        }
        long pixels = (long) height * width;
        if (pixels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Mask " + height + "x" + width + " has too many pixels for one array");
        }
        Objects.requireNonNull(foreground, "foreground flags are null");
        if (foreground.length != pixels) {
            throw new IllegalArgumentException("Mask " + height + "x" + width + " needs " + pixels
                    + " foreground flags, got " + foreground.length);
        }
        if (probabilities != null) {
            if (probabilities.length != pixels) {
                throw new IllegalArgumentException("Mask " + height + "x" + width + " needs " + pixels
                        + " probabilities, got " + probabilities.length);
            }
            for (int i = 0; i < probabilities.length; i++) {
                if (!(probabilities[i] >= 0f && probabilities[i] <= 1f)) {
                    throw new IllegalArgumentException("Probability of pixel " + i + " is not in [0, 1]: "
                            + probabilities[i]);
                }
            }
        }
        this.height = height;
        this.width = width;
        this.foreground = foreground.clone();
        this.probabilities = probabilities == null ? null : probabilities.clone();
    }

    /** The unknown mask: 0 × 0, no pixels. Only {@link SegmentationFactory} and deserialization make it. */
    private SegmentationMask() {
        this.height = 0;
        this.width = 0;
        this.foreground = new boolean[0];
        this.probabilities = null;
    }

    /**
     * Makes the unknown (0 × 0) mask.
     *
     * @return a new unknown mask
     */
    static SegmentationMask createUnknown() {
        return new SegmentationMask();
    }

    /**
     * Makes a predicted mask from foreground probabilities: a pixel is foreground iff its probability is above
     * the threshold (the rule of {@link BinarySegmentationScorer#isForeground}); the probabilities are kept.
     *
     * @param height        rows
     * @param width         columns
     * @param probabilities height·width foreground probabilities in [0, 1], row-major; copied
     * @param threshold     probability above which a pixel is foreground
     * @return the mask
     * @throws IllegalArgumentException as the constructor does
     */
    public static SegmentationMask fromProbabilities(int height, int width, float[] probabilities, double threshold) {
        Objects.requireNonNull(probabilities, "probabilities are null");
        boolean[] fg = new boolean[probabilities.length];
        for (int i = 0; i < fg.length; i++) {
            fg[i] = BinarySegmentationScorer.isForeground(probabilities[i], threshold);
        }
        return new SegmentationMask(height, width, fg, probabilities);
    }

    /**
     * Makes a predicted mask from foreground probabilities with the default threshold
     * {@value BinarySegmentationScorer#DEFAULT_THRESHOLD}.
     *
     * @param height        rows
     * @param width         columns
     * @param probabilities height·width foreground probabilities in [0, 1], row-major; copied
     * @return the mask
     * @throws IllegalArgumentException as the constructor does
     */
    public static SegmentationMask fromProbabilities(int height, int width, float[] probabilities) {
        return fromProbabilities(height, width, probabilities, BinarySegmentationScorer.DEFAULT_THRESHOLD);
    }

    /**
     * Rebuilds a mask from its protobuf form; called reflectively by {@code ProtoUtil.deserialize}.
     *
     * @param version   the proto version, must be 0
     * @param className the class name recorded in the envelope
     * @param message   the packed {@link SegmentationMaskProto}
     * @return the mask
     * @throws InvalidProtocolBufferException if the payload is not a {@code SegmentationMaskProto}
     * @throws IllegalArgumentException       on an unknown version or inconsistent sizes
     */
    public static SegmentationMask deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("Unknown SegmentationMask proto version " + version
                    + ", this class supports at most version " + CURRENT_VERSION);
        }
        SegmentationMaskProto proto = message.unpack(SegmentationMaskProto.class);
        if (proto.getHeight() == 0 && proto.getWidth() == 0) {
            return createUnknown();
        }
        int pixels = Math.multiplyExact(proto.getHeight(), proto.getWidth());
        if (pixels < 0) {
            throw new IllegalArgumentException("Invalid mask size in proto: " + proto.getHeight() + "x"
                    + proto.getWidth());
        }
        BitSet bits = BitSet.valueOf(proto.getForegroundBits().toByteArray());
        if (bits.length() > pixels) {
            throw new IllegalArgumentException("Mask proto sets pixel " + (bits.length() - 1) + " but a "
                    + proto.getHeight() + "x" + proto.getWidth() + " mask has only " + pixels + " pixels");
        }
        boolean[] fg = new boolean[pixels];
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            fg[i] = true;
        }
        float[] p = null;
        if (proto.getProbabilitiesCount() > 0) {
            p = new float[proto.getProbabilitiesCount()];
            for (int i = 0; i < p.length; i++) {
                p[i] = proto.getProbabilities(i);
            }
        }
        return new SegmentationMask(proto.getHeight(), proto.getWidth(), fg, p);
    }

    /**
     * Writes this mask as an {@link OutputProto} carrying a {@link SegmentationMaskProto}.
     *
     * @return the proto
     */
    @Override
    public OutputProto serialize() {
        BitSet bits = new BitSet(foreground.length);
        for (int i = 0; i < foreground.length; i++) {
            if (foreground[i]) {
                bits.set(i);
            }
        }
        SegmentationMaskProto.Builder mask = SegmentationMaskProto.newBuilder()
                .setHeight(height)
                .setWidth(width)
                .setForegroundBits(ByteString.copyFrom(bits.toByteArray()));
        if (probabilities != null) {
            for (float p : probabilities) {
                mask.addProbabilities(p);
            }
        }
        return OutputProto.newBuilder()
                .setClassName(SegmentationMask.class.getName())
                .setVersion(CURRENT_VERSION)
                .setSerializedData(Any.pack(mask.build()))
                .build();
    }

    /**
     * Rows.
     *
     * @return the height, 0 for the unknown mask
     */
    public int getHeight() {
        return height;
    }

    /**
     * Columns.
     *
     * @return the width, 0 for the unknown mask
     */
    public int getWidth() {
        return width;
    }

    /**
     * Number of pixels, height · width.
     *
     * @return the pixel count
     */
    public int getPixelCount() {
        return foreground.length;
    }

    /**
     * Whether this is the unknown mask (the output of an unlabelled example).
     *
     * @return true for the 0 × 0 unknown mask
     */
    public boolean isUnknown() {
        return height == 0;
    }

    /**
     * Whether a pixel is foreground.
     *
     * @param row    row, 0-based
     * @param column column, 0-based
     * @return true if foreground
     * @throws IndexOutOfBoundsException if the pixel is outside the mask
     */
    public boolean isForeground(int row, int column) {
        Objects.checkIndex(row, height);
        Objects.checkIndex(column, width);
        return foreground[row * width + column];
    }

    /**
     * The foreground flags in row-major order.
     *
     * @return a copy of the flags
     */
    public boolean[] getForeground() {
        return foreground.clone();
    }

    /**
     * Whether this mask carries per-pixel probabilities.
     *
     * @return true if it does
     */
    public boolean hasProbabilities() {
        return probabilities != null;
    }

    /**
     * The per-pixel foreground probabilities in row-major order.
     *
     * @return a copy of the probabilities, or empty if the mask has none
     */
    public Optional<float[]> getProbabilities() {
        return probabilities == null ? Optional.empty() : Optional.of(probabilities.clone());
    }

    /**
     * Number of foreground pixels.
     *
     * @return the count
     */
    public long getForegroundCount() {
        long n = 0;
        for (boolean b : foreground) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /**
     * Number of background pixels.
     *
     * @return the count
     */
    public long getBackgroundCount() {
        return foreground.length - getForegroundCount();
    }

    /**
     * Same size and same foreground pixels; probabilities are ignored (as Tribuo's {@code Label} ignores its
     * score).
     *
     * @param o another object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SegmentationMask)) {
            return false;
        }
        SegmentationMask other = (SegmentationMask) o;
        return height == other.height && width == other.width && Arrays.equals(foreground, other.foreground);
    }

    /**
     * Hash of size and foreground pixels, consistent with {@link #equals}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(foreground);
    }

    /**
     * Equal masks whose probabilities are both absent or identical.
     *
     * @param other another mask
     * @return true if fully equal
     */
    @Override
    public boolean fullEquals(SegmentationMask other) {
        return fullEquals(other, 0.0);
    }

    /**
     * Equal masks whose probabilities are both absent or all within the tolerance.
     *
     * @param other     another mask
     * @param tolerance largest allowed absolute difference between probabilities
     * @return true if fully equal within the tolerance
     */
    @Override
    public boolean fullEquals(SegmentationMask other, double tolerance) {
        if (!equals(other)) {
            return false;
        }
        if (probabilities == null || other.probabilities == null) {
            return probabilities == other.probabilities;
        }
        for (int i = 0; i < probabilities.length; i++) {
            if (Math.abs(probabilities[i] - other.probabilities[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /**
     * Size and class counts, for example {@code SegmentationMask(512x512, foreground=209715/262144 px,
     * with probabilities)}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        if (isUnknown()) {
            return "SegmentationMask(UNKNOWN)";
        }
        return "SegmentationMask(" + height + "x" + width + ", foreground=" + getForegroundCount() + "/"
                + foreground.length + " px" + (probabilities != null ? ", with probabilities" : "") + ")";
    }

    /**
     * A copy (masks are immutable, but Tribuo asks outputs for copies).
     *
     * @return an equal, fully equal mask
     */
    @Override
    public SegmentationMask copy() {
        return isUnknown() ? createUnknown() : new SegmentationMask(height, width, foreground, probabilities);
    }

    /**
     * The mask in the text encoding that {@link SegmentationFactory#generateOutput} parses:
     * {@code <height>x<width>:<bits>} with one {@code 0}/{@code 1} per pixel in row-major order, followed, when
     * confidence is asked for and the mask has probabilities, by {@code ;p=<p0>,<p1>,...}. The unknown mask is
     * written {@code UNKNOWN}.
     *
     * @param includeConfidence whether to append the probabilities
     * @return the encoded mask
     */
    @Override
    public String getSerializableForm(boolean includeConfidence) {
        if (isUnknown()) {
            return SegmentationFactory.UNKNOWN_FORM;
        }
        StringBuilder sb = new StringBuilder(foreground.length + 16);
        sb.append(height).append('x').append(width).append(':');
        for (boolean b : foreground) {
            sb.append(b ? '1' : '0');
        }
        if (includeConfidence && probabilities != null) {
            sb.append(SegmentationFactory.PROBABILITIES_SEPARATOR);
            for (int i = 0; i < probabilities.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(probabilities[i]);
            }
        }
        return sb.toString();
    }
}

package org.hybridqml.tribuo.segmentation;

import com.google.protobuf.Any;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.hybridqml.tribuo.segmentation.protos.SegmentationInfoProto;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableOutputInfo;
import org.tribuo.OutputInfo;
import org.tribuo.protos.core.OutputDomainProto;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Base of the segmentation output infos: what a set of {@link SegmentationMask}s looked like.
 *
 * <p>The domain is the two classes, {@value SegmentationFactory#BACKGROUND} (id
 * {@value SegmentationFactory#BACKGROUND_ID}) and {@value SegmentationFactory#FOREGROUND} (id
 * {@value SegmentationFactory#FOREGROUND_ID}), represented by the 1 × 1 masks
 * {@link SegmentationFactory#BACKGROUND_CLASS} and {@link SegmentationFactory#FOREGROUND_CLASS}: the ids index
 * the output dimensions (as a regression info indexes dimension names), not distinct masks. The counts are pixels
 * per class summed over the observed masks, plus the number of masks, the number of unknown outputs and the
 * common mask size (which a model needs to know what shape to predict).
 */
public abstract class SegmentationInfo implements OutputInfo<SegmentationMask> {
    private static final long serialVersionUID = 1L;

    /** Proto version written by {@link #serialize()}. */
    static final int CURRENT_VERSION = 0;

    /** Mask size value meaning "masks of different sizes were observed". */
    public static final int MIXED_SIZE = -1;

    private static final Set<SegmentationMask> DOMAIN = Collections.unmodifiableSet(new LinkedHashSet<>(
            List.of(SegmentationFactory.BACKGROUND_CLASS, SegmentationFactory.FOREGROUND_CLASS)));

    /** Masks observed, unknown outputs excluded. */
    protected long maskCount;
    /** Background pixels over all observed masks. */
    protected long backgroundPixels;
    /** Foreground pixels over all observed masks. */
    protected long foregroundPixels;
    /** Unknown outputs observed. */
    protected int unknownCount;
    /** Common mask height: 0 before any mask, {@link #MIXED_SIZE} once sizes differed. */
    protected int maskHeight;
    /** Common mask width: 0 before any mask, {@link #MIXED_SIZE} once sizes differed. */
    protected int maskWidth;

    /** An info with no observations. */
    protected SegmentationInfo() {
    }

    /**
     * Copies another info's counts.
     *
     * @param other the info to copy
     */
    protected SegmentationInfo(SegmentationInfo other) {
        this.maskCount = other.maskCount;
        this.backgroundPixels = other.backgroundPixels;
        this.foregroundPixels = other.foregroundPixels;
        this.unknownCount = other.unknownCount;
        this.maskHeight = other.maskHeight;
        this.maskWidth = other.maskWidth;
    }

    /**
     * Restores counts read from a proto, checking them.
     *
     * @param proto the serialized counts
     * @throws IllegalArgumentException if a count is negative or the size is invalid
     */
    protected SegmentationInfo(SegmentationInfoProto proto) {
        if (proto.getMaskCount() < 0 || proto.getBackgroundPixels() < 0 || proto.getForegroundPixels() < 0
                || proto.getUnknownCount() < 0) {
            throw new IllegalArgumentException("Negative count in segmentation info proto: " + proto);
        }
        boolean none = proto.getMaskHeight() == 0 && proto.getMaskWidth() == 0;
        boolean mixed = proto.getMaskHeight() == MIXED_SIZE && proto.getMaskWidth() == MIXED_SIZE;
        boolean uniform = proto.getMaskHeight() > 0 && proto.getMaskWidth() > 0;
        if (!(none || mixed || uniform) || none != (proto.getMaskCount() == 0)) {
            throw new IllegalArgumentException("Invalid mask size " + proto.getMaskHeight() + "x"
                    + proto.getMaskWidth() + " for " + proto.getMaskCount() + " masks in segmentation info proto");
        }
        this.maskCount = proto.getMaskCount();
        this.backgroundPixels = proto.getBackgroundPixels();
        this.foregroundPixels = proto.getForegroundPixels();
        this.unknownCount = proto.getUnknownCount();
        this.maskHeight = proto.getMaskHeight();
        this.maskWidth = proto.getMaskWidth();
    }

    /**
     * Writes the counts as an {@link OutputDomainProto} carrying a {@link SegmentationInfoProto}; the class name
     * recorded is the concrete (mutable or immutable) class.
     *
     * @return the proto
     */
    @Override
    public OutputDomainProto serialize() {
        SegmentationInfoProto data = SegmentationInfoProto.newBuilder()
                .setMaskCount(maskCount)
                .setBackgroundPixels(backgroundPixels)
                .setForegroundPixels(foregroundPixels)
                .setUnknownCount(unknownCount)
                .setMaskHeight(maskHeight)
                .setMaskWidth(maskWidth)
                .build();
        return OutputDomainProto.newBuilder()
                .setClassName(getClass().getName())
                .setVersion(CURRENT_VERSION)
                .setSerializedData(Any.pack(data))
                .build();
    }

    /**
     * The two class masks, background then foreground.
     *
     * @return the domain
     */
    @Override
    public Set<SegmentationMask> getDomain() {
        return DOMAIN;
    }

    /**
     * Number of classes.
     *
     * @return 2
     */
    @Override
    public int size() {
        return DOMAIN.size();
    }

    /**
     * Number of unknown outputs observed.
     *
     * @return the count
     */
    @Override
    public int getUnknownCount() {
        return unknownCount;
    }

    /**
     * Number of (known) masks observed.
     *
     * @return the count
     */
    public long getMaskCount() {
        return maskCount;
    }

    /**
     * Background pixels over all observed masks.
     *
     * @return the count
     */
    public long getBackgroundPixelCount() {
        return backgroundPixels;
    }

    /**
     * Foreground pixels over all observed masks.
     *
     * @return the count
     */
    public long getForegroundPixelCount() {
        return foregroundPixels;
    }

    /**
     * Fraction of observed pixels that are foreground (about 0.8 on ISBI-2012).
     *
     * @return the fraction, NaN before any mask
     */
    public double getForegroundFraction() {
        long total = backgroundPixels + foregroundPixels;
        return total == 0 ? Double.NaN : (double) foregroundPixels / total;
    }

    /**
     * Height shared by all observed masks.
     *
     * @return the height, 0 before any mask, {@link #MIXED_SIZE} if the masks differ in size
     */
    public int getMaskHeight() {
        return maskHeight;
    }

    /**
     * Width shared by all observed masks.
     *
     * @return the width, 0 before any mask, {@link #MIXED_SIZE} if the masks differ in size
     */
    public int getMaskWidth() {
        return maskWidth;
    }

    /**
     * Pixel counts per class name: ("background", n), ("foreground", n).
     *
     * @return the counts
     */
    @Override
    public Iterable<Pair<String, Long>> outputCountsIterable() {
        return List.of(new Pair<>(SegmentationFactory.BACKGROUND, backgroundPixels),
                new Pair<>(SegmentationFactory.FOREGROUND, foregroundPixels));
    }

    /**
     * An immutable copy with ids.
     *
     * @return an {@link ImmutableSegmentationInfo}
     */
    @Override
    public ImmutableOutputInfo<SegmentationMask> generateImmutableOutputInfo() {
        return new ImmutableSegmentationInfo(this);
    }

    /**
     * A mutable copy.
     *
     * @return a {@link MutableSegmentationInfo}
     */
    @Override
    public MutableOutputInfo<SegmentationMask> generateMutableOutputInfo() {
        return new MutableSegmentationInfo(this);
    }

    /**
     * The counts in one line.
     *
     * @return a readable description
     */
    @Override
    public String toReadableString() {
        String size = maskCount == 0 ? "none" : maskHeight == MIXED_SIZE ? "mixed" : maskHeight + "x" + maskWidth;
        return "SegmentationInfo(masks=" + maskCount + ", size=" + size + ", background=" + backgroundPixels
                + " px, foreground=" + foregroundPixels + " px, unknown=" + unknownCount + ")";
    }

    /**
     * Same as {@link #toReadableString()}.
     *
     * @return a readable description
     */
    @Override
    public String toString() {
        return toReadableString();
    }

    /**
     * A copy of the same class.
     *
     * @return the copy
     */
    @Override
    public abstract SegmentationInfo copy();

    /**
     * Same concrete class and same counts.
     *
     * @param o another object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        SegmentationInfo that = (SegmentationInfo) o;
        return maskCount == that.maskCount && backgroundPixels == that.backgroundPixels
                && foregroundPixels == that.foregroundPixels && unknownCount == that.unknownCount
                && maskHeight == that.maskHeight && maskWidth == that.maskWidth;
    }

    /**
     * Hash of the counts.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(maskCount, backgroundPixels, foregroundPixels, unknownCount, maskHeight, maskWidth);
    }
}

package org.hybridqml.tribuo.segmentation;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.hybridqml.tribuo.segmentation.protos.SegmentationInfoProto;
import org.tribuo.ImmutableOutputInfo;

import java.util.Iterator;
import java.util.List;

/**
 * A frozen {@link SegmentationInfo} with class ids: background is {@value SegmentationFactory#BACKGROUND_ID},
 * foreground {@value SegmentationFactory#FOREGROUND_ID}.
 *
 * <p>{@link #getID} maps a mask to a class id only when all its pixels are of one class (the 1 × 1 class masks of
 * the domain, or any uniform mask); a mask with both classes, or the unknown mask, has no single id and gets -1.
 */
public final class ImmutableSegmentationInfo extends SegmentationInfo implements ImmutableOutputInfo<SegmentationMask> {
    private static final long serialVersionUID = 1L;

    /**
     * Freezes another info's counts.
     *
     * @param other the info to copy
     */
    ImmutableSegmentationInfo(SegmentationInfo other) {
        super(other);
    }

    private ImmutableSegmentationInfo(SegmentationInfoProto proto) {
        super(proto);
    }

    /**
     * Rebuilds the info from its protobuf form; called reflectively by {@code ProtoUtil.deserialize}.
     *
     * @param version   the proto version, must be 0
     * @param className the class name recorded in the envelope
     * @param message   the packed {@link SegmentationInfoProto}
     * @return the info
     * @throws InvalidProtocolBufferException if the payload is not a {@code SegmentationInfoProto}
     * @throws IllegalArgumentException       on an unknown version or invalid counts
     */
    public static ImmutableSegmentationInfo deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("Unknown ImmutableSegmentationInfo proto version " + version
                    + ", this class supports at most version " + CURRENT_VERSION);
        }
        return new ImmutableSegmentationInfo(message.unpack(SegmentationInfoProto.class));
    }

    /**
     * The class id of a single-class mask.
     *
     * @param output a mask
     * @return 0 if every pixel is background, 1 if every pixel is foreground, -1 otherwise (mixed or unknown)
     */
    @Override
    public int getID(SegmentationMask output) {
        if (output.isUnknown()) {
            return -1;
        }
        long fg = output.getForegroundCount();
        if (fg == 0) {
            return SegmentationFactory.BACKGROUND_ID;
        }
        if (fg == output.getPixelCount()) {
            return SegmentationFactory.FOREGROUND_ID;
        }
        return -1;
    }

    /**
     * The class mask of an id.
     *
     * @param id 0 or 1
     * @return {@link SegmentationFactory#BACKGROUND_CLASS}, {@link SegmentationFactory#FOREGROUND_CLASS}, or null
     *         for any other id (as the {@code ImmutableOutputInfo} contract asks)
     */
    @Override
    public SegmentationMask getOutput(int id) {
        switch (id) {
            case SegmentationFactory.BACKGROUND_ID:
                return SegmentationFactory.BACKGROUND_CLASS;
            case SegmentationFactory.FOREGROUND_ID:
                return SegmentationFactory.FOREGROUND_CLASS;
            default:
                return null;
        }
    }

    /**
     * Number of masks observed (not pixels).
     *
     * @return the mask count
     */
    @Override
    public long getTotalObservations() {
        return maskCount;
    }

    /**
     * An immutable copy.
     *
     * @return the copy
     */
    @Override
    public ImmutableSegmentationInfo copy() {
        return new ImmutableSegmentationInfo(this);
    }

    /**
     * The (id, class mask) pairs, background first.
     *
     * @return an iterator over the two pairs
     */
    @Override
    public Iterator<Pair<Integer, SegmentationMask>> iterator() {
        return List.of(new Pair<>(SegmentationFactory.BACKGROUND_ID, SegmentationFactory.BACKGROUND_CLASS),
                new Pair<>(SegmentationFactory.FOREGROUND_ID, SegmentationFactory.FOREGROUND_CLASS)).iterator();
    }

    /**
     * Segmentation infos all share the same two-class domain and ids.
     *
     * @param other another info
     * @return true if the other info maps the class masks to the same ids
     */
    @Override
    public boolean domainAndIDEquals(ImmutableOutputInfo<SegmentationMask> other) {
        if (other instanceof ImmutableSegmentationInfo) {
            return true;
        }
        return other.size() == 2
                && other.getID(SegmentationFactory.BACKGROUND_CLASS) == SegmentationFactory.BACKGROUND_ID
                && other.getID(SegmentationFactory.FOREGROUND_CLASS) == SegmentationFactory.FOREGROUND_ID;
    }
}

package org.hybridqml.tribuo.segmentation;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hybridqml.tribuo.segmentation.protos.SegmentationInfoProto;
import org.tribuo.MutableOutputInfo;

/**
 * A {@link SegmentationInfo} that can observe masks: each observed mask adds its pixels to the per-class counts.
 */
public final class MutableSegmentationInfo extends SegmentationInfo implements MutableOutputInfo<SegmentationMask> {
    private static final long serialVersionUID = 1L;

    /** An info with no observations (usually made by {@link SegmentationFactory#generateInfo()}). */
    public MutableSegmentationInfo() {
        super();
    }

    /**
     * Copies another info's counts.
     *
     * @param other the info to copy
     */
    MutableSegmentationInfo(SegmentationInfo other) {
        super(other);
    }

    private MutableSegmentationInfo(SegmentationInfoProto proto) {
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
    public static MutableSegmentationInfo deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("Unknown MutableSegmentationInfo proto version " + version
                    + ", this class supports at most version " + CURRENT_VERSION);
        }
        return new MutableSegmentationInfo(message.unpack(SegmentationInfoProto.class));
    }

    /**
     * Counts a mask: its background and foreground pixels, and its size; the unknown mask only increments the
     * unknown count.
     *
     * @param output the mask
     */
    @Override
    public void observe(SegmentationMask output) {
        if (output.isUnknown()) {
            unknownCount++;
            return;
        }
        long fg = output.getForegroundCount();
        foregroundPixels += fg;
        backgroundPixels += output.getPixelCount() - fg;
        if (maskCount == 0) {
            maskHeight = output.getHeight();
            maskWidth = output.getWidth();
        } else if (maskHeight != output.getHeight() || maskWidth != output.getWidth()) {
            maskHeight = MIXED_SIZE;
            maskWidth = MIXED_SIZE;
        }
        maskCount++;
    }

    /** Forgets all observations. */
    @Override
    public void clear() {
        maskCount = 0;
        backgroundPixels = 0;
        foregroundPixels = 0;
        unknownCount = 0;
        maskHeight = 0;
        maskWidth = 0;
    }

    /**
     * A mutable copy.
     *
     * @return the copy
     */
    @Override
    public MutableSegmentationInfo copy() {
        return new MutableSegmentationInfo(this);
    }
}

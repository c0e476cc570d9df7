package org.hybridqml.tribuo.segmentation;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.hybridqml.tribuo.qnn.ModelProtos;
import org.hybridqml.tribuo.qnn.SealedTribuoModel;
import org.hybridqml.tribuo.segmentation.protos.QuNetModelProto;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.hybridqml.data.MaskImages;
import org.hybridqml.io.SealedModel;
import org.hybridqml.metrics.BinarySegmentationScorer;
import org.hybridqml.nn.unet.Segmenter;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.provenance.ModelProvenance;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model of {@link QuNetTrainer}: a trained U-Net or Qu-Net ({@link Segmenter}) predicting a
 * {@link SegmentationMask} with per-pixel foreground probabilities (foreground where p &gt; 0.5). Java serialization
 * and Tribuo protobuf ({@link #serialize()}, {@link #deserializeFromProto}) store the segmenter's bytes
 * ({@link Segmenter#toBytes}); {@link #writePngs} writes a predicted mask and an
 * overlay for an example.
 */
public final class QuNetModel extends Model<SegmentationMask> {
    private static final long serialVersionUID = 1L;

    /**
     * Protobuf serialization version: 1 seals the payload with a SHA-256 ({@link ModelProtos#envelope}); version 0
     * (no checksum) is not read.
     */
    public static final int CURRENT_VERSION = 1;

    private final byte[] segmenterBytes;
    private final int channels;
    private final int height;
    private final int width;
    private transient Segmenter segmenter;

    QuNetModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
               ImmutableOutputInfo<SegmentationMask> outputIDInfo, Segmenter segmenter) {
        super(name, provenance, featureIDMap, outputIDInfo, true);
        this.segmenter = segmenter;
        this.segmenterBytes = segmenter.toBytes();
        this.channels = segmenter.spec().channels();
        this.height = segmenter.spec().height();
        this.width = segmenter.spec().width();
    }

    /**
     * Deserialization factory (Tribuo protobuf).
     *
     * @param version   the serialized object version
     * @param className the class name
     * @param message   the serialized data
     * @return the model
     * @throws InvalidProtocolBufferException if the model metadata cannot be parsed
     * @throws IllegalStateException          if the data are corrupt (checksum mismatch, wrong class name or type;
     *                                        the message names the model kind)
     * @throws IllegalStateException          if the embedded segmenter bytes are corrupt or the domain is wrong
     */
    public static QuNetModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        QuNetModelProto proto = ModelProtos.open(version, className, message,
                QuNetModel.class, CURRENT_VERSION, QuNetModelProto.class);
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(proto.getMetadata().unpack(ModelDataProto.class));
        if (!(carrier.outputDomain() instanceof ImmutableSegmentationInfo)) {
            throw new IllegalStateException("Invalid protobuf, output domain is not a segmentation domain, found "
                    + carrier.outputDomain().getClass());
        }
        @SuppressWarnings("unchecked") // guarded by the instanceof check
        ImmutableOutputInfo<SegmentationMask> info = (ImmutableOutputInfo<SegmentationMask>) carrier.outputDomain();
        Segmenter segmenter;
        try {
            segmenter = Segmenter.fromBytes(proto.getSegmenter().toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("Invalid protobuf, the segmenter could not be read: " + e.getMessage(), e);
        }
        return new QuNetModel(carrier.name(), carrier.provenance(), carrier.featureDomain(), info, segmenter);
    }

    /**
     * Java serialization writes the checksummed proxy ({@link SealedTribuoModel}) in place of this model.
     *
     * @return the proxy
     * @throws ObjectStreamException when the model cannot be serialized
     */
    @Serial
    private Object writeReplace() throws ObjectStreamException {
        return SealedTribuoModel.replace(this);
    }

    @Override
    public ModelProto serialize() {
        ModelDataCarrier<SegmentationMask> carrier = createDataCarrier();
        QuNetModelProto model = QuNetModelProto.newBuilder()
                .setMetadata(Any.pack(carrier.serialize()))
                .setSegmenter(ByteString.copyFrom(segmenterBytes))
                .build();
        return ModelProtos.envelope(model, QuNetModel.class, CURRENT_VERSION);
    }

    /** @return the trained engine-neutral segmenter */
    public synchronized Segmenter segmenter() {
        if (segmenter == null) {
            try {
                segmenter = Segmenter.fromBytes(segmenterBytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore the segmenter: " + e.getMessage(), e);
            }
        }
        return segmenter;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        SealedModel.requireSealed(this, SealedTribuoModel.KIND); // only from the verified payload of the proxy
        in.defaultReadObject();
        segmenter = Segmenter.fromBytes(segmenterBytes); // corrupt bytes fail here, with the reason
    }

    /**
     * Reads an example's pixels densely (CHW order by feature name; absent features are 0).
     *
     * @throws IllegalArgumentException if a feature name is not a pixel index inside the image, or a value is not
     *                                  finite
     */
    static float[] pixels(Example<?> e, int channels, int height, int width) {
        int len = channels * height * width;
        float[] x = new float[len];
        for (Feature f : e) {
            int idx;
            try {
                idx = Integer.parseInt(f.getName().trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("feature '" + f.getName() + "' is not a pixel index");
            }
            if (idx < 0 || idx >= len) {
                throw new IllegalArgumentException("example has pixel feature " + f.getName() + " but the image size "
                        + channels + "x" + height + "x" + width + " has only " + len + " pixels");
            }
            if (!Double.isFinite(f.getValue())) {
                throw new IllegalArgumentException("non-finite pixel value " + f.getValue() + " at " + f.getName());
            }
            x[idx] = (float) f.getValue();
        }
        return x;
    }

    @Override
    public Prediction<SegmentationMask> predict(Example<SegmentationMask> example) {
        float[] p = probabilities(example);
        SegmentationMask mask = SegmentationMask.fromProbabilities(height, width, p);
        return new Prediction<>(mask, example.size(), example);
    }

    private float[] probabilities(Example<SegmentationMask> example) {
        float[] px = pixels(example, channels, height, width);
        Segmenter s = segmenter();
        synchronized (s) {
            return s.predictProbabilities(px, channels, height, width);
        }
    }

    /**
     * Writes the predicted mask and an overlay of it on the example's image as PNG files.
     *
     * @param example an image example
     * @param maskPng output file of the mask (foreground white)
     * @param overlayPng output file of the overlay
     * @throws IOException on a write error
     */
    public void writePngs(Example<SegmentationMask> example, Path maskPng, Path overlayPng) throws IOException {
        float[] p = probabilities(example);
        double t = BinarySegmentationScorer.DEFAULT_THRESHOLD;
        MaskImages.writeMask(maskPng, p, height, width, t);
        MaskImages.writeOverlay(overlayPng, pixels(example, channels, height, width), channels, height, width, p, t);
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    @Override
    public Optional<Excuse<SegmentationMask>> getExcuse(Example<SegmentationMask> example) {
        return Optional.empty();
    }

    @Override
    protected Model<SegmentationMask> copy(String newName, ModelProvenance newProvenance) {
        try {
            return new QuNetModel(newName, newProvenance, featureIDMap, outputIDInfo,
                    Segmenter.fromBytes(segmenterBytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "QuNetModel(" + segmenter() + ")";
    }
}

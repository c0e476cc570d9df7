package org.hybridqml.tribuo.segmentation;

import org.hybridqml.data.ImageShape;
import org.hybridqml.tribuo.image.ImageExamples;
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
import org.hybridqml.nn.train.EpochStats;
import org.hybridqml.nn.unet.QuNetSegmenterModel;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.HasTrainedCircuits;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.sim.draw.CircuitDrawing;
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
 * The model of {@link QuNetTrainer}: a trained U-Net or Qu-Net ({@link QuNetSegmenterModel}) predicting a
 * {@link SegmentationMask} with per-pixel foreground probabilities (foreground where p &gt; 0.5). Like
 * {@link QuNetSegmenterModel#predictProbabilities}, it predicts images of any height and width: the image is resized (nearest
 * neighbour) to the training size and the probabilities back to the image's own size, which comes from the
 * example's shape metadata (see {@link #shapeOf}); the mask always has the image's size. The channel count must be
 * the trained one. Java serialization
 * and Tribuo protobuf ({@link #serialize()}, {@link #deserializeFromProto}) store the segmenter's bytes
 * ({@link QuNetSegmenterModel#toBytes}); {@link #writePngs} writes a predicted mask and an
 * overlay for an example.
 */
public final class QuNetModel extends Model<SegmentationMask> implements HasTrainedCircuits {
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
    private transient QuNetSegmenterModel segmenter;
    /** How predictions evaluate the QuFeX circuits; null (the default, and models saved before it) means exact. */
    private PredictionNoise predictionNoise;

    QuNetModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
               ImmutableOutputInfo<SegmentationMask> outputIDInfo, QuNetSegmenterModel segmenter) {
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
        QuNetSegmenterModel segmenter;
        try {
            segmenter = QuNetSegmenterModel.fromBytes(proto.getSegmenter().toByteArray());
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

    /**
     * The per-epoch training history, as every model of this module names it ({@code QuantumPointwiseCNNModel},
     * the DQC models): one {@link EpochStats} per epoch (mean per-pixel BCE, validation score or NaN, seconds).
     *
     * @return the segmenter's history; empty for a model read back from a file (the segmenter's stored form keeps
     *         the network, not its history)
     */
    public List<EpochStats> history() {
        return segmenter().history();
    }

    /** @return the trained engine-neutral segmenter (with this model's prediction-time setting) */
    public synchronized QuNetSegmenterModel segmenter() {
        if (segmenter == null) {
            try {
                segmenter = QuNetSegmenterModel.fromBytes(segmenterBytes).predictionNoise(predictionNoise());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore the segmenter: " + e.getMessage(), e);
            }
        }
        return segmenter;
    }

    /**
     * How predictions evaluate the QuFeX circuits ({@link PredictionNoise#exact()} unless set by
     * {@link #withPredictionNoise}).
     *
     * @return the setting
     */
    public PredictionNoise predictionNoise() {
        return predictionNoise == null ? PredictionNoise.exact() : predictionNoise;
    }

    /**
     * A copy of this model (same name, provenance, domains and trained network, restored from its stored bytes, so
     * without the training history) whose predictions evaluate the QuFeX circuits with finite seeded shots and/or a
     * noise channel; training is not affected. Kept by Java serialization, not by protobuf (set it again after
     * loading). A classical U-Net has no circuit and predicts as before.
     *
     * @param noise the setting, not null; {@link PredictionNoise#exact()} gives the exact predictions bit for bit
     * @return the new model
     */
    public QuNetModel withPredictionNoise(PredictionNoise noise) {
        if (noise == null) {
            throw new IllegalArgumentException("prediction noise must not be null; use PredictionNoise.exact()");
        }
        QuNetModel m = (QuNetModel) copy(name, provenance);
        m.predictionNoise = noise;
        m.segmenter.predictionNoise(noise);
        return m;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        SealedModel.requireSealed(this, SealedTribuoModel.KIND); // only from the verified payload of the proxy
        in.defaultReadObject();
        segmenter = QuNetSegmenterModel.fromBytes(segmenterBytes); // corrupt bytes fail here, with the reason
        segmenter.predictionNoise(predictionNoise());
    }

    /**
     * The shape of an example's image: the shape in its metadata ({@link ImageExamples}, set by
     * {@link ImageMaskDataSource}), else the size of its mask (when it has one) with the trained channel count, else
     * the training shape. Its channel count must be the trained one; its height and width may differ.
     *
     * @throws IllegalArgumentException if the channel count differs from the trained one (both named)
     */
    ImageShape shapeOf(Example<SegmentationMask> example) {
        ImageShape trained = new ImageShape(channels, height, width);
        ImageShape own = ImageExamples.declaredShape(example).orElseGet(() -> {
            SegmentationMask m = example.getOutput();
            return m != null && m.getHeight() > 0 && m.getWidth() > 0
                    ? new ImageShape(channels, m.getHeight(), m.getWidth()) : trained;
        });
        trained.requireChannels("the example", own, "the model's training image shape");
        return own;
    }

    /** The example's pixels at its own shape. */
    private static float[] pixels(Example<SegmentationMask> example, ImageShape own) {
        return ImageExamples.pixels(example, own, 1f, "the example", "its image shape");
    }

    @Override
    public Prediction<SegmentationMask> predict(Example<SegmentationMask> example) {
        ImageShape own = shapeOf(example);
        float[] p = probabilities(own, pixels(example, own));
        SegmentationMask mask = SegmentationMask.fromProbabilities(own.height(), own.width(), p);
        return new Prediction<>(mask, example.size(), example);
    }

    /** Probabilities at the image's own size: the segmenter resizes to the training size and back. */
    private float[] probabilities(ImageShape own, float[] px) {
        QuNetSegmenterModel s = segmenter();
        synchronized (s) {
            return s.predictProbabilities(px, own.channels(), own.height(), own.width());
        }
    }

    /**
     * The trained QuFeX circuits bound to one bottleneck patch of an example's image, as OpenQASM programs, one per
     * filter (filter 1 first): the trained parameters and the encoding angles that the image's bottleneck feature maps
     * give that patch bound to numbers, every qubit measured ({@link QuNetSegmenterModel#toOpenQasm}). The image is
     * resized to the training size as for {@link #predict}. Simulating a program gives the values the QuFeX layer
     * (Jain &amp; Kalev, arXiv:2501.13165, Sec. II.B) adds to that patch for its filter.
     *
     * @param example an image example
     * @param patch   the patch, numbered group by group, then patch row by patch row, then patch column by column;
     *                0 ≤ patch &lt; {@link #patchesPerImage()}
     * @param qasm3   OpenQASM 3.0 when true, else 2.0
     * @return one program per QuFeX filter; empty for the classical U-Net
     * @throws IllegalArgumentException on a wrong image or a patch out of range (the message names the range)
     */
    public List<String> toOpenQasm(Example<SegmentationMask> example, int patch, boolean qasm3) {
        ImageShape own = shapeOf(example);
        float[] px = pixels(example, own);
        QuNetSegmenterModel s = segmenter();
        synchronized (s) {
            return s.toOpenQasm(px, own.channels(), own.height(), own.width(), patch, qasm3);
        }
    }

    /**
     * {@link #toOpenQasm(Example, int, boolean)} for the first bottleneck patch (patch 0).
     *
     * @param example an image example
     * @param qasm3   OpenQASM 3.0 when true, else 2.0
     * @return one program per QuFeX filter; empty for the classical U-Net
     */
    public List<String> toOpenQasm(Example<SegmentationMask> example, boolean qasm3) {
        return toOpenQasm(example, 0, qasm3);
    }

    /** @return the QuFeX patches per image at the bottleneck (valid patch indices 0 … count−1); 0 for the U-Net */
    public int patchesPerImage() {
        return segmenter().patchesPerImage();
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
        ImageShape own = shapeOf(example);
        float[] px = pixels(example, own);
        float[] p = probabilities(own, px);
        double t = BinarySegmentationScorer.DEFAULT_THRESHOLD;
        MaskImages.writeMask(maskPng, p, own.height(), own.width(), t);
        MaskImages.writeOverlay(overlayPng, px, own.channels(), own.height(), own.width(), p, t);
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
            QuNetModel m = new QuNetModel(newName, newProvenance, featureIDMap, outputIDInfo,
                    QuNetSegmenterModel.fromBytes(segmenterBytes).predictionNoise(predictionNoise()));
            m.predictionNoise = predictionNoise;
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The QuFeX bottleneck's circuits with their trained parameters ({@code "QuFeX filter f (PQCf)"});
     * {@link #drawCircuits()} draws them in Unicode, and {@link #toString()} ends with that drawing.
     *
     * @return one circuit per QuFeX filter; empty for the classical U-Net
     */
    @Override
    public List<TrainedCircuit> trainedCircuits() {
        return segmenter().trainedCircuits();
    }

    @Override
    public String toString() {
        return "QuNetModel(" + segmenter() + ")" + TrainedCircuit.descriptionSuffix(trainedCircuits(), CircuitDrawing.Style.UNICODE);
    }
}

package org.hybridqml.tribuo.classification;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.hybridqml.io.SealedModel;
import org.hybridqml.tribuo.classification.protos.QuantumPointwiseCNNModelProto;
import org.hybridqml.data.ImageShape;
import org.hybridqml.nn.layer.NetworkCircuits;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.nn.train.EpochStats;
import org.hybridqml.qnn.BoundCircuit;
import org.hybridqml.qnn.HasTrainedCircuits;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.sim.draw.CircuitDrawing;
import org.hybridqml.tribuo.image.ImageExamples;
import org.hybridqml.tribuo.qnn.ModelProtos;
import org.hybridqml.tribuo.qnn.SealedTribuoModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model of {@link QuantumPointwiseCNNTrainer}: a DL4J pointwise CNN predicting class probabilities. It predicts
 * only images of the shape it was trained on; another size or channel count is an error naming both shapes (the
 * network's dense layer is tied to the training size, so the model does not resize). Java
 * serialization and Tribuo protobuf ({@link #serialize()}, {@link #deserializeFromProto}) store the network as its
 * {@link ModelSerializer} bytes (no updater state) together with the image size, the input scale and the per-epoch
 * training history ({@link #history()}).
 */
public final class QuantumPointwiseCNNModel extends Model<Label> implements HasTrainedCircuits {

    private static final long serialVersionUID = 1L;

    /**
     * Protobuf serialization version: 1 seals the payload with a SHA-256 ({@link ModelProtos#envelope}); version 0
     * (no checksum) is not read.
     */
    public static final int CURRENT_VERSION = 1;

    private final byte[] networkBytes;
    private final int height;
    private final int width;
    private final int channels;
    private final float inputScale;
    /** Per epoch: mean loss, validation score, seconds (arrays, because {@link EpochStats} is not serializable). */
    private final double[] epochLoss;
    private final double[] epochValidationScore;
    private final double[] epochSeconds;
    private transient MultiLayerNetwork network;
    /** How predictions evaluate the pointwise circuits; null (the default, and models saved before it) means exact. */
    private PredictionNoise predictionNoise;

    QuantumPointwiseCNNModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                             ImmutableOutputInfo<Label> outputIDInfo, MultiLayerNetwork network,
                             int height, int width, int channels, float inputScale, List<EpochStats> history) {
        this(name, provenance, featureIDMap, outputIDInfo, network, toBytes(network), height, width, channels,
                inputScale, history.stream().mapToDouble(EpochStats::meanLoss).toArray(),
                history.stream().mapToDouble(EpochStats::validationScore).toArray(),
                history.stream().mapToDouble(EpochStats::seconds).toArray());
    }

    private QuantumPointwiseCNNModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                                     ImmutableOutputInfo<Label> outputIDInfo, MultiLayerNetwork network,
                                     byte[] networkBytes, int height, int width, int channels, float inputScale,
                                     double[] epochLoss, double[] epochValidationScore, double[] epochSeconds) {
        super(name, provenance, featureIDMap, outputIDInfo, true);
        this.network = network;
        this.networkBytes = networkBytes;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.inputScale = inputScale;
        this.epochLoss = epochLoss.clone();
        this.epochValidationScore = epochValidationScore.clone();
        this.epochSeconds = epochSeconds.clone();
    }

    /**
     * The per-epoch training history, as {@code QuNetModel.history()} and the DQC models' {@code history()} give it:
     * one entry per training epoch, epochs numbered from 1, with the mean mini-batch loss (cross-entropy), the
     * validation score (NaN: the Tribuo trainer trains without validation data) and the wall-clock seconds. Kept in
     * both serialized forms.
     *
     * @return the history, one entry per epoch
     */
    public List<EpochStats> history() {
        List<EpochStats> out = new ArrayList<>(epochLoss.length);
        for (int e = 0; e < epochLoss.length; e++) {
            out.add(new EpochStats(e + 1, epochLoss[e], epochValidationScore[e], epochSeconds[e]));
        }
        return List.copyOf(out);
    }

    /**
     * @return the image shape the network was built for (channels, height, width); predictions need exactly it
     */
    public ImageShape imageShape() {
        return new ImageShape(channels, height, width);
    }

    /**
     * The quantum pointwise layer's K circuits ({@code "pointwise circuit k"}), each with its trained parameter
     * slice; {@link #drawCircuits()} draws them in Unicode, and {@link #toString()} ends with that drawing.
     *
     * @return K circuits; empty for the classical 1x1 variant
     */
    @Override
    public List<TrainedCircuit> trainedCircuits() {
        return NetworkCircuits.of(network());
    }

    /** @return Tribuo's model description followed by the drawing of the trained circuits */
    @Override
    public String toString() {
        return super.toString() + TrainedCircuit.descriptionSuffix(trainedCircuits(), CircuitDrawing.Style.UNICODE);
    }

    private static byte[] toBytes(MultiLayerNetwork network) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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
     * @throws IllegalArgumentException       if the version is unknown
     * @throws IllegalStateException          if the data are inconsistent: not a label domain, an invalid image size
     *                                        or input scale, a feature that is not a pixel of the image, network
     *                                        bytes that are not a DL4J model, or a network that does not map one
     *                                        image of the stored size to one probability per label
     */
    public static QuantumPointwiseCNNModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        QuantumPointwiseCNNModelProto proto = ModelProtos.open(version, className, message,
                QuantumPointwiseCNNModel.class, CURRENT_VERSION, QuantumPointwiseCNNModelProto.class);
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(proto.getMetadata().unpack(ModelDataProto.class));
        ImmutableOutputInfo<Label> labelInfo = ModelProtos.outputDomain(carrier, Label.class);
        int width = proto.getWidth();
        int height = proto.getHeight();
        int channels = proto.getChannels();
        if (width < 1 || height < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalStateException("Invalid protobuf, image size " + channels + "x" + height + "x" + width
                    + " (channels x height x width) needs positive sides and 1 or 3 channels");
        }
        float scale = proto.getInputScale();
        if (!(scale > 0) || Float.isInfinite(scale)) {
            throw new IllegalStateException("Invalid protobuf, input scale must be finite and > 0, found " + scale);
        }
        long len = (long) width * height * channels;
        for (VariableInfo v : carrier.featureDomain()) {
            long idx;
            try {
                idx = Long.parseLong(v.getName().trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("Invalid protobuf, feature '" + v.getName()
                        + "' is not a pixel index");
            }
            if (idx < 0 || idx >= len) {
                throw new IllegalStateException("Invalid protobuf, feature map has pixel feature " + v.getName()
                        + " but the stored image size " + channels + "x" + height + "x" + width + " has only " + len
                        + " pixels");
            }
        }
        byte[] bytes = proto.getNetwork().toByteArray();
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Invalid protobuf, the network bytes (" + bytes.length
                    + ") are not a DL4J model: " + e, e);
        }
        checkShape(network, height, width, channels, labelInfo.size());
        int epochs = proto.getEpochLossCount();
        if (proto.getEpochValidationScoreCount() != epochs || proto.getEpochSecondsCount() != epochs) {
            throw new IllegalStateException("Invalid protobuf, the training history arrays differ in length: "
                    + epochs + " losses, " + proto.getEpochValidationScoreCount() + " validation scores, "
                    + proto.getEpochSecondsCount() + " durations");
        }
        return new QuantumPointwiseCNNModel(carrier.name(), carrier.provenance(), carrier.featureDomain(), labelInfo,
                network, bytes, height, width, channels, scale,
                toArray(proto.getEpochLossList()), toArray(proto.getEpochValidationScoreList()),
                toArray(proto.getEpochSecondsList()));
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Runs one blank image of the stored size through the network and checks that one row of probabilities, one
     * per class (at least two, as the trainer builds it), comes out.
     */
    private static void checkShape(MultiLayerNetwork network, int height, int width, int channels, int labels) {
        long expected = Math.max(2, labels);
        INDArray out;
        try {
            out = network.output(Nd4j.zeros(DataType.FLOAT, 1, channels, height, width), false);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Invalid protobuf, the network does not accept images of the stored size "
                    + channels + "x" + height + "x" + width + ": " + e.getMessage(), e);
        }
        if (out.rank() != 2 || out.size(0) != 1 || out.size(1) != expected) {
            throw new IllegalStateException("Invalid protobuf, the network maps a " + channels + "x" + height + "x"
                    + width + " image to shape " + Arrays.toString(out.shape()) + " but the "
                    + labels + " labels need [1, " + expected + "]");
        }
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

    /**
     * Accepts this model only from the verified payload of its checksummed proxy ({@link SealedModel#requireSealed}).
     *
     * @param in the stream
     * @throws IOException            when the model is not read from a verified proxy, or on a read error
     * @throws ClassNotFoundException when a class of the stream is missing
     */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        SealedModel.requireSealed(this, SealedTribuoModel.KIND);
        in.defaultReadObject();
    }

    @Override
    public ModelProto serialize() {
        ModelDataCarrier<Label> carrier = createDataCarrier();
        QuantumPointwiseCNNModelProto model = QuantumPointwiseCNNModelProto.newBuilder()
                .setMetadata(Any.pack(carrier.serialize()))
                .setWidth(width)
                .setHeight(height)
                .setChannels(channels)
                .setInputScale(inputScale)
                .setNetwork(ByteString.copyFrom(networkBytes))
                .addAllEpochLoss(Arrays.stream(epochLoss).boxed().toList())
                .addAllEpochValidationScore(Arrays.stream(epochValidationScore).boxed().toList())
                .addAllEpochSeconds(Arrays.stream(epochSeconds).boxed().toList())
                .build();
        return ModelProtos.envelope(model, QuantumPointwiseCNNModel.class, CURRENT_VERSION);
    }

    /** @return the trained network (this model's own instance, for the package's tests: do not train it) */
    synchronized MultiLayerNetwork network() {
        if (network == null) {
            try {
                network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(networkBytes), false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore the network", e);
            }
            NetworkCircuits.predictionNoise(network, predictionNoise());
        }
        return network;
    }

    /**
     * How predictions evaluate the quantum pointwise circuits ({@link PredictionNoise#exact()} unless set by
     * {@link #withPredictionNoise}).
     *
     * @return the setting
     */
    public PredictionNoise predictionNoise() {
        return predictionNoise == null ? PredictionNoise.exact() : predictionNoise;
    }

    /**
     * A copy of this model (same name, provenance, domains, network and history) whose predictions evaluate the
     * quantum pointwise circuits with finite seeded shots and/or a noise channel, one simulation per pixel and
     * circuit (much slower than the exact fused path); training is not affected. Kept by Java serialization, not by
     * protobuf (set it again after loading). The classical twin has no circuit and predicts as before.
     *
     * @param noise the setting, not null; {@link PredictionNoise#exact()} gives the exact predictions bit for bit
     * @return the new model
     */
    public QuantumPointwiseCNNModel withPredictionNoise(PredictionNoise noise) {
        if (noise == null) {
            throw new IllegalArgumentException("prediction noise must not be null; use PredictionNoise.exact()");
        }
        QuantumPointwiseCNNModel m = (QuantumPointwiseCNNModel) copy(name, provenance);
        m.predictionNoise = noise;
        NetworkCircuits.predictionNoise(m.network(), noise);
        return m;
    }

    @Override
    public Prediction<Label> predict(Example<Label> example) {
        INDArray in = networkInput(example);
        INDArray p;
        synchronized (this) {
            p = network().output(in, false);
        }
        Map<String, Label> scores = new LinkedHashMap<>();
        Label best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int id = 0; id < outputIDInfo.size(); id++) {
            Label l = outputIDInfo.getOutput(id);
            double s = p.getDouble(0, id);
            scores.put(l.getLabel(), new Label(l.getLabel(), s));
            if (s > bestScore) {
                bestScore = s;
                best = new Label(l.getLabel(), s);
            }
        }
        return new Prediction<>(best, scores, example.size(), example, true);
    }

    /** The example's pixels (times the input scale) as one network input [1, C, H, W]. */
    INDArray networkInput(Example<Label> example) {
        float[] px = ImageExamples.pixels(example, new ImageShape(channels, height, width), inputScale, "the example",
                "the model's training image shape");
        return Nd4j.create(px, new long[]{1, channels, height, width}, 'c').castTo(DataType.FLOAT);
    }

    /**
     * The trained pointwise circuits bound to one pixel of the feature map that an example's image gives the quantum
     * pointwise layer, as OpenQASM programs, one per circuit (circuit 1 first): the trained parameters bound to
     * numbers, the pixel's channel vector amplitude embedded as an explicit state preparation (Ning, Li &amp; Chen,
     * arXiv:2412.01241; an all-zero pixel as |0…0⟩, as the layer embeds it), every qubit measured
     * ({@link NetworkCircuits#bound}). Simulating program k gives the layer's output channels k·n … k·n+n−1 at that
     * pixel.
     *
     * @param example an image example of the training shape
     * @param pixel   the pixel y·W' + x of the layer's input feature map (W' its width, after the first pooling);
     *                0 ≤ pixel &lt; {@link #pixelsPerImage()}
     * @param qasm3   OpenQASM 3.0 when true, else 2.0
     * @return one program per circuit; empty for the classical twin
     * @throws IllegalArgumentException on an image of another shape or a pixel out of range (the range named)
     */
    public List<String> toOpenQasm(Example<Label> example, int pixel, boolean qasm3) {
        INDArray in = networkInput(example);
        synchronized (this) {
            return BoundCircuit.toOpenQasm(NetworkCircuits.bound(network(), in, pixel), qasm3);
        }
    }

    /**
     * {@link #toOpenQasm(Example, int, boolean)} for the first pixel (pixel 0).
     *
     * @param example an image example of the training shape
     * @param qasm3   OpenQASM 3.0 when true, else 2.0
     * @return one program per circuit; empty for the classical twin
     */
    public List<String> toOpenQasm(Example<Label> example, boolean qasm3) {
        return toOpenQasm(example, 0, qasm3);
    }

    /**
     * @return the pixels of the feature map entering the quantum pointwise layer (valid pixel indices 0 … count−1);
     *         0 for the classical twin
     */
    public int pixelsPerImage() {
        return NetworkCircuits.circuitSites(network().getLayerWiseConfigurations(), channels, height, width);
    }

    @Override
    public Map<String, List<com.oracle.labs.mlrg.olcut.util.Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    @Override
    public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
        return Optional.empty();
    }

    @Override
    protected Model<Label> copy(String newName, ModelProvenance newProvenance) {
        QuantumPointwiseCNNModel m = new QuantumPointwiseCNNModel(newName, newProvenance, featureIDMap, outputIDInfo,
                network().clone(), networkBytes, height, width, channels, inputScale, epochLoss, epochValidationScore,
                epochSeconds);
        m.predictionNoise = predictionNoise;
        NetworkCircuits.predictionNoise(m.network(), predictionNoise());
        return m;
    }
}

package org.hybridqml.nn.unet;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.hybridqml.data.SegmentationDataset;
import org.hybridqml.io.ModelChecksum;
import org.hybridqml.io.ModelIntegrityException;
import org.hybridqml.io.ModelIntegrityException.Problem;
import org.hybridqml.metrics.BinarySegmentationScorer;
import org.hybridqml.metrics.SegmentationScores;
import org.hybridqml.qnn.BoundCircuit;
import org.hybridqml.qnn.HasTrainedCircuits;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.nn.layer.NetworkCircuits;
import org.hybridqml.nn.train.EpochStats;
import org.hybridqml.nn.train.SegmentationTrainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A trained U-Net or Qu-Net binary segmenter: its {@link QuNetSegmenterSpec} and the trained DL4J network. This is the
 * platform-neutral model (no Tribuo or Weka types) that the Tribuo and Weka adapters wrap; it trains, predicts foreground probabilities per
 * pixel and serialises itself to bytes.
 *
 * <p>Images of another size than the network's are resized to the network size (nearest neighbour, pixel-centre
 * sampling as in {@link SegmentationDataset#load}) and the predicted probabilities are resized back, so every
 * prediction has the shape of its input image.
 *
 * <p>Serial form ({@link #toBytes}): magic {@code HQSEG}, a format version, the spec fields, then the DL4J model
 * zip (ModelSerializer, without updater state). Format 3 adds the spec's {@code outputBiasFromPrior} after the seed;
 * format 2 files (written before it) are still read, as specs without it (false, their training's behaviour).
 */
public final class QuNetSegmenterModel implements HasTrainedCircuits {

    private static final int MAGIC = 0x48515347; // "HQSG"
    /**
     * Format 2: total length after the version, SHA-256 of all preceding bytes at the end (format 1 had none);
     * format 3: also the spec's output-bias-from-prior flag after the seed.
     */
    private static final int VERSION = 3;
    /** The oldest format {@link #fromBytes} reads. */
    private static final int OLDEST_VERSION = 2;
    /** The model kind named in error messages. */
    private static final String KIND = "Segmenter model";

    private final QuNetSegmenterSpec spec;
    private final ComputationGraph network;
    private final List<EpochStats> history;
    /** Prediction-time evaluation of the QuFeX circuits (not stored by {@link #toBytes}). */
    private PredictionNoise predictionNoise = PredictionNoise.exact();

    private QuNetSegmenterModel(QuNetSegmenterSpec spec, ComputationGraph network, List<EpochStats> history) {
        this.spec = spec;
        this.network = network;
        this.history = List.copyOf(history);
    }

    /**
     * Builds the network of {@code spec} and trains it on {@code train}.
     *
     * @param spec        architecture and training protocol
     * @param train       training images and masks, of the spec's size and channels
     * @param validation  validation data (pooled hard foreground IoU reported per epoch), or null
     * @param progressLog receives one line per epoch (may be null)
     * @return the trained segmenter
     * @throws IllegalArgumentException if the data do not match the spec
     */
    public static QuNetSegmenterModel train(QuNetSegmenterSpec spec, SegmentationDataset train, SegmentationDataset validation,
                                  Consumer<String> progressLog) {
        requireShape(spec, train, "training");
        if (validation != null) {
            requireShape(spec, validation, "validation");
        }
        if (train.size() == 0) {
            throw new IllegalArgumentException("no training images");
        }
        Consumer<String> log = progressLog == null ? s -> { } : progressLog;
        log.accept("Training " + spec + " on " + train.size() + " images");
        SegmentationTrainer trainer = new SegmentationTrainer().epochs(spec.epochs()).batchSize(spec.batchSize())
                .learningRate(spec.learningRate()).seed(spec.seed()).outputBiasFromPrior(spec.outputBiasFromPrior())
                .onEpoch(s -> log.accept(String.format(java.util.Locale.ROOT,
                        "epoch %d/%d  loss %.5f%s  %.1f s", s.epoch(), spec.epochs(), s.meanLoss(),
                        Double.isNaN(s.validationScore()) ? ""
                                : String.format(java.util.Locale.ROOT, "  validation IoU %.4f", s.validationScore()),
                        s.seconds())));
        SegmentationTrainer.Result r = trainer.fit(spec.architecture(), train, validation);
        return new QuNetSegmenterModel(spec, r.network(), r.history());
    }

    private static void requireShape(QuNetSegmenterSpec spec, SegmentationDataset d, String what) {
        if (d.height() != spec.height() || d.width() != spec.width() || d.channels() != spec.channels()) {
            throw new IllegalArgumentException("the " + what + " images are " + d.height() + "x" + d.width() + "x"
                    + d.channels() + " but the network expects " + spec.height() + "x" + spec.width() + "x"
                    + spec.channels() + " (load them with a resize, or change the spec)");
        }
    }

    /** @return the spec this segmenter was built and trained with */
    public QuNetSegmenterSpec spec() {
        return spec;
    }

    /** @return per-epoch training history (empty for a loaded segmenter) */
    public List<EpochStats> history() {
        return history;
    }

    /** @return the trained DL4J network */
    public ComputationGraph network() {
        return network;
    }

    /**
     * The QuFeX bottleneck's circuits ({@code "QuFeX filter 1 (PQC1)"}, and {@code "QuFeX filter 2 (PQC2)"} with two
     * filters), each with its 4 trained parameters read from the network's QuFeX layer.
     *
     * @return the trained circuits; empty for the classical U-Net
     */
    @Override
    public List<TrainedCircuit> trainedCircuits() {
        return NetworkCircuits.of(network);
    }

    /**
     * Sets how predictions evaluate the QuFeX circuits: finite seeded shots and/or a noise channel
     * ({@link PredictionNoise}); {@link PredictionNoise#exact()} (the default) gives the exact predictions bit for
     * bit. Training is always exact. Not stored by {@link #toBytes}: set it again on a restored segmenter. The
     * classical U-Net has no circuit and ignores it.
     *
     * @param noise the setting, not null
     * @return this segmenter
     */
    public QuNetSegmenterModel predictionNoise(PredictionNoise noise) {
        NetworkCircuits.predictionNoise(network, noise);
        this.predictionNoise = noise;
        return this;
    }

    /** @return the prediction-time setting ({@link PredictionNoise#exact()} unless set) */
    public PredictionNoise predictionNoise() {
        return predictionNoise;
    }

    /** @return number of trainable parameters */
    public long parameterCount() {
        return network.numParams();
    }

    /**
     * Foreground probabilities of one image.
     *
     * @param imageChw image, CHW row-major, values as the training images (e.g. [0,1])
     * @param channels image channels (must equal the spec's)
     * @param height   image height (any; resized to the network's and back)
     * @param width    image width
     * @return H·W probabilities, row-major
     * @throws IllegalArgumentException on a wrong length, channel count or non-finite pixel
     */
    public float[] predictProbabilities(float[] imageChw, int channels, int height, int width) {
        float[] input = networkInput(imageChw, channels, height, width);
        float[] p = run(input, 1);
        return resizeChw(p, 1, spec.height(), spec.width(), height, width);
    }

    /**
     * The QuFeX circuits of this segmenter bound to the inputs of one bottleneck patch of one image: the image is
     * resized to the network's size as for {@link #predictProbabilities}, run through the encoder to the QuFeX layer,
     * and each filter's circuit (Jain &amp; Kalev, arXiv:2501.13165, Sec. II.B) gets that patch's values of the
     * bottleneck feature maps as its encoding angles ({@link NetworkCircuits#bound}). Simulating a bound circuit gives
     * the ⟨·⟩ values the QuFeX layer adds to that patch for its filter.
     *
     * @param imageChw image, CHW row-major, values as the training images
     * @param channels image channels (must equal the spec's)
     * @param height   image height (any; resized to the network's)
     * @param width    image width
     * @param patch    the patch, numbered as the QuFeX layer runs them (group, then patch row, then patch column);
     *                 0 ≤ patch &lt; {@link #patchesPerImage()}
     * @return one bound circuit per QuFeX filter, filter 1 first; empty for the classical U-Net
     * @throws IllegalArgumentException on a wrong image (as {@link #predictProbabilities}) or a patch out of range
     *                                  (the message names the range)
     */
    public List<BoundCircuit> boundCircuits(float[] imageChw, int channels, int height, int width, int patch) {
        float[] input = networkInput(imageChw, channels, height, width);
        return NetworkCircuits.bound(network, networkArray(input, 1), patch);
    }

    /**
     * {@link #boundCircuits} as OpenQASM programs, one per QuFeX filter ({@link BoundCircuit#toOpenQasm}): trained
     * parameters and the patch's encoding angles bound to numbers, every qubit measured.
     *
     * @param imageChw image, CHW row-major
     * @param channels image channels
     * @param height   image height
     * @param width    image width
     * @param patch    the bottleneck patch
     * @param qasm3    OpenQASM 3.0 when true, else 2.0
     * @return one program per filter; empty for the classical U-Net
     * @throws IllegalArgumentException as {@link #boundCircuits}
     */
    public List<String> toOpenQasm(float[] imageChw, int channels, int height, int width, int patch, boolean qasm3) {
        return BoundCircuit.toOpenQasm(boundCircuits(imageChw, channels, height, width, patch), qasm3);
    }

    /**
     * @return the QuFeX patches of one image at the bottleneck (the valid patch indices are 0 … count−1); 0 for
     *         the classical U-Net
     */
    public int patchesPerImage() {
        return NetworkCircuits.circuitSites(network.getConfiguration(), spec.channels(), spec.height(), spec.width());
    }

    /** Checks an image and resizes it to the network's size. */
    private float[] networkInput(float[] imageChw, int channels, int height, int width) {
        if (channels != spec.channels()) {
            throw new IllegalArgumentException("image has " + channels + " channels, the network expects "
                    + spec.channels());
        }
        if (height < 1 || width < 1 || imageChw.length != (long) channels * height * width) {
            throw new IllegalArgumentException("image array has " + imageChw.length + " values, expected "
                    + channels + "x" + height + "x" + width);
        }
        for (int i = 0; i < imageChw.length; i++) {
            if (!Float.isFinite(imageChw[i])) {
                throw new IllegalArgumentException("non-finite pixel " + imageChw[i] + " at flat index " + i);
            }
        }
        return resizeChw(imageChw, channels, height, width, spec.height(), spec.width());
    }

    /**
     * Foreground probabilities of every image of a data set of the network's size.
     *
     * @param data images (masks are ignored)
     * @return one H·W array per image
     */
    public float[][] predictAll(SegmentationDataset data) {
        requireShape(spec, data, "input");
        float[] all = SegmentationTrainer.predict(network, data, Math.max(1, spec.batchSize()));
        int hw = data.height() * data.width();
        float[][] out = new float[data.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(all, i * hw, (i + 1) * hw);
        }
        return out;
    }

    /**
     * Scores the predictions on a labelled data set (threshold 0.5, the project's {@code p > t} rule).
     *
     * @param data images and true masks of the network's size
     * @return IoU, Dice, soft IoU, pixel accuracy and both classes' IoU, pooled and per image
     */
    public SegmentationScores evaluate(SegmentationDataset data) {
        float[][] p = predictAll(data);
        float[] masks = data.masks();
        int hw = data.height() * data.width();
        BinarySegmentationScorer scorer = new BinarySegmentationScorer();
        for (int i = 0; i < p.length; i++) {
            scorer.add(p[i], java.util.Arrays.copyOfRange(masks, i * hw, (i + 1) * hw));
        }
        return scorer.scores();
    }

    private float[] run(float[] nchw, int n) {
        return network.outputSingle(false, networkArray(nchw, n)).castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /** n images of the network's size as an array of the network's data type. */
    private INDArray networkArray(float[] nchw, int n) {
        DataType type = network.params().dataType();
        return Nd4j.create(nchw, new long[]{n, spec.channels(), spec.height(), spec.width()}, 'c').castTo(type);
    }

    /** Nearest-neighbour resize of a CHW array with pixel-centre sampling (identity when the size matches). */
    static float[] resizeChw(float[] chw, int c, int h, int w, int outH, int outW) {
        if (h == outH && w == outW) {
            return chw.clone();
        }
        float[] out = new float[c * outH * outW];
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < outH; y++) {
                int sy = Math.min(h - 1, (int) Math.floor((y + 0.5) * h / outH));
                for (int x = 0; x < outW; x++) {
                    int sx = Math.min(w - 1, (int) Math.floor((x + 0.5) * w / outW));
                    out[(k * outH + y) * outW + x] = chw[(k * h + sy) * w + sx];
                }
            }
        }
        return out;
    }

    /**
     * @return the serial form (magic, version, total length, spec, network parameters, SHA-256 of all of it);
     *         {@link #fromBytes} verifies it and restores an equal segmenter
     */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(spec.height());
            out.writeInt(spec.width());
            out.writeInt(spec.channels());
            int[] f = spec.filters();
            out.writeInt(f.length);
            for (int v : f) {
                out.writeInt(v);
            }
            out.writeUTF(spec.bottleneck());
            out.writeInt(spec.epochs());
            out.writeInt(spec.batchSize());
            out.writeDouble(spec.learningRate());
            out.writeLong(spec.seed());
            out.writeBoolean(spec.outputBiasFromPrior());
            ByteArrayOutputStream model = new ByteArrayOutputStream();
            ModelSerializer.writeModel(network, model, false);
            out.writeInt(model.size());
            model.writeTo(out);
            out.flush();
            byte[] body = bytes.toByteArray();
            ByteArrayOutputStream whole = new ByteArrayOutputStream(body.length + 12 + ModelChecksum.DIGEST_BYTES);
            DataOutputStream w = new DataOutputStream(whole);
            w.writeInt(MAGIC);
            w.writeInt(VERSION);
            w.writeInt(12 + body.length + ModelChecksum.DIGEST_BYTES);
            w.write(body);
            w.flush();
            whole.write(ModelChecksum.digest(KIND, whole.toByteArray()));
            return whole.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not serialise the segmenter", e);
        }
    }

    /**
     * Restores a segmenter written by {@link #toBytes}.
     *
     * @param bytes serial form
     * @return the segmenter
     * @throws ModelIntegrityException if the bytes are empty, truncated (fewer than the stored length) or corrupt
     *                                 (wrong magic number or version, checksum mismatch)
     * @throws IOException              if the verified bytes still do not make a segmenter (e.g. a network whose
     *                                  parameter count does not fit the spec)
     */
    public static QuNetSegmenterModel fromBytes(byte[] bytes) throws IOException {
        int version = verify(bytes);
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 12,
                    bytes.length - 12 - ModelChecksum.DIGEST_BYTES));
            int h = in.readInt();
            int w = in.readInt();
            int c = in.readInt();
            int nf = in.readInt();
            if (nf < 1 || nf > 64) {
                throw new IOException("corrupt segmenter: " + nf + " encoder blocks");
            }
            int[] f = new int[nf];
            for (int i = 0; i < nf; i++) {
                f[i] = in.readInt();
            }
            String bottleneck = in.readUTF();
            int epochs = in.readInt();
            int batchSize = in.readInt();
            double learningRate = in.readDouble();
            long seed = in.readLong();
            boolean prior = version >= 3 && in.readBoolean();
            QuNetSegmenterSpec spec = new QuNetSegmenterSpec(h, w, c, f, bottleneck, epochs, batchSize, learningRate,
                    seed, prior);
            int len = in.readInt();
            if (len < 1 || len > in.available()) {
                throw new IOException("corrupt segmenter: network of " + len + " bytes, " + in.available()
                        + " left");
            }
            byte[] model = in.readNBytes(len);
            ComputationGraph net;
            try {
                net = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(model), false);
            } catch (RuntimeException e) {
                throw new IOException("corrupt segmenter: the network could not be read (" + e.getMessage() + ")",
                        e);
            }
            if (net.numParams() != spec.architecture().build().numParams()) {
                throw new IOException("corrupt segmenter: network has " + net.numParams()
                        + " parameters, its spec " + spec + " needs a different count");
            }
            return new QuNetSegmenterModel(spec, net, List.of());
        } catch (java.io.EOFException e) {
            throw new IOException("truncated segmenter bytes", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt segmenter: " + e.getMessage(), e);
        }
    }

    /**
     * Checks magic number, version, length and checksum of a serial form before it is parsed.
     *
     * @return the format version
     */
    private static int verify(byte[] bytes) throws ModelIntegrityException {
        if (bytes.length == 0) {
            throw new ModelIntegrityException(KIND, null, Problem.EMPTY, "0 bytes", null);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length >= 4 && b.getInt(0) != MAGIC) {
            throw new ModelIntegrityException(KIND, null, Problem.CORRUPT, String.format(
                    "not a serialised segmenter (wrong magic number 0x%08x, expected 0x%08x)", b.getInt(0), MAGIC),
                    null);
        }
        if (bytes.length < 12) {
            throw new ModelIntegrityException(KIND, null, Problem.TRUNCATED, "expected at least 12 header bytes, found "
                    + bytes.length, null);
        }
        int version = b.getInt(4);
        if (version < OLDEST_VERSION || version > VERSION) {
            throw new ModelIntegrityException(KIND, null, Problem.CORRUPT, "unsupported format version "
                    + version + ", expected " + OLDEST_VERSION + " to " + VERSION
                    + " (version 1 had no checksum: train and save again)",
                    null);
        }
        int length = b.getInt(8);
        if (bytes.length < length) {
            throw new ModelIntegrityException(KIND, null, Problem.TRUNCATED, "expected " + length + " bytes, found "
                    + bytes.length, null);
        }
        if (bytes.length > length || length < 12 + ModelChecksum.DIGEST_BYTES) {
            throw new ModelIntegrityException(KIND, null, Problem.CORRUPT, "the stored length is " + length
                    + " bytes, found " + bytes.length, null);
        }
        int end = length - ModelChecksum.DIGEST_BYTES;
        ModelChecksum.verify(KIND, null, KIND, Arrays.copyOf(bytes, end), Arrays.copyOfRange(bytes, end, length));
        return version;
    }

    /** @param file where to write {@link #toBytes} @throws IOException on a write error */
    public void save(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    /**
     * @param file a file written by {@link #save}
     * @return the segmenter
     * @throws ModelIntegrityException if the file is empty, truncated or corrupt (the message names the file)
     * @throws IOException              if the file is missing or cannot be read, or the verified bytes do not make
     *                                  a segmenter
     */
    public static QuNetSegmenterModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "segmenter model file not found");
        }
        try {
            return fromBytes(Files.readAllBytes(file));
        } catch (ModelIntegrityException e) {
            throw e.withSource(file.toString(), null);
        } catch (IOException e) {
            throw new IOException(KIND + " file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return spec + ", " + parameterCount() + " parameters";
    }
}

package org.hybridqml.nn.unet;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.hybridqml.data.SegmentationDataset;
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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A trained U-Net or Qu-Net binary segmenter: its {@link SegmenterSpec} and the trained DL4J network. This is the
 * engine-neutral model that the Tribuo and Weka adapters wrap; it trains, predicts foreground probabilities per
 * pixel and serialises itself to bytes.
 *
 * <p>Images of another size than the network's are resized to the network size (nearest neighbour, pixel-centre
 * sampling as in {@link SegmentationDataset#load}) and the predicted probabilities are resized back, so every
 * prediction has the shape of its input image.
 *
 * <p>Serial form ({@link #toBytes}): magic {@code HQSEG}, a format version, the spec fields, then the DL4J model
 * zip (ModelSerializer, without updater state).
 */
public final class Segmenter {
    private static final int MAGIC = 0x48515347; // "HQSG"
    private static final int VERSION = 1;

    private final SegmenterSpec spec;
    private final ComputationGraph network;
    private final List<EpochStats> history;

    private Segmenter(SegmenterSpec spec, ComputationGraph network, List<EpochStats> history) {
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
    public static Segmenter train(SegmenterSpec spec, SegmentationDataset train, SegmentationDataset validation,
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
                .learningRate(spec.learningRate()).seed(spec.seed())
                .onEpoch(s -> log.accept(String.format(java.util.Locale.ROOT,
                        "epoch %d/%d  loss %.5f%s  %.1f s", s.epoch(), spec.epochs(), s.meanLoss(),
                        Double.isNaN(s.validationScore()) ? ""
                                : String.format(java.util.Locale.ROOT, "  validation IoU %.4f", s.validationScore()),
                        s.seconds())));
        SegmentationTrainer.Result r = trainer.fit(spec.architecture(), train, validation);
        return new Segmenter(spec, r.network(), r.history());
    }

    private static void requireShape(SegmenterSpec spec, SegmentationDataset d, String what) {
        if (d.height() != spec.height() || d.width() != spec.width() || d.channels() != spec.channels()) {
            throw new IllegalArgumentException("the " + what + " images are " + d.height() + "x" + d.width() + "x"
                    + d.channels() + " but the network expects " + spec.height() + "x" + spec.width() + "x"
                    + spec.channels() + " (load them with a resize, or change the spec)");
        }
    }

    /** @return the spec this segmenter was built and trained with */
    public SegmenterSpec spec() {
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
        float[] input = resizeChw(imageChw, channels, height, width, spec.height(), spec.width());
        float[] p = run(input, 1);
        return resizeChw(p, 1, spec.height(), spec.width(), height, width);
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

    private float[] run(float[] nchw, int n) {
        DataType type = network.params().dataType();
        INDArray x = Nd4j.create(nchw, new long[]{n, spec.channels(), spec.height(), spec.width()}, 'c')
                .castTo(type);
        return network.outputSingle(false, x).castTo(DataType.FLOAT).dup('c').data().asFloat();
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
     * @return the serial form (spec + network parameters); {@link #fromBytes} restores an equal segmenter
     */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
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
            ByteArrayOutputStream model = new ByteArrayOutputStream();
            ModelSerializer.writeModel(network, model, false);
            out.writeInt(model.size());
            model.writeTo(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not serialise the segmenter", e);
        }
    }

    /**
     * Restores a segmenter written by {@link #toBytes}.
     *
     * @param bytes serial form
     * @return the segmenter
     * @throws IOException if the bytes are not a segmenter (wrong magic, truncated, corrupt network zip)
     */
    public static Segmenter fromBytes(byte[] bytes) throws IOException {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readInt() != MAGIC) {
                throw new IOException("not a serialised segmenter (wrong magic number)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("unsupported segmenter format version " + version + " (this library reads "
                        + VERSION + ")");
            }
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
            SegmenterSpec spec = new SegmenterSpec(h, w, c, f, bottleneck, in.readInt(), in.readInt(),
                    in.readDouble(), in.readLong());
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
            return new Segmenter(spec, net, List.of());
        } catch (java.io.EOFException e) {
            throw new IOException("truncated segmenter bytes", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt segmenter: " + e.getMessage(), e);
        }
    }

    /** @param file where to write {@link #toBytes} @throws IOException on a write error */
    public void save(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    /**
     * @param file a file written by {@link #save}
     * @return the segmenter
     * @throws IOException if the file is missing or corrupt
     */
    public static Segmenter load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "segmenter model file not found");
        }
        return fromBytes(Files.readAllBytes(file));
    }

    @Override
    public String toString() {
        return spec + ", " + parameterCount() + " parameters";
    }
}

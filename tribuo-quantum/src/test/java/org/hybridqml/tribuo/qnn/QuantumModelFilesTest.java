package org.hybridqml.tribuo.qnn;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.io.ByteFlips;
import org.hybridqml.io.ModelIntegrityException;
import org.hybridqml.tribuo.classification.QuantumPointwiseCNNTrainer;
import org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierTrainer;
import org.hybridqml.tribuo.multilabel.DressedQuantumCircuitTrainer;
import org.hybridqml.tribuo.segmentation.ImageMaskDataSource;
import org.hybridqml.tribuo.segmentation.QuNetTrainer;
import org.hybridqml.tribuo.segmentation.SegmentationMask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Saved Tribuo model files of every kind of this module (multi-label DQC, DQC classifier, quantum pointwise CNN,
 * Qu-Net), in both formats (Tribuo protobuf, Java serialization), loaded through {@link QuantumModelFiles}: intact
 * files load and predict as before; every flipped byte (files up to 12 KiB) or the head (256 bytes), tail (64 bytes) and
 * 1,000 evenly spread bytes (larger files), xor 0x01 and xor 0x80, is an error naming the file and the model kind; empty and truncated
 * files say so.
 */
class QuantumModelFilesTest {

    private static final Logger TRAIN_LOG = Logger.getLogger("org.hybridqml.qnn.train");
    private static final int[] MASKS = {0x01, 0x80};
    private static final int EVERY_UP_TO = 12 * 1024;
    private static final int SPREAD = 1000;

    @TempDir
    static Path dir;
    /** Kind name to trained model. */
    private static final Map<String, Model<?>> MODELS = new LinkedHashMap<>();
    private static final Map<String, MutableDataset<?>> DATA = new LinkedHashMap<>();

    @BeforeAll
    static void trainTinyModels() throws Exception {
        TRAIN_LOG.setLevel(Level.WARNING);
        Random rng = new Random(3);
        MultiLabelFactory mlf = new MultiLabelFactory();
        MutableDataset<MultiLabel> ml = new MutableDataset<>(new SimpleDataSourceProvenance("tiny-ml", mlf), mlf);
        LabelFactory lf = new LabelFactory();
        MutableDataset<Label> cls = new MutableDataset<>(new SimpleDataSourceProvenance("tiny-cls", lf), lf);
        for (int i = 0; i < 24; i++) {
            double[] x = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            List<Label> labels = new ArrayList<>();
            if (x[0] > 0) labels.add(new Label("a"));
            if (x[1] > 0) labels.add(new Label("b"));
            ArrayExample<MultiLabel> m = new ArrayExample<>(new MultiLabel(new java.util.HashSet<>(labels)));
            ArrayExample<Label> c = new ArrayExample<>(new Label(x[0] + x[2] > 0 ? "pos" : "neg"));
            for (int f = 0; f < x.length; f++) {
                m.add("f" + f, x[f]);
                c.add("f" + f, x[f]);
            }
            ml.add(m);
            cls.add(c);
        }
        MODELS.put("DressedQuantumCircuitModel", new DressedQuantumCircuitTrainer(HeadType.DQC, 2, 1, Preset.DEFAULT,
                0.01, 8, 1, 0, 0.2, OutputBias.PRESET, 1L).train(ml));
        DATA.put("DressedQuantumCircuitModel", ml);
        MODELS.put("DressedQuantumCircuitClassifierModel", new DressedQuantumCircuitClassifierTrainer(HeadType.DQC,
                2, 1, Preset.DEFAULT, 0.01, 8, 1, 0, 0.2, OutputBias.PRESET, 1L).train(cls));
        DATA.put("DressedQuantumCircuitClassifierModel", cls);

        MutableDataset<Label> images = new MutableDataset<>(new SimpleDataSourceProvenance("tiny-img", lf), lf);
        for (int i = 0; i < 16; i++) {
            ArrayExample<Label> e = new ArrayExample<>(new Label(i % 2 == 0 ? "dark" : "light"));
            for (int p = 0; p < 64; p++) {
                e.add(Integer.toString(p), (i % 2) * 0.5 + 0.5 * rng.nextDouble());
            }
            images.add(e);
        }
        MODELS.put("QuantumPointwiseCNNModel",
                new QuantumPointwiseCNNTrainer(8, 8, 1, 1, 1, false, 1, 8, 0.01, 5).train(images));
        DATA.put("QuantumPointwiseCNNModel", images);

        Path root = BundledDatasets.resolve("isbi2012-membrane", "train");
        MutableDataset<SegmentationMask> seg = new MutableDataset<>(
                new ImageMaskDataSource(root.resolve("image"), root.resolve("label"), 1, 32, 32));
        MODELS.put("QuNetModel", new QuNetTrainer(32, 32, 1, new int[]{2, 4}, "4-1", 1, 8, 1e-2, 3).train(seg));
        DATA.put("QuNetModel", seg);
    }

    private static Path save(Model<?> model, String kind, boolean protobuf) throws IOException {
        Path file = dir.resolve(kind + (protobuf ? ".tribuo" : ".ser"));
        if (protobuf) {
            model.serializeToFile(file);
        } else {
            try (OutputStream os = Files.newOutputStream(file); ObjectOutputStream out = new ObjectOutputStream(os)) {
                out.writeObject(model);
            }
        }
        return file;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<String> predictions(Model model, MutableDataset data) {
        List<String> out = new ArrayList<>();
        for (Object p : model.predict(data)) {
            out.add(((Prediction<?>) p).getOutput().toString() + ((Prediction<?>) p).getOutputScores());
        }
        return out;
    }

    private static void assertNamesFileAndKind(ModelIntegrityException e, Path file, String kind, String what) {
        assertTrue(e.getMessage().contains(file.toString()), what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("Tribuo model"), what + ": " + e.getMessage());
        assertEquals(file.toString(), e.source(), what);
    }

    @Test
    void intactFilesLoadAndPredictTheSame() throws IOException {
        for (Map.Entry<String, Model<?>> m : MODELS.entrySet()) {
            for (boolean protobuf : new boolean[]{true, false}) {
                Path file = save(m.getValue(), m.getKey(), protobuf);
                Model<?> back = QuantumModelFiles.load(file);
                assertEquals(m.getValue().getClass(), back.getClass());
                assertEquals(predictions(m.getValue(), DATA.get(m.getKey())), predictions(back, DATA.get(m.getKey())),
                        file.toString());
            }
        }
    }

    /**
     * Flips bytes of each kind's saved file (in memory, through {@link QuantumModelFiles#load(byte[], String)} with
     * the file's name) and asserts that every flip is an error naming the file and the kind.
     */
    private static void assertEveryFlipFails(boolean protobuf) throws IOException {
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, Model<?>> m : MODELS.entrySet()) {
            long t0 = System.nanoTime();
            Path file = save(m.getValue(), m.getKey(), protobuf);
            byte[] good = Files.readAllBytes(file);
            int[] positions = ByteFlips.positions(good.length, EVERY_UP_TO, SPREAD);
            int cases = 0;
            for (int mask : MASKS) {
                for (int pos : positions) {
                    String what = file.getFileName() + " byte " + pos + " of " + good.length + " xor 0x"
                            + Integer.toHexString(mask);
                    try {
                        Model<?> loaded = QuantumModelFiles.load(ByteFlips.flipped(good, pos, mask), file.toString());
                        fail(what + " loaded silently as " + loaded);
                    } catch (ModelIntegrityException e) {
                        assertNamesFileAndKind(e, file, m.getKey(), what);
                    }
                    cases++;
                }
            }
            report.append(String.format("%s: %d bytes, %d flips, %.1f s%n", file.getFileName(), good.length, cases,
                    (System.nanoTime() - t0) / 1e9));
        }
        System.out.print(report);
    }

    @Test
    void everyFlippedByteOfAProtobufFileIsAnErrorNamingFileAndKind() throws IOException {
        assertEveryFlipFails(true);
    }

    @Test
    void everyFlippedByteOfAJavaSerializedFileIsAnErrorNamingFileAndKind() throws IOException {
        assertEveryFlipFails(false);
    }

    @Test
    void aFlippedFileOnDiskNamesTheFile() throws IOException {
        Path file = save(MODELS.get("QuNetModel"), "QuNetModel", true);
        byte[] good = Files.readAllBytes(file);
        Path bad = Files.write(dir.resolve("flipped.tribuo"), ByteFlips.flipped(good, good.length / 2, 0x01));
        ModelIntegrityException e = assertThrows(ModelIntegrityException.class, () -> QuantumModelFiles.load(bad));
        assertEquals(ModelIntegrityException.Problem.CORRUPT, e.problem(), e.getMessage());
        assertTrue(e.getMessage().contains("is corrupt") && e.getMessage().contains("SHA-256"), e.getMessage());
        assertTrue(e.getMessage().contains("QuNetModel"), e.getMessage());
        assertNamesFileAndKind(e, bad, "QuNetModel", "flipped");
        System.out.println("flipped protobuf file: " + e.getMessage());
    }

    @Test
    void emptyAndTruncatedFilesSaySo() throws IOException {
        Path empty = Files.write(dir.resolve("empty.tribuo"), new byte[0]);
        ModelIntegrityException e = assertThrows(ModelIntegrityException.class, () -> QuantumModelFiles.load(empty));
        assertEquals(ModelIntegrityException.Problem.EMPTY, e.problem());
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
        assertNamesFileAndKind(e, empty, "", "empty");
        System.out.println("empty file: " + e.getMessage());
        for (Map.Entry<String, Model<?>> m : MODELS.entrySet()) {
            for (boolean protobuf : new boolean[]{true, false}) {
                byte[] good = Files.readAllBytes(save(m.getValue(), m.getKey(), protobuf));
                Path cut = dir.resolve("cut-" + m.getKey() + (protobuf ? ".tribuo" : ".ser"));
                int[] lengths = {1, 2, 3, 10, 50, 100, good.length / 3, good.length / 2, good.length - 40,
                        good.length - 2, good.length - 1};
                for (int len : lengths) {
                    Files.write(cut, Arrays.copyOf(good, len));
                    String what = cut.getFileName() + " cut to " + len + " of " + good.length;
                    ModelIntegrityException t = assertThrows(ModelIntegrityException.class,
                            () -> QuantumModelFiles.load(cut), what);
                    assertEquals(ModelIntegrityException.Problem.TRUNCATED, t.problem(), what + ": " + t.getMessage());
                    assertTrue(t.getMessage().contains("is truncated"), what + ": " + t.getMessage());
                    assertNamesFileAndKind(t, cut, m.getKey(), what);
                    if (len == good.length / 2 && m.getKey().equals("DressedQuantumCircuitModel")) {
                        System.out.println(what + ": " + t.getMessage());
                    }
                }
            }
        }
    }

    /** A stream holding a model directly, not in its checksummed proxy (as saved before checksums), is rejected. */
    @Test
    void javaStreamsWithoutTheChecksumAreRejected() throws Exception {
        for (Map.Entry<String, Model<?>> m : MODELS.entrySet()) {
            byte[] raw = org.hybridqml.io.SealedModel.unsealedSerialization(m.getValue(), SealedTribuoModel::new);
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(raw))) {
                java.io.InvalidObjectException e = assertThrows(java.io.InvalidObjectException.class, in::readObject);
                assertTrue(e.getMessage().contains("Tribuo model " + m.getValue().getClass().getName()
                        + " is not in its checksummed form"), e.getMessage());
            }
            ModelIntegrityException e = assertThrows(ModelIntegrityException.class,
                    () -> QuantumModelFiles.load(raw, "old.ser"));
            assertTrue(e.getMessage().contains("file old.ser is corrupt"), e.getMessage());
        }
    }

    @Test
    void tribuosOwnLoaderAlsoRejectsAFlippedProtobuf() throws IOException {
        Model<?> dqc = MODELS.get("DressedQuantumCircuitModel");
        Path file = save(dqc, "DressedQuantumCircuitModel", true);
        byte[] good = Files.readAllBytes(file);
        Path bad = Files.write(dir.resolve("tribuo-own.tribuo"), ByteFlips.flipped(good, good.length - 100, 0x01));
        RuntimeException e = assertThrows(RuntimeException.class, () -> Model.deserializeFromFile(bad));
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) all.append(t.getMessage()).append(" | ");
        assertTrue(all.toString().contains("Tribuo model " + dqc.getClass().getName()), all.toString());
        assertInstanceOf(Model.class, Model.deserializeFromFile(file));
    }
}

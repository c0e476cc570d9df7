package weka.classifiers.functions;

import org.hybridqml.io.ByteFlips;
import org.hybridqml.io.ModelIntegrityException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.TestInstances;
import weka.core.converters.ArffSaver;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Saved classifiers of every kind of this package (DQC, quantum pointwise CNN, Qu-Net segmenter), written as Weka
 * writes them ({@code SerializationHelper.write}, and the {@code -d} layout of classifier plus header) and read back
 * as Weka reads them ({@code SerializationHelper.read}/{@code readAll}, {@code Evaluation} with {@code -l}): every
 * flipped byte (files up to 12 KiB) or the head, tail and 1,000 evenly spread bytes, xor 0x01 and xor 0x80, fails.
 * Flips in the checksummed data name the kind ("Weka classifier", and the class once it is read). Flips in the few dozen bytes of
 * Java-serialization framing before them (stream header, the proxy's class descriptors) fail with the JDK's own
 * exception, except flips of descriptor flag bits and field-count high bytes that the JDK ignores: those (at most 6
 * per file and mask, counted and printed) give back the identical classifier, because Weka's reader, not ours,
 * opens the file.
 */
class SavedClassifierIntegrityTest {

    private static final int[] MASKS = {0x01, 0x80};

    @TempDir
    static Path dir;
    private static final Map<String, Classifier> MODELS = new LinkedHashMap<>();
    private static final Map<String, Instances> DATA = new LinkedHashMap<>();

    static Instances numeric(int attributes, int instances, int seed) throws Exception {
        TestInstances t = new TestInstances();
        t.setNumNominal(0);
        t.setNumNumeric(attributes);
        t.setNumInstances(instances);
        t.setNumClasses(2);
        t.setClassType(weka.core.Attribute.NOMINAL);
        t.setClassIndex(TestInstances.CLASS_IS_LAST);
        t.setSeed(seed);
        return t.generate();
    }

    @BeforeAll
    static void trainTinyClassifiers() throws Exception {
        DressedQuantumCircuitClassifier dqc = new DressedQuantumCircuitClassifier();
        dqc.setNumQubits(2);
        dqc.setNumLayers(1);
        dqc.setMaxEpochs(1);
        Instances four = numeric(4, 20, 1);
        dqc.buildClassifier(four);
        MODELS.put("DressedQuantumCircuitClassifier", dqc);
        DATA.put("DressedQuantumCircuitClassifier", four);

        QuantumPointwiseCNN cnn = new QuantumPointwiseCNN();
        cnn.setImageWidth(4);
        cnn.setImageHeight(4);
        cnn.setConvChannels(2);
        cnn.setCircuits(1);
        cnn.setQuantumLayers(1);
        cnn.setEpochs(1);
        cnn.setMiniBatchSize(8);
        Instances sixteen = numeric(16, 20, 2);
        cnn.buildClassifier(sixteen);
        MODELS.put("QuantumPointwiseCNN", cnn);
        DATA.put("QuantumPointwiseCNN", sixteen);

        QuNetSegmenter seg = QuNetSegmenterTest.segmenter();
        seg.setEpochs(1);
        seg.setFilters("2,4");
        Instances pixels = QuNetSegmenterTest.pixels("0", "1");
        seg.buildClassifier(pixels);
        MODELS.put("QuNetSegmenter", seg);
        DATA.put("QuNetSegmenter", pixels);
    }

    private static byte[] write(Object... objects) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerializationHelper.writeAll(bytes, objects);
        return bytes.toByteArray();
    }

    private static double[][] distributions(Classifier c, Instances data) throws Exception {
        int n = Math.min(data.numInstances(), 50);
        double[][] d = new double[n][];
        for (int i = 0; i < n; i++) {
            d[i] = c.distributionForInstance(data.instance(i));
        }
        return d;
    }

    /** Offset of the proxy's checksummed data: the format int 1, then the class name as modified UTF-8. */
    static int dataStart(byte[] b, String className) {
        byte[] name = className.getBytes(StandardCharsets.UTF_8);
        byte[] marker = new byte[6 + name.length];
        marker[3] = 1;
        marker[5] = (byte) name.length;
        System.arraycopy(name, 0, marker, 6, name.length);
        for (int i = 0; i + marker.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + marker.length, marker, 0, marker.length)) {
                return i;
            }
        }
        throw new AssertionError("no sealed data of " + className);
    }

    @Test
    void savedClassifiersLoadAndPredictTheSame() throws Exception {
        for (Map.Entry<String, Classifier> m : MODELS.entrySet()) {
            Classifier back = (Classifier) SerializationHelper.read(new ByteArrayInputStream(write(m.getValue())));
            assertEquals(m.getValue().getClass(), back.getClass());
            Instances data = DATA.get(m.getKey());
            double[][] expected = distributions(m.getValue(), data);
            double[][] actual = distributions(back, data);
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], actual[i], 0.0, m.getKey() + " instance " + i);
            }
            // Weka's copies (Explorer, cross-validation) go through the proxy as well.
            Classifier copy = AbstractClassifier.makeCopy(m.getValue());
            assertArrayEquals(expected[0], distributions(copy, data)[0], 0.0, m.getKey() + " copy");
        }
    }

    /** A stream holding a classifier directly, not in its checksummed proxy (saved before checksums), is rejected. */
    @Test
    void streamsWithoutTheChecksumAreRejected() throws Exception {
        for (Map.Entry<String, Classifier> m : MODELS.entrySet()) {
            byte[] raw = org.hybridqml.io.SealedModel.unsealedSerialization(m.getValue(), SealedWekaClassifier::new);
            Exception e = assertThrows(Exception.class, () -> SerializationHelper.read(new ByteArrayInputStream(raw)));
            assertTrue(e.getMessage().contains("Weka classifier " + m.getValue().getClass().getName()
                    + " is not in its checksummed form"), e.getMessage());
        }
    }

    @Test
    void everyFlippedByteFailsAndNamesTheKindInTheChecksummedData() throws Exception {
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, Classifier> m : MODELS.entrySet()) {
            for (boolean withHeader : new boolean[]{false, true}) {
                long t0 = System.nanoTime();
                byte[] alone = write(m.getValue());
                byte[] good = withHeader ? write(m.getValue(), new Instances(DATA.get(m.getKey()), 0)) : alone;
                String cls = m.getValue().getClass().getName();
                int start = dataStart(good, cls);
                // In the -d layout only the classifier (the first alone.length bytes) is ours; Weka's header follows.
                int[] positions = ByteFlips.positions(alone.length, 12 * 1024, 1000);
                int cases = 0;
                List<String> silent = new ArrayList<>();
                for (int mask : MASKS) {
                    for (int pos : positions) {
                        String what = m.getKey() + (withHeader ? " -d file" : " file") + " byte " + pos + " of "
                                + good.length + " xor 0x" + Integer.toHexString(mask);
                        byte[] bad = ByteFlips.flipped(good, pos, mask);
                        cases++;
                        try {
                            // read, not readAll: readAll stops silently at the first exception.
                            Object read = SerializationHelper.read(new ByteArrayInputStream(bad));
                            if (pos >= start) {
                                fail(what + " loaded silently as " + read);
                            }
                            silent.add(pos + "^0x" + Integer.toHexString(mask));
                        } catch (Exception | LinkageError e) {
                            // A flip in the proxy's class name can make the JDK throw NoClassDefFoundError.
                            if (pos >= start) {
                                assertNotNull(e.getMessage(), what + ": " + e);
                                assertTrue(e.getMessage().contains("Weka classifier"), what + ": " + e);
                            }
                        }
                    }
                }
                assertTrue(silent.size() <= 2 * 6, m.getKey() + " framing flips that loaded: " + silent);
                report.append(String.format("%s%s: %d bytes (classifier %d), data from byte %d, %d flips, %.1f s,"
                                + " framing flips the JDK ignores: %s%n", m.getKey(), withHeader ? " (-d layout)" : "",
                        good.length, alone.length, start, cases, (System.nanoTime() - t0) / 1e9, silent));
            }
        }
        System.out.print(report);
    }

    /** What Weka's {@code -l} path prints for a bad model file ({@code Evaluation.evaluateModel}). */
    private static String evaluateWithModelFile(Classifier kind, Path modelFile, Path test) {
        try {
            Evaluation.evaluateModel(AbstractClassifier.makeCopy(kind).getClass().getDeclaredConstructor()
                    .newInstance(), new String[]{"-l", modelFile.toString(), "-T", test.toString()});
            return null;
        } catch (Exception e) {
            return String.valueOf(e.getMessage());
        }
    }

    /** @return the first non-blank line of a message (Weka appends its option help), or null */
    private static String firstLine(String message) {
        return message == null ? null : message.strip().lines().findFirst().orElse("");
    }

    /** What the package's command line ({@code main} with {@code -l}) prints on standard error. */
    private static String mainWithModelFile(Path modelFile, Path test) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            DressedQuantumCircuitClassifier.main(new String[]{"-l", modelFile.toString(), "-T", test.toString()});
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /**
     * An empty file, files cut at several places (also just before the last byte) and a flipped file, read by
     * {@link AbstractQuantumClassifier#readModelFile}, the package's command line with {@code -l},
     * {@code SerializationHelper.read} and Weka's {@code Evaluation -l}: none loads; the first two name the file,
     * the kind and the problem in every case; Weka's readers name the kind and the problem wherever the stream
     * reaches the proxy's data (printed, with the cases where the JDK's bare EOFException gives "null").
     */
    @Test
    void emptyTruncatedAndFlippedFilesSaySo() throws Exception {
        Classifier dqc = MODELS.get("DressedQuantumCircuitClassifier");
        Instances data = DATA.get("DressedQuantumCircuitClassifier");
        Path test = dir.resolve("test.arff");
        ArffSaver saver = new ArffSaver();
        saver.setInstances(data);
        saver.setFile(test.toFile());
        saver.writeBatch();
        byte[] good = write(dqc, new Instances(data, 0));
        int start = dataStart(good, dqc.getClass().getName());
        int classifierEnd = write(dqc).length; // Weka's header object follows, outside the checksum
        Path model = Files.write(dir.resolve("dqc.model"), good);
        assertEquals(dqc.getClass(), AbstractQuantumClassifier.readModelFile(model.toString()).getClass());
        assertEquals(null, evaluateWithModelFile(dqc, model, test));
        assertEquals("", mainWithModelFile(model, test).trim());

        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("empty", new byte[0]);
        for (int len : new int[]{3, 50, start + 3, start + 40, classifierEnd / 2, classifierEnd - 1}) {
            bad.put("truncated to " + len, Arrays.copyOf(good, len));
        }
        bad.put("flipped", ByteFlips.flipped(good, classifierEnd / 2, 0x01));
        bad.put("flipped in the framing", ByteFlips.flipped(good, 106, 0x01));
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, byte[]> b : bad.entrySet()) {
            Path file = Files.write(dir.resolve("bad.model"), b.getValue());
            String phrase = b.getKey().startsWith("truncated") ? "is truncated"
                    : b.getKey().startsWith("flipped") ? "is corrupt" : "is empty";
            ModelIntegrityException ours = assertThrows(ModelIntegrityException.class,
                    () -> AbstractQuantumClassifier.readModelFile(file.toString()), b.getKey());
            String cli = mainWithModelFile(file, test);
            for (String msg : new String[]{ours.getMessage(), cli}) {
                assertTrue(msg.contains("Weka classifier") && msg.contains("file " + file) && msg.contains(phrase),
                        b.getKey() + ": " + msg);
            }
            String viaRead;
            try {
                SerializationHelper.read(file.toString());
                viaRead = null;
            } catch (Exception e) {
                viaRead = String.valueOf(e.getMessage());
            }
            String viaL = evaluateWithModelFile(dqc, file, test);
            report.append(b.getKey()).append(":\n  readModelFile / main -l: ").append(ours.getMessage())
                    .append("\n  SerializationHelper.read: ").append(viaRead)
                    .append("\n  Evaluation -l: ").append(firstLine(viaL)).append('\n');
            if (!b.getKey().equals("flipped in the framing")) { // a flag bit the JDK ignores: Weka loads it
                assertNotNull(viaRead, b.getKey() + " loaded");
                assertNotNull(viaL, b.getKey() + " evaluated");
            }
            boolean reachesData = b.getValue().length > start + 2 && b.getValue().length < classifierEnd - 1;
            if (reachesData || b.getKey().equals("flipped")) {
                for (String msg : new String[]{viaRead, viaL}) {
                    assertTrue(msg.contains("Weka classifier") && msg.contains(phrase), b.getKey() + ": " + msg);
                }
            }
        }
        System.out.print(report);
    }
}

package meka.classifiers.multilabel;

import org.hybridqml.io.ByteFlips;
import org.hybridqml.io.ModelIntegrityException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instances;
import weka.core.SerializationHelper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A saved MEKA {@link DQC} (tiny: 2 qubits, 1 layer, 1 epoch on 60 Music songs): every flipped byte (the file is
 * under 12 KiB), xor 0x01 and xor 0x80, read with {@code SerializationHelper.read} fails, naming the kind ("MEKA
 * classifier") wherever the flip lies in the checksummed data; in the Java-serialization framing before it only the
 * descriptor flag bits and field-count high bytes that the JDK ignores load (the identical classifier; at most 6,
 * printed), and {@link DQC#readModelFile} rejects those too. Empty and truncated files say so.
 */
class SavedDQCIntegrityTest {

    private static final int[] MASKS = {0x01, 0x80};

    @TempDir
    static Path dir;
    private static DQC dqc;
    private static Instances data;

    @BeforeAll
    static void trainTiny() throws Exception {
        data = new Instances(DQCTest.loadMusic(), 0, 60);
        dqc = new DQC();
        dqc.setNumQubits(2);
        dqc.setNumLayers(1);
        dqc.setMaxEpochs(1);
        dqc.buildClassifier(data);
    }

    private static byte[] write(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerializationHelper.write(bytes, o);
        return bytes.toByteArray();
    }

    /** Offset of the proxy's checksummed data: the format int 1, then the class name as modified UTF-8. */
    private static int dataStart(byte[] b) {
        byte[] name = DQC.class.getName().getBytes(StandardCharsets.UTF_8);
        byte[] marker = new byte[6 + name.length];
        marker[3] = 1;
        marker[5] = (byte) name.length;
        System.arraycopy(name, 0, marker, 6, name.length);
        for (int i = 0; i + marker.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + marker.length, marker, 0, marker.length)) {
                return i;
            }
        }
        throw new AssertionError("no sealed data");
    }

    @Test
    void savedClassifierLoadsAndPredictsTheSame() throws Exception {
        DQC back = (DQC) SerializationHelper.read(new ByteArrayInputStream(write(dqc)));
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(dqc.distributionForInstance(data.instance(i)),
                    back.distributionForInstance(data.instance(i)), 0.0);
        }
        Path file = dir.resolve("dqc.model");
        Files.write(file, write(dqc));
        assertArrayEquals(dqc.distributionForInstance(data.instance(0)),
                DQC.readModelFile(file.toString()).distributionForInstance(data.instance(0)), 0.0);
    }

    /** A stream holding the classifier directly, not in its checksummed proxy (saved before checksums), is rejected. */
    @Test
    void streamsWithoutTheChecksumAreRejected() throws Exception {
        byte[] raw = org.hybridqml.io.SealedModel.unsealedSerialization(dqc, SealedMekaClassifier::new);
        Exception e = assertThrows(Exception.class, () -> SerializationHelper.read(new ByteArrayInputStream(raw)));
        assertTrue(e.getMessage().contains("MEKA classifier " + DQC.class.getName() + " is not in its checksummed form"),
                e.getMessage());
    }

    @Test
    void everyFlippedByteFails() throws Exception {
        byte[] good = write(dqc);
        int start = dataStart(good);
        Path file = dir.resolve("flipped.model");
        int[] positions = ByteFlips.positions(good.length, 16 * 1024, 1000);
        List<String> silent = new ArrayList<>();
        long t0 = System.nanoTime();
        int cases = 0;
        for (int mask : MASKS) {
            for (int pos : positions) {
                String what = "byte " + pos + " of " + good.length + " xor 0x" + Integer.toHexString(mask);
                byte[] bad = ByteFlips.flipped(good, pos, mask);
                cases++;
                try {
                    Object read = SerializationHelper.read(new ByteArrayInputStream(bad));
                    if (pos >= start) {
                        fail(what + " loaded silently as " + read);
                    }
                    silent.add(pos + "^0x" + Integer.toHexString(mask));
                    // The reader with the whole file rejects these as well.
                    Files.write(file, bad);
                    ModelIntegrityException e = assertThrows(ModelIntegrityException.class,
                            () -> DQC.readModelFile(file.toString()), what);
                    assertTrue(e.getMessage().contains("MEKA classifier") && e.getMessage().contains(file.toString()),
                            e.getMessage());
                } catch (Exception | LinkageError e) {
                    if (pos >= start) {
                        assertNotNull(e.getMessage(), what + ": " + e);
                        assertTrue(e.getMessage().contains("MEKA classifier"), what + ": " + e);
                    }
                }
            }
        }
        System.out.printf("MEKA DQC: %d bytes, data from byte %d, %d flips, %.1f s, framing flips the JDK ignores: "
                + "%s%n", good.length, start, cases, (System.nanoTime() - t0) / 1e9, silent);
        assertTrue(good.length <= 16 * 1024 && positions.length == good.length,
                "every byte flipped (" + good.length + " bytes)");
        assertTrue(silent.size() <= 2 * 6, "framing flips that loaded: " + silent);
    }

    @Test
    void emptyAndTruncatedFilesSaySo() throws Exception {
        byte[] good = write(dqc);
        int start = dataStart(good);
        Path file = dir.resolve("cut.model");
        Files.write(file, new byte[0]);
        ModelIntegrityException e = assertThrows(ModelIntegrityException.class,
                () -> DQC.readModelFile(file.toString()));
        assertTrue(e.getMessage().contains("MEKA classifier file " + file + " is empty"), e.getMessage());
        for (int len : new int[]{1, 50, start + 3, start + 40, good.length / 2, good.length - 1}) {
            Files.write(file, Arrays.copyOf(good, len));
            e = assertThrows(ModelIntegrityException.class, () -> DQC.readModelFile(file.toString()));
            assertTrue(e.getMessage().contains("MEKA classifier") && e.getMessage().contains(file.toString())
                    && e.getMessage().contains("is truncated"), len + ": " + e.getMessage());
            if (len > start + 2 && len < good.length - 1) {
                Exception w = assertThrows(Exception.class, () -> SerializationHelper.read(file.toString()));
                assertTrue(w.getMessage().contains("MEKA classifier") && w.getMessage().contains("is truncated"),
                        len + ": " + w.getMessage());
            }
        }
    }

    /** MEKA's command line ends with System.exit, so it runs in a child JVM with this test's classpath. */
    @Test
    void commandLineNamesATruncatedModelFile() throws Exception {
        byte[] good = write(dqc);
        Path file = Files.write(dir.resolve("cli.model"), Arrays.copyOf(good, good.length - 1));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                DQC.class.getName(), "-l", file.toString(), "-t", DQCTest.music());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out");
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("MEKA classifier file " + file + " is truncated"), out);
    }
}

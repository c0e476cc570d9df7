package weka.classifiers.functions;

import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progress by default: training prints the trainer's per-epoch lines on standard error without Weka's debug flag;
 * {@code -no-progress} (the {@code progress} property) turns them off; no validation "NaN" in them.
 */
class ProgressOptionTest {

    private static Instances blobs() {
        ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("a"));
        atts.add(new Attribute("b"));
        atts.add(new Attribute("class", List.of("x", "y")));
        Instances d = new Instances("blobs", atts, 40);
        d.setClassIndex(2);
        Random r = new Random(1);
        for (int i = 0; i < 40; i++) {
            int c = i % 2;
            d.add(new DenseInstance(1, new double[]{c * 3 + r.nextGaussian(), r.nextGaussian(), c}));
        }
        return d;
    }

    private static String stderrOfTraining(DressedQuantumCircuitClassifier c) throws Exception {
        PrintStream old = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            c.buildClassifier(blobs());
        } finally {
            System.setErr(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void epochLinesByDefaultAndNoneWithNoProgress() throws Exception {
        DressedQuantumCircuitClassifier c = new DressedQuantumCircuitClassifier();
        c.setOptions(new String[]{"-Q", "2", "-L", "1", "-E", "3", "-V", "0"});
        assertTrue(c.getProgress());
        assertFalse(Arrays.asList(c.getOptions()).contains("-no-progress"));
        String err = stderrOfTraining(c);
        assertTrue(err.contains("[DressedQuantumCircuitClassifier] epoch 3"), err);
        assertFalse(err.contains("NaN"), err);

        c.setOptions(new String[]{"-Q", "2", "-L", "1", "-E", "3", "-V", "0", "-no-progress"});
        assertFalse(c.getProgress());
        assertTrue(Arrays.asList(c.getOptions()).contains("-no-progress"));
        err = stderrOfTraining(c);
        assertFalse(err.contains("epoch"), err);
    }

    @Test
    void theExplorersLoggerGetsTheLinesInItsLogAndStatusBarAndIsNotSaved() throws Exception {
        List<String> logged = new ArrayList<>();
        List<String> status = new ArrayList<>();
        weka.gui.Logger gui = new weka.gui.Logger() {
            @Override
            public void logMessage(String message) {
                logged.add(message);
            }

            @Override
            public void statusMessage(String message) {
                status.add(message);
            }
        };
        DressedQuantumCircuitClassifier c = new DressedQuantumCircuitClassifier();
        c.setOptions(new String[]{"-Q", "2", "-L", "1", "-E", "3", "-V", "0"});
        // as weka.gui.explorer.ClassifierPanel does for a weka.core.LogHandler before training
        ((weka.core.LogHandler) c).setLog(gui);
        String err = stderrOfTraining(c);
        assertTrue(err.contains("[DressedQuantumCircuitClassifier] epoch 3"), err);
        assertTrue(logged.stream().anyMatch(l -> l.equals("[DressedQuantumCircuitClassifier] epoch 3"
                + err.lines().filter(x -> x.startsWith("[DressedQuantumCircuitClassifier] epoch 3")).findFirst()
                .orElseThrow().substring("[DressedQuantumCircuitClassifier] epoch 3".length()))), logged.toString());
        assertTrue(status.stream().anyMatch(l -> l.startsWith("[DressedQuantumCircuitClassifier] epoch 3")),
                status.toString());

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        weka.core.SerializationHelper.write(bytes, c);
        DressedQuantumCircuitClassifier back = (DressedQuantumCircuitClassifier) weka.core.SerializationHelper.read(
                new java.io.ByteArrayInputStream(bytes.toByteArray()));
        org.junit.jupiter.api.Assertions.assertNull(back.getLog());
    }
}

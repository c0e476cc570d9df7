package weka.classifiers.functions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ArffSaver;
import weka.core.converters.SegmentationArffWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Installs the built package zip offline into an empty {@code WEKA_HOME} with {@code WekaPackageManager}
 * ({@link InstalledWekaPackage}) and runs each classifier through {@code weka.Run} (the Qu-Net segmenter on per-pixel
 * data of the bundled tiny ISBI crops, with an image-level train/test split), each in a fresh JVM with only Weka
 * (weka-stable and its dependencies) on the classpath, so the classes come from the installed package. Runs in
 * Maven's {@code integration-test} phase, after {@code package} has built the zip ({@code weka.package.zip} and
 * {@code weka.classpath.file} are set by the POM).
 */
class WekaPackageInstallIT {

    @TempDir
    Path tmp;

    @Test
    void installsOfflineAndEvaluatesFromTheCommandLine() throws Exception {
        InstalledWekaPackage pkg = InstalledWekaPackage.installInto(tmp);
        String install = pkg.installOutput();
        Path installed = pkg.packageDir();
        assertTrue(Files.isRegularFile(installed.resolve("lib").resolve("shared-sim-"
                + System.getProperty("project.version", "0.1.0-SNAPSHOT") + ".jar"))
                || Files.list(installed.resolve("lib")).anyMatch(p -> p.getFileName().toString()
                .startsWith("shared-sim")), install);

        assertTrue(Files.isRegularFile(installed.resolve("data").resolve("digits-300.arff")), install);
        assertTrue(Files.isRegularFile(installed.resolve("doc").resolve("README.md")), install);

        Path arff = writeBlobs(tmp.resolve("blobs.arff"));
        String out = pkg.run("weka.Run", ".DressedQuantumCircuitClassifier", "-Q", "2", "-L", "2",
                "-E", "100", "-mini-batch", "8", "-t", arff.toString(), "-x", "3");
        System.out.println(out);
        assertTrue(out.contains("DressedQuantumCircuitClassifier"), out);
        assertTrue(out.contains("Qubits: 2, layers: 2"), out);
        assertTrue(out.contains("=== Stratified cross-validation ==="), out);
        assertTrue(out.contains("Correctly Classified Instances"), out);
        assertTrue(out.contains("=== Confusion Matrix ==="), out);
        double pct = correctPercent(out);
        assertTrue(pct > 80, "cross-validated accuracy " + pct + " % on well separated blobs");

        // Saved (-d) and reloaded (-l) inside the package class loader; a flipped byte of the saved classifier is an
        // error naming the file and the kind (the command line checks the -l file before Weka reads it).
        Path model = tmp.resolve("dqc.model");
        out = pkg.run("weka.Run", ".DressedQuantumCircuitClassifier", "-Q", "2", "-L", "1", "-E", "5",
                "-t", arff.toString(), "-no-cv", "-d", model.toString());
        out = pkg.run("weka.Run", ".DressedQuantumCircuitClassifier", "-l", model.toString(), "-T", arff.toString());
        assertTrue(out.contains("=== Error on test data ==="), out);
        byte[] saved = Files.readAllBytes(model);
        saved[saved.length / 3] ^= 1;
        Path flipped = Files.write(tmp.resolve("flipped.model"), saved);
        out = pkg.run("weka.Run", ".DressedQuantumCircuitClassifier", "-l", flipped.toString(), "-T",
                arff.toString());
        assertTrue(out.contains("Weka classifier weka.classifiers.functions.DressedQuantumCircuitClassifier file "
                + flipped + " is corrupt: SHA-256"), out);
        assertFalse(out.contains("=== Error on test data ==="), out);

        // A DL4J-backed classifier: ND4J must find its backend inside Weka's package class loader.
        Path digits = installed.resolve("data").resolve("digits-300.arff");
        Path train = rows(digits, tmp.resolve("digits-train.arff"), 0, 200);
        Path test = rows(digits, tmp.resolve("digits-test.arff"), 200, 300);
        out = pkg.run("weka.Run", ".QuantumPointwiseCNN", "-width", "8", "-height", "8",
                "-pixel-scale", "0.0625", "-E", "15", "-mini-batch", "16", "-t", train.toString(), "-T",
                test.toString());
        System.out.println(out);
        assertTrue(out.contains("quantum pointwise conv (2 circuits x 3 qubits, 2 entangling layers"), out);
        assertTrue(out.contains("=== Error on test data ==="), out);
        assertTrue(out.contains("=== Confusion Matrix ==="), out);
        pct = correctPercent(out, "=== Error on test data ===");
        assertTrue(pct > 30, "test accuracy " + pct + " % on 100 digits (chance 10 %)");
        // the package's plugin metrics (PluginManager.props) are for segmentation evaluations only
        assertFalse(out.contains("Mean IoU") || out.contains("Mean Dice"), out);
        assertFalse(out.lines().anyMatch(l -> l.contains("TP Rate") && l.contains("IoU")), out);
        // a binding in lib/: no slf4j "no binding" warning
        assertFalse(out.contains("SLF4J:"), out);
        assertTrue(Files.list(installed.resolve("lib")).anyMatch(p -> p.getFileName().toString()
                .startsWith("slf4j-nop")), install);

        // Weka's own classifiers print the same as without the package (timings aside).
        Path iris = tmp.resolve("iris.arff");
        try (java.io.InputStream in = weka.classifiers.trees.J48.class
                .getResourceAsStream("/weka/gui/knowledgeflow/templates/iris.arff")) {
            Files.copy(in, iris);
        }
        String withPackage = pkg.run("weka.Run", "weka.classifiers.trees.J48", "-t", iris.toString());
        String plain = weka.classifiers.Evaluation.evaluateModel(new weka.classifiers.trees.J48(),
                new String[]{"-t", iris.toString()});
        assertTrue(plain.contains("J48 pruned tree"), plain);
        assertTrue(withPackage.contains("J48 pruned tree"), withPackage);
        org.junit.jupiter.api.Assertions.assertEquals(withoutTimings(plain), withoutTimings(withPackage));

        // The Qu-Net segmenter on per-pixel data with an image-level split: images 0-3 train, 4-5 test.
        Path isbi = Path.of(WekaPackageInstallIT.class.getResource("/images/isbi-tiny").toURI());
        Instances pixels = SegmentationArffWriter.toInstances(isbi.resolve("image"), isbi.resolve("label"), 1, 0,
                false, false, "isbi-tiny");
        Instances trainPixels = new Instances(pixels, 0);
        Instances testPixels = new Instances(pixels, 0);
        for (Instance inst : pixels) {
            (List.of("4", "5").contains(inst.stringValue(0)) ? testPixels : trainPixels).add(inst);
        }
        Path trainArff = save(trainPixels, tmp.resolve("isbi-train.arff"));
        Path testArff = save(testPixels, tmp.resolve("isbi-test.arff"));
        out = pkg.run("weka.Run", ".QuNetSegmenter", "-images-location",
                isbi.resolve("image").toString(), "-filters", "4,8", "-bottleneck", "4-1", "-E", "30",
                "-mini-batch", "2", "-lr", "0.01", "-t", trainArff.toString(), "-T", testArff.toString());
        System.out.println(out);
        assertTrue(out.contains("Qu-Net (QuFeX bottleneck 4-1), encoder filters [4, 8], input 32x32x1"), out);
        assertTrue(out.contains("=== Error on test data ==="), out);
        String testOut = out.substring(out.indexOf("=== Error on test data ==="));
        assertTrue(testOut.lines().anyMatch(l -> l.contains("TP Rate") && l.contains("IoU") && l.contains("Dice")),
                out);
        double meanIou = summaryValue(testOut, "Mean IoU (mIoU, over classes)");
        assertTrue(meanIou > 0.45, "test mean IoU " + meanIou + " (predicting every pixel as the majority class "
                + "gives about 0.35 on these images)");
        assertTrue(summaryValue(testOut, "Mean Dice (over classes)") > meanIou, testOut);
        assertFalse(out.contains("SLF4J:"), out);
    }

    /** Weka's output from the classifier model on, without the lines that carry timings. */
    private static String withoutTimings(String out) {
        StringBuilder kept = new StringBuilder();
        out.substring(out.indexOf("J48 pruned tree")).lines().filter(l -> !l.contains("Time taken"))
                .forEach(l -> kept.append(l).append('\n'));
        return kept.toString().strip(); // the child JVM's output ends with one more blank line
    }

    private static Path save(Instances data, Path file) throws IOException {
        ArffSaver saver = new ArffSaver();
        saver.setInstances(data);
        saver.setFile(file.toFile());
        saver.writeBatch();
        return file;
    }

    /** The number on the first summary line starting with {@code label}. */
    private static double summaryValue(String out, String label) {
        for (String line : out.split("\\R")) {
            if (line.startsWith(label)) {
                return Double.parseDouble(line.substring(label.length()).trim());
            }
        }
        throw new AssertionError("no line '" + label + "' in\n" + out);
    }

    /** The ARFF header and the data lines {@code from} (inclusive) to {@code to} (exclusive) of {@code arff}. */
    private static Path rows(Path arff, Path out, int from, int to) throws IOException {
        List<String> kept = new ArrayList<>();
        int data = -1;
        for (String line : Files.readAllLines(arff)) {
            boolean isData = data >= 0 && !line.isBlank() && !line.startsWith("%");
            if (!isData || (data >= from && data < to)) {
                kept.add(line);
            }
            if (isData) {
                data++;
            }
            if (line.trim().equalsIgnoreCase("@data")) {
                data = 0;
            }
        }
        return Files.write(out, kept);
    }

    /** The percentage from the cross-validation's "Correctly Classified Instances" line. */
    static double correctPercent(String out) {
        return correctPercent(out, "=== Stratified cross-validation ===");
    }

    /** The percentage from the "Correctly Classified Instances" line after {@code section}. */
    private static double correctPercent(String out, String section) {
        String cv = out.substring(out.indexOf(section));
        for (String line : cv.split("\\R")) {
            if (line.startsWith("Correctly Classified Instances")) {
                String[] parts = line.trim().split("\\s+");
                return Double.parseDouble(parts[parts.length - 2]);
            }
        }
        throw new AssertionError("no accuracy line in\n" + out);
    }

    /** Three Gaussian blobs in 4 numeric attributes, 30 instances each, nominal class {a,b,c}. */
    static Path writeBlobs(Path file) throws IOException {
        Random rng = new Random(7);
        StringBuilder sb = new StringBuilder("@relation blobs\n");
        for (int a = 0; a < 4; a++) {
            sb.append("@attribute x").append(a).append(" numeric\n");
        }
        sb.append("@attribute class {a,b,c}\n@data\n");
        double[][] centres = {{0, 0, 0, 0}, {3, 3, 0, 0}, {0, 3, 3, -3}};
        for (int i = 0; i < 90; i++) {
            int c = i % 3;
            for (int a = 0; a < 4; a++) {
                sb.append(String.format(Locale.ROOT, "%.4f,", centres[c][a] + rng.nextGaussian()));
            }
            sb.append("abc".charAt(c)).append('\n');
        }
        return Files.writeString(file, sb.toString());
    }
}

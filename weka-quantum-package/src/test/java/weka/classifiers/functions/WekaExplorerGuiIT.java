package weka.classifiers.functions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.gui.explorer.ExplorerGuiDriver;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the real Weka Explorer with the package installed offline into an empty {@code WEKA_HOME}
 * ({@link InstalledWekaPackage}): a fresh JVM with only Weka and the compiled {@link ExplorerGuiDriver} on its class
 * path loads the package's bundled {@code digits-300.arff}, picks {@code DressedQuantumCircuitClassifier} from the
 * Classify tab's chooser (so the class is found through the package manager), evaluates it on a percentage split
 * and saves a screenshot of the window to {@code weka.explorer.screenshot} (set by the POM to
 * {@code target/weka-explorer.png}). The child JVMs run on the environment's display or on a private Xvfb the
 * test starts ({@link VirtualDisplay}); without either the tests are skipped, saying how to enable them. Runs in
 * Maven's {@code integration-test} phase, after the zip is built.
 */
class WekaExplorerGuiIT {

    @TempDir
    Path tmp;

    @Test
    void explorerEvaluatesTheInstalledClassifierAndSavesAScreenshot() throws Exception {
        Path png = Path.of(System.getProperty("weka.explorer.screenshot"));
        Files.deleteIfExists(png);

        String out = runDriver(300, png);
        System.out.println(out);
        assertTrue(out.contains("Classifier chooser lists " + ExplorerGuiDriver.CLASSIFIER), out);
        assertTrue(out.contains("=== Explorer classifier output ==="), out);
        assertTrue(out.contains(ExplorerGuiDriver.MARKER), out);
        assertTrue(out.contains("Qubits: 4, layers: 2"), out);
        assertTrue(out.contains("Test mode:    split 66.0% train, remainder test"), out);

        assertTrue(Files.isRegularFile(png), "no screenshot at " + png + "\n" + out);
        long size = Files.size(png);
        assertTrue(size > 10_000, "screenshot only " + size + " bytes");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "screenshot does not decode as an image: " + png);
        assertTrue(image.getWidth() > 600, "screenshot width " + image.getWidth());
    }

    /**
     * The Stop button on a running classifier: the driver starts {@code DressedQuantumCircuitClassifier} with a
     * 20-qubit circuit and up to 1000 epochs, presses Stop after a few seconds of training and reports. The run must
     * end within 2 s, the status line and log must say it was interrupted, no thread may still run the package's
     * code, and the screenshot (next to the other, {@code weka-explorer-stopped.png}) shows the stopped Explorer.
     */
    @Test
    void explorerStopButtonStopsALongRunningClassifierWithinTwoSeconds() throws Exception {
        Path png = Path.of(System.getProperty("weka.explorer.screenshot")).resolveSibling("weka-explorer-stopped.png");
        Files.deleteIfExists(png);

        String out = runDriver(300, png, "stop");
        System.out.println(out);
        assertTrue(out.contains("Qubits: 20") || out.contains("-Q 20"), out);
        assertTrue(out.contains("Training still running after"), out);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Run thread ended ([0-9.]+) s after Stop")
                .matcher(out);
        assertTrue(m.find(), out);
        double seconds = Double.parseDouble(m.group(1));
        assertTrue(seconds < 2.0, "the run ended " + seconds + " s after Stop\n" + out);
        assertTrue(out.contains("Threads in project code 2 s after Stop: none"), out);
        assertTrue(out.contains("Status line: Interrupted"), out);
        assertTrue(out.contains("Start button enabled: true"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("Interrupted")
                && l.contains("DressedQuantumCircuitClassifier")), "the log records the interruption\n" + out);

        assertTrue(Files.isRegularFile(png), "no screenshot at " + png + "\n" + out);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "screenshot does not decode as an image: " + png);
        assertTrue(image.getWidth() > 600, "screenshot width " + image.getWidth());
    }

    /**
     * A safe option editor: for each of the three classifiers the driver ({@code edit},
     * {@link weka.gui.explorer.ExplorerOptionEditorDriver}) opens the GenericObjectEditor, types a value into every
     * numeric field character by character with {@code java.awt.Robot} (e.g. {@code 0.005}, whose first keystroke
     * sets 0), fails as soon as any other dialog (an error message) shows, presses OK, then Start, and waits for the
     * evaluation. Screenshots: {@code weka-explorer-edited-<classifier>.png} and {@code -editor.png}.
     */
    @Test
    void optionEditorsTakeTypedValuesWithoutErrorDialogsAndEachClassifierRuns() throws Exception {
        Path png = Path.of(System.getProperty("weka.explorer.screenshot")).resolveSibling("weka-explorer-edited.png");

        long t0 = System.nanoTime();
        String out = runDriver(240, png, "edit");
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println(out);
        System.out.printf("option-editor scenario (with the package install) took %.1f s%n", seconds);
        for (String name : List.of("DressedQuantumCircuitClassifier", "QuantumPointwiseCNN", "QuNetSegmenter")) {
            assertTrue(out.contains(name + ": typed into "), out);
            assertTrue(out.contains(name + ": evaluated after"), out);
            Path shot = png.resolveSibling("weka-explorer-edited-" + name + ".png");
            assertTrue(Files.isRegularFile(shot), "no screenshot at " + shot + "\n" + out);
            assertNotNull(ImageIO.read(shot.toFile()), "screenshot does not decode: " + shot);
        }
        assertTrue(out.contains("learningRate=0.005"), out);
        assertTrue(out.contains("pixelScale=0.0625"), out);
        assertTrue(out.contains(ExplorerGuiDriver.MARKER), out);
        assertFalse(out.contains("FAILED"), out);
    }

    /**
     * The segmentation route with the Explorer alone ({@code segment}, {@link
     * weka.gui.explorer.ExplorerSegmentationDriver}): the package's {@code data/segmentation/train} folder pair is
     * opened in the Preprocess panel's file chooser with the file type of the package's
     * {@code ImageMaskFolderLoader} (one training image chosen, the whole folder loaded), {@code QuNetSegmenter}
     * gets small settings and no images location, the test folder pair is the supplied test set (through the same
     * chooser), and Start evaluates it. Screenshot: {@code weka-explorer-segmentation.png} (the one in
     * {@code docs/images}).
     */
    @Test
    void explorerLoadsImageAndMaskFoldersAndEvaluatesQuNetSegmenterOnASuppliedTestFolder() throws Exception {
        Path png = Path.of(System.getProperty("weka.explorer.screenshot"))
                .resolveSibling("weka-explorer-segmentation.png");
        Files.deleteIfExists(png);

        long t0 = System.nanoTime();
        String out = runDriver(420, png, "segment");
        System.out.println(out);
        System.out.printf("segmentation scenario (with the package install) took %.1f s%n",
                (System.nanoTime() - t0) / 1e9);
        assertTrue(out.contains("Image folder with masks, one instance per pixel (*.png)"), out);
        assertTrue(out.contains("Preprocess loaded 32768 pixel instances"), out);
        assertTrue(out.contains("[images-location: "), out);
        assertTrue(out.contains("Supplied test set: weka.core.converters.ImageMaskFolderLoader"), out);
        assertTrue(out.contains("Test mode:    user supplied test set:"), out);
        assertTrue(out.contains("Qu-Net (QuFeX bottleneck"), out);
        assertTrue(out.contains("Images folder: "), out);
        assertTrue(out.contains("Total Number of Instances            16384"), out);
        java.util.regex.Matcher iou = java.util.regex.Pattern
                .compile("Mean IoU \\(mIoU, over classes\\)\\s+([0-9.]+)").matcher(out);
        assertTrue(iou.find(), out);
        double meanIoU = Double.parseDouble(iou.group(1));
        // predicting every pixel as background scores a mean IoU below 0.4 here (the test masks are about 21 %
        // foreground: IoU 0.79 for background, 0 for foreground); the trained segmenter must find nuclei
        assertTrue(meanIoU > 0.5 && meanIoU <= 1, "mean IoU " + meanIoU + "\n" + out);
        assertTrue(out.contains("Mean Dice (over classes)"), out);
        assertFalse(out.contains("FAILED"), out);

        assertTrue(Files.isRegularFile(png), "no screenshot at " + png + "\n" + out);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "screenshot does not decode as an image: " + png);
        assertTrue(image.getWidth() > 600, "screenshot width " + image.getWidth());
    }

    /**
     * Installs the package, then runs {@link ExplorerGuiDriver} on its bundled {@code digits-300.arff} in a fresh
     * JVM on a {@link VirtualDisplay} (skipping the test when there is none).
     *
     * @return what the driver printed
     */
    private String runDriver(long timeoutSeconds, Path png, String... mode) throws Exception {
        try (VirtualDisplay display = VirtualDisplay.acquire()) {
            InstalledWekaPackage pkg = InstalledWekaPackage.installInto(tmp).display(display.name());
            Path arff = pkg.packageDir().resolve("data").resolve("digits-300.arff");
            assertTrue(Files.isRegularFile(arff), pkg.installOutput());
            Path driverClasses = copyDriverClasses(Files.createDirectories(tmp.resolve("driver")));
            List<String> args = new java.util.ArrayList<>(List.of(arff.toString(), png.toString()));
            args.addAll(List.of(mode));
            return pkg.runJava(List.of("-Xmx2g"), List.of(driverClasses), timeoutSeconds,
                    ExplorerGuiDriver.class.getName(), args.toArray(String[]::new));
        }
    }

    /**
     * Copies the compiled driver ({@code weka/gui/explorer/ExplorerGuiDriver*.class}) from the test classes into
     * {@code dir}, so the child JVM gets the driver without the rest of the test classes or the package's classes.
     */
    private static Path copyDriverClasses(Path dir) throws Exception {
        Path testClasses = Path.of(ExplorerGuiDriver.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Path pkgDir = Path.of("weka", "gui", "explorer");
        Path target = Files.createDirectories(dir.resolve(pkgDir));
        String prefix = ExplorerGuiDriver.class.getSimpleName();
        try (Stream<Path> files = Files.list(testClasses.resolve(pkgDir))) {
            List<Path> classes = files.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".class") && (n.equals(prefix + ".class") || n.startsWith(prefix + "$")
                        || n.startsWith("ExplorerOptionEditorDriver") || n.startsWith("ExplorerSegmentationDriver"));
            }).toList();
            assertFalse(classes.isEmpty(), "driver classes not found under " + testClasses);
            for (Path c : classes) {
                Files.copy(c, target.resolve(c.getFileName()));
            }
        }
        return dir;
    }
}

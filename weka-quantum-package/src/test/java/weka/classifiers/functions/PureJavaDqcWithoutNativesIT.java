package weka.classifiers.functions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dressed quantum circuit classifier is pure Java: it trains and cross-validates in a fresh JVM whose class
 * path is Weka plus the host zip's {@code hybridQuantumML.jar} and {@code lib/} jars <em>without</em> any ND4J,
 * JavaCPP or OpenBLAS native jar (no {@code *-<platform>.jar}, no native ND4J/OpenBLAS library anywhere on the
 * class path), and JavaCPP's cache folder stays untouched. Runs in Maven's {@code integration-test} phase.
 */
class PureJavaDqcWithoutNativesIT {

    private static final List<String> PLATFORMS = List.of(System.getProperty("weka.package.platforms",
            "linux-x86_64,linux-arm64,windows-x86_64,macosx-x86_64,macosx-arm64").split(","));

    @TempDir
    Path tmp;

    @Test
    void trainsWithNoNativeJarOnTheClassPath() throws Exception {
        Path zip = Path.of(System.getProperty("weka.package.zip"));
        assertTrue(Files.isRegularFile(zip), "package zip missing: " + zip + " (run mvn verify)");
        Path jars = Files.createDirectories(tmp.resolve("jars"));
        List<Path> classpath = new ArrayList<>();
        int skipped = 0;
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> en = zf.entries(); en.hasMoreElements(); ) {
                String name = en.nextElement().getName();
                boolean jar = name.equals("hybridQuantumML.jar") || (name.startsWith("lib/") && name.endsWith(".jar"));
                if (!jar) {
                    continue;
                }
                String file = name.substring(name.lastIndexOf('/') + 1);
                if (PLATFORMS.stream().anyMatch(p -> file.endsWith("-" + p + ".jar"))) {
                    skipped++;
                    continue;
                }
                Path out = jars.resolve(file);
                try (InputStream in = zf.getInputStream(zf.getEntry(name))) {
                    Files.copy(in, out);
                }
                assertNoNd4jNativeLibrary(out);
                classpath.add(out);
            }
        }
        assertEquals(3, skipped, "the zip's three native jars were left out");
        assertTrue(classpath.stream().anyMatch(p -> p.getFileName().toString().startsWith("shared-sim")), "" + classpath);

        Path cache = tmp.resolve("javacpp-cache");
        Path arff = WekaPackageInstallIT.writeBlobs(tmp.resolve("blobs.arff"));
        String out = java(classpath, cache, "weka.classifiers.functions.DressedQuantumCircuitClassifier",
                "-Q", "2", "-L", "2", "-E", "100", "-mini-batch", "8", "-t", arff.toString(), "-x", "3");
        assertTrue(out.contains("=== Stratified cross-validation ==="), out);
        double pct = WekaPackageInstallIT.correctPercent(out);
        assertTrue(pct > 80, "cross-validated accuracy " + pct + " % on well separated blobs\n" + out);
        // the classical dense-layer baseline too
        out = java(classpath, cache, "weka.classifiers.functions.DressedQuantumCircuitClassifier",
                "-head", "CDL", "-E", "50", "-t", arff.toString(), "-no-cv");
        assertTrue(out.contains("=== Error on training data ==="), out);
        assertFalse(Files.exists(cache), "JavaCPP unpacked natives into " + cache);
    }

    /** No ND4J, OpenBLAS or JavaCPP native library inside {@code jar}. */
    private static void assertNoNd4jNativeLibrary(Path jar) throws IOException {
        try (ZipFile zf = new ZipFile(jar.toFile())) {
            zf.stream().map(ZipEntry::getName)
                    .filter(n -> n.matches("(?i).*(nd4j|openblas|jnijavacpp|jniopenblas).*\\.(so(\\.[0-9]+)*|dylib|dll)"))
                    .findFirst().ifPresent(n -> fail(jar + " holds the native library " + n));
        }
    }

    private String java(List<Path> jars, Path cache, String main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dweka.packageManager.offline=true");
        cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        cmd.add("-cp");
        StringBuilder cp = new StringBuilder(
                Files.readString(Path.of(System.getProperty("weka.classpath.file"))).trim());
        for (Path p : jars) {
            cp.append(File.pathSeparatorChar).append(p);
        }
        cmd.add(cp.toString());
        cmd.add(main);
        cmd.addAll(List.of(args));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path log = Files.createTempFile(tmp, "java-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // an empty WEKA_HOME: no installed package adds the native jars back through Weka's package loader
        pb.environment().put("WEKA_HOME", Files.createDirectories(tmp.resolve("wekahome")).toString());
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        boolean finished = p.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, "timed out: " + String.join(" ", cmd) + "\n" + out);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }
}

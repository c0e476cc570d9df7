package weka.classifiers.functions;

import org.hybridqml.LibraryJarContents;
import org.junit.jupiter.api.Test;
import weka.core.WekaPackageManager;
import weka.core.packageManagement.DefaultPackage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The five per-platform package zips that one {@code mvn package} builds: each zip's {@code lib/} holds exactly its
 * own platform's three native jars (ND4J, JavaCPP, OpenBLAS) and no other platform's, the platform-independent
 * jars are the same in every zip, {@code Description.props} declares the platform's OS and architecture in the
 * {@code OSName}/{@code OSArch} keys that Weka 3.8's {@link WekaPackageManager#osAndArchCheck} reads (and that
 * check accepts the host's zip and rejects the others on this machine), the metadata and LICENSE are there, and the
 * project's own jars in the zip ({@code hybridQuantumML.jar}, {@code lib/shared-sim-*.jar}) hold no benchmark, demo
 * or experiment class.
 * Runs in Maven's {@code integration-test} phase, after {@code package} has built the zips.
 */
class WekaPackagePlatformZipsIT {

    private static final List<String> PLATFORMS = List.of(System.getProperty("weka.package.platforms",
            "linux-x86_64,linux-arm64,windows-x86_64,macosx-x86_64,macosx-arm64").split(","));

    private static Path zip(String platform) {
        return Path.of(System.getProperty("weka.package.dir"))
                .resolve(System.getProperty("weka.package.prefix") + platform + ".zip");
    }

    /** The jar names directly under {@code lib/} in the zip. */
    private static Set<String> libJars(ZipFile zf) {
        Set<String> jars = new TreeSet<>();
        zf.stream().map(ZipEntry::getName).filter(n -> n.startsWith("lib/") && n.endsWith(".jar"))
                .forEach(n -> {
                    assertFalse(n.substring(4).contains("/"), "nested folder in lib/: " + n);
                    jars.add(n.substring(4));
                });
        return jars;
    }

    private static boolean isNativeJar(String jar) {
        return PLATFORMS.stream().anyMatch(p -> jar.endsWith("-" + p + ".jar"));
    }

    private static Properties description(ZipFile zf) throws IOException {
        ZipEntry e = zf.getEntry("Description.props");
        assertNotNull(e, zf.getName() + " has no Description.props");
        Properties props = new Properties();
        try (InputStream in = zf.getInputStream(e)) {
            props.load(in);
        }
        return props;
    }

    @Test
    void eachZipHoldsExactlyItsPlatformsNativeJars() throws IOException {
        assertEquals(5, PLATFORMS.size(), PLATFORMS.toString());
        Set<String> commonOfFirst = null;
        for (String platform : PLATFORMS) {
            Path zip = zip(platform);
            assertTrue(Files.isRegularFile(zip), "missing " + zip + " (run mvn package)");
            try (ZipFile zf = new ZipFile(zip.toFile())) {
                Set<String> jars = libJars(zf);
                Set<String> natives = new TreeSet<>();
                Set<String> common = new TreeSet<>();
                for (String jar : jars) {
                    (isNativeJar(jar) ? natives : common).add(jar);
                }
                Set<String> expected = new TreeSet<>();
                for (String prefix : List.of("nd4j-native-", "javacpp-", "openblas-")) {
                    List<String> hits = new ArrayList<>();
                    for (String n : natives) {
                        // prefix, version (1.5.7, 1.0.0-M2.1, 0.3.19-1.5.7), platform
                        if (n.startsWith(prefix) && n.substring(prefix.length())
                                .matches("[0-9][^-]*(-[A-Za-z0-9.]+)?-" + platform + "\\.jar")) {
                            hits.add(n);
                        }
                    }
                    assertEquals(1, hits.size(), zip + ": " + prefix + "*-" + platform + ".jar in " + natives);
                    expected.addAll(hits);
                }
                assertEquals(expected, natives, zip + ": native jars");
                assertTrue(common.stream().anyMatch(n -> n.startsWith("shared-sim-")), zip + ": " + common);
                assertTrue(common.stream().anyMatch(n -> n.startsWith("nd4j-native-1")), zip + ": " + common);
                if (commonOfFirst == null) {
                    commonOfFirst = common;
                } else {
                    assertEquals(commonOfFirst, common, zip + ": platform-independent jars differ between zips");
                }
                for (String top : List.of("hybridQuantumML.jar", "PluginManager.props", "LICENSE",
                        "doc/README.md", "data/digits-300.arff", "data/fashion-mnist-200.arff",
                        "data/segmentation/README.md",
                        "data/segmentation/train/image/nuclei-01.png", "data/segmentation/train/label/nuclei-01.png",
                        "data/segmentation/test/image/nuclei-09.png", "data/segmentation/test/label/nuclei-09.png")) {
                    assertNotNull(zf.getEntry(top), zip + " has no " + top);
                }
                String license = new String(zf.getInputStream(zf.getEntry("LICENSE")).readAllBytes());
                assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004")
                        && license.contains("END OF TERMS AND CONDITIONS"), "full Apache-2.0 text");
            }
        }
    }

    /**
     * The project's jars that each zip ships (the package's own {@code hybridQuantumML.jar} and the {@code lib/} jars
     * built from this project's modules) hold only library classes: no benchmark, demo or experiment main, and no
     * test jar in {@code lib/}.
     */
    @Test
    void projectJarsHoldOnlyTheLibrary() throws IOException {
        for (String platform : PLATFORMS) {
            Path zip = zip(platform);
            try (ZipFile zf = new ZipFile(zip.toFile())) {
                List<String> ours = new ArrayList<>(List.of("hybridQuantumML.jar"));
                for (String jar : libJars(zf)) {
                    assertFalse(jar.endsWith("-tests.jar"), zip + ": test jar in lib/: " + jar);
                    if (jar.startsWith("shared-sim-") || jar.startsWith("tribuo-quantum-")
                            || jar.startsWith("meka-quantum-")) {
                        ours.add("lib/" + jar);
                    }
                }
                assertTrue(ours.stream().anyMatch(n -> n.startsWith("lib/shared-sim-")), zip + ": " + ours);
                for (String name : ours) {
                    ZipEntry e = zf.getEntry(name);
                    assertNotNull(e, zip + " has no " + name);
                    try (InputStream in = zf.getInputStream(e)) {
                        List<String> found = LibraryJarContents.nonLibraryClasses(in);
                        assertTrue(found.isEmpty(), zip + "!/" + name + " holds benchmark/demo/experiment classes: "
                                + found);
                    }
                }
            }
        }
    }

    @Test
    void descriptionDeclaresPlatformClassifiersAndPapers() throws IOException {
        for (String platform : PLATFORMS) {
            Path zip = zip(platform);
            try (ZipFile zf = new ZipFile(zip.toFile())) {
                Properties d = description(zf);
                assertEquals("hybridQuantumML", d.getProperty("PackageName"));
                assertEquals("file:" + zip.getFileName(), d.getProperty("PackageURL"));
                assertEquals("Apache-2.0", d.getProperty("License"));
                String desc = d.getProperty("Description");
                for (String s : List.of("DressedQuantumCircuitClassifier", "QuantumPointwiseCNN", "QuNetSegmenter",
                        "ImageMaskFolderLoader", "arXiv:2405.00156", "arXiv:2412.01241", "arXiv:2501.13165", platform, ".javacpp/cache")) {
                    assertTrue(desc.contains(s), platform + ": Description lacks " + s + ": " + desc);
                }
                String url = d.getProperty("URL");
                for (String s : List.of("2405.00156", "2412.01241", "2501.13165")) {
                    assertTrue(url.contains(s), "URL lacks " + s + ": " + url);
                }
                String osName = d.getProperty("OSName");
                String osArch = d.getProperty("OSArch");
                assertNotNull(osName, platform);
                assertNotNull(osArch, platform);
                assertEquals(platform.startsWith("linux") ? "Linux" : platform.startsWith("windows") ? "Windows"
                        : "Mac OS X", osName, platform);
                // what the platform's JVMs report as os.arch (Weka compares it with equalsIgnoreCase)
                String jvmArch = platform.endsWith("arm64") ? "aarch64"
                        : platform.startsWith("macosx") ? "x86_64" : "amd64";
                assertTrue(List.of(osArch.split(",")).contains(jvmArch), platform + ": " + osArch);
                assertFalse(d.toString().contains("${"), platform + ": unfiltered placeholder in " + d);
            }
        }
    }

    /** Weka's own check (at install from a repository and at every package load) on this JVM's os.name/os.arch. */
    @Test
    void wekaAcceptsOnlyTheHostPlatformsZipHere() throws IOException {
        String host = System.getProperty("weka.package.host");
        assertTrue(PLATFORMS.contains(host), "host platform " + host);
        for (String platform : PLATFORMS) {
            try (ZipFile zf = new ZipFile(zip(platform).toFile())) {
                Map<Object, Object> meta = new HashMap<>(description(zf));
                DefaultPackage pkg = new DefaultPackage(null, null, meta);
                assertEquals(platform.equals(host), WekaPackageManager.osAndArchCheck(pkg),
                        platform + " zip on " + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
            }
        }
    }
}

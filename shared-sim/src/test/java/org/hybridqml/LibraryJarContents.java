package org.hybridqml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a library jar must not hold: benchmarks, naive baselines, demos and experiment mains. They live in each
 * module's {@code src/bench/java}, compiled as test sources, so a jar that {@code package} builds from
 * {@code target/classes} lists none of them. The modules' {@code *IT} tests (run after {@code package}) and the Weka
 * package zip test call {@link #assertLibraryOnly} on the jars they ship.
 */
public final class LibraryJarContents {

    /** Packages that only hold benchmark or demo code, as jar entry prefixes. */
    private static final List<String> NON_LIBRARY_PACKAGES = List.of("org/hybridqml/bench/", "org/hybridqml/demo/");

    /** Class-name endings that mark a benchmark, demo or experiment main. */
    private static final List<String> NON_LIBRARY_SUFFIXES = List.of("Benchmark", "Bench", "Experiment", "Demo");

    /** Naive reference implementations kept for benchmarks and tests only. */
    private static final Set<String> NON_LIBRARY_CLASSES = Set.of("NaiveComplexSimulator");

    private LibraryJarContents() {
    }

    /**
     * Whether a jar entry is a class of benchmark, demo or experiment code: a class in {@code org.hybridqml.bench}
     * or {@code org.hybridqml.demo}, a class (or a nested class of one) whose name ends with {@code Benchmark},
     * {@code Bench}, {@code Experiment} or {@code Demo}, or {@code NaiveComplexSimulator}.
     *
     * @param entryName a jar entry name, e.g. {@code org/hybridqml/sim/StateEngine.class}
     * @return true for a non-library class; false for library classes and for entries that are not classes
     */
    public static boolean isNonLibraryClass(String entryName) {
        if (!entryName.endsWith(".class")) {
            return false;
        }
        if (NON_LIBRARY_PACKAGES.stream().anyMatch(entryName::startsWith)) {
            return true;
        }
        String simple = entryName.substring(entryName.lastIndexOf('/') + 1, entryName.length() - ".class".length());
        int nested = simple.indexOf('$');
        String outer = nested < 0 ? simple : simple.substring(0, nested);
        return NON_LIBRARY_CLASSES.contains(outer) || NON_LIBRARY_SUFFIXES.stream().anyMatch(outer::endsWith);
    }

    /**
     * The non-library class entries of a jar read from a stream (a jar file, or a jar stored inside a zip).
     *
     * @param jar the jar's bytes; read to the end, not closed
     * @return the entry names for which {@link #isNonLibraryClass} holds, in jar order
     * @throws IOException if the stream cannot be read as a zip
     */
    public static List<String> nonLibraryClasses(InputStream jar) throws IOException {
        List<String> found = new ArrayList<>();
        ZipInputStream zin = new ZipInputStream(jar);
        for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
            if (isNonLibraryClass(e.getName())) {
                found.add(e.getName());
            }
        }
        return found;
    }

    /**
     * The non-library class entries of a jar file.
     *
     * @param jar the jar file
     * @return the entry names for which {@link #isNonLibraryClass} holds
     * @throws IOException if the file cannot be read as a zip
     */
    public static List<String> nonLibraryClasses(Path jar) throws IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            return nonLibraryClasses(in);
        }
    }

    /**
     * Fails unless the jar exists and holds no benchmark, demo or experiment class.
     *
     * @param jar the jar file
     * @throws IOException if the file cannot be read as a zip
     */
    public static void assertLibraryOnly(Path jar) throws IOException {
        assertTrue(Files.isRegularFile(jar), "missing " + jar + " (run mvn package)");
        List<String> found = nonLibraryClasses(jar);
        assertTrue(found.isEmpty(), jar + " holds benchmark/demo/experiment classes (they belong in src/bench/java): "
                + found);
    }

    /**
     * The jar this module's {@code package} phase built: the {@code library.jar} system property, which the parent
     * POM's surefire configuration sets to {@code target/<finalName>.jar}.
     *
     * @return the path of the module's main jar
     */
    public static Path moduleJar() {
        String jar = System.getProperty("library.jar");
        assertTrue(jar != null && !jar.isEmpty(), "system property library.jar is not set (run through Maven)");
        return Path.of(jar);
    }
}

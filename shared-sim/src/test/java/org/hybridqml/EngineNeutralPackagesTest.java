package org.hybridqml;

import org.hybridqml.nn.classify.QuantumPointwiseCNNBuilder;
import org.hybridqml.sim.StatevectorSimulator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The layering rules of shared-sim (see {@code docs/architecture.md}), checked on the compiled classes and on the
 * sources' import lines:
 * <ul>
 *   <li>the engine-neutral packages ({@link #ENGINE_NEUTRAL}) reference no deep-learning engine (DL4J, ND4J,
 *       JavaCPP), none of the DL4J layer {@code org.hybridqml.nn}, and no platform (Tribuo, Weka, MEKA);</li>
 *   <li>the simulator {@code org.hybridqml.sim} (and {@code sim.circuit}) additionally references none of the network
 *       code ({@code org.hybridqml.qnn}, {@code org.hybridqml.options}).</li>
 * </ul>
 * The class-file scan reads every class name in each class's constant pool (class entries and type descriptors), so
 * fully qualified uses count too; the import scan also catches references that javac leaves no trace of (inlined
 * constants). A failure lists every offending class with what it references.
 */
class EngineNeutralPackagesTest {

    /** Packages (with their subpackages) that must stay free of engines and platforms, as internal names. */
    static final List<String> ENGINE_NEUTRAL = List.of("org/hybridqml/options", "org/hybridqml/qnn",
            "org/hybridqml/sim", "org/hybridqml/circuits", "org/hybridqml/data", "org/hybridqml/metrics",
            "org/hybridqml/io");

    /** What no engine-neutral package may reference. */
    static final List<String> ENGINES_AND_PLATFORMS = List.of("org/deeplearning4j/", "org/nd4j/", "org/bytedeco/",
            "org/hybridqml/nn/", "org/tribuo/", "org/hybridqml/tribuo/", "weka/", "meka/");

    /** The simulator. */
    static final String SIM = "org/hybridqml/sim";

    /** What the simulator may not reference beyond {@link #ENGINES_AND_PLATFORMS}: the network code. */
    static final List<String> NETWORK_CODE = List.of("org/hybridqml/qnn/", "org/hybridqml/options/");

    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([A-Za-z_$][\\w$]*(?:/[\\w$]+)*);");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)\\s*;",
            Pattern.MULTILINE);

    @Test
    void engineNeutralPackagesReferenceNoEngineNorPlatform() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String pkg : ENGINE_NEUTRAL) {
            offenders.addAll(offenders(pkg, ENGINES_AND_PLATFORMS));
        }
        assertNone(offenders, "Engine-neutral packages reference DL4J/ND4J, org.hybridqml.nn or a platform");
    }

    @Test
    void simulatorReferencesNoNetworkCode() throws IOException {
        List<String> forbidden = new ArrayList<>(ENGINES_AND_PLATFORMS);
        forbidden.addAll(NETWORK_CODE);
        assertNone(offenders(SIM, forbidden), "org.hybridqml.sim references network code");
    }

    /** The scan finds what it looks for: a class of the DL4J layer references DL4J, the simulator does not. */
    @Test
    void scannerSeesDl4jInTheDl4jLayerOnly() throws IOException {
        Set<String> nn = referencedClasses(Files.readAllBytes(classFile(QuantumPointwiseCNNBuilder.class)));
        assertTrue(nn.stream().anyMatch(c -> c.startsWith("org/deeplearning4j/")), () -> "no DL4J class in " + nn);
        Set<String> sim = referencedClasses(Files.readAllBytes(classFile(StatevectorSimulator.class)));
        assertTrue(sim.contains("org/hybridqml/sim/StatevectorSimulator"), () -> "own name missing from " + sim);
        assertFalse(sim.stream().anyMatch(c -> c.startsWith("org/deeplearning4j/")));
    }

    private static void assertNone(List<String> offenders, String what) {
        if (!offenders.isEmpty()) {
            fail(what + " (" + offenders.size() + "):\n  " + String.join("\n  ", offenders));
        }
    }

    /**
     * @param pkg       a package as an internal name; its subpackages are scanned too
     * @param forbidden internal-name prefixes
     * @return "class -> referenced names" for every class or source file of the package that references one
     */
    static List<String> offenders(String pkg, List<String> forbidden) throws IOException {
        List<String> out = new ArrayList<>();
        Path classes = classesRoot().resolve(pkg);
        assertTrue(Files.isDirectory(classes), () -> "no compiled package " + classes);
        int scanned = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                scanned++;
                Set<String> bad = forbiddenOf(referencedClasses(Files.readAllBytes(f)), forbidden);
                if (!bad.isEmpty()) {
                    out.add(classesRoot().relativize(f) + " -> " + bad);
                }
            }
        }
        assertTrue(scanned > 0, "no class in " + classes);
        Path sources = sourcesRoot().resolve(pkg);
        assertTrue(Files.isDirectory(sources), () -> "no source package " + sources);
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Set<String> imported = new HashSet<>();
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    imported.add(m.group(1).replace('.', '/'));
                }
                Set<String> bad = forbiddenOf(imported, forbidden);
                if (!bad.isEmpty()) {
                    out.add(sourcesRoot().relativize(f) + " imports " + bad);
                }
            }
        }
        return out;
    }

    private static Set<String> forbiddenOf(Set<String> names, List<String> forbidden) {
        Set<String> bad = new TreeSet<>();
        for (String n : names) {
            for (String prefix : forbidden) {
                if (n.startsWith(prefix)) {
                    bad.add(n);
                }
            }
        }
        return bad;
    }

    /**
     * The classes a class file names in its constant pool: the class entries (array types unwrapped) and every class
     * in a field, method or generic signature. String constants are left out (a message may name anything).
     *
     * @param classFile the bytes of a class file
     * @return internal names
     */
    static Set<String> referencedClasses(byte[] classFile) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            Set<Integer> classNames = new HashSet<>();
            Set<Integer> strings = new HashSet<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNames.add(in.readUnsignedShort());
                    case 8 -> strings.add(in.readUnsignedShort());
                    case 16, 19, 20 -> in.readUnsignedShort();
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++;
                    }
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
                }
            }
            Set<String> names = new TreeSet<>();
            for (int i = 1; i < count; i++) {
                if (utf8[i] == null || strings.contains(i)) {
                    continue;
                }
                if (classNames.contains(i) && !utf8[i].startsWith("[")) {
                    names.add(utf8[i]);
                }
                Matcher m = DESCRIPTOR_CLASS.matcher(utf8[i]);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path classesRoot() {
        try {
            Path root = Path.of(StatevectorSimulator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertTrue(Files.isDirectory(root), () -> "main classes are not a directory: " + root);
            return root;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path sourcesRoot() {
        return Path.of(System.getProperty("basedir", ".")).resolve("src/main/java");
    }

    private static Path classFile(Class<?> c) {
        return classesRoot().resolve(c.getName().replace('.', '/') + ".class");
    }
}

package weka.classifiers.functions;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The built package zip installed offline with {@code WekaPackageManager} into an empty {@code WEKA_HOME}, and
 * fresh JVMs that see it the way a plain Weka installation does: only Weka (weka-stable and its dependencies) on the
 * class path, {@code WEKA_HOME} pointing at the installation, package manager offline. The zip and Weka's class
 * path come from the system properties {@code weka.package.zip} and {@code weka.classpath.file}, which the POM sets
 * for the integration tests (they run after {@code package} has built the zip).
 */
final class InstalledWekaPackage {

    /** The package's name (its folder under {@code WEKA_HOME/packages}). */
    static final String NAME = "hybridQuantumML";

    private final Path wekaHome;
    private final String wekaClasspath;
    private final String installOutput;
    private String display;

    private InstalledWekaPackage(Path wekaHome, String wekaClasspath, String installOutput) {
        this.wekaHome = wekaHome;
        this.wekaClasspath = wekaClasspath;
        this.installOutput = installOutput;
    }

    /**
     * Installs the package zip into {@code dir/wekahome} by running {@code weka.core.WekaPackageManager -offline
     * -install-package zip} in a fresh JVM, and checks that the package folder with its description and jar exists.
     */
    static InstalledWekaPackage installInto(Path dir) throws Exception {
        Path zip = Path.of(System.getProperty("weka.package.zip"));
        assertTrue(Files.isRegularFile(zip), "package zip missing: " + zip + " (run mvn verify)");
        String wekaCp = Files.readString(Path.of(System.getProperty("weka.classpath.file"))).trim();
        Path home = Files.createDirectories(dir.resolve("wekahome"));
        InstalledWekaPackage pkg = new InstalledWekaPackage(home, wekaCp, null);
        String out = pkg.run("weka.core.WekaPackageManager", "-offline", "-install-package", zip.toString());
        Path installed = home.resolve("packages").resolve(NAME);
        assertTrue(Files.isRegularFile(installed.resolve("Description.props")), out);
        assertTrue(Files.isRegularFile(installed.resolve(NAME + ".jar")), out);
        return new InstalledWekaPackage(home, wekaCp, out);
    }

    /** The {@code WEKA_HOME} folder the package is installed in. */
    Path wekaHome() {
        return wekaHome;
    }

    /** The installed package's folder, {@code WEKA_HOME/packages/hybridQuantumML}. */
    Path packageDir() {
        return wekaHome.resolve("packages").resolve(NAME);
    }

    /**
     * @param display the X display the JVMs started by {@link #runJava} use (e.g. a {@link VirtualDisplay}'s)
     * @return this
     */
    InstalledWekaPackage display(String display) {
        this.display = display;
        return this;
    }

    /** What the package manager printed while installing. */
    String installOutput() {
        return installOutput;
    }

    /**
     * Runs {@code java -Djava.awt.headless=true -cp wekaClasspath main args} (1 GB heap, 120 s limit) and returns
     * its standard output and error; fails unless it exits with 0 in time.
     */
    String run(String main, String... args) throws Exception {
        return runJava(List.of("-Xmx1g", "-Djava.awt.headless=true"), List.of(), 120, main, args);
    }

    /**
     * Runs {@code java jvmOptions -cp wekaClasspath:extraClasspath main args} with {@code WEKA_HOME} set and the
     * package manager offline, and returns its standard output and error; kills it and fails after
     * {@code timeoutSeconds}, fails unless it exits with 0.
     */
    String runJava(List<String> jvmOptions, List<Path> extraClasspath, long timeoutSeconds, String main,
                   String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dweka.packageManager.offline=true");
        cmd.add("-cp");
        StringBuilder cp = new StringBuilder(wekaClasspath);
        for (Path p : extraClasspath) {
            cp.append(File.pathSeparatorChar).append(p);
        }
        cmd.add(cp.toString());
        cmd.add(main);
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(wekaHome.getParent(), "java-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("WEKA_HOME", wekaHome.toString());
        pb.environment().put("HOME", wekaHome.getParent().toString());
        if (display != null) {
            pb.environment().put("DISPLAY", display);
        }
        Process p = pb.start();
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (!finished) {
            fail("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd) + "\n" + out);
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }
}

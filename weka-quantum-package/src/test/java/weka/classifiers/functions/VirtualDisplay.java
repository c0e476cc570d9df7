package weka.classifiers.functions;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The X display the Explorer GUI tests run their child JVMs on: the {@code DISPLAY} of the environment when one is
 * set; otherwise a private Xvfb server the test starts on a free display number and stops afterwards; otherwise
 * none, and the test is skipped with a message saying how to enable it. So {@code ./mvnw -B verify} runs the GUI
 * tests on any Linux machine with Xvfb installed, without {@code xvfb-run}.
 */
final class VirtualDisplay implements AutoCloseable {

    /** How to get the GUI tests to run, in the skip message. */
    static final String HOW_TO_ENABLE = "no X display and no Xvfb: install Xvfb (Debian/Ubuntu: apt-get install "
            + "xvfb) or set DISPLAY to run the Explorer GUI tests";

    private final String name;
    private final Process server;

    private VirtualDisplay(String name, Process server) {
        this.name = name;
        this.server = server;
    }

    /** @return the display to use (skips the calling test when there is none) */
    static VirtualDisplay acquire() throws IOException, InterruptedException {
        String env = System.getenv("DISPLAY");
        if (env != null && !env.isBlank()) {
            return new VirtualDisplay(env, null);
        }
        Path xvfb = onPath("Xvfb");
        if (xvfb == null) {
            System.err.println("Explorer GUI test skipped: " + HOW_TO_ENABLE);
        }
        Assumptions.assumeTrue(xvfb != null, HOW_TO_ENABLE);
        // -displayfd: the server picks a free display number and writes it to our stdout when it is ready
        Process p = new ProcessBuilder(xvfb.toString(), "-displayfd", "1", "-screen", "0", "1280x1024x24",
                "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String number;
        try {
            number = line.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            number = null;
        }
        if (number == null || !number.trim().matches("[0-9]+")) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException("Xvfb at " + xvfb + " did not report a display number within 20 s (got "
                    + number + ")");
        }
        return new VirtualDisplay(":" + number.trim(), p);
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** @return the display name for {@code DISPLAY}, e.g. {@code :99} */
    String name() {
        return name;
    }

    /** Stops the Xvfb server this object started (none when the environment's display was used). */
    @Override
    public void close() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}

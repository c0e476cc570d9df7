package org.hybridqml.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the project's bundled {@code datasets/} folder.
 *
 * <p>Lookup order: the system property {@value #PROPERTY}, the environment variable {@value #ENVIRONMENT},
 * then the first {@code datasets/} folder (holding a {@code README.md}) found walking up from the working
 * directory. Nothing outside the project is ever consulted.
 */
public final class BundledDatasets {

    /** System property naming the datasets folder explicitly. */
    public static final String PROPERTY = "hybridqml.datasets";
    /** Environment variable naming the datasets folder explicitly. */
    public static final String ENVIRONMENT = "HYBRIDQML_DATASETS";

    private BundledDatasets() {
    }

    /**
     * Returns the datasets folder.
     *
     * @return an existing directory
     * @throws UncheckedIOException if no datasets folder can be found
     */
    public static Path root() {
        String explicit = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (explicit != null && !explicit.isBlank()) {
            Path p = Paths.get(explicit).toAbsolutePath();
            if (!Files.isDirectory(p)) {
                throw new UncheckedIOException(new IOException(
                        "Datasets folder given by " + PROPERTY + "/" + ENVIRONMENT + " does not exist: " + p));
            }
            return p;
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("datasets");
            if (Files.isRegularFile(candidate.resolve("README.md"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new UncheckedIOException(new IOException("No bundled datasets/ folder found above "
                + Paths.get("").toAbsolutePath() + "; set -D" + PROPERTY + "=<dir>"));
    }

    /**
     * Resolves a path inside the datasets folder and checks that it exists.
     *
     * @param first first path element, e.g. {@code "isbi2012-membrane"}
     * @param more  further elements
     * @return the existing path
     * @throws UncheckedIOException if the path does not exist
     */
    public static Path resolve(String first, String... more) {
        Path p = root().resolve(Paths.get(first, more));
        if (!Files.exists(p)) {
            throw new UncheckedIOException(new IOException("Bundled data file missing: " + p));
        }
        return p;
    }
}

package org.hybridqml.tribuo;

import org.hybridqml.LibraryJarContents;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * The tribuo-quantum jar that {@code package} built holds no experiment main (they are in {@code src/bench/java}).
 * Runs in Maven's {@code integration-test} phase, after the jar exists.
 */
class LibraryJarIT {

    @Test
    void libraryJarHoldsNoBenchmarkDemoOrExperimentClass() throws IOException {
        LibraryJarContents.assertLibraryOnly(LibraryJarContents.moduleJar());
    }
}

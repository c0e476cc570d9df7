package meka.classifiers.multilabel;

import org.hybridqml.LibraryJarContents;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * The meka-quantum jar that {@code package} built holds no benchmark, demo or experiment class. Runs in Maven's
 * {@code integration-test} phase, after the jar exists.
 */
class LibraryJarIT {

    @Test
    void libraryJarHoldsNoBenchmarkDemoOrExperimentClass() throws IOException {
        LibraryJarContents.assertLibraryOnly(LibraryJarContents.moduleJar());
    }
}

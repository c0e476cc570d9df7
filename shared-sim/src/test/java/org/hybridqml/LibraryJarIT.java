package org.hybridqml;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared-sim jar that {@code package} built holds only the library; its benchmarks, naive baselines and demos
 * ({@code src/bench/java}) are in the test jar. Runs in Maven's {@code integration-test} phase, after the jars exist.
 */
class LibraryJarIT {

    @Test
    void libraryJarHoldsNoBenchmarkDemoOrExperimentClass() throws IOException {
        LibraryJarContents.assertLibraryOnly(LibraryJarContents.moduleJar());
    }

    /** The check sees the classes it must keep out: they are built, into the test jar. */
    @Test
    void testJarHoldsTheBenchmarksAndDemos() throws IOException {
        Path jar = LibraryJarContents.moduleJar();
        Path testJar = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "-tests.jar"));
        List<String> found = LibraryJarContents.nonLibraryClasses(testJar);
        for (String c : List.of("org/hybridqml/demo/QuNetDemo.class", "org/hybridqml/bench/UNetStepBench.class",
                "org/hybridqml/bench/NaiveComplexSimulator.class", "org/hybridqml/sim/SmallBatchBenchmark.class")) {
            assertTrue(found.contains(c), testJar + " lacks " + c + ": " + found);
        }
    }
}

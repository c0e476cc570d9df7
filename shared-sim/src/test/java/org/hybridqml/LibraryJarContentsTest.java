package org.hybridqml;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which jar entries {@link LibraryJarContents#isNonLibraryClass} flags as benchmark, demo or experiment code. */
class LibraryJarContentsTest {

    @Test
    void flagsBenchmarkDemoAndExperimentClasses() {
        for (String e : List.of("org/hybridqml/bench/Timing.class", "org/hybridqml/bench/package-info.class",
                "org/hybridqml/demo/BundledDataDemo.class", "org/hybridqml/sim/SmallBatchBenchmark.class",
                "org/hybridqml/sim/KernelPassBenchmark$Row.class", "org/hybridqml/bench/UNetStepBench.class",
                "org/hybridqml/tribuo/segmentation/QuNetExperiment.class", "org/hybridqml/x/NaiveComplexSimulator.class",
                "org/hybridqml/tribuo/multilabel/DqcExperiment$1.class", "org/hybridqml/x/DqcHeadDemo.class")) {
            assertTrue(LibraryJarContents.isNonLibraryClass(e), e);
        }
    }

    @Test
    void keepsLibraryClassesAndNonClassEntries() {
        for (String e : List.of("org/hybridqml/sim/StateEngine.class", "org/hybridqml/sim/BatchedSmallEngine$1.class",
                "weka/classifiers/functions/QuNetSegmenter.class", "meka/classifiers/multilabel/DQC.class",
                "org/hybridqml/benchmarks.txt", "org/hybridqml/demo/", "META-INF/MANIFEST.MF",
                "org/hybridqml/nn/unet/BenchmarkedLayer.class")) {
            assertFalse(LibraryJarContents.isNonLibraryClass(e), e);
        }
    }
}

package org.hybridqml.nn.unet;

import org.hybridqml.CancelAfterStart;
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.SegmentationDataset;
import org.hybridqml.nn.train.SegmentationTrainer;
import org.hybridqml.sim.TrainingInterruptedException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cancelling a Qu-Net training ({@link QuNetSegmenterModel#train}, {@link SegmentationTrainer}) ends it within 2 s. */
class QuNetSegmenterModelCancellationTest {

    @Test
    void cancellingAQuNetTrainingStopsWithinTwoSeconds() throws Exception {
        Path root = BundledDatasets.resolve("isbi2012-membrane", "train");
        SegmentationDataset train = SegmentationDataset.load(root.resolve("image"), root.resolve("label"), 1, 64, 64)
                .subset(0, 1, 2, 3).tiles(32, 32);
        QuNetSegmenterSpec spec = new QuNetSegmenterSpec(32, 32, 1, new int[]{4, 8}, "4-1", 200, 2, 1e-2, 7);
        CancelAfterStart r = CancelAfterStart.run(SegmentationTrainer.class.getName(),
                m -> m.contains("parameters"), 1000, () -> QuNetSegmenterModel.train(spec, train, null, null));
        r.assertStopped("Qu-Net training", TrainingInterruptedException.class, 2.0);
        assertTrue(r.flagSet, "interrupt flag left set");
    }
}

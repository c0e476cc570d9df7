package org.hybridqml.docs;

// snippet-start imports
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.tribuo.segmentation.ImageMaskDataSource;
import org.hybridqml.tribuo.segmentation.QuNetModel;
import org.hybridqml.tribuo.segmentation.QuNetTrainer;
import org.hybridqml.tribuo.segmentation.SegmentationMask;
import org.hybridqml.tribuo.segmentation.evaluation.SegmentationEvaluation;
import org.hybridqml.tribuo.segmentation.evaluation.SegmentationEvaluator;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.dataset.DatasetView;

import java.nio.file.Path;
import java.util.function.Predicate;
// snippet-end imports
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Tribuo segmentation example of {@code docs/tribuo.md}: a small Qu-Net (QuFeX bottleneck, Jain &amp; Kalev,
 * arXiv:2501.13165) trained on ISBI-2012 slices 0-19 and evaluated on the held-out slices 20-24.
 */
class TribuoSegmentationExampleTest {

    @Test
    void quNetOnIsbiSlicesEvaluatedOnHeldOutSlices() {
        // snippet-start segmentation
        Path isbi = BundledDatasets.root().resolve("isbi2012-membrane/train");   // the repository's datasets/
        // one example per slice: the image resized to 48x48 (gray) and its mask; metadata "name" = file base name
        var all = new MutableDataset<>(new ImageMaskDataSource(isbi.resolve("image"), isbi.resolve("label"),
                1, 48, 48));
        Predicate<Example<SegmentationMask>> heldOut =
                e -> Integer.parseInt(e.getMetadataValue("name").orElseThrow().toString()) >= 20;
        var train = DatasetView.createView(all, heldOut.negate(), "slices 0-19");
        var test = DatasetView.createView(all, heldOut, "slices 20-24");

        // height, width, channels, encoder filters, QuFeX bottleneck "4-1" ("conv" = classical U-Net),
        // epochs, batch size, learning rate, seed
        var trainer = new QuNetTrainer(48, 48, 1, new int[]{8, 16}, "4-1", 8, 2, 1e-2, 42);
        QuNetModel model = (QuNetModel) trainer.train(train);
        SegmentationEvaluation eval = new SegmentationEvaluator().evaluate(model, test);
        System.out.printf("held-out slices: cell IoU %.3f, membrane IoU %.3f, Dice %.3f, soft IoU %.3f%n",
                eval.iou(), eval.backgroundIou(), eval.dice(), eval.softIou());
        // snippet-end segmentation

        assertEquals(20, train.size());
        assertEquals(5, test.size());
        // The always-"cell" answer has membrane (background) IoU 0: a model that learned nothing fails here.
        assertTrue(eval.backgroundIou() > 0.15, "membrane IoU on held-out slices " + eval.backgroundIou());
    }
}

package org.hybridqml.nn.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.SegmentationDataset;
import org.hybridqml.nn.unet.UNetBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Short trainings on 32x32 crops of the bundled ISBI-2012 slices. */
class SegmentationTrainerTest {
    private static SegmentationDataset train;
    private static SegmentationDataset val;

    @BeforeAll
    static void load() throws Exception {
        Path root = BundledDatasets.resolve("isbi2012-membrane", "train");
        // 2 slices resized 512 -> 128 (nearest), cut in 32x32 tiles: 32 tiles; 16 train, 8 validation
        SegmentationDataset small = SegmentationDataset.load(root.resolve("image"), root.resolve("label"), 1, 128,
                128);
        SegmentationDataset tiles = small.subset(0, 1).tiles(32, 32);
        int[] tr = new int[16];
        int[] va = new int[8];
        for (int i = 0; i < 32; i++) {
            if (i < 16) {
                tr[i] = i;
            } else if (i >= 24) {
                va[i - 24] = i;
            }
        }
        train = tiles.subset(tr);
        val = tiles.subset(va);
    }

    private static UNetBuilder arch() {
        return new UNetBuilder().input(32, 32, 1).filters(4, 8);
    }

    @Test
    void trainingLowersTheLoss() {
        SegmentationTrainer t = new SegmentationTrainer().batchSize(8).epochs(2).seed(1).learningRate(1e-2);
        ComputationGraph initial = arch().seed(1).updater(UNetBuilder.kerasAdam(1e-2)).build();
        DataSet all = new DataSet(SegmentationTrainer.features(train, DataType.FLOAT),
                SegmentationTrainer.labels(train, DataType.FLOAT));
        double before = initial.score(all);
        SegmentationTrainer.Result r = t.fit(arch(), train, val);
        double after = r.network().score(all);
        assertEquals(2, r.history().size());
        assertTrue(after < before, "loss " + before + " -> " + after);
        EpochStats last = r.history().get(1);
        assertTrue(last.validationScore() >= 0 && last.validationScore() <= 1);
        assertTrue(last.seconds() > 0);
    }

    @Test
    void sameSeedGivesBitwiseIdenticalParametersAndOtherSeedDoesNot() {
        SegmentationDataset few = train.subset(0, 5, 10, 15);
        SegmentationTrainer t = new SegmentationTrainer().batchSize(2).epochs(1).seed(5);
        ComputationGraph a = t.fit(arch(), few, null).network();
        ComputationGraph b = t.fit(arch(), few, null).network();
        assertEquals(a.params(), b.params());
        SegmentationTrainer.Result c = t.seed(6).fit(arch(), few, null);
        assertNotEquals(a.params(), c.network().params());
        assertTrue(Double.isNaN(c.history().get(0).validationScore()));
    }

    @Test
    void outputBiasStartsAtZeroOrAtTheForegroundLogOddsWhenAsked() {
        double p = train.foregroundFraction();
        assertTrue(p > 0 && p < 1, "foreground fraction " + p);
        SegmentationTrainer t = new SegmentationTrainer().batchSize(4).epochs(0).seed(3);
        assertEquals(0.0, t.fit(arch(), train, null).network().getLayer(UNetBuilder.HEAD).getParam("b").getDouble(0),
                0.0, "default: the zero bias of the authors' Keras code");
        ComputationGraph prior = t.outputBiasFromPrior(true).fit(arch(), train, null).network();
        double logOdds = Math.log(p / (1 - p));
        assertEquals(logOdds, prior.getLayer(UNetBuilder.HEAD).getParam("b").getDouble(0), 1e-6);
        // the untrained network then predicts the prior everywhere, up to what the random kernels add
        DataSet all = new DataSet(SegmentationTrainer.features(train, DataType.FLOAT),
                SegmentationTrainer.labels(train, DataType.FLOAT));
        ComputationGraph zero = t.outputBiasFromPrior(false).fit(arch(), train, null).network();
        assertEquals(0.0, zero.getLayer(UNetBuilder.HEAD).getParam("b").getDouble(0), 0.0);
        assertTrue(prior.score(all) < zero.score(all), "initial loss with the prior bias " + prior.score(all)
                + " should be below the zero-bias loss " + zero.score(all));
        assertThrows(IllegalArgumentException.class, () -> UNetBuilder.setOutputBiasFromPrior(zero, 1.5));
    }

    @Test
    void pooledHardIoUCountsOverTheWholeSet() {
        SegmentationScorer s = SegmentationScorer.pooledHardIoU();
        float[] p = {0.9f, 0.2f, 0.7f, 0.4f};
        float[] m = {1, 1, 0, 0};
        assertEquals(1.0 / 3, s.score(p, m, 1), 1e-12);
        assertEquals(1.0, s.score(new float[]{0.1f}, new float[]{0}, 1));
        assertFalse(Double.isNaN(s.score(p, m, 2)));
    }
}

package org.hybridqml.nn.unet;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.ImageFiles;
import org.hybridqml.data.ImageTensor;
import org.hybridqml.data.MaskImages;
import org.hybridqml.data.SegmentationDataset;
import org.hybridqml.nn.QuFeXLayer;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.qufex.QuFeXConfig;
import org.hybridqml.sim.noise.NoiseModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform-neutral segmenter (DL4J, no Tribuo or Weka types): training, prediction at any image size, byte round trip, errors, PNG output. */
class QuNetSegmenterModelTest {
    private static SegmentationDataset train;
    private static QuNetSegmenterModel unet;
    private static QuNetSegmenterModel qunet;

    @BeforeAll
    static void trainSmall() throws Exception {
        Path root = BundledDatasets.resolve("isbi2012-membrane", "train");
        SegmentationDataset small = SegmentationDataset.load(root.resolve("image"), root.resolve("label"), 1, 64, 64);
        train = small.subset(0, 1, 2, 3).tiles(32, 32);
        List<String> log = new ArrayList<>();
        unet = QuNetSegmenterModel.train(new QuNetSegmenterSpec(32, 32, 1, new int[]{4, 8}, "conv", 2, 8, 1e-2, 7), train, train,
                log::add);
        assertEquals(3, log.size(), "one header line and one line per epoch: " + log);
        assertTrue(log.get(2).contains("epoch 2/2") && log.get(2).contains("validation IoU"), log.get(2));
        qunet = QuNetSegmenterModel.train(new QuNetSegmenterSpec(32, 32, 1, new int[]{4, 8}, "4-1", 1, 8, 1e-2, 7), train, null,
                null);
    }

    @Test
    void specRejectsBadCombinationsWithTheReason() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new QuNetSegmenterSpec(30, 32, 1, new int[]{4, 8}, "conv", 1, 4, 1e-3, 1));
        assertTrue(size.getMessage().contains("not divisible by 2^2"), size.getMessage());
        IllegalArgumentException patch = assertThrows(IllegalArgumentException.class,
                () -> new QuNetSegmenterSpec(24, 24, 1, new int[]{4, 8}, "12-1", 1, 4, 1e-3, 1));
        assertTrue(patch.getMessage().contains("do not tile"), patch.getMessage());
        IllegalArgumentException maps = assertThrows(IllegalArgumentException.class,
                () -> new QuNetSegmenterSpec(32, 32, 1, new int[]{4, 5}, "8-1-2", 1, 4, 1e-3, 1));
        assertTrue(maps.getMessage().contains("not divisible"), maps.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new QuNetSegmenterSpec(32, 32, 1, new int[]{4, 8}, "quantum", 1, 4, 1e-3, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new QuNetSegmenterSpec(32, 32, 2, new int[]{4, 8}, "conv", 1, 4, 1e-3, 1));
    }

    @Test
    void trainingChecksTheDataSize() {
        QuNetSegmenterSpec spec = new QuNetSegmenterSpec(64, 64, 1, new int[]{4, 8}, "conv", 1, 4, 1e-3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuNetSegmenterModel.train(spec, train, null, null));
        assertTrue(e.getMessage().contains("32x32x1") && e.getMessage().contains("64x64x1"), e.getMessage());
    }

    @Test
    void predictionsAreProbabilitiesOfTheImageSize() {
        float[] img = Arrays.copyOfRange(train.images(), 0, 32 * 32);
        float[] p = unet.predictProbabilities(img, 1, 32, 32);
        assertEquals(32 * 32, p.length);
        for (float v : p) {
            assertTrue(v >= 0 && v <= 1, "probability " + v);
        }
        assertArrayEquals(unet.predictAll(train.subset(0))[0], p, 1e-6f);
        // another size goes through nearest resize both ways
        float[] big = QuNetSegmenterModel.resizeChw(img, 1, 32, 32, 64, 48);
        float[] pb = unet.predictProbabilities(big, 1, 64, 48);
        assertEquals(64 * 48, pb.length);
        assertArrayEquals(QuNetSegmenterModel.resizeChw(p, 1, 32, 32, 64, 48), pb, 1e-5f);
        // the quantum bottleneck contributes: the Qu-Net predicts something else
        assertNotEquals(Arrays.toString(p), Arrays.toString(qunet.predictProbabilities(img, 1, 32, 32)));
    }

    @Test
    void predictionNoiseChangesOnlyQuNetInference() throws Exception {
        float[] img = Arrays.copyOfRange(train.images(), 0, 32 * 32);
        float[] exact = qunet.predictProbabilities(img, 1, 32, 32);
        PredictionNoise dep = new PredictionNoise(NoiseModel.parse("depolarizing:0.2"), 0, 1);
        PredictionNoise shots = new PredictionNoise(NoiseModel.none(), 50, 3);
        try {
            assertArrayEquals(exact, qunet.predictionNoise(PredictionNoise.exact()).predictProbabilities(img, 1, 32, 32),
                    0f, "the exact setting: the same bits");
            float[] noisy = qunet.predictionNoise(dep).predictProbabilities(img, 1, 32, 32);
            assertNotEquals(Arrays.toString(exact), Arrays.toString(noisy));
            float[] sampled = qunet.predictionNoise(shots).predictProbabilities(img, 1, 32, 32);
            assertNotEquals(Arrays.toString(exact), Arrays.toString(sampled));
            assertArrayEquals(sampled, qunet.predictProbabilities(img, 1, 32, 32), 0f, "same seed, same result");
            assertEquals(shots, qunet.predictionNoise());
            // not part of the stored bytes
            assertEquals(PredictionNoise.exact(), QuNetSegmenterModel.fromBytes(qunet.toBytes()).predictionNoise());
        } finally {
            qunet.predictionNoise(PredictionNoise.exact());
        }
        assertArrayEquals(exact, qunet.predictProbabilities(img, 1, 32, 32), 0f);
        float[] u = unet.predictProbabilities(img, 1, 32, 32);
        assertArrayEquals(u, unet.predictionNoise(dep).predictProbabilities(img, 1, 32, 32), 0f,
                "the classical U-Net has no circuit");
        unet.predictionNoise(PredictionNoise.exact());

        // a training pass stays exact; inference takes the setting
        QuFeXLayer layer = new QuFeXLayer(QuFeXConfig.of("4-1"));
        double[] params = {0.3, 1.1, -0.7, 2.0};
        double[] x = {0.1, 0.5, -0.3, 0.8, 0.2, -0.6, 0.4, 0.9};
        int[] shape = {2, 1, 2, 2};
        double[] plain = new double[8];
        layer.forward(shape, x, params, plain);
        assertTrue(layer.predictionNoise(dep));
        double[] training = new double[8];
        layer.forward(shape, x, params, training, true);
        assertArrayEquals(plain, training, 0.0);
        double[] inference = new double[8];
        layer.forward(shape, x, params, inference, false);
        assertNotEquals(Arrays.toString(plain), Arrays.toString(inference));
    }

    @Test
    void badImagesAreRejected() {
        float[] img = new float[32 * 32];
        img[5] = Float.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> unet.predictProbabilities(img, 1, 32, 32))
                .getMessage().contains("non-finite"));
        assertThrows(IllegalArgumentException.class, () -> unet.predictProbabilities(new float[10], 1, 32, 32));
        assertThrows(IllegalArgumentException.class, () -> unet.predictProbabilities(new float[3 * 1024], 3, 32, 32));
    }

    @Test
    void bytesRoundTripExactly(@TempDir Path dir) throws IOException {
        for (QuNetSegmenterModel s : new QuNetSegmenterModel[]{unet, qunet}) {
            Path f = dir.resolve("model.bin");
            s.save(f);
            QuNetSegmenterModel back = QuNetSegmenterModel.load(f);
            assertEquals(s.spec(), back.spec());
            assertEquals(s.network().params(), back.network().params());
            float[] img = Arrays.copyOfRange(train.images(), 1024, 2048);
            assertArrayEquals(s.predictProbabilities(img, 1, 32, 32), back.predictProbabilities(img, 1, 32, 32));
        }
    }

    /**
     * The spec's outputBiasFromPrior reaches the trainer (0 epochs: the output bias is the training masks'
     * foreground log-odds, Lin et al. arXiv:1708.02002 Sec. 3.3; off: 0), is part of equality and the text, and
     * survives the byte round trip.
     */
    @Test
    void outputBiasFromPriorReachesTheTrainerAndTheSerialForm() throws IOException {
        QuNetSegmenterSpec off = new QuNetSegmenterSpec(32, 32, 1, new int[]{4, 8}, "conv", 0, 8, 1e-2, 7);
        QuNetSegmenterSpec on = off.withOutputBiasFromPrior(true);
        assertEquals(off, on.withOutputBiasFromPrior(false));
        assertNotEquals(off, on);
        assertNotEquals(off.hashCode(), on.hashCode());
        assertTrue(on.toString().contains("output bias from prior") && !off.toString().contains("prior"), on + " / " + off);
        assertTrue(on.withSeed(8).withEpochs(1).outputBiasFromPrior());
        double p = train.foregroundFraction();
        QuNetSegmenterModel prior = QuNetSegmenterModel.train(on, train, null, null);
        assertEquals(Math.log(p / (1 - p)), prior.network().getLayer(UNetBuilder.HEAD).getParam("b").getDouble(0),
                1e-6, "foreground fraction " + p);
        assertEquals(0.0, QuNetSegmenterModel.train(off, train, null, null).network().getLayer(UNetBuilder.HEAD)
                .getParam("b").getDouble(0), 0.0);
        QuNetSegmenterModel back = QuNetSegmenterModel.fromBytes(prior.toBytes());
        assertEquals(on, back.spec());
        assertEquals(prior.network().params(), back.network().params());
    }

    /**
     * A Qu-Net saved in format 2 (before the spec had outputBiasFromPrior; qunet-format2.bin was written by that
     * code: 8x8 input, filters [2, 4], QuFeX 4-1, 1 epoch, batch 2, lr 0.1, seed 7) still loads, as a spec without
     * the prior bias, and is saved again in the current format.
     */
    @Test
    void format2FilesStillLoad() throws Exception {
        byte[] old;
        try (var in = QuNetSegmenterModelTest.class.getResourceAsStream("qunet-format2.bin")) {
            old = in.readAllBytes();
        }
        assertEquals(2, java.nio.ByteBuffer.wrap(old).getInt(4), "the fixture's format version");
        QuNetSegmenterModel m = QuNetSegmenterModel.fromBytes(old);
        assertEquals(new QuNetSegmenterSpec(8, 8, 1, new int[]{2, 4}, "4-1", 1, 2, 1e-1, 7, false), m.spec());
        float[] img = new float[64];
        Arrays.fill(img, 0.5f);
        QuNetSegmenterModel again = QuNetSegmenterModel.fromBytes(m.toBytes());
        assertEquals(m.spec(), again.spec());
        assertArrayEquals(m.predictProbabilities(img, 1, 8, 8), again.predictProbabilities(img, 1, 8, 8));
    }

    @Test
    void corruptBytesGiveAClearError(@TempDir Path dir) {
        byte[] good = unet.toBytes();
        IOException magic = assertThrows(IOException.class, () -> QuNetSegmenterModel.fromBytes(new byte[]{1, 2, 3, 4, 5}));
        assertTrue(magic.getMessage().contains("magic"), magic.getMessage());
        IOException truncated = assertThrows(IOException.class,
                () -> QuNetSegmenterModel.fromBytes(Arrays.copyOf(good, good.length / 2)));
        assertTrue(truncated.getMessage().contains("corrupt") || truncated.getMessage().contains("truncated"),
                truncated.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> QuNetSegmenterModel.load(dir.resolve("missing.bin")));
    }

    /**
     * Flipped bytes (every byte of the head and tail, 1,000 spread between; xor 0x01 and 0x80) are errors naming the
     * kind; empty and truncated files say so and name the file.
     */
    @Test
    void flippedEmptyAndTruncatedModelFilesAreNamedErrors(@TempDir Path dir) throws IOException {
        byte[] good = unet.toBytes();
        int cases = 0;
        for (int mask : new int[]{0x01, 0x80}) {
            for (int pos : org.hybridqml.io.ByteFlips.positions(good.length, 12 * 1024, 1000)) {
                byte[] bad = org.hybridqml.io.ByteFlips.flipped(good, pos, mask);
                org.hybridqml.io.ModelIntegrityException e = assertThrows(
                        org.hybridqml.io.ModelIntegrityException.class, () -> QuNetSegmenterModel.fromBytes(bad),
                        "byte " + pos + " xor " + mask);
                assertTrue(e.getMessage().startsWith("Segmenter model data is "), e.getMessage());
                cases++;
            }
        }
        assertTrue(cases >= 1000, cases + " flips");
        Path f = dir.resolve("model.bin");
        Files.write(f, new byte[0]);
        IOException empty = assertThrows(IOException.class, () -> QuNetSegmenterModel.load(f));
        assertEquals("Segmenter model file " + f + " is empty: 0 bytes", empty.getMessage());
        for (int len : new int[]{2, 11, 40, good.length / 2, good.length - 1}) {
            Files.write(f, Arrays.copyOf(good, len));
            IOException cut = assertThrows(IOException.class, () -> QuNetSegmenterModel.load(f));
            assertTrue(cut.getMessage().startsWith("Segmenter model file " + f + " is truncated"),
                    len + ": " + cut.getMessage());
        }
    }

    @Test
    void writesMaskAndOverlayPngs(@TempDir Path dir) throws IOException {
        float[] img = Arrays.copyOfRange(train.images(), 0, 1024);
        float[] p = new float[1024];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i % 32) < 16 ? 0.9f : 0.1f; // left half foreground
        }
        MaskImages.writeMask(dir.resolve("m/mask.png"), p, 32, 32, 0.5);
        MaskImages.writeOverlay(dir.resolve("o/overlay.png"), img, 1, 32, 32, p, 0.5);
        ImageTensor mask = ImageFiles.read(dir.resolve("m/mask.png"), 1);
        assertEquals(1f, mask.get(3, 2, 0));
        assertEquals(0f, mask.get(3, 20, 0));
        ImageTensor overlay = ImageFiles.read(dir.resolve("o/overlay.png"), 3);
        assertEquals(1f, overlay.get(10, 15, 0), "boundary column is red");
        assertEquals(0f, overlay.get(10, 15, 1));
        assertTrue(Files.size(dir.resolve("o/overlay.png")) > 0);
        assertThrows(IllegalArgumentException.class,
                () -> MaskImages.writeMask(dir.resolve("x.png"), new float[3], 32, 32, 0.5));
    }
}

package org.hybridqml.tribuo.segmentation;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.primitives.BooleanProvenance;
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.nn.unet.UNetBuilder;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.sim.noise.NoiseModel;
import org.hybridqml.tribuo.segmentation.evaluation.SegmentationEvaluation;
import org.hybridqml.tribuo.segmentation.evaluation.SegmentationEvaluator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tribuo segmentation pipeline: image+mask data source, U-Net/Qu-Net trainer, model, evaluation, persistence. */
class QuNetTrainerTest {
    private static ImageMaskDataSource source;
    private static MutableDataset<SegmentationMask> data;
    private static QuNetModel qunet;

    @BeforeAll
    static void train() throws Exception {
        Path root = BundledDatasets.resolve("isbi2012-membrane", "train");
        source = new ImageMaskDataSource(root.resolve("image"), root.resolve("label"), 1, 32, 32);
        data = new MutableDataset<>(source);
        QuNetTrainer trainer = new QuNetTrainer(32, 32, 1, new int[]{4, 8}, "4-1", 1, 8, 1e-2, 3);
        qunet = (QuNetModel) trainer.train(data);
    }

    @Test
    void historyHasOneEntryPerEpoch() {
        assertEquals(1, qunet.history().size());
        assertEquals(1, qunet.history().get(0).epoch());
        assertTrue(qunet.history().get(0).meanLoss() > 0);
    }

    @Test
    void dataSourceReadsEveryImageWithItsMaskAndProvenance() {
        assertEquals(25, data.size());
        Example<SegmentationMask> first = data.getExample(0);
        assertEquals(32 * 32, first.size(), "all pixels kept, zeros included");
        assertEquals(32, first.getOutput().getHeight());
        assertTrue(first.getMetadataValue("name").isPresent());
        String prov = ProvenanceUtil.formattedProvenanceString(source.getProvenance());
        assertTrue(prov.contains("isbi2012-membrane") && prov.contains("readTime"), prov);
    }

    @Test
    void dataSourceErrorsNameTheProblem(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("img"));
        Files.createDirectories(dir.resolve("mask"));
        Path root = BundledDatasets.resolve("isbi2012-membrane", "train");
        Files.copy(root.resolve("image/0.png"), dir.resolve("img/0.png"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new ImageMaskDataSource(dir.resolve("img"), dir.resolve("mask"), 1, 32, 32));
        assertTrue(e.getMessage().contains("no mask file"), e.getMessage());
        assertThrows(UncheckedIOException.class,
                () -> new ImageMaskDataSource(dir.resolve("nothing"), dir.resolve("mask"), 1, 32, 32));
    }

    @Test
    void predictsMasksAndEvaluates() {
        Prediction<SegmentationMask> p = qunet.predict(data.getExample(0));
        assertEquals(32 * 32, p.getOutput().getPixelCount());
        assertTrue(p.getOutput().hasProbabilities());
        SegmentationEvaluation ev = new SegmentationEvaluator().evaluate(qunet, data);
        assertTrue(ev.iou() >= 0 && ev.iou() <= 1 && ev.pixelAccuracy() > 0, ev.toString());
        assertTrue(ProvenanceUtil.formattedProvenanceString(qunet.getProvenance()).contains("4-1"));
    }

    /**
     * withOutputBiasFromPrior reaches the network (0 epochs: the output bias is the training masks' foreground
     * log-odds, Lin et al. arXiv:1708.02002 Sec. 3.3) and the provenance; off by default.
     */
    @Test
    void outputBiasFromPriorStartsAtTheForegroundLogOddsAndIsInTheProvenance() {
        long fg = 0;
        long all = 0;
        for (Example<SegmentationMask> e : data) {
            for (boolean b : e.getOutput().getForeground()) {
                fg += b ? 1 : 0;
                all++;
            }
        }
        double p = fg / (double) all;
        QuNetTrainer trainer = new QuNetTrainer(32, 32, 1, new int[]{4, 8}, "conv", 0, 8, 1e-2, 3);
        assertEquals(new BooleanProvenance("outputBiasFromPrior", false),
                trainer.getProvenance().getConfiguredParameters().get("outputBiasFromPrior"));
        QuNetModel model = (QuNetModel) trainer.withOutputBiasFromPrior(true).train(data);
        assertEquals(Math.log(p / (1 - p)), model.segmenter().network().getLayer(UNetBuilder.HEAD).getParam("b")
                .getDouble(0), 1e-6, "foreground share " + p);
        assertTrue(model.segmenter().spec().outputBiasFromPrior());
        assertEquals(new BooleanProvenance("outputBiasFromPrior", true), model.getProvenance()
                .getTrainerProvenance().getConfiguredParameters().get("outputBiasFromPrior"));
        assertTrue(trainer.toString().contains("output bias from prior"), trainer.toString());
    }

    @Test
    void sameSeedSameModelOtherSeedOtherModel() {
        Model<SegmentationMask> again = new QuNetTrainer(32, 32, 1, new int[]{4, 8}, "4-1", 1, 8, 1e-2, 3)
                .train(data);
        Model<SegmentationMask> other = new QuNetTrainer(32, 32, 1, new int[]{4, 8}, "4-1", 1, 8, 1e-2, 4)
                .train(data);
        float[] a = qunet.predict(data.getExample(1)).getOutput().getProbabilities().orElseThrow();
        assertArrayEquals(a, again.predict(data.getExample(1)).getOutput().getProbabilities().orElseThrow());
        assertNotEquals(java.util.Arrays.toString(a),
                java.util.Arrays.toString(other.predict(data.getExample(1)).getOutput().getProbabilities()
                        .orElseThrow()));
    }

    @Test
    void withPredictionNoiseChangesOnlyTheCopysPredictions() {
        float[] exact = qunet.predict(data.getExample(1)).getOutput().getProbabilities().orElseThrow();
        QuNetModel same = qunet.withPredictionNoise(PredictionNoise.exact());
        assertArrayEquals(exact, same.predict(data.getExample(1)).getOutput().getProbabilities().orElseThrow());
        PredictionNoise dep = new PredictionNoise(NoiseModel.parse("depolarizing:0.2"), 200, 5);
        QuNetModel noisy = qunet.withPredictionNoise(dep);
        assertEquals(dep, noisy.predictionNoise());
        assertEquals(qunet.getName(), noisy.getName());
        float[] n = noisy.predict(data.getExample(1)).getOutput().getProbabilities().orElseThrow();
        assertNotEquals(java.util.Arrays.toString(exact), java.util.Arrays.toString(n));
        assertArrayEquals(n, noisy.predict(data.getExample(1)).getOutput().getProbabilities().orElseThrow(),
                "same seed, same result");
        assertArrayEquals(exact, qunet.predict(data.getExample(1)).getOutput().getProbabilities().orElseThrow(),
                "the original stays exact");
        QuNetModel back = SerializationTestSupport.javaRoundTrip(noisy);
        assertEquals(dep, back.predictionNoise());
        assertArrayEquals(n, back.predict(data.getExample(1)).getOutput().getProbabilities().orElseThrow());
    }

    @Test
    void javaSerializationRoundTripsExactly() {
        QuNetModel back = SerializationTestSupport.javaRoundTrip(qunet);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(qunet.predict(data.getExample(i)).getOutput().getProbabilities().orElseThrow(),
                    back.predict(data.getExample(i)).getOutput().getProbabilities().orElseThrow());
        }
        assertEquals(qunet.segmenter().spec(), back.segmenter().spec());
    }

    @Test
    void protobufRoundTripsExactly() {
        org.tribuo.protos.core.ModelProto proto = qunet.serialize();
        QuNetModel back = (QuNetModel) Model.deserialize(proto);
        assertEquals(qunet.getProvenance(), back.getProvenance());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(qunet.predict(data.getExample(i)).getOutput().getProbabilities().orElseThrow(),
                    back.predict(data.getExample(i)).getOutput().getProbabilities().orElseThrow());
        }
        // A payload re-sealed with its checksum, so the segmenter check itself is reached.
        org.tribuo.protos.core.ModelProto corrupt = org.hybridqml.tribuo.qnn.ModelProtos.envelope(
                org.hybridqml.tribuo.segmentation.protos.QuNetModelProto.newBuilder()
                        .mergeFrom(unpack(proto)).setSegmenter(com.google.protobuf.ByteString.copyFromUtf8("junk"))
                        .build(), QuNetModel.class, QuNetModel.CURRENT_VERSION);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Model.deserialize(corrupt));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        assertTrue(messages.toString().contains("the segmenter could not be read"), messages.toString());
    }

    private static org.hybridqml.tribuo.segmentation.protos.QuNetModelProto unpack(
            org.tribuo.protos.core.ModelProto proto) {
        return org.hybridqml.tribuo.qnn.ModelProtos.payload(proto, QuNetModel.class,
                org.hybridqml.tribuo.segmentation.protos.QuNetModelProto.class);
    }

    @Test
    void writesMaskAndOverlay(@TempDir Path dir) throws IOException {
        qunet.writePngs(data.getExample(0), dir.resolve("mask.png"), dir.resolve("overlay.png"));
        assertTrue(Files.size(dir.resolve("mask.png")) > 0 && Files.size(dir.resolve("overlay.png")) > 0);
    }

    @Test
    void badConfigurationsAndExamplesAreRejected() {
        PropertyException e = assertThrows(PropertyException.class,
                () -> new QuNetTrainer(30, 32, 1, new int[]{4, 8}, "conv", 1, 4, 1e-3, 1));
        assertTrue(e.getMessage().contains("divisible"), e.getMessage());
        QuNetTrainer wrongSize = new QuNetTrainer(64, 64, 1, new int[]{4, 8}, "conv", 1, 4, 1e-3, 1);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> wrongSize.train(data));
        assertTrue(size.getMessage().contains("32x32") && size.getMessage().contains("64x64"), size.getMessage());
        ArrayExample<SegmentationMask> nan = new ArrayExample<>(data.getExample(0).getOutput(),
                new String[]{"0000", "0001"}, new double[]{Double.NaN, 0.5});
        assertThrows(IllegalArgumentException.class, () -> qunet.predict(nan));
        ArrayExample<SegmentationMask> outside = new ArrayExample<>(data.getExample(0).getOutput(),
                new String[]{"5000"}, new double[]{0.5});
        String msg = assertThrows(IllegalArgumentException.class, () -> qunet.predict(outside)).getMessage();
        assertTrue(msg.contains("5000") && msg.contains("1024 pixel values") && msg.contains("1x32x32"), msg);
    }

    @Test
    void logsExactlyOneInfoLinePerEpochWithoutValidationNaNAndPrintsNothing() {
        Logger root = Logger.getLogger("org.hybridqml");
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.INFO.intValue()) {
                    lines.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        PrintStream oldOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        root.addHandler(capture);
        try {
            System.setOut(new PrintStream(printed, true));
            new QuNetTrainer(32, 32, 1, new int[]{4, 8}, "4-1", 2, 8, 1e-2, 3).train(data);
        } finally {
            System.setOut(oldOut);
            root.removeHandler(capture);
        }
        List<String> epochLines = lines.stream().filter(l -> l.startsWith("epoch ") && !l.contains("batch"))
                .toList();
        assertEquals(2, epochLines.size(), "one line per epoch: " + lines);
        assertTrue(epochLines.get(0).startsWith("epoch 1/2") && epochLines.get(1).startsWith("epoch 2/2"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("NaN") || l.contains("val")), lines.toString());
        assertTrue(printed.toString().lines().noneMatch(l -> l.contains("epoch")), printed.toString());
    }
}

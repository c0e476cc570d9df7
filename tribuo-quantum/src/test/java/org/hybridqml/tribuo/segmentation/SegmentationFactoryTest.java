package org.hybridqml.tribuo.segmentation;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.tribuo.segmentation.evaluation.SegmentationEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.OutputFactory;
import org.tribuo.test.Helpers;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentationFactoryTest {

    private final SegmentationFactory factory = new SegmentationFactory();

    @Test
    void parsesEncodedMasks() {
        SegmentationMask m = factory.generateOutput("2x3:010111");
        assertEquals(new SegmentationMask(2, 3, new boolean[]{false, true, false, true, true, true}), m);
        assertTrue(m.getProbabilities().isEmpty());
        SegmentationMask withP = factory.generateOutput(" 1x2:01;p=0.25,0.75 ");
        assertArrayEquals(new float[]{0.25f, 0.75f}, withP.getProbabilities().orElseThrow());
        assertArrayEquals(new boolean[]{false, true}, withP.getForeground());
    }

    @Test
    void serializableFormRoundTripsThroughTheFactory() {
        SegmentationMask m = new SegmentationMask(3, 2, new boolean[]{true, false, false, true, true, true},
                new float[]{0.9f, 0.1f, 0.3f, 0.6f, 0.123456789f, 1.0f});
        assertTrue(m.fullEquals(factory.generateOutput(m.getSerializableForm(true))));
        SegmentationMask plain = factory.generateOutput(m.getSerializableForm(false));
        assertEquals(m, plain);
        assertTrue(plain.getProbabilities().isEmpty());
        assertSame(m, factory.generateOutput(m));
    }

    @Test
    void fullSizeIsbiMaskRoundTripsThroughTheTextForm() {
        int side = 512;
        boolean[] bits = new boolean[side * side];
        float[] p = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            p[i] = (i % 1000) / 999f;
            bits[i] = p[i] > 0.5f;
        }
        SegmentationMask m = new SegmentationMask(side, side, bits, p);
        assertTrue(m.fullEquals(factory.generateOutput(m.getSerializableForm(true))));
    }

    @Test
    void malformedEncodingsAreRejectedWithReasons() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> factory.generateOutput("2x3:0101"));
        assertTrue(count.getMessage().contains("needs 6 bits, found 4"), count.getMessage());
        IllegalArgumentException probabilities = assertThrows(IllegalArgumentException.class,
                () -> factory.generateOutput("1x2:01;p=0.5"));
        assertTrue(probabilities.getMessage().contains("needs 2 probabilities, found 1"),
                probabilities.getMessage());
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> factory.generateOutput("1x2:01;p=0.5,x"));
        assertTrue(notNumber.getMessage().contains("Probability 1"), notNumber.getMessage());
        IllegalArgumentException outOfRange = assertThrows(IllegalArgumentException.class,
                () -> factory.generateOutput("1x2:01;p=0.5,2"));
        assertTrue(outOfRange.getMessage().contains("not in [0, 1]"), outOfRange.getMessage());
        IllegalArgumentException neither = assertThrows(IllegalArgumentException.class,
                () -> factory.generateOutput("no-such-mask.png"));
        assertTrue(neither.getMessage().contains("neither an encoded mask")
                && neither.getMessage().contains("no-such-mask.png"), neither.getMessage());
        assertThrows(IllegalArgumentException.class, () -> factory.generateOutput(null));
        assertThrows(IllegalArgumentException.class, () -> factory.generateOutput("0x0:"));
    }

    @Test
    void readsMaskImagesFromPathFileAndString(@TempDir Path dir) throws IOException {
        // 2 rows x 3 columns: gray 255, 0, 128 / 127, 200, 10 -> foreground iff >= 128
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        int[][] gray = {{255, 0, 128}, {127, 200, 10}};
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                img.getRaster().setSample(x, y, 0, gray[y][x]);
            }
        }
        Path file = dir.resolve("mask.png");
        ImageIO.write(img, "png", file.toFile());
        SegmentationMask expected = new SegmentationMask(2, 3, new boolean[]{true, false, true, false, true, false});
        assertEquals(expected, factory.generateOutput(file));
        assertEquals(expected, factory.generateOutput(file.toFile()));
        assertEquals(expected, factory.generateOutput(file.toString()));
        Path notAnImage = dir.resolve("mask.txt");
        Files.writeString(notAnImage, "hello");
        UncheckedIOException unreadable = assertThrows(UncheckedIOException.class,
                () -> factory.generateOutput(notAnImage));
        assertTrue(unreadable.getMessage().contains("mask.txt"), unreadable.getMessage());
    }

    @Test
    void readsAnIsbiLabelWithMostlyForegroundCells() {
        Path label = BundledDatasets.resolve("isbi2012-membrane", "train", "label", "0.png");
        SegmentationMask m = factory.generateOutput(label);
        assertEquals(512, m.getHeight());
        assertEquals(512, m.getWidth());
        double fraction = (double) m.getForegroundCount() / m.getPixelCount();
        assertTrue(fraction > 0.65 && fraction < 0.9, "ISBI cells (white) should be most pixels, got " + fraction);
    }

    @Test
    void unknownInfoAndEvaluator() {
        assertTrue(factory.getUnknownOutput().isUnknown());
        assertInstanceOf(MutableSegmentationInfo.class, factory.generateInfo());
        assertInstanceOf(SegmentationEvaluator.class, factory.getEvaluator());
        assertEquals(SegmentationMask.class, factory.getTypeWitness());
        assertEquals(new SegmentationFactory(), factory);
        assertEquals(new SegmentationFactory().hashCode(), factory.hashCode());
        assertEquals(factory.getProvenance(), new SegmentationFactory().getProvenance());
        assertEquals(SegmentationFactory.class.getName(), factory.getProvenance().getClassName());
    }

    @Test
    void externalModelInfoRequiresTheFixedClassIds() {
        ImmutableOutputInfo<SegmentationMask> info = factory.constructInfoForExternalModel(Map.of(
                SegmentationFactory.BACKGROUND_CLASS, 0, SegmentationFactory.FOREGROUND_CLASS, 1));
        assertEquals(0, info.getID(SegmentationFactory.BACKGROUND_CLASS));
        assertEquals(1, info.getID(SegmentationFactory.FOREGROUND_CLASS));
        IllegalArgumentException swapped = assertThrows(IllegalArgumentException.class,
                () -> factory.constructInfoForExternalModel(Map.of(
                        SegmentationFactory.BACKGROUND_CLASS, 1, SegmentationFactory.FOREGROUND_CLASS, 0)));
        assertTrue(swapped.getMessage().contains("background to have id 0"), swapped.getMessage());
        assertThrows(IllegalArgumentException.class, () -> factory.constructInfoForExternalModel(Map.of(
                new SegmentationMask(2, 2, new boolean[4]), 0)));
    }

    @Test
    void protoAndJavaSerializationRoundTrip() {
        SegmentationFactory back = (SegmentationFactory) OutputFactory.deserialize(factory.serialize());
        assertEquals(factory, back);
        assertEquals(SegmentationFactory.class.getName(), factory.serialize().getClassName());
        assertEquals(factory, Helpers.testProtoSerialization(factory));
        assertEquals(factory, SerializationTestSupport.javaRoundTrip(factory));
    }
}

package org.hybridqml.tribuo.image;

import org.hybridqml.tribuo.classification.ImageDirectoryDataSource;
import org.hybridqml.tribuo.classification.QuantumPointwiseCNNTrainer;
import org.hybridqml.tribuo.segmentation.ImageMaskDataSource;
import org.hybridqml.tribuo.segmentation.QuNetTrainer;
import org.hybridqml.tribuo.segmentation.SegmentationMask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tribuo image trainers and models check every example against the configured or trained shape: another size or
 * channel count is an error naming both shapes (pointwise CNN, Qu-Net training), never zero-filled; the Qu-Net model
 * predicts other sizes by resizing in and out, returning a mask of the example's own size.
 */
class ImageShapeChecksTest {

    @TempDir
    static Path dir;

    private static Model<Label> pointwise8x8x3;
    private static Model<SegmentationMask> qunet8x8;

    /** Writes {@code n} images per class of a size into {@code root/<class>/}. */
    static Path classFolders(Path root, int w, int h, int n) throws IOException {
        for (String cls : new String[]{"a", "b"}) {
            Files.createDirectories(root.resolve(cls));
            for (int i = 0; i < n; i++) {
                ImageIO.write(image(w, h, cls.equals("a") ? i : 100 + i), "png",
                        root.resolve(cls + "/" + i + ".png").toFile());
            }
        }
        return root;
    }

    static BufferedImage image(int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, ((x * 37 + y * 11 + seed * 53) % 256) * 0x010203 & 0xffffff);
            }
        }
        return img;
    }

    /** Image and mask folders of {@code n} images of a size. */
    static Path[] segmentationFolders(Path root, int w, int h, int n) throws IOException {
        Path img = Files.createDirectories(root.resolve("image"));
        Path mask = Files.createDirectories(root.resolve("mask"));
        for (int i = 0; i < n; i++) {
            ImageIO.write(image(w, h, i), "png", img.resolve(i + ".png").toFile());
            BufferedImage m = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    m.getRaster().setSample(x, y, 0, x < w / 2 ? 255 : 0);
                }
            }
            ImageIO.write(m, "png", mask.resolve(i + ".png").toFile());
        }
        return new Path[]{img, mask};
    }

    static QuantumPointwiseCNNTrainer pointwise(int h, int w, int c) {
        return new QuantumPointwiseCNNTrainer(h, w, c, 1, 1, false, 1, 8, 0.01, 1);
    }

    static QuNetTrainer qunet(int h, int w, int c) {
        return new QuNetTrainer(h, w, c, new int[]{2, 4}, "conv", 1, 4, 1e-2, 1);
    }

    @BeforeAll
    static void trainTinyModels() throws IOException {
        pointwise8x8x3 = pointwise(8, 8, 3).train(new MutableDataset<>(
                new ImageDirectoryDataSource(classFolders(dir.resolve("rgb8"), 8, 8, 3), 3, 0, 0)));
        Path[] seg = segmentationFolders(dir.resolve("seg8"), 8, 8, 2);
        qunet8x8 = qunet(8, 8, 1).train(new MutableDataset<>(new ImageMaskDataSource(seg[0], seg[1], 1, 0, 0)));
    }

    private static String iae(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message should contain '" + f + "': " + e.getMessage());
        }
        return e.getMessage();
    }

    /** IDX-style examples (no shape metadata, pixel names padded to the digits of the pixel count). */
    static MutableDataset<Label> idxStyle(int pixels) {
        int digits = String.valueOf(pixels).length();
        String[] names = new String[pixels];
        double[] values = new double[pixels];
        for (int i = 0; i < pixels; i++) {
            names[i] = String.format("%0" + digits + "d", i);
            values[i] = (i % 7) / 7.0 + 0.01;
        }
        MutableDataset<Label> d = new MutableDataset<>(new org.tribuo.provenance.SimpleDataSourceProvenance("idx",
                new LabelFactory()), new LabelFactory());
        d.add(new ArrayExample<>(new Label("a"), names, values));
        d.add(new ArrayExample<>(new Label("b"), names, values));
        return d;
    }

    @Test
    void pointwiseTrainerConfiguredFor28x28RefusesIdx8x8ImagesInsteadOfZeroFilling() {
        iae(() -> pointwise(28, 28, 1).train(idxStyle(64)), "training example 0", "2 digits",
                "1x28x28", "784");
    }

    @Test
    void pointwiseTrainerConfiguredFor3ChannelsRefusesGreyImagesNamingBothShapes() throws IOException {
        Path root = classFolders(dir.resolve("grey-train"), 8, 8, 1);
        MutableDataset<Label> grey = new MutableDataset<>(new ImageDirectoryDataSource(root, 1, 0, 0));
        iae(() -> pointwise(8, 8, 3).train(grey), "1x8x8", "3x8x8", "channels 1 vs 3");
    }

    @Test
    void pointwiseTrainerRefusesSmallerImagesNamingBothShapes() throws IOException {
        Path root = classFolders(dir.resolve("small-train"), 8, 8, 1);
        MutableDataset<Label> small = new MutableDataset<>(new ImageDirectoryDataSource(root, 1, 0, 0));
        iae(() -> pointwise(16, 16, 1).train(small), "1x8x8", "1x16x16", "size 8x8 vs 16x16");
    }

    @Test
    void pointwiseModelRefusesAnotherSizeOrChannelCountAtPrediction() throws IOException {
        Path colour4 = classFolders(dir.resolve("rgb4"), 4, 4, 1);
        Example<Label> small = new ImageDirectoryDataSource(colour4, 3, 0, 0).iterator().next();
        iae(() -> pointwise8x8x3.predict(small), "3x4x4", "3x8x8", "training image shape");
        Path grey8 = classFolders(dir.resolve("grey8"), 8, 8, 1);
        Example<Label> grey = new ImageDirectoryDataSource(grey8, 1, 0, 0).iterator().next();
        iae(() -> pointwise8x8x3.predict(grey), "1x8x8", "3x8x8");
        Example<Label> same = new ImageDirectoryDataSource(dir.resolve("rgb8"), 3, 0, 0).iterator().next();
        assertEquals(2, pointwise8x8x3.predict(same).getOutputScores().size());
    }

    @Test
    void quNetTrainerRefusesAnotherSizeOrChannelCountNamingBoth() throws IOException {
        Path[] seg16 = segmentationFolders(dir.resolve("seg16"), 16, 16, 1);
        MutableDataset<SegmentationMask> big = new MutableDataset<>(new ImageMaskDataSource(seg16[0], seg16[1], 1, 0,
                0));
        iae(() -> qunet(8, 8, 1).train(big), "16x16", "8x8");
        MutableDataset<SegmentationMask> grey = new MutableDataset<>(new ImageMaskDataSource(
                dir.resolve("seg8/image"), dir.resolve("seg8/mask"), 1, 0, 0));
        iae(() -> qunet(8, 8, 3).train(grey), "1x8x8", "3x8x8");
    }

    @Test
    void quNetModelPredictsOtherSizesByResizingAndReturnsAMaskOfTheImageSize() throws IOException {
        Path[] seg = segmentationFolders(dir.resolve("seg12x4"), 4, 12, 1);
        Example<SegmentationMask> tall = new ImageMaskDataSource(seg[0], seg[1], 1, 0, 0).iterator().next();
        SegmentationMask m = qunet8x8.predict(tall).getOutput();
        assertEquals(12, m.getHeight());
        assertEquals(4, m.getWidth());
        Path[] seg16 = segmentationFolders(dir.resolve("seg16b"), 16, 16, 1);
        Example<SegmentationMask> big = new ImageMaskDataSource(seg16[0], seg16[1], 1, 0, 0).iterator().next();
        assertEquals(16 * 16, qunet8x8.predict(big).getOutput().getPixelCount());
    }

    @Test
    void quNetModelRefusesAnotherChannelCountNamingBoth() throws IOException {
        Example<SegmentationMask> colour = new ImageMaskDataSource(dir.resolve("seg8/image"), dir.resolve("seg8/mask"),
                3, 0, 0).iterator().next();
        iae(() -> qunet8x8.predict(colour), "3 channels", "1x8x8", "1 channel");
    }

    @Test
    void partialShapeMetadataIsAnError() {
        ArrayExample<Label> e = new ArrayExample<>(new Label("a"), new String[]{"0"}, new double[]{1});
        e.setMetadataValue(ImageExamples.HEIGHT, "4");
        iae(() -> ImageExamples.declaredShape(e), ImageExamples.CHANNELS, ImageExamples.WIDTH);
    }
}

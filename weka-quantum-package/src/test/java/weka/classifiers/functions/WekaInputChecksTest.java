package weka.classifiers.functions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Weka adapters' input checks: nominal attributes are one-hot encoded by the DQC classifier (never read as the
 * index of their value); the pointwise CNN refuses an instance of another image size at prediction, naming both;
 * the Qu-Net segmenter predicts images of another size (resized in and out); an unreadable image file is named in
 * the error.
 */
class WekaInputChecksTest {

    /** Pixel-attribute data: {@code side}&times;{@code side} numeric attributes and a class {a,b}. */
    static Instances pixels(int side, int rows) {
        ArrayList<Attribute> atts = new ArrayList<>();
        for (int i = 0; i < side * side; i++) {
            atts.add(new Attribute("p" + i));
        }
        atts.add(new Attribute("class", List.of("a", "b")));
        Instances d = new Instances("px" + side, atts, rows);
        d.setClassIndex(atts.size() - 1);
        for (int r = 0; r < rows; r++) {
            double[] v = new double[atts.size()];
            for (int i = 0; i < side * side; i++) {
                v[i] = ((i * 7 + r * 3) % 10) / 10.0;
            }
            v[atts.size() - 1] = r % 2;
            d.add(new DenseInstance(1, v));
        }
        return d;
    }

    static QuantumPointwiseCNN cnn4x4() {
        QuantumPointwiseCNN c = new QuantumPointwiseCNN();
        c.setImageWidth(4);
        c.setImageHeight(4);
        c.setConvChannels(2);
        c.setCircuits(1);
        c.setQuantumLayers(1);
        c.setEpochs(1);
        c.setMiniBatchSize(8);
        return c;
    }

    @Test
    void pointwiseCnnRefusesAnInstanceOfAnotherImageSizeAtPredictionNamingBoth() throws Exception {
        QuantumPointwiseCNN c = cnn4x4();
        c.buildClassifier(pixels(4, 8));
        Instances bigger = pixels(8, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.distributionForInstance(bigger.instance(0)));
        assertTrue(e.getMessage().contains("64 pixel values") && e.getMessage().contains("1x4x4")
                && e.getMessage().contains("= 16"), e.getMessage());
        Instances smaller = pixels(3, 2);
        e = assertThrows(IllegalArgumentException.class, () -> c.distributionsForInstances(smaller));
        assertTrue(e.getMessage().contains("9 pixel values") && e.getMessage().contains("1x4x4"), e.getMessage());
    }

    @Test
    void dqcClassifierOneHotEncodesNominalAttributes() throws Exception {
        StringBuilder arff = new StringBuilder("@relation nom\n@attribute colour {red,green,blue}\n"
                + "@attribute size numeric\n@attribute class {x,y}\n@data\n");
        String[] colours = {"red", "green", "blue"};
        for (int r = 0; r < 18; r++) {
            arff.append(colours[r % 3]).append(',').append(r % 4).append(',').append(r % 3 == 0 ? "x" : "y")
                    .append('\n');
        }
        arff.append("?,1,x\n");
        Instances d = new Instances(new StringReader(arff.toString()));
        d.setClassIndex(2);
        DressedQuantumCircuitClassifier c = new DressedQuantumCircuitClassifier();
        c.setNumQubits(2);
        c.setNumLayers(1);
        c.setMaxEpochs(1);
        c.buildClassifier(d);
        assertTrue(c.toString().contains("Attributes: 4 "), c.toString());
        double[] p = c.distributionForInstance(d.instance(0));
        assertEquals(2, p.length);
        assertEquals(1.0, Arrays.stream(p).sum(), 1e-9);
    }

    @Test
    void unreadableImageInAMetaArffIsNamedInTheError(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        for (int i = 0; i < 4; i++) {
            ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
        }
        Path broken = dir.resolve("broken.png");
        Files.write(broken, Arrays.copyOf(png.toByteArray(), 45));
        String arff = "@relation meta\n@attribute file string\n@attribute class {a,b}\n@data\n"
                + "0.png,a\n1.png,b\n2.png,a\n3.png,b\nbroken.png,a\n";
        Instances meta = new Instances(new StringReader(arff));
        meta.setClassIndex(1);
        QuantumPointwiseCNN c = cnn4x4();
        c.setImagesLocation(dir.toFile());
        IOException e = assertThrows(IOException.class, () -> c.buildClassifier(meta));
        assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
    }

    /** Writes an image and its mask (left half foreground) as {@code name}.png into two folders. */
    static void imageAndMask(Path images, Path masks, String name, int w, int h) throws IOException {
        Files.createDirectories(images);
        Files.createDirectories(masks);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * 40 + y * 7) % 256);
                mask.getRaster().setSample(x, y, 0, x < w / 2 ? 255 : 0);
            }
        }
        ImageIO.write(img, "png", images.resolve(name + ".png").toFile());
        ImageIO.write(mask, "png", masks.resolve(name + ".png").toFile());
    }

    static QuNetSegmenter tinySegmenter(Path imagesLocation) {
        QuNetSegmenter s = new QuNetSegmenter();
        s.setImagesLocation(imagesLocation.toFile());
        s.setFilters("2,4");
        s.setBottleneck("conv");
        s.setEpochs(1);
        s.setMiniBatchSize(1);
        return s;
    }

    @Test
    void quNetSegmenterPredictsAnImageOfAnotherSizeByResizingInAndOut(@TempDir Path dir) throws Exception {
        imageAndMask(dir.resolve("train-img"), dir.resolve("train-mask"), "a", 8, 8);
        imageAndMask(dir.resolve("test-img"), dir.resolve("test-mask"), "b", 4, 12);
        imageAndMask(dir.resolve("all"), dir.resolve("all-masks"), "a", 8, 8);
        imageAndMask(dir.resolve("all"), dir.resolve("all-masks"), "b", 4, 12);
        Instances train = weka.core.converters.SegmentationArffWriter.toInstances(dir.resolve("train-img"),
                dir.resolve("train-mask"), 1, 0, false, true, "train");
        Instances test = weka.core.converters.SegmentationArffWriter.toInstances(dir.resolve("test-img"),
                dir.resolve("test-mask"), 1, 0, false, true, "test");
        QuNetSegmenter s = tinySegmenter(dir.resolve("all"));
        s.buildClassifier(train);
        assertEquals(48, test.numInstances());
        double[][] p = s.distributionsForInstances(test);
        for (double[] row : p) {
            assertEquals(1.0, row[0] + row[1], 1e-6);
        }
    }

    @Test
    void quNetSegmenterNamesACorruptImageFile(@TempDir Path dir) throws Exception {
        imageAndMask(dir.resolve("img"), dir.resolve("mask"), "broken", 8, 8);
        Instances train = weka.core.converters.SegmentationArffWriter.toInstances(dir.resolve("img"),
                dir.resolve("mask"), 1, 0, false, true, "train");
        Path broken = dir.resolve("img/broken.png");
        byte[] png = Files.readAllBytes(broken);
        Files.write(broken, Arrays.copyOf(png, 45));
        IOException e = assertThrows(IOException.class, () -> tinySegmenter(dir.resolve("img")).buildClassifier(train));
        assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
    }
}

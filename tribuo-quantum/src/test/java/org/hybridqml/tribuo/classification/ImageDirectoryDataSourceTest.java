package org.hybridqml.tribuo.classification;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDirectoryDataSourceTest {

    private static void write(Path root, String cls, int n, int rgb, Random r) throws IOException {
        Files.createDirectories(root.resolve(cls));
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) img.setRGB(x, y, r.nextDouble() < 0.8 ? rgb : 0x808080);
            }
            ImageIO.write(img, "png", root.resolve(cls + "/" + i + ".png").toFile());
        }
    }

    @Test
    void writtenImagesTrainThroughTribuo(@TempDir Path root) throws IOException {
        Random r = new Random(1);
        write(root, "blue", 30, 0x0000ff, r);
        write(root, "red", 30, 0xff0000, r);
        ImageDirectoryDataSource src = new ImageDirectoryDataSource(root, 3, 0, 0);
        MutableDataset<Label> data = new MutableDataset<>(src);
        assertEquals(60, data.size());
        assertEquals(2, data.getOutputInfo().size());
        assertEquals(192, data.getExample(0).size(), "zeros kept");
        assertEquals("000", data.getExample(0).lookup("000").getName());
        assertNotNull(src.getProvenance());
        Model<Label> m = new QuantumPointwiseCNNTrainer(8, 8, 3, 1, 1, false, 6, 10, 0.03, 3).train(data);
        double acc = new LabelEvaluator().evaluate(m, data).accuracy();
        assertTrue(acc > 0.7, "accuracy " + acc);
    }

    @Test
    void unknownFormatNamesTheFile(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("a"));
        Files.writeString(root.resolve("a/broken.jpg"), "no image");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new ImageDirectoryDataSource(root, 3, 0, 0));
        assertTrue(e.getMessage().contains("broken.jpg"), e.getMessage());
    }
}

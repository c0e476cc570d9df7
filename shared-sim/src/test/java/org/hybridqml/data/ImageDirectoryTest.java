package org.hybridqml.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDirectoryTest {

    @Test
    void readsWrittenImagesNchwWithLabels(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("a"));
        Files.createDirectories(root.resolve("b"));
        BufferedImage red = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) for (int x = 0; x < 4; x++) red.setRGB(x, y, 0xff0000);
        ImageIO.write(red, "png", root.resolve("a/0.png").toFile());
        BufferedImage blue = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) for (int x = 0; x < 4; x++) blue.setRGB(x, y, 0x0000ff);
        ImageIO.write(blue, "png", root.resolve("b/0.png").toFile());
        ImageDirectory d = ImageDirectory.read(root, 3, 0, 0);
        assertEquals(java.util.List.of("a", "b"), d.classes());
        assertEquals(4, d.width());
        assertEquals(2, d.height());
        assertEquals(24, d.images()[0].length);
        assertEquals(1f, d.images()[0][0], 1e-6f);   // channel 0 (R) first, NCHW
        assertEquals(0f, d.images()[0][8], 1e-6f);   // channel 1 (G)
        assertEquals(1f, d.images()[1][16], 1e-6f);  // blue image, channel 2
        assertEquals(1, d.labels()[1]);
        ImageDirectory small = ImageDirectory.read(root, 1, 1, 2); // (height, width), as every image size argument
        assertEquals(1, small.height());
        assertEquals(2, small.width());
        assertEquals(2, small.images()[0].length);
    }

    /** Target sizes are (height, width): a 2-row, 4-column image whose left half is white. */
    @Test
    void readNchwTakesHeightThenWidth(@TempDir Path dir) throws IOException {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) for (int x = 0; x < 2; x++) img.setRGB(x, y, 0xffffff);
        Path file = dir.resolve("half.png");
        ImageIO.write(img, "png", file.toFile());
        assertArrayEquals(new float[]{1, 1, 0, 0}, ImageFiles.readNchw(file, 1, 1, 4), 1e-6f); // one row of 4
        assertArrayEquals(new float[]{1, 0, 1, 0}, ImageFiles.readNchw(file, 1, 2, 2), 1e-6f);
        assertArrayEquals(new float[]{1, 1, 0, 0, 1, 1, 0, 0}, ImageFiles.readNchw(file, 1, 2, 4), 1e-6f);
    }

    @Test
    void errors(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("a"));
        assertThrows(IOException.class, () -> ImageDirectory.read(root, 1, 0, 0)); // empty class
        Path bad = root.resolve("a/x.jpg");
        Files.writeString(bad, "not an image");
        IOException e = assertThrows(IOException.class, () -> ImageDirectory.read(root, 1, 0, 0));
        assertTrue(e.getMessage().contains("x.jpg"), e.getMessage());
    }

    @Test
    void bundledCifarSubset() throws IOException {
        Path test = Paths.get("..", "datasets", "cifar10-jpg-subset", "test");
        ImageDirectory d = ImageDirectory.read(test, 3, 0, 0);
        assertEquals(10, d.classes().size());
        assertEquals(1000, d.images().length);
        assertEquals(32, d.width());
        assertEquals(3 * 32 * 32, d.images()[0].length);
    }
}

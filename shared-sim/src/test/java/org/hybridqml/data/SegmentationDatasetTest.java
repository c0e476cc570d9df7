package org.hybridqml.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentationDatasetTest {

    private static void gray(Path file, int h, int w, int[] values) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setPixels(0, 0, w, h, values);
        ImageIO.write(img, "png", file.toFile());
    }

    private static Path[] dirs(Path tmp) throws IOException {
        Path im = Files.createDirectories(tmp.resolve("image"));
        Path ma = Files.createDirectories(tmp.resolve("mask"));
        return new Path[]{im, ma};
    }

    @Test
    void pairsByNameBinarisesMasksAndStoresNchw(@TempDir Path tmp) throws IOException {
        Path[] d = dirs(tmp);
        gray(d[0].resolve("b.png"), 2, 2, new int[]{0, 51, 102, 255});
        gray(d[1].resolve("b.png"), 2, 2, new int[]{0, 1, 0, 200});
        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(1, 0, 0xff0000);
        ImageIO.write(rgb, "png", d[0].resolve("a.png").toFile());
        gray(d[1].resolve("a.png"), 2, 2, new int[]{255, 0, 0, 0});
        SegmentationDataset ds = SegmentationDataset.load(d[0], d[1], 3, 0, 0);
        assertEquals(List.of("a", "b"), ds.names());
        float[] img = ds.images();
        // sample a, channel R: pixel (0,1) red; channels G,B zero there
        assertEquals(1f, img[1]);
        assertEquals(0f, img[4 + 1]);
        // sample b, gray replicated to all three channels, NCHW
        assertEquals(0.2f, img[12 + 1], 1e-6);
        assertEquals(0.2f, img[12 + 4 + 1], 1e-6);
        assertArrayEquals(new float[]{1, 0, 0, 0, 0, 1, 0, 1}, ds.masks());
    }

    @Test
    void missingMaskIsReportedWithTheImageName(@TempDir Path tmp) throws IOException {
        Path[] d = dirs(tmp);
        gray(d[0].resolve("x.png"), 2, 2, new int[4]);
        var e = assertThrows(NoSuchFileException.class, () -> SegmentationDataset.load(d[0], d[1], 1, 0, 0));
        assertTrue(e.getMessage().contains("x.png"), e.getMessage());
    }

    @Test
    void imageAndMaskOfDifferentSizeAreRejected(@TempDir Path tmp) throws IOException {
        Path[] d = dirs(tmp);
        gray(d[0].resolve("x.png"), 2, 2, new int[4]);
        gray(d[1].resolve("x.png"), 2, 3, new int[6]);
        var e = assertThrows(IOException.class, () -> SegmentationDataset.load(d[0], d[1], 1, 0, 0));
        assertTrue(e.getMessage().contains("2x2") && e.getMessage().contains("2x3"), e.getMessage());
    }

    @Test
    void nonFinitePixelsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SegmentationDataset(1, 1, 2,
                new float[]{0, Float.NaN}, new float[]{0, 1}, List.of("n")));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
    }

    @Test
    void tooSmallForTheNetworkDepthNamesTheDimension() {
        SegmentationDataset ds = new SegmentationDataset(1, 16, 12, new float[192], new float[192], List.of("s"));
        ds.requireDivisibleFor(2);
        var e = assertThrows(IllegalArgumentException.class, () -> ds.requireDivisibleFor(3));
        assertTrue(e.getMessage().contains("width 12") && !e.getMessage().contains("height 16"), e.getMessage());
    }

    @Test
    void nearestResizeSamplesPixelCentresAndKeepsMasksBinary(@TempDir Path tmp) throws IOException {
        Path[] d = dirs(tmp);
        int[] v = new int[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i * 10;
        }
        gray(d[0].resolve("r.png"), 4, 4, v);
        gray(d[1].resolve("r.png"), 4, 4, v);
        SegmentationDataset ds = SegmentationDataset.load(d[0], d[1], 1, 2, 2);
        // pixel-centre nearest: out (y,x) <- in (2y+1, 2x+1)
        float[] img = ds.images();
        assertArrayEquals(new float[]{50 / 255f, 70 / 255f, 130 / 255f, 150 / 255f}, img, 1e-6f);
        assertArrayEquals(new float[]{1, 1, 1, 1}, ds.masks());
    }

    @Test
    void tilesCutNonOverlappingCropsInRowMajorOrder() {
        float[] img = new float[2 * 4 * 4];
        float[] msk = new float[4 * 4];
        for (int i = 0; i < 16; i++) {
            img[i] = i;
            img[16 + i] = 100 + i;
            msk[i] = (i / 4 + i % 4) % 2;
        }
        SegmentationDataset ds = new SegmentationDataset(2, 4, 4, img, msk, List.of("s"));
        SegmentationDataset t = ds.tiles(2, 2);
        assertEquals(4, t.size());
        assertEquals(List.of("s@0,0", "s@0,1", "s@1,0", "s@1,1"), t.names());
        float[] ti = t.images();
        // tile (0,1): rows 0-1, cols 2-3 of channel 0 then channel 1
        assertArrayEquals(new float[]{2, 3, 6, 7, 102, 103, 106, 107}, java.util.Arrays.copyOfRange(ti, 8, 16));
        assertArrayEquals(new float[]{0, 1, 1, 0}, java.util.Arrays.copyOfRange(t.masks(), 12, 16));
    }

    @Test
    void bundledIsbiSlicesLoadAndTile() throws IOException {
        Path root = BundledDatasets.resolve("isbi2012-membrane", "train");
        SegmentationDataset ds = SegmentationDataset.load(root.resolve("image"), root.resolve("label"), 1, 0, 0);
        assertEquals(25, ds.size());
        assertEquals(512, ds.height());
        double fg = ds.foregroundFraction();
        assertTrue(fg > 0.6 && fg < 0.9, "cell interior fraction " + fg);
        assertEquals(25 * 16, ds.tiles(128, 128).size());
    }
}

package org.hybridqml.tribuo.segmentation;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.hybridqml.data.BundledDatasets;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ImageMaskDataSource}'s tiling: the example count is the image count times the whole tiles per image
 * (remainders dropped, as the core's {@code SegmentationDataset.tiles}), each example is one tile with its mask, and
 * the provenance records the tile size; inconsistent options are OLCUT {@link PropertyException}s naming the field.
 */
class ImageMaskDataSourceTilingTest {

    private static final Path ISBI = BundledDatasets.resolve("isbi2012-membrane", "train");

    private static ImageMaskDataSource source(int height, int width, int tileHeight, int tileWidth) {
        return new ImageMaskDataSource(ISBI.resolve("image"), ISBI.resolve("label"), 1, height, width, tileHeight,
                tileWidth);
    }

    @Test
    void tilesAreWholeNonOverlappingCropsRecordedInTheProvenance() {
        int images = new ImageMaskDataSource(ISBI.resolve("image"), ISBI.resolve("label"), 1, 32, 48).data().size();
        // 32x48 images in 16x12 tiles: 2 rows x 4 columns each
        ImageMaskDataSource tiled = source(32, 48, 16, 12);
        MutableDataset<SegmentationMask> data = new MutableDataset<>(tiled);
        assertEquals(images * (32 / 16) * (48 / 12), data.size());
        Example<SegmentationMask> first = data.getExample(0);
        assertEquals(16, first.getOutput().getHeight());
        assertEquals(12, first.getOutput().getWidth());
        assertEquals(16 * 12, first.size(), "one feature per tile pixel");
        assertTrue(first.getMetadataValue("name").orElseThrow().toString().endsWith("@0,0"));
        assertTrue(data.getExample(7).getMetadataValue("name").orElseThrow().toString().endsWith("@1,3"));
        var configured = tiled.getProvenance().getConfiguredParameters();
        assertEquals("16", configured.get("tileHeight").toString());
        assertEquals("12", configured.get("tileWidth").toString());

        // a tile that does not divide the image: the remainder at the bottom and right is dropped
        assertEquals(images * (32 / 10) * (48 / 20), source(32, 48, 10, 20).data().size());
    }

    @Test
    void inconsistentTilingIsAPropertyExceptionNamingTheField() {
        PropertyException onlyHeight = assertThrows(PropertyException.class, () -> source(32, 32, 16, 0));
        assertEquals("tileWidth", onlyHeight.getProperty());
        assertTrue(onlyHeight.getMessage().contains("both be 0"), onlyHeight.getMessage());
        PropertyException negative = assertThrows(PropertyException.class, () -> source(32, 32, -1, 8));
        assertEquals("tileHeight", negative.getProperty());
        assertTrue(negative.getMessage().contains("tileHeight must be >= 0 (0: no tiling), got -1"),
                negative.getMessage());
        PropertyException tooBig = assertThrows(PropertyException.class, () -> source(32, 32, 8, 40));
        assertEquals("tileWidth", tooBig.getProperty());
        assertTrue(tooBig.getMessage().contains("32x32"), tooBig.getMessage());
        PropertyException channels = assertThrows(PropertyException.class,
                () -> new ImageMaskDataSource(ISBI.resolve("image"), ISBI.resolve("label"), 2, 32, 32));
        assertEquals("channels", channels.getProperty());
        assertTrue(channels.getMessage().contains("channels must be 1 (grayscale) or 3 (RGB), got 2"),
                channels.getMessage());
    }
}

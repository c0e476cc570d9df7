package org.hybridqml.tribuo.segmentation;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.SkeletalConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DateTimeProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.hybridqml.data.SegmentationDataset;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.Example;
import org.tribuo.OutputFactory;
import org.hybridqml.data.ImageShape;
import org.hybridqml.tribuo.image.ImageExamples;
import org.hybridqml.tribuo.qnn.ConfigChecks;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.ConfiguredDataSourceProvenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Tribuo data source pairing an image folder with a mask folder (same base names; PNG, TIF, JPEG or BMP; gray or
 * RGB images; masks binarised at &gt; 0; optional nearest-neighbour resize — see {@link SegmentationDataset#load}).
 * One example per image, or per tile with {@code tileHeight}/{@code tileWidth} set: the features are the image's
 * (tile's) pixels named by their CHW index (zero-padded, as Tribuo's IDXDataSource names pixels), all kept including
 * zeros; the output is the {@link SegmentationMask}. The examples' metadata key {@code "name"} holds the image's base
 * name ({@code name@row,col} for a tile) and the keys of {@link ImageExamples} its shape.
 *
 * <p>Tiling is {@link SegmentationDataset#tiles}: after the optional resize, every image and its mask are cut into
 * non-overlapping tiles of {@code tileHeight}&times;{@code tileWidth} pixels (the stride is the tile size), row by
 * row, dropping a remainder at the bottom and right edges; an H&times;W image gives
 * {@code (H / tileHeight)·(W / tileWidth)} examples. The tile size is a {@code @Config} field, so the provenance
 * records it. This is the recipe of the documented Qu-Net runs (e.g. ISBI slices resized to 192&times;256 and cut
 * into 96&times;128 tiles).
 *
 * <p>Errors name the problem: missing folder or mask file, image/mask size mismatch, non-finite pixels, an empty
 * folder, images of different sizes without a resize.
 */
public final class ImageMaskDataSource implements ConfigurableDataSource<SegmentationMask> {

    @Config(mandatory = true, description = "Folder of images.")
    private Path imageDirectory;
    @Config(mandatory = true, description = "Folder of masks with the images' base names.")
    private Path maskDirectory;
    @Config(description = "Channels: 1 grayscale or 3 RGB.")
    private int channels = 1;
    @Config(description = "Image height after the resize, in pixels (0 keeps the images' size).")
    private int imageHeight = 0;
    @Config(description = "Image width after the resize, in pixels (0 keeps the images' size).")
    private int imageWidth = 0;
    @Config(description = "Tile height in pixels: cut every image into non-overlapping tiles (0: no tiling; set "
            + "together with tileWidth).")
    private int tileHeight = 0;
    @Config(description = "Tile width in pixels (0: no tiling; set together with tileHeight).")
    private int tileWidth = 0;

    private final List<Example<SegmentationMask>> examples = new ArrayList<>();
    private final SegmentationFactory factory = new SegmentationFactory();
    private OffsetDateTime readTime;
    private SegmentationDataset data;

    private ImageMaskDataSource() {
    }

    /**
     * @param imageDirectory folder of images
     * @param maskDirectory  folder of masks
     * @param channels       1 or 3
     * @param imageHeight    resize height or 0 (image size arguments are (height, width) throughout)
     * @param imageWidth     resize width or 0
     */
    public ImageMaskDataSource(Path imageDirectory, Path maskDirectory, int channels, int imageHeight,
                               int imageWidth) {
        this(imageDirectory, maskDirectory, channels, imageHeight, imageWidth, 0, 0);
    }

    /**
     * A source whose examples are non-overlapping tiles of the (optionally resized) images.
     *
     * @param imageDirectory folder of images
     * @param maskDirectory  folder of masks
     * @param channels       1 or 3
     * @param imageHeight    resize height or 0
     * @param imageWidth     resize width or 0
     * @param tileHeight     tile height (&ge; 1, at most the image height), or 0 with tileWidth 0 for no tiling
     * @param tileWidth      tile width (&ge; 1, at most the image width), or 0 with tileHeight 0 for no tiling
     */
    public ImageMaskDataSource(Path imageDirectory, Path maskDirectory, int channels, int imageHeight,
                               int imageWidth, int tileHeight, int tileWidth) {
        this.imageDirectory = imageDirectory;
        this.maskDirectory = maskDirectory;
        this.channels = channels;
        this.imageHeight = imageHeight;
        this.imageWidth = imageWidth;
        this.tileHeight = tileHeight;
        this.tileWidth = tileWidth;
        postConfig();
    }

    /**
     * Checks the options (a value out of range is a {@link PropertyException} naming the field, its value and its
     * range), reads the images and masks, and tiles them when a tile size is set.
     *
     * @throws PropertyException    if an option is out of range, or the tile does not fit in the images
     * @throws UncheckedIOException if a folder or file cannot be read (the message names it)
     */
    @Override
    public void postConfig() {
        ConfigChecks.checkChannels("", "channels", channels);
        ConfigChecks.checkAtLeast("", "imageHeight", imageHeight, 0, " (0 keeps the images' size)");
        ConfigChecks.checkAtLeast("", "imageWidth", imageWidth, 0, " (0 keeps the images' size)");
        ConfigChecks.checkAtLeast("", "tileHeight", tileHeight, 0, " (0: no tiling)");
        ConfigChecks.checkAtLeast("", "tileWidth", tileWidth, 0, " (0: no tiling)");
        if ((tileHeight == 0) != (tileWidth == 0)) {
            String unset = tileHeight == 0 ? "tileHeight" : "tileWidth";
            throw new PropertyException("", unset, "tileHeight and tileWidth must both be 0 (no tiling) or both be"
                    + " >= 1, got tileHeight " + tileHeight + " and tileWidth " + tileWidth);
        }
        SegmentationDataset loaded;
        try {
            loaded = SegmentationDataset.load(imageDirectory, maskDirectory, channels, imageHeight, imageWidth);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        if (tileHeight > loaded.height() || tileWidth > loaded.width()) {
            String field = tileHeight > loaded.height() ? "tileHeight" : "tileWidth";
            throw new PropertyException("", field, "the " + tileHeight + "x" + tileWidth + " tile (height x width)"
                    + " does not fit in the " + loaded.height() + "x" + loaded.width() + " images: " + field
                    + " must be at most the image " + (field.equals("tileHeight") ? "height" : "width"));
        }
        data = tileHeight == 0 ? loaded : loaded.tiles(tileHeight, tileWidth);
        readTime = OffsetDateTime.now();
        examples.clear();
        examples.addAll(toExamples(data));
    }

    /**
     * Converts a loaded data set to Tribuo examples (one per image).
     *
     * @param d images and masks
     * @return examples with pixel features and mask outputs
     */
    public static List<Example<SegmentationMask>> toExamples(SegmentationDataset d) {
        int per = d.channels() * d.height() * d.width();
        int hw = d.height() * d.width();
        String[] names = pixelFeatureNames(per);
        ImageShape shape = new ImageShape(d.channels(), d.height(), d.width());
        float[] images = d.images();
        float[] masks = d.masks();
        List<Example<SegmentationMask>> out = new ArrayList<>(d.size());
        for (int i = 0; i < d.size(); i++) {
            double[] v = new double[per];
            for (int j = 0; j < per; j++) {
                v[j] = images[i * per + j];
            }
            boolean[] fg = new boolean[hw];
            for (int j = 0; j < hw; j++) {
                fg[j] = masks[i * hw + j] > 0f;
            }
            ArrayExample<SegmentationMask> e = new ArrayExample<>(new SegmentationMask(d.height(), d.width(), fg),
                    names, v);
            e.setMetadataValue("name", d.names().get(i));
            ImageExamples.setShape(e, shape);
            out.add(e);
        }
        return out;
    }

    /**
     * @param count pixel count C·H·W
     * @return the feature names "0".."count-1", zero-padded to equal width
     */
    public static String[] pixelFeatureNames(int count) {
        return ImageExamples.pixelNames(count);
    }

    /** @return the images and masks the examples are made of (the tiles when tiling) */
    public SegmentationDataset data() {
        return data;
    }

    @Override
    public Iterator<Example<SegmentationMask>> iterator() {
        return Collections.unmodifiableList(examples).iterator();
    }

    @Override
    public OutputFactory<SegmentationMask> getOutputFactory() {
        return factory;
    }

    @Override
    public ConfiguredDataSourceProvenance getProvenance() {
        return new ImageMaskDataSourceProvenance(this);
    }

    @Override
    public String toString() {
        return "ImageMaskDataSource(imageDirectory=" + imageDirectory + ",maskDirectory=" + maskDirectory
                + ",channels=" + channels + ",imageHeight=" + imageHeight + ",imageWidth=" + imageWidth
                + ",tileHeight=" + tileHeight + ",tileWidth=" + tileWidth + ")";
    }

    /** Provenance of an {@link ImageMaskDataSource}: its configuration and the time it was read. */
    public static final class ImageMaskDataSourceProvenance extends SkeletalConfiguredObjectProvenance
            implements ConfiguredDataSourceProvenance {
        private static final long serialVersionUID = 1L;
        private final DateTimeProvenance readTime;

        ImageMaskDataSourceProvenance(ImageMaskDataSource host) {
            super(host, "DataSource");
            this.readTime = new DateTimeProvenance("readTime", host.readTime);
        }

        /**
         * Deserialisation constructor.
         *
         * @param map the provenance map
         */
        public ImageMaskDataSourceProvenance(Map<String, Provenance> map) {
            super(extract(map));
            this.readTime = ObjectProvenance.checkAndExtractProvenance(map, "readTime", DateTimeProvenance.class,
                    ImageMaskDataSourceProvenance.class.getSimpleName());
        }

        private static ExtractedInfo extract(Map<String, Provenance> map) {
            Map<String, Provenance> config = new HashMap<>(map);
            String owner = ImageMaskDataSourceProvenance.class.getSimpleName();
            String className = ObjectProvenance.checkAndExtractProvenance(config, CLASS_NAME,
                    StringProvenance.class, owner).getValue();
            String hostType = ObjectProvenance.checkAndExtractProvenance(config, HOST_SHORT_NAME,
                    StringProvenance.class, owner).getValue();
            Map<String, PrimitiveProvenance<?>> instance = new HashMap<>();
            instance.put("readTime", (DateTimeProvenance) config.remove("readTime"));
            config.remove(CLASS_NAME);
            config.remove(HOST_SHORT_NAME);
            return new ExtractedInfo(className, hostType, config, instance);
        }

        @Override
        public Map<String, PrimitiveProvenance<?>> getInstanceValues() {
            Map<String, PrimitiveProvenance<?>> m = super.getInstanceValues();
            m.put(readTime.getKey(), readTime);
            return m;
        }
    }
}

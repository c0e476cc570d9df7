package org.hybridqml.tribuo.classification;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.SkeletalConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DateTimeProvenance;
import org.hybridqml.data.ImageDirectory;
import org.hybridqml.data.ImageShape;
import org.hybridqml.tribuo.image.ImageExamples;
import org.hybridqml.tribuo.qnn.ConfigChecks;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.Example;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.ConfiguredDataSourceProvenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Tribuo data source over a class-per-folder image directory ({@code root/<class>/<image>}, read by
 * {@link ImageDirectory}): one example per image, label = folder name, features named by NCHW pixel index
 * zero-padded to the width of the largest index (as IDXDataSource does), values in [0, 1], and the image shape in the
 * example metadata ({@link ImageExamples#setShape}), which the pointwise CNN trainer and model check. All pixels are
 * kept, zeros included. Unknown image formats fail with an error naming the file.
 */
public final class ImageDirectoryDataSource implements ConfigurableDataSource<Label> {

    @Config(mandatory = true, description = "Directory with one sub-folder per class.")
    private Path directory;
    @Config(description = "Channels: 1 grayscale or 3 RGB.")
    private int channels = 3;
    @Config(description = "Image height after the resize, in pixels (0 keeps the images' size).")
    private int imageHeight = 0;
    @Config(description = "Image width after the resize, in pixels (0 keeps the images' size).")
    private int imageWidth = 0;

    private final List<Example<Label>> examples = new ArrayList<>();
    private OffsetDateTime readTime;
    private final LabelFactory factory = new LabelFactory();

    private ImageDirectoryDataSource() {
    }

    /**
     * @param directory class-per-folder root
     * @param channels    1 or 3
     * @param imageHeight resize height or 0 (image size arguments are (height, width) throughout)
     * @param imageWidth  resize width or 0
     */
    public ImageDirectoryDataSource(Path directory, int channels, int imageHeight, int imageWidth) {
        this.directory = directory;
        this.channels = channels;
        this.imageHeight = imageHeight;
        this.imageWidth = imageWidth;
        postConfig();
    }

    /**
     * Checks the options (a value out of range is a {@link PropertyException} naming the field, its value and its
     * range) and reads the images.
     *
     * @throws PropertyException    if an option is out of range
     * @throws UncheckedIOException if the directory or an image cannot be read (the message names it)
     */
    @Override
    public void postConfig() {
        ConfigChecks.checkChannels("", "channels", channels);
        ConfigChecks.checkAtLeast("", "imageHeight", imageHeight, 0, " (0 keeps the images' size)");
        ConfigChecks.checkAtLeast("", "imageWidth", imageWidth, 0, " (0 keeps the images' size)");
        ImageDirectory d;
        try {
            d = ImageDirectory.read(directory, channels, imageHeight, imageWidth);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        readTime = OffsetDateTime.now();
        int len = d.images().length == 0 ? 0 : d.images()[0].length;
        String[] names = ImageExamples.pixelNames(len);
        ImageShape shape = new ImageShape(d.channels(), d.height(), d.width());
        examples.clear();
        for (int i = 0; i < d.images().length; i++) {
            double[] v = new double[len];
            for (int j = 0; j < len; j++) v[j] = d.images()[i][j];
            ArrayExample<Label> e = new ArrayExample<>(new Label(d.classes().get(d.labels()[i])), names, v);
            ImageExamples.setShape(e, shape);
            examples.add(e);
        }
    }

    @Override
    public Iterator<Example<Label>> iterator() {
        return Collections.unmodifiableList(examples).iterator();
    }

    @Override
    public OutputFactory<Label> getOutputFactory() {
        return factory;
    }

    @Override
    public ConfiguredDataSourceProvenance getProvenance() {
        return new ImageDirectoryDataSourceProvenance(this);
    }

    @Override
    public String toString() {
        return "ImageDirectoryDataSource(directory=" + directory + ",channels=" + channels + ",imageHeight="
                + imageHeight + ",imageWidth=" + imageWidth + ")";
    }

    /** Provenance of an {@link ImageDirectoryDataSource}: its configuration and the time it was read. */
    public static final class ImageDirectoryDataSourceProvenance extends SkeletalConfiguredObjectProvenance
            implements ConfiguredDataSourceProvenance {
        private static final long serialVersionUID = 1L;
        private final DateTimeProvenance readTime;

        ImageDirectoryDataSourceProvenance(ImageDirectoryDataSource host) {
            super(host, "DataSource");
            this.readTime = new DateTimeProvenance("readTime", host.readTime);
        }

        /**
         * Deserialisation constructor.
         *
         * @param map the provenance map
         */
        public ImageDirectoryDataSourceProvenance(Map<String, Provenance> map) {
            super(extractProvenanceInfo(map));
            this.readTime = ObjectProvenance.checkAndExtractProvenance(map, "readTime", DateTimeProvenance.class,
                    ImageDirectoryDataSourceProvenance.class.getSimpleName());
        }

        private static ExtractedInfo extractProvenanceInfo(Map<String, Provenance> map) {
            Map<String, Provenance> config = new java.util.HashMap<>(map);
            String className = ObjectProvenance.checkAndExtractProvenance(config, CLASS_NAME,
                    com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance.class,
                    ImageDirectoryDataSourceProvenance.class.getSimpleName()).getValue();
            String hostType = ObjectProvenance.checkAndExtractProvenance(config, HOST_SHORT_NAME,
                    com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance.class,
                    ImageDirectoryDataSourceProvenance.class.getSimpleName()).getValue();
            Map<String, PrimitiveProvenance<?>> instance = new java.util.HashMap<>();
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

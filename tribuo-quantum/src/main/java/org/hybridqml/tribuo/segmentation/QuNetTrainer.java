package org.hybridqml.tribuo.segmentation;

import org.hybridqml.data.ImageShape;
import org.hybridqml.tribuo.image.ImageExamples;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.hybridqml.options.OptionSpec;
import org.hybridqml.options.QuNetSegmenterOptions;
import org.hybridqml.tribuo.qnn.ConfigChecks;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.hybridqml.data.SegmentationDataset;
import org.hybridqml.nn.unet.QuNetSegmenterModel;
import org.hybridqml.nn.unet.QuNetSegmenterSpec;
import org.hybridqml.nn.unet.UNetBuilder;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tribuo trainer of the QuFeX paper's segmenters (arXiv:2501.13165): the U-Net ({@code bottleneck = "conv"})
 * or the Qu-Net with a QuFeX bottleneck ({@code bottleneck = "12-2"}, {@code "4-1"}, {@code "8-1-2"}, …), trained
 * with per-pixel BCE and Adam. Examples are images whose features are pixel values named by their CHW index
 * (as {@link ImageMaskDataSource} writes them; absent features — Tribuo drops zeros — are read as 0), and whose
 * output is a {@link SegmentationMask} of the configured height and width.
 *
 * <p>Each {@code train} call draws its network seed from a {@link SplittableRandom} split of the configured seed,
 * so repeated calls differ but a fresh trainer with the same seed repeats them. Progress: one INFO line per epoch
 * (and one about every 10 s within a long epoch) from the {@code org.hybridqml.nn.train.SegmentationTrainer}
 * {@code java.util.logging} logger; no validation score without validation data.
 */
public final class QuNetTrainer implements Trainer<SegmentationMask> {

    @Config(description = "Image height in pixels (all examples must have it; divisible by 2^number of encoder "
            + "blocks).")
    private int imageHeight = 64;
    @Config(description = "Image width in pixels (all examples must have it; divisible by 2^number of encoder "
            + "blocks).")
    private int imageWidth = 64;
    @Config(description = "Image channels (1 or 3).")
    private int channels = 1;
    @Config(description = "Encoder filters per block; the decoder uses them reversed.")
    private int[] filters = UNetBuilder.PH2_FILTERS.clone();
    @Config(description = "Bottleneck: 'conv' for the classical U-Net, or a QuFeX configuration such as '12-2'.")
    private String bottleneck = "12-2";
    @Config(description = "Training epochs.")
    private int epochs = 10;
    @Config(description = "Mini-batch size.")
    private int batchSize = 4;
    @Config(description = "Adam learning rate.")
    private double learningRate = 1e-3;
    @Config(description = "Seed of the weights and batch order.")
    private long seed = 42;
    @Config(description = "Start the output bias at the training masks' foreground log-odds log(p/(1-p)) instead of "
            + "0 (Lin et al., arXiv:1708.02002 Sec. 3.3). Off by default, as in the QuFeX authors' Keras code: on "
            + "DSB2018 with 6 epochs it sped up one slow-starting seed and slowed another (docs/reproduction.md).")
    private boolean outputBiasFromPrior = false;

    private SplittableRandom rng;
    private int invocationCount = 0;

    private QuNetTrainer() {
    }

    /**
     * @param imageHeight  image height (image size arguments are (height, width) throughout)
     * @param imageWidth   image width
     * @param channels     1 or 3
     * @param filters      encoder filters
     * @param bottleneck   "conv" or a QuFeX name
     * @param epochs       epochs
     * @param batchSize    mini-batch size
     * @param learningRate Adam learning rate
     * @param seed         seed
     */
    public QuNetTrainer(int imageHeight, int imageWidth, int channels, int[] filters, String bottleneck, int epochs,
                        int batchSize, double learningRate, long seed) {
        this.imageHeight = imageHeight;
        this.imageWidth = imageWidth;
        this.channels = channels;
        this.filters = filters.clone();
        this.bottleneck = bottleneck;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
        postConfig();
    }

    /**
     * Sets whether each network's output bias starts at the training masks' foreground log-odds (Lin et al.,
     * arXiv:1708.02002 Sec. 3.3) instead of 0; the constructor keeps 0, the QuFeX authors' default. Recorded in the
     * trainer's provenance.
     *
     * @param on whether to start the output bias from the foreground prior
     * @return this
     */
    public synchronized QuNetTrainer withOutputBiasFromPrior(boolean on) {
        this.outputBiasFromPrior = on;
        return this;
    }

    /**
     * Validates the options (a value out of range is a {@link PropertyException} naming the field, its value and
     * its range in words) and creates the random source.
     */
    @Override
    public synchronized void postConfig() {
        // the ranges of the engine-neutral options (the Weka segmenter checks the same at build time)
        OptionSpec options = QuNetSegmenterOptions.SPEC;
        ConfigChecks.checkAtLeast("", "imageHeight", imageHeight, 1, "");
        ConfigChecks.checkAtLeast("", "imageWidth", imageWidth, 1, "");
        ConfigChecks.checkChannels("", "channels", channels);
        if (filters == null || filters.length == 0) {
            throw new PropertyException("", "filters", "filters must list at least one encoder filter count, got "
                    + (filters == null ? "none" : "an empty list"));
        }
        for (int f : filters) {
            ConfigChecks.checkAtLeast("", "filters", f, 1, " (every encoder filter count)");
        }
        ConfigChecks.check("", "epochs", options.get("epochs"), epochs);
        ConfigChecks.check("", "batchSize", options.get("miniBatchSize"), batchSize);
        ConfigChecks.check("", "learningRate", options.get("learningRate"), learningRate);
        int div = 1 << filters.length;
        if (imageHeight % div != 0 || imageWidth % div != 0) {
            String field = imageHeight % div != 0 ? "imageHeight" : "imageWidth";
            throw new PropertyException("", field, field + " must be divisible by 2^" + filters.length + " = " + div
                    + " (one 2x2 pooling per encoder filter), got " + (imageHeight % div != 0 ? imageHeight
                    : imageWidth));
        }
        try {
            spec(seed); // what remains is the bottleneck: its name and its fit to the encoder's output
        } catch (IllegalArgumentException e) {
            throw new PropertyException(e, "", "bottleneck", "bottleneck '" + bottleneck + "' cannot be built for a "
                    + imageHeight + "x" + imageWidth + " input with filters " + Arrays.toString(filters) + ": "
                    + e.getMessage());
        }
        rng = new SplittableRandom(seed);
    }

    private QuNetSegmenterSpec spec(long networkSeed) {
        return new QuNetSegmenterSpec(imageHeight, imageWidth, channels, filters, bottleneck, epochs, batchSize,
                learningRate, networkSeed, outputBiasFromPrior);
    }

    @Override
    public Model<SegmentationMask> train(Dataset<SegmentationMask> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public Model<SegmentationMask> train(Dataset<SegmentationMask> examples, Map<String, Provenance> runProvenance,
                                         int invocationCount) {
        if (examples.size() == 0) {
            throw new IllegalArgumentException("empty training dataset");
        }
        SplittableRandom local;
        TrainerProvenance trainerProvenance;
        synchronized (this) {
            if (invocationCount != INCREMENT_INVOCATION_COUNT) {
                setInvocationCount(invocationCount);
            }
            local = rng.split();
            trainerProvenance = getProvenance();
            this.invocationCount++;
        }
        SegmentationDataset data = toDataset(examples, channels, imageHeight, imageWidth);
        // SegmentationTrainer logs one INFO line per epoch itself; a progress consumer would log each twice
        QuNetSegmenterModel segmenter = QuNetSegmenterModel.train(spec(local.nextLong()), data, null, null);
        ModelProvenance prov = new ModelProvenance(QuNetModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), trainerProvenance, runProvenance);
        return new QuNetModel(segmenter.spec().isQuantum() ? "qu-net" : "u-net", prov,
                examples.getFeatureIDMap(), examples.getOutputIDInfo(), segmenter);
    }

    /**
     * Reads Tribuo examples densely into a segmentation data set.
     *
     * @throws IllegalArgumentException if an example's mask or pixels do not match the configured size
     */
    static SegmentationDataset toDataset(Iterable<Example<SegmentationMask>> examples, int channels, int height,
                                         int width) {
        int per = channels * height * width;
        int hw = height * width;
        List<float[]> imgs = new ArrayList<>();
        List<float[]> masks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int i = 0;
        for (Example<SegmentationMask> e : examples) {
            SegmentationMask m = e.getOutput();
            if (m.getHeight() != height || m.getWidth() != width) {
                throw new IllegalArgumentException("training example " + i + " has a " + m.getHeight() + "x"
                        + m.getWidth() + " mask but the trainer's configured image size is " + height + "x" + width
                        + " (resize the images, e.g. with ImageMaskDataSource's imageHeight/imageWidth)");
            }
            imgs.add(ImageExamples.pixels(e, new ImageShape(channels, height, width), 1f, "training example " + i,
                    "the trainer's configured image shape"));
            float[] mk = new float[hw];
            boolean[] fg = m.getForeground();
            for (int j = 0; j < hw; j++) {
                mk[j] = fg[j] ? 1f : 0f;
            }
            masks.add(mk);
            final int index = i;
            names.add(e.getMetadataValue("name").map(Object::toString).orElseGet(() -> "example" + index));
            i++;
        }
        float[] all = new float[i * per];
        float[] allMasks = new float[i * hw];
        for (int k = 0; k < i; k++) {
            System.arraycopy(imgs.get(k), 0, all, k * per, per);
            System.arraycopy(masks.get(k), 0, allMasks, k * hw, hw);
        }
        return new SegmentationDataset(channels, height, width, all, allMasks, names);
    }

    @Override
    public int getInvocationCount() {
        return invocationCount;
    }

    @Override
    public synchronized void setInvocationCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("invocation count must be >= 0, got " + count);
        }
        rng = new SplittableRandom(seed);
        for (invocationCount = 0; invocationCount < count; invocationCount++) {
            rng.split();
        }
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "QuNetTrainer(" + spec(seed) + ")";
    }
}

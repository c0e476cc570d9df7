package org.hybridqml.nn.unet;

import org.hybridqml.options.OptionValues;
import org.hybridqml.options.QuNetSegmenterOptions;
import org.hybridqml.qnn.qufex.QuFeXConfig;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * Everything needed to build and train a U-Net or Qu-Net segmenter (Jain &amp; Kalev, arXiv:2501.13165; architecture
 * and training protocol of the authors' PH2 code {@code Jain-Naman/QuNet-Ph2/models/*.py}, {@code main_*.py}): the
 * input size, the encoder filters, the bottleneck ({@code "conv"} for the classical U-Net, or a QuFeX configuration
 * name such as {@code "12-2"} or {@code "8-1-2"} for the Qu-Net), and the training protocol (epochs, batch size, Adam
 * learning rate, seed, whether the output bias starts at the masks' foreground log-odds). Immutable; validated on construction so a bad combination is reported before any training
 * starts.
 *
 * @param height       network input height (divisible by 2^filters.length)
 * @param width        network input width (divisible by 2^filters.length)
 * @param channels     image channels (1 gray, 3 RGB)
 * @param filters      encoder filters per block (the decoder uses them reversed)
 * @param bottleneck   {@code "conv"} or a QuFeX name ({@link QuFeXConfig#of})
 * @param epochs       training epochs (≥ 0)
 * @param batchSize    mini-batch size (≥ 1)
 * @param learningRate Adam learning rate (&gt; 0)
 * @param seed         seed of the weights and the batch order
 * @param outputBiasFromPrior whether the output bias starts at the training masks' foreground log-odds
 *                     log(p/(1-p)) (Lin et al., arXiv:1708.02002 Sec. 3.3) instead of 0, the Keras default of the
 *                     QuFeX authors' code ({@code SegmentationTrainer.outputBiasFromPrior})
 */
public record QuNetSegmenterSpec(int height, int width, int channels, int[] filters, String bottleneck, int epochs,
                            int batchSize, double learningRate, long seed, boolean outputBiasFromPrior)
        implements Serializable {

    /** Name of the classical bottleneck. */
    public static final String CONV = "conv";

    /**
     * The spec that values of {@link QuNetSegmenterOptions#SPEC} describe for training images of the given size, as the
     * platform adapters build it.
     *
     * @param v      values of {@link QuNetSegmenterOptions#SPEC}
     * @param height image height
     * @param width  image width
     * @param seed   the seed
     * @return the spec (its constructor reports sizes the network cannot take)
     */
    public static QuNetSegmenterSpec fromOptions(OptionValues v, int height, int width, long seed) {
        return new QuNetSegmenterSpec(height, width, v.getInt("imageChannels"), QuNetSegmenterOptions.filters(v),
                v.getString("bottleneck"), v.getInt("epochs"), v.getInt("miniBatchSize"), v.getDouble("learningRate"),
                seed, v.getBoolean("outputBiasFromPrior"));
    }

    /**
     * A spec whose output bias starts at 0 (the QuFeX authors' Keras default).
     *
     * @param height       network input height
     * @param width        network input width
     * @param channels     image channels
     * @param filters      encoder filters
     * @param bottleneck   "conv" or a QuFeX name
     * @param epochs       epochs
     * @param batchSize    mini-batch size
     * @param learningRate Adam learning rate
     * @param seed         seed
     */
    public QuNetSegmenterSpec(int height, int width, int channels, int[] filters, String bottleneck, int epochs,
                              int batchSize, double learningRate, long seed) {
        this(height, width, channels, filters, bottleneck, epochs, batchSize, learningRate, seed, false);
    }

    /** Validates and copies the filters. */
    public QuNetSegmenterSpec {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("input size must be positive, got " + height + "x" + width);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (gray) or 3 (RGB), got " + channels);
        }
        if (filters == null || filters.length == 0 || Arrays.stream(filters).anyMatch(f -> f < 1)) {
            throw new IllegalArgumentException("encoder filters must be >= 1 positive counts, got "
                    + Arrays.toString(filters));
        }
        filters = filters.clone();
        bottleneck = bottleneck == null ? "" : bottleneck.trim().toLowerCase(Locale.ROOT);
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
        }
        int div = 1 << filters.length;
        if (height % div != 0 || width % div != 0) {
            throw new IllegalArgumentException("input " + height + "x" + width + " is not divisible by 2^"
                    + filters.length + " = " + div + " (the U-Net has " + filters.length
                    + " max-pools): choose a size that is a multiple of " + div + " or fewer encoder blocks");
        }
        if (!CONV.equals(bottleneck)) {
            QuFeXConfig q = QuFeXConfig.of(bottleneck); // throws with the reason for a bad name
            int bh = height / div;
            int bw = width / div;
            int bc = filters[filters.length - 1];
            if (bh % q.patchHeight() != 0 || bw % q.patchWidth() != 0) {
                throw new IllegalArgumentException("QuFeX " + bottleneck + " uses " + q.patchHeight() + "x"
                        + q.patchWidth() + " patches, which do not tile the " + bh + "x" + bw
                        + " bottleneck of a " + height + "x" + width + " input");
            }
            if (bc % q.mapsPerGroup() != 0) {
                throw new IllegalArgumentException("QuFeX " + bottleneck + " groups " + q.mapsPerGroup()
                        + " maps, but the bottleneck has " + bc + " channels (not divisible)");
            }
        }
    }

    /**
     * The QuFeX paper's PH2 recipe (encoder [8,16,32,16,8], Adam 1e-3) at the given size and bottleneck.
     *
     * @param height     input height
     * @param width      input width
     * @param channels   image channels
     * @param bottleneck "conv" or a QuFeX name
     * @param epochs     epochs
     * @return the spec with batch size 4 and seed 42
     */
    public static QuNetSegmenterSpec ph2(int height, int width, int channels, String bottleneck, int epochs) {
        return new QuNetSegmenterSpec(height, width, channels, UNetBuilder.PH2_FILTERS, bottleneck, epochs, 4, 1e-3, 42);
    }

    /** @return a copy of the encoder filters */
    @Override
    public int[] filters() {
        return filters.clone();
    }

    /** @return true for a Qu-Net (QuFeX bottleneck) */
    public boolean isQuantum() {
        return !CONV.equals(bottleneck);
    }

    /** @return the network description (not yet built) */
    public UNetBuilder architecture() {
        return new UNetBuilder().input(height, width, channels).filters(filters)
                .bottleneck(isQuantum() ? new QuFeXBottleneck(QuFeXConfig.of(bottleneck)) : new ConvBottleneck())
                .seed(seed);
    }

    /** @param e epochs @return a copy with other epochs */
    public QuNetSegmenterSpec withEpochs(int e) {
        return new QuNetSegmenterSpec(height, width, channels, filters, bottleneck, e, batchSize, learningRate, seed,
                outputBiasFromPrior);
    }

    /** @param s seed @return a copy with another seed */
    public QuNetSegmenterSpec withSeed(long s) {
        return new QuNetSegmenterSpec(height, width, channels, filters, bottleneck, epochs, batchSize, learningRate, s,
                outputBiasFromPrior);
    }

    /** @param on whether the output bias starts at the foreground log-odds @return a copy with that choice */
    public QuNetSegmenterSpec withOutputBiasFromPrior(boolean on) {
        return new QuNetSegmenterSpec(height, width, channels, filters, bottleneck, epochs, batchSize, learningRate,
                seed, on);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuNetSegmenterSpec s && height == s.height && width == s.width && channels == s.channels
                && Arrays.equals(filters, s.filters) && bottleneck.equals(s.bottleneck) && epochs == s.epochs
                && batchSize == s.batchSize && Double.compare(learningRate, s.learningRate) == 0 && seed == s.seed
                && outputBiasFromPrior == s.outputBiasFromPrior;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(filters) * 31 + java.util.Objects.hash(height, width, channels, bottleneck, epochs,
                batchSize, learningRate, seed, outputBiasFromPrior);
    }

    @Override
    public String toString() {
        return (isQuantum() ? "Qu-Net " + bottleneck : "U-Net") + " " + height + "x" + width + "x" + channels
                + " filters " + Arrays.toString(filters) + ", " + epochs + " epochs, batch " + batchSize + ", lr "
                + learningRate + ", seed " + seed + (outputBiasFromPrior ? ", output bias from prior" : "");
    }
}

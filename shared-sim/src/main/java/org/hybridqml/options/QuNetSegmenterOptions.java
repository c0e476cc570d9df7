package org.hybridqml.options;

/**
 * The options of the U-Net/Qu-Net per-pixel segmenter for platform adapters (where the pixel instances' images are,
 * which attributes name the image, row and column, and the network and training). The spec they describe is built
 * from their values in {@code org.hybridqml.nn.unet} ({@code QuNetSegmenterSpec.fromOptions}), which keeps this package
 * free of DL4J.
 *
 * <p>Options (bean name, flag): {@code imagesLocation} ({@code -images-location}), {@code imageAttribute}
 * ({@code -image-attribute}), {@code rowAttribute} ({@code -row-attribute}), {@code columnAttribute}
 * ({@code -column-attribute}), {@code imageChannels} ({@code -channels}), {@code filters} ({@code -filters}),
 * {@code bottleneck} ({@code -bottleneck}), {@code epochs} ({@code -E}), {@code miniBatchSize}
 * ({@code -mini-batch}), {@code learningRate} ({@code -lr}), {@code outputBiasFromPrior} ({@code -prior-bias}). The
 * seed is the platform's.
 */
public final class QuNetSegmenterOptions {

    /** The options. */
    public static final OptionSpec SPEC = OptionSpec.of(
            OptionDef.ofString("imagesLocation", "images-location", "", "dir", "Folder of the images named by the "
                    + "image attribute. Images are found by file base name (PNG, TIFF, JPEG or BMP). Empty: the "
                    + "folder recorded in the data set's relation name as '[images-location: <path>]' (Weka's "
                    + "ImageMaskFolderLoader records it), else the working directory."),
            OptionDef.ofString("imageAttribute", "image-attribute", "image", "name", "Name of the attribute of each pixel's "
                    + "image id. A nominal or string attribute holding the image file's base name."),
            OptionDef.ofString("rowAttribute", "row-attribute", "row", "name", "Name of the numeric attribute "
                    + "holding each pixel's row (0-based)."),
            OptionDef.ofString("columnAttribute", "column-attribute", "column", "name", "Name of the numeric "
                    + "attribute holding each pixel's column (0-based)."),
            OptionDef.ofInt("imageChannels", "channels", 1, 1, 3, "Image channels the network reads: 1 (gray) or 3 "
                    + "(RGB)."),
            OptionDef.ofString("filters", "filters", "8,16,32", "list", "Encoder filters per U-Net level, comma "
                    + "separated. The decoder mirrors them; images must be divisible by 2^levels."),
            OptionDef.ofString("bottleneck", "bottleneck", "4-2", "name", "Bottleneck: 'conv' (U-Net) or a QuFeX "
                    + "configuration (Qu-Net). A QuFeX configuration is 'qubits-filters[-maps]', for example 4-2, "
                    + "12-2 or 8-1-2; its patches must tile the bottleneck feature map."),
            OptionDef.ofInt("epochs", "E", 20, 0, 100000, "Training epochs."),
            OptionDef.ofInt("miniBatchSize", "mini-batch", 4, 1, 1 << 16, "Training mini-batch size (images). "
                    + "(Weka's batchSize option is the prediction batch size.)"),
            OptionDef.ofDouble("learningRate", "lr", 1e-3, 0, 10, "Adam learning rate.").exclusive(true, false),
            // Lin et al., arXiv:1708.02002 Sec. 3.3 (prior-probability initialisation of the output bias)
            OptionDef.ofBoolean("outputBiasFromPrior", "prior-bias", null, false, "Start the output bias at the "
                    + "masks' foreground log-odds, not 0. The bias starts at log(p/(1-p)), p the training masks' "
                    + "foreground share, so the untrained network predicts that prior. Off by default, as in the QuFeX "
                    + "authors' Keras code: on DSB2018 with 6 epochs it sped up one slow-starting seed and slowed "
                    + "another (docs/reproduction.md)."),
            ProgressOption.DEF).plus(PredictionNoiseOptions.defs("the classical conv bottleneck"));

    private QuNetSegmenterOptions() {
    }

    /**
     * @param v values of {@link #SPEC}
     * @return the encoder filters
     * @throws IllegalArgumentException naming the option when the list is not positive whole numbers
     */
    public static int[] filters(OptionValues v) {
        String text = v.getString("filters").trim();
        String[] parts = text.split("\\s*,\\s*");
        int[] f = new int[parts.length];
        try {
            for (int i = 0; i < f.length; i++) {
                f[i] = Integer.parseInt(parts[i]);
                if (f[i] < 1) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option filters (-filters): '" + text + "' is not a comma-separated "
                    + "list of positive whole numbers");
        }
        return f;
    }
}

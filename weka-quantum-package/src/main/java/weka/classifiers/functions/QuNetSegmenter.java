package weka.classifiers.functions;

import org.hybridqml.data.ImageFiles;
import org.hybridqml.data.ImageTensor;
import org.hybridqml.data.SegmentationDataset;
import org.hybridqml.data.SparseMasks;
import org.hybridqml.nn.Nd4jClassLoaderScope;
import org.hybridqml.nn.layer.NetworkCircuits;
import org.hybridqml.nn.train.SegmentationTrainer;
import org.hybridqml.nn.unet.QuNetSegmenterModel;
import org.hybridqml.options.PredictionNoiseOptionBean;
import org.hybridqml.options.PredictionNoiseOptions;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.nn.unet.QuNetSegmenterSpec;
import org.hybridqml.options.ImageOptionBean;
import org.hybridqml.options.OptionDef;
import org.hybridqml.options.OptionSpec;
import org.hybridqml.options.OptionValues;
import org.hybridqml.options.PaperReference;
import org.hybridqml.options.QasmFileOptionBean;
import org.hybridqml.options.QuNetSegmenterOptions;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.qnn.train.PlatformTraining;
import weka.core.Attribute;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ImageMaskFolderLoader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Qu-Net (U-Net with the QuFeX quantum bottleneck of Jain &amp; Kalev, arXiv:2501.13165) or the classical U-Net as
 * a Weka per-pixel classifier. Weka has no segmentation task, so every instance is one pixel: it names its image
 * (nominal or string attribute, default {@code image}: the image file's base name), its {@code row} and
 * {@code column}, and carries the pixel's class (a nominal class with two values; the value named
 * {@code foreground}, else the second value, is the foreground). Other attributes (e.g. an intensity) are ignored.
 * {@code weka.core.converters.ImageMaskFolderLoader} (the Explorer's Preprocess panel: open any image of the images
 * folder) and {@code weka.core.converters.SegmentationArffWriter} (command line) make such data from an image
 * folder and a mask folder.
 *
 * <p>Images folder: the {@code -images-location} option when set; else the folder the data set's relation name
 * records ({@code [images-location: <path>]}, as {@code ImageMaskFolderLoader} names its relations; read separately
 * from the training set and from each test instance's data set, so a supplied test set of another folder works);
 * else, at prediction, the training folder; else the working directory.
 *
 * <p>Training: the images named in the training data are read from the images folder; each image's mask
 * is built from its labelled pixels in the training data, every unlabelled pixel taking the label of the nearest
 * labelled one ({@link SparseMasks}); the network is trained once on these images and masks. Prediction: the
 * network runs once per image (the probability map is cached per image id) and each pixel instance gets
 * {@code [1 - p, p]} at its row and column. All images must have the same size, which the network must accept
 * (divisible by 2 per encoder level).
 *
 * <p>Evaluation: cross-validation ({@code -x}) puts pixels of the same image into training and test folds, so the
 * test pixels' neighbours (and, after the nearest-label fill, their labels) are seen in training: that leaks and
 * overstates the scores. Evaluate with an image-level split instead: a training ARFF of some images and a test ARFF
 * ({@code -T}) of other images. The package's plugin metrics print IoU and Dice per class and their means.
 *
 * <p>The network and its training live in shared-sim's DL4J layer ({@link QuNetSegmenterModel}, {@link QuNetSegmenterSpec}; options
 * described by {@link QuNetSegmenterOptions#SPEC}); this class converts instances into images and masks and back, and
 * keeps the trained segmenter as its bytes ({@link QuNetSegmenterModel#toBytes}) for Java serialisation.
 *
 * <!-- options-start -->
 * Options: {@code -images-location}, {@code -image-attribute}, {@code -row-attribute}, {@code -column-attribute},
 * {@code -channels}, {@code -filters}, {@code -bottleneck conv|<QuFeX name>}, {@code -E}, {@code -mini-batch},
 * {@code -lr}, {@code -shots}, {@code -noise}, {@code -noise-seed} (prediction-time shots and noise of the QuFeX
 * circuits), {@code -qasm-file} and {@code -qasm-patch} (OpenQASM of the trained QuFeX circuits for one bottleneck
 * patch of the first training image), {@code -S} seed, plus {@link weka.classifiers.AbstractClassifier}'s options.
 * <!-- options-end -->
 */
public class QuNetSegmenter extends AbstractQuantumClassifier implements ImageOptionBean, PredictionNoiseOptionBean,
        QasmFileOptionBean {

    private static final long serialVersionUID = 2L;

    /**
     * The options: the engine-neutral description ({@link QuNetSegmenterOptions#SPEC}) plus the OpenQASM export,
     * {@code -qasm-file} and {@code -qasm-patch}.
     */
    static final OptionSpec SPEC = QuNetSegmenterOptions.SPEC.plus(
            QasmFileOptionBean.option("File to write, after training, the OpenQASM 2.0 "
                    + "programs of the trained QuFeX circuits for one bottleneck patch (qasmPatch) of the first "
                    + "training image (the image of the first training instance with a class value): each filter's "
                    + "trained parameters and the patch's encoding angles (the values that image's bottleneck feature "
                    + "maps have in the patch) bound to numbers, every qubit measured. With one QuFeX filter the "
                    + "program is written to this path; with two filters each filter's program goes to its own file, "
                    + "the filter number before the extension (out.qasm: out-1.qasm, out-2.qasm). Empty (the default) "
                    + "writes nothing. Ignored by the conv bottleneck."),
            OptionDef.ofInt("qasmPatch", "qasm-patch", 0, 0, Integer.MAX_VALUE, "The bottleneck patch whose QuFeX "
                    + "circuits qasmFile writes, from 0 (the default, the first patch): patches are numbered group "
                    + "by group, then patch row by row, then patch column by column, as the QuFeX layer runs them. "
                    + "Must be below the number of patches of the bottleneck (checked when the classifier is built; "
                    + "the error names the range)."));

    // the model
    private Instances header;
    private OptionValues trainedWith;
    private int imageAttribute;
    private int rowAttribute;
    private int columnAttribute;
    private int foreground;
    private int height;
    private int width;
    private List<String> trainingImages;
    /** The folder the training images were read from. */
    private String trainingFolder;
    private long labelledPixels;
    private double trainingSeconds;
    private ModelBytes<QuNetSegmenterModel> segmenter;
    /** How predictions evaluate the QuFeX circuits; null (classifiers saved before it existed) means exact. */
    private PredictionNoise predictionNoise;
    private transient Map<String, float[]> probabilities;
    private transient Map<String, Integer> widths;

    /** A Qu-Net segmenter with the default options, seed 1. */
    public QuNetSegmenter() {
        super(SPEC, PaperReference.QUFEX);
    }

    @Override
    protected String description() {
        return "Qu-Net image segmentation as a per-pixel classifier. The Qu-Net is a U-Net whose bottleneck "
                + "is the QuFeX quantum feature-extraction module (simulated exactly); the classical U-Net is the "
                + "alternative. Each instance is one pixel: "
                + "an image id (the image file's base name in the images location), its row and column, and the "
                + "pixel's class (two values; 'foreground' or else the second value is the foreground). The network "
                + "is trained once on the training images with masks built from the labelled pixels (unlabelled "
                + "pixels take the nearest label), runs once per image at prediction, and answers per pixel. "
                + "Use an image-level train/test split (-T with other images): cross-validation mixes pixels of the "
                + "same image between training and test and overstates the scores. "
                + "In the Preprocess panel, open any image of an images folder with the file type 'Image folder "
                + "with masks' (ImageMaskFolderLoader): it loads such data from the folder and its sibling masks "
                + "folder (label, labels, mask or masks) and records the folder in the relation name, which this "
                + "classifier reads when images-location is empty (for the training set and a supplied test set).";
    }

    @Override
    public Capabilities getCapabilities() {
        Capabilities result = super.getCapabilities();
        result.disableAll();
        result.enable(Capability.NOMINAL_ATTRIBUTES);
        result.enable(Capability.STRING_ATTRIBUTES);
        result.enable(Capability.NUMERIC_ATTRIBUTES);
        result.enable(Capability.MISSING_VALUES);
        result.enable(Capability.BINARY_CLASS);
        result.enable(Capability.MISSING_CLASS_VALUES);
        return result;
    }

    private static int attribute(Instances data, String name, String option) {
        Attribute a = data.attribute(name);
        if (a == null) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < data.numAttributes(); i++) {
                names.add(data.attribute(i).name());
            }
            throw new IllegalArgumentException("No attribute '" + name + "' (option " + option + ") in the data; "
                    + "attributes: " + names);
        }
        return a.index();
    }

    @Override
    public synchronized void buildClassifier(Instances data) throws Exception {
        opts.validate(); // the option editor and setOptions store any value; ranges are checked here
        predictionNoise = PredictionNoiseOptions.of(opts);
        getCapabilities().testWithFail(data);
        trainedWith = opts.copy();
        header = new Instances(data, 0);
        segmenter = null;
        probabilities = new HashMap<>();
        widths = new HashMap<>();
        imageAttribute = attribute(data, opts.getString("imageAttribute"), "-image-attribute");
        rowAttribute = attribute(data, opts.getString("rowAttribute"), "-row-attribute");
        columnAttribute = attribute(data, opts.getString("columnAttribute"), "-column-attribute");
        Attribute id = data.attribute(imageAttribute);
        if (!id.isNominal() && !id.isString()) {
            throw new IllegalArgumentException("The image attribute '" + id.name() + "' must be nominal or string");
        }
        if (!data.attribute(rowAttribute).isNumeric() || !data.attribute(columnAttribute).isNumeric()) {
            throw new IllegalArgumentException("The row and column attributes must be numeric");
        }
        int fg = data.classAttribute().indexOfValue("foreground");
        foreground = fg >= 0 ? fg : 1;

        // the labelled pixels of each training image
        Map<String, List<Instance>> byImage = new LinkedHashMap<>();
        for (Instance inst : data) {
            if (!inst.classIsMissing()) {
                byImage.computeIfAbsent(imageId(inst), k -> new ArrayList<>()).add(inst);
            }
        }
        if (byImage.isEmpty()) {
            throw new IllegalArgumentException("No training pixel with a class value");
        }
        trainingImages = List.copyOf(byImage.keySet());
        trainingFolder = null;
        Path folder = imagesFolder(data);
        trainingFolder = folder.toString();
        int channels = opts.getInt("imageChannels");
        float[][] imgs = new float[trainingImages.size()][];
        float[][] masks = new float[trainingImages.size()][];
        labelledPixels = 0;
        for (int n = 0; n < imgs.length; n++) {
            String name = trainingImages.get(n);
            ImageTensor t = readImage(folder, name, channels);
            if (n == 0) {
                height = t.height();
                width = t.width();
            } else if (t.height() != height || t.width() != width) {
                throw new IllegalArgumentException("Image '" + name + "' is " + t.height() + "x" + t.width()
                        + " but '" + trainingImages.get(0) + "' is " + height + "x" + width
                        + "; all images must have the same size");
            }
            imgs[n] = ImageFiles.toNchw(t);
            List<Instance> pixels = byImage.get(name);
            int[] rows = new int[pixels.size()];
            int[] cols = new int[pixels.size()];
            boolean[] fgs = new boolean[pixels.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = position(pixels.get(i), rowAttribute, height, name);
                cols[i] = position(pixels.get(i), columnAttribute, width, name);
                fgs[i] = (int) pixels.get(i).classValue() == foreground;
            }
            masks[n] = SparseMasks.fill(height, width, rows, cols, fgs);
            labelledPixels += rows.length;
        }
        SegmentationDataset train = new SegmentationDataset(channels, height, width, concat(imgs), concat(masks),
                trainingImages);
        QuNetSegmenterSpec spec = QuNetSegmenterSpec.fromOptions(trainedWith, height, width, getSeed());
        String qasmFile = trainedWith.getString("qasmFile");
        int qasmPatch = trainedWith.getInt("qasmPatch");
        if (!qasmFile.isEmpty() && spec.isQuantum()) { // checked before training, from the network's configuration
            int patches = Nd4jClassLoaderScope.call(() -> NetworkCircuits.circuitSites(
                    spec.architecture().configuration(), channels, height, width));
            checkQasmSite(SPEC.get("qasmPatch"), qasmPatch, patches, "the QuFeX bottleneck of " + height + "x" + width
                    + " images has " + patches + " patches");
        }
        boolean progress = showProgress();
        java.io.PrintStream out = progressOut();
        long t0 = System.nanoTime();
        // the trainer's per-epoch (and ~10 s) progress lines on standard error unless -no-progress
        QuNetSegmenterModel trained = Nd4jClassLoaderScope.call(() -> PlatformTraining.withLog(
                SegmentationTrainer.class.getName(), progress, out, "QuNetSegmenter",
                () -> QuNetSegmenterModel.train(spec, train, null, null)));
        segmenter = new ModelBytes<>("segmenter", trained, s -> Nd4jClassLoaderScope.call(s::toBytes));
        trainingSeconds = (System.nanoTime() - t0) / 1e9;
        if (!qasmFile.isEmpty() && spec.isQuantum()) {
            writeQasmFiles(qasmFile, Nd4jClassLoaderScope.call(
                    () -> trained.toOpenQasm(imgs[0], channels, height, width, qasmPatch, false)));
        }
    }

    private static float[] concat(float[][] parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    private String imageId(Instance inst) {
        if (inst.isMissing(imageAttribute)) {
            throw new IllegalArgumentException("A pixel instance has no image id (attribute '"
                    + inst.attribute(imageAttribute).name() + "' is missing)");
        }
        return inst.stringValue(imageAttribute);
    }

    private static int position(Instance inst, int attribute, int size, String image) {
        double v = inst.value(attribute);
        if (Double.isNaN(v) || v != Math.rint(v) || v < 0 || v >= size) {
            throw new IllegalArgumentException("Pixel " + inst.attribute(attribute).name() + " " + v + " of image '"
                    + image + "' is not a whole number in [0, " + size + ")");
        }
        return (int) v;
    }

    /**
     * The folder of the images of a data set (see the class description): the images-location option, else the
     * folder recorded in the relation name, else the training folder, else the working directory.
     */
    private Path imagesFolder(Instances dataset) {
        String dir = trainedWith.getString("imagesLocation");
        if (dir.isEmpty() && dataset != null) {
            String recorded = ImageMaskFolderLoader.imagesLocation(dataset.relationName());
            dir = recorded == null ? "" : recorded;
        }
        if (dir.isEmpty() && trainingFolder != null) {
            dir = trainingFolder;
        }
        return Path.of(dir.isEmpty() ? "." : dir);
    }

    private static ImageTensor readImage(Path folder, String name, int channels) throws IOException {
        return ImageFiles.read(SegmentationDataset.findImage(folder, name), channels);
    }

    /**
     * The foreground probability map of an image, computed once per image folder and id (any size: the segmenter
     * resizes).
     */
    private float[] probabilities(Path folder, String name, String key) throws Exception {
        if (probabilities == null) {
            probabilities = new HashMap<>();
            widths = new HashMap<>();
        }
        float[] p = probabilities.get(key);
        if (p == null) {
            ImageTensor t = readImage(folder, name, trainedWith.getInt("imageChannels"));
            float[] image = ImageFiles.toNchw(t);
            QuNetSegmenterModel s = segmenter();
            p = Nd4jClassLoaderScope.call(() -> s.predictProbabilities(image, t.channels(), t.height(), t.width()));
            probabilities.put(key, p);
            widths.put(key, t.width());
        }
        return p;
    }

    QuNetSegmenterModel segmenter() throws Exception {
        if (segmenter == null) {
            throw new IllegalStateException("The classifier has not been built");
        }
        return segmenter.get(bytes -> Nd4jClassLoaderScope.call(() -> QuNetSegmenterModel.fromBytes(bytes)))
                .predictionNoise(predictionNoise == null ? PredictionNoise.exact() : predictionNoise);
    }

    @Override
    public synchronized double[] distributionForInstance(Instance instance) throws Exception {
        String name = imageId(instance);
        Path folder = imagesFolder(instance.dataset());
        String key = folder + java.io.File.separator + name;
        float[] p = probabilities(folder, name, key);
        int w = widths.get(key);
        int r = position(instance, rowAttribute, p.length / w, name);
        int c = position(instance, columnAttribute, w, name);
        double f = p[r * w + c];
        double[] dist = new double[header.numClasses()];
        dist[foreground] = f;
        dist[1 - foreground] = 1 - f;
        return dist;
    }

    @Override
    public double[][] distributionsForInstances(Instances insts) throws Exception {
        double[][] out = new double[insts.numInstances()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = distributionForInstance(insts.instance(i));
        }
        return out;
    }

    // ----------------------------------------------------------------------------------------------- options

    /** @return tip text */
    public String imageAttributeTipText() {
        return SPEC.tip("imageAttribute");
    }

    /** @return the image id attribute name */
    public String getImageAttribute() {
        return opts.getString("imageAttribute");
    }

    /** @param v the image id attribute name */
    public void setImageAttribute(String v) {
        opts.store("imageAttribute", v);
    }

    /** @return tip text */
    public String rowAttributeTipText() {
        return SPEC.tip("rowAttribute");
    }

    /** @return the row attribute name */
    public String getRowAttribute() {
        return opts.getString("rowAttribute");
    }

    /** @param v the row attribute name */
    public void setRowAttribute(String v) {
        opts.store("rowAttribute", v);
    }

    /** @return tip text */
    public String columnAttributeTipText() {
        return SPEC.tip("columnAttribute");
    }

    /** @return the column attribute name */
    public String getColumnAttribute() {
        return opts.getString("columnAttribute");
    }

    /** @param v the column attribute name */
    public void setColumnAttribute(String v) {
        opts.store("columnAttribute", v);
    }

    /** @return tip text */
    public String filtersTipText() {
        return SPEC.tip("filters");
    }

    /** @return the encoder filters, comma separated */
    public String getFilters() {
        return opts.getString("filters");
    }

    /** @param v the encoder filters, comma separated */
    public void setFilters(String v) {
        opts.store("filters", v);
    }

    /** @return tip text */
    public String bottleneckTipText() {
        return SPEC.tip("bottleneck");
    }

    /** @return 'conv' or a QuFeX name */
    public String getBottleneck() {
        return opts.getString("bottleneck");
    }

    /** @param v 'conv' or a QuFeX name */
    public void setBottleneck(String v) {
        opts.store("bottleneck", v);
    }

    /** @return tip text */
    public String outputBiasFromPriorTipText() {
        return SPEC.tip("outputBiasFromPrior");
    }

    /** @return whether the output bias starts at the training masks' foreground log-odds */
    public boolean getOutputBiasFromPrior() {
        return opts.getBoolean("outputBiasFromPrior");
    }

    /** @param v whether the output bias starts at the training masks' foreground log-odds (default false) */
    public void setOutputBiasFromPrior(boolean v) {
        opts.store("outputBiasFromPrior", v);
    }

    /** @return tip text */
    public String qasmPatchTipText() {
        return SPEC.tip("qasmPatch");
    }

    /** @return the bottleneck patch whose circuits qasmFile writes */
    public int getQasmPatch() {
        return opts.getInt("qasmPatch");
    }

    /** @param v the bottleneck patch whose circuits qasmFile writes (range checked when built) */
    public void setQasmPatch(int v) {
        opts.store("qasmPatch", v);
    }

    // ----------------------------------------------------------------------------------------------- output

    @Override
    public String toString() {
        if (segmenter == null) {
            return "QuNetSegmenter: not built yet";
        }
        StringBuilder sb = new StringBuilder("QuNetSegmenter\n==============\n\n");
        try {
            QuNetSegmenterModel s = segmenter();
            QuNetSegmenterSpec spec = s.spec();
            sb.append(spec.isQuantum() ? "Qu-Net (QuFeX bottleneck " + spec.bottleneck() + ")"
                    : "U-Net (classical conv bottleneck)");
            sb.append(", encoder filters ").append(java.util.Arrays.toString(spec.filters()))
                    .append(", input ").append(spec.height()).append('x').append(spec.width()).append('x')
                    .append(spec.channels()).append('\n');
            sb.append("Parameters: ").append(s.parameterCount()).append('\n');
            sb.append("Epochs: ").append(spec.epochs()).append(", mini-batch ").append(spec.batchSize())
                    .append(", learning rate ").append(spec.learningRate())
                    .append(spec.outputBiasFromPrior() ? ", output bias from the foreground prior" : "").append('\n');
            if (!s.history().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "Final training loss: %.5f%n",
                        s.history().get(s.history().size() - 1).meanLoss()));
            }
        } catch (Exception e) {
            sb.append("(segmenter not readable: ").append(e.getMessage()).append(")\n");
        }
        long total = (long) trainingImages.size() * height * width;
        sb.append(String.format(Locale.ROOT, "Training images: %d (%dx%d); labelled pixels %d of %d (%.1f %%), the "
                + "rest filled with the nearest label%n", trainingImages.size(), height, width, labelledPixels, total,
                100.0 * labelledPixels / total));
        if (trainingFolder != null) {
            sb.append("Images folder: ").append(trainingFolder).append('\n');
        }
        if (trainingSeconds > 0) {
            sb.append(String.format(Locale.ROOT, "Training time: %.1f s%n", trainingSeconds));
        }
        return sb.append(trainedCircuitsSection()).toString();
    }

    /** @return the QuFeX bottleneck's circuits with their trained parameters; empty for the U-Net or before training */
    @Override
    public List<TrainedCircuit> trainedCircuits() {
        if (segmenter == null) {
            return List.of();
        }
        try {
            QuNetSegmenterModel s = segmenter();
            return Nd4jClassLoaderScope.call(s::trainedCircuits);
        } catch (Exception e) {
            throw new IllegalStateException("The trained segmenter cannot be restored: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the segmenter from the command line (Weka's standard evaluation options); use {@code -T} with a test
     * ARFF of other images than the training ARFF's.
     *
     * @param args options, e.g. {@code -images-location imgs/ -t train-pixels.arff -T test-pixels.arff}
     */
    public static void main(String[] args) {
        runQuantumClassifier(new QuNetSegmenter(), args);
    }
}

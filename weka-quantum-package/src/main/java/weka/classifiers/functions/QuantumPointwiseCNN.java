package weka.classifiers.functions;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hybridqml.options.PredictionNoiseOptionBean;
import org.hybridqml.options.PredictionNoiseOptions;
import org.hybridqml.qnn.PredictionNoise;
import org.deeplearning4j.util.ModelSerializer;
import org.hybridqml.data.ImageFiles;
import org.hybridqml.data.ImageShape;
import org.hybridqml.nn.Nd4jClassLoaderScope;
import org.hybridqml.nn.classify.QuantumPointwiseCNNBuilder;
import org.hybridqml.nn.layer.NetworkCircuits;
import org.hybridqml.nn.classify.QuantumPointwiseCNNNetworkTrainer;
import org.hybridqml.options.ImageOptionBean;
import org.hybridqml.options.OptionDef;
import org.hybridqml.options.OptionSpec;
import org.hybridqml.options.OptionValues;
import org.hybridqml.options.PaperReference;
import org.hybridqml.options.QasmFileOptionBean;
import org.hybridqml.options.QuantumPointwiseCNNOptions;
import org.hybridqml.qnn.BoundCircuit;
import org.hybridqml.qnn.TrainedCircuit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.hybridqml.qnn.train.PlatformTraining;
import weka.classifiers.rules.ZeroR;
import weka.core.Attribute;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.Tag;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Weka image classifier with the hybrid pointwise CNN of Ning, Li and Chen (arXiv:2412.01241): a small CNN whose 1x1
 * (pointwise) convolution is a quantum circuit, or its classical twin.
 *
 * <p>Two input layouts, chosen from the data:
 * <ul>
 *   <li><b>pixel attributes</b>: one numeric attribute per pixel value plus the nominal class; there must be exactly
 *       width&middot;height&middot;channels of them (read channel by channel, each channel row by row, times the
 *       pixel scale; a missing value is read as 0), else building fails with a message naming both counts, and so
 *       does predicting an instance with another number of attributes (the model does not resize pixel data);</li>
 *   <li><b>meta ARFF</b>: one string attribute (an image file name) plus the nominal class, as
 *       wekaDeeplearning4j's image iterator reads; files are looked up in the images-location directory (or, if it
 *       is empty, as given), read into [0,1] and resized to width&times;height.</li>
 * </ul>
 *
 * <p>This class only converts instances into float images and class indices; the network
 * ({@link QuantumPointwiseCNNBuilder}) and its training ({@link QuantumPointwiseCNNNetworkTrainer}) are in shared-sim's DL4J layer ({@code org.hybridqml.nn}), and the
 * options are described by {@link QuantumPointwiseCNNOptions#SPEC}. Classes without a training instance get probability 0;
 * with fewer than two classes present (or no pixel attribute) the model falls back to {@link ZeroR}. Every ND4J call
 * runs in {@link Nd4jClassLoaderScope}, so the classifier works inside Weka's package class loader. The trained
 * network is serialised as its DL4J {@code ModelSerializer} bytes.
 *
 * <!-- options-start -->
 * Options: {@code -width}, {@code -height}, {@code -channels}, {@code -images-location}, {@code -pixel-scale},
 * {@code -pointwise quantum|classical}, {@code -C}, {@code -L}, {@code -K}, {@code -E}, {@code -mini-batch},
 * {@code -lr}, {@code -shots}, {@code -noise}, {@code -noise-seed} (prediction-time shots and noise of the pointwise
 * circuits), {@code -qasm-file} and {@code -qasm-pixel} (OpenQASM of the trained pointwise circuits for one pixel
 * of the first training image's feature map), {@code -S} seed, plus {@link weka.classifiers.AbstractClassifier}'s
 * options.
 * <!-- options-end -->
 */
public class QuantumPointwiseCNN extends AbstractQuantumClassifier implements ImageOptionBean, PredictionNoiseOptionBean,
        QasmFileOptionBean {

    private static final long serialVersionUID = 2L;

    /**
     * The options: the engine-neutral description ({@link QuantumPointwiseCNNOptions#SPEC}) plus the OpenQASM
     * export, {@code -qasm-file} and {@code -qasm-pixel}.
     */
    static final OptionSpec SPEC = QuantumPointwiseCNNOptions.SPEC.plus(
            QasmFileOptionBean.option("File to write, after training, the OpenQASM 2.0 "
                    + "programs of the trained pointwise circuits for one pixel (qasmPixel) of the feature map that "
                    + "the first training instance with a class value gives the quantum pointwise layer: each "
                    + "circuit's trained parameters bound to numbers, the pixel's channel vector amplitude embedded "
                    + "as an explicit state preparation (an all-zero pixel as |0...0>, as the layer embeds it), every "
                    + "qubit measured. With one circuit (-K 1) the program is written to this path; with K circuits "
                    + "each goes to its own file, the circuit number before the extension (out.qasm: out-1.qasm, "
                    + "out-2.qasm, ...). Empty (the default) writes nothing. Ignored by the classical pointwise layer."),
            OptionDef.ofInt("qasmPixel", "qasm-pixel", 0, 0, Integer.MAX_VALUE, "The pixel y*W'+x of the feature map "
                    + "entering the quantum pointwise layer whose circuits qasmFile writes, where W' = width/2 is that "
                    + "map's width (after the first 2x2 pooling); 0 (the default) is the top-left pixel. Must be below "
                    + "(width/2)*(height/2) (checked when the classifier is built; the error names the range)."));
    /** Pointwise layer types for the GenericObjectEditor and {@code -pointwise}: quantum, classical. */
    public static final Tag[] TAGS_POINTWISE = tags(SPEC, "pointwiseLayer");

    // the model
    private Instances header;
    private boolean metaArff;
    private OptionValues trainedWith;
    private int[] classOfOutput;
    private double[] epochSeconds;
    private ModelBytes<MultiLayerNetwork> network;
    /** How predictions evaluate the pointwise circuits; null (classifiers saved before it existed) means exact. */
    private PredictionNoise predictionNoise;

    /** A classifier for 28x28 grayscale images with the quantum pointwise layer, seed 1. */
    public QuantumPointwiseCNN() {
        super(SPEC, PaperReference.QUANTUM_POINTWISE_CONVOLUTION);
    }

    @Override
    protected String description() {
        return "Hybrid quantum-classical CNN image classifier. The network: 3x3 convolution -> 2x2 max-pool -> quantum pointwise "
                + "(1x1) convolution (each pixel's channel vector amplitude-encoded into ceil(log2 C) qubits, strongly "
                + "entangling layers, Pauli-Z expectations as output channels; simulated exactly) -> 3x3 convolution "
                + "-> 2x2 max-pool -> flattened into a 64-unit ReLU dense layer -> softmax, trained with Adam and a cosine learning-rate "
                + "schedule. The classical twin replaces the quantum layer by a 1x1 convolution. Input: either one "
                + "numeric attribute per pixel value (width*height*channels of them) plus the class, or a meta ARFF "
                + "with an image file name (string attribute) plus the class and the images-location option.";
    }

    @Override
    public Capabilities getCapabilities() {
        Capabilities result = super.getCapabilities();
        result.disableAll();
        result.enable(Capability.NUMERIC_ATTRIBUTES);
        result.enable(Capability.STRING_ATTRIBUTES);
        result.enable(Capability.MISSING_VALUES);
        result.enable(Capability.NOMINAL_CLASS);
        result.enable(Capability.MISSING_CLASS_VALUES);
        result.setMinimumNumberInstances(0);
        return result;
    }

    @Override
    public void buildClassifier(Instances data) throws Exception {
        opts.validate(); // the option editor and setOptions store any value; ranges are checked here
        predictionNoise = PredictionNoiseOptions.of(opts);
        getCapabilities().testWithFail(data);
        header = new Instances(data, 0);
        fallback = null;
        classOfOutput = null;
        network = null;
        epochSeconds = null;
        trainedWith = opts.copy();
        metaArff = isMetaArff(data);
        if (!metaArff) {
            checkPixelAttributes(data);
        }
        Instances train = new Instances(data);
        train.deleteWithMissingClass();

        int[] counts = new int[train.numClasses()];
        for (Instance inst : train) {
            counts[(int) inst.classValue()]++;
        }
        int present = 0;
        for (int n : counts) {
            present += n > 0 ? 1 : 0;
        }
        if (present < 2 || train.numAttributes() < 2) {
            useFallback(train, "QuantumPointwiseCNN: fewer than two classes with training data or no pixel "
                    + "attribute: using ZeroR");
            return;
        }
        classOfOutput = new int[present];
        int[] outputOfClass = new int[counts.length];
        for (int k = 0, o = 0; k < counts.length; k++) {
            outputOfClass[k] = counts[k] > 0 ? o : -1;
            if (counts[k] > 0) {
                classOfOutput[o++] = k;
            }
        }
        float[][] x = images(train);
        int[] y = new int[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = outputOfClass[(int) train.instance(i).classValue()];
        }
        QuantumPointwiseCNNBuilder spec = QuantumPointwiseCNNBuilder.fromOptions(trainedWith, present);
        String qasmFile = trainedWith.getString("qasmFile");
        int qasmPixel = trainedWith.getInt("qasmPixel");
        int c = spec.channels(), h = spec.height(), w = spec.width();
        if (!qasmFile.isEmpty()) { // checked before training, from the network's configuration
            int pixels = Nd4jClassLoaderScope.call(() -> NetworkCircuits.circuitSites(spec.configuration(), c, h, w));
            checkQasmSite(SPEC.get("qasmPixel"), qasmPixel, pixels, "the feature map entering the quantum pointwise "
                    + "layer has " + pixels + " pixels for " + w + "x" + h + " images");
        }
        QuantumPointwiseCNNNetworkTrainer trainer = QuantumPointwiseCNNNetworkTrainer.fromOptions(trainedWith, spec, getSeed());
        java.io.PrintStream out = progressOut();
        MultiLayerNetwork trained = Nd4jClassLoaderScope.call(() -> PlatformTraining.withLog(
                QuantumPointwiseCNNNetworkTrainer.class.getName(), showProgress(), out, "QuantumPointwiseCNN",
                () -> trainer.train(x, y, null, null)));
        network = new ModelBytes<>("DL4J network", trained, QuantumPointwiseCNN::networkBytes);
        epochSeconds = trainer.epochSeconds();
        if (!qasmFile.isEmpty() && !spec.isClassical()) {
            writeQasmFiles(qasmFile, Nd4jClassLoaderScope.call(() -> BoundCircuit.toOpenQasm(NetworkCircuits.bound(
                    trained, Nd4j.create(x[0], new long[]{1, c, h, w}, 'c').castTo(DataType.FLOAT), qasmPixel),
                    false)));
        }
    }

    /** Whether the data are a meta ARFF: exactly one attribute besides the class, a string attribute. */
    private static boolean isMetaArff(Instances data) {
        return data.numAttributes() == 2 && data.attribute(data.classIndex() == 0 ? 1 : 0).isString();
    }

    private void checkPixelAttributes(Instances data) {
        int pixels = data.numAttributes() - 1;
        for (int a = 0; a < data.numAttributes(); a++) {
            Attribute att = data.attribute(a);
            if (a != data.classIndex() && !att.isNumeric()) {
                throw new IllegalArgumentException("Attribute '" + att.name() + "' is not numeric: pixel-attribute "
                        + "data need numeric attributes only; a meta ARFF has exactly one string attribute (the "
                        + "image file name) and the class");
            }
        }
        int expected = QuantumPointwiseCNNOptions.pixelsPerImage(opts);
        if (pixels > 0 && pixels != expected) {
            throw new IllegalArgumentException("The data have " + pixels + " numeric attributes besides the class, "
                    + "but the image size is " + opts.getInt("imageWidth") + "x" + opts.getInt("imageHeight") + "x"
                    + opts.getInt("imageChannels") + " = " + expected + " pixel values; set -width, -height and "
                    + "-channels to match the data");
        }
    }

    /** The images of the instances, NCHW-flattened. */
    private float[][] images(Instances data) throws IOException {
        float[][] x = new float[data.numInstances()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = image(data.instance(i), i);
        }
        return x;
    }

    /** The image of one instance, NCHW-flattened, as the network takes it (pixel scale applied). */
    float[] image(Instance inst, int row) throws IOException {
        int w = trainedWith.getInt("imageWidth");
        int h = trainedWith.getInt("imageHeight");
        int c = trainedWith.getInt("imageChannels");
        int cls = inst.classIndex();
        if (metaArff) {
            int a = cls == 0 ? 1 : 0;
            if (inst.isMissing(a)) {
                throw new IllegalArgumentException("Instance " + row + " has no image file name (string attribute '"
                        + inst.attribute(a).name() + "' is missing)");
            }
            String name = inst.stringValue(a);
            String dir = trainedWith.getString("imagesLocation");
            Path file = dir.isEmpty() ? Path.of(name) : Path.of(dir, name);
            try {
                return ImageFiles.readNchw(file, c, h, w);
            } catch (IOException e) {
                throw new IOException("Cannot read the image of instance " + row + " (string attribute '"
                        + inst.attribute(a).name() + "' = '" + name + "', images location '" + dir + "'): "
                        + e.getMessage(), e);
            }
        }
        float scale = (float) trainedWith.getDouble("pixelScale");
        // One value per pixel: an instance of another image size is refused, never cut or zero-filled.
        new ImageShape(c, h, w).requireValues("Instance " + row + " (" + (inst.numAttributes() - 1)
                + " attributes besides the class)", inst.numAttributes() - 1, "the classifier's image shape");
        float[] px = new float[w * h * c];
        for (int a = 0, k = 0; a < inst.numAttributes(); a++) {
            if (a != cls) {
                px[k++] = inst.isMissing(a) ? 0f : (float) inst.value(a) * scale;
            }
        }
        return px;
    }

    /** The network's DL4J {@code ModelSerializer} bytes, its serial form. */
    private static byte[] networkBytes(MultiLayerNetwork net) throws Exception {
        return Nd4jClassLoaderScope.call(() -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(net, bytes, false);
            return bytes.toByteArray();
        });
    }

    /** The trained network, restored from its bytes after deserialisation. */
    MultiLayerNetwork network() throws Exception {
        MultiLayerNetwork net = network.get(bytes -> Nd4jClassLoaderScope.call(
                () -> ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false)));
        NetworkCircuits.predictionNoise(net, predictionNoise == null ? PredictionNoise.exact() : predictionNoise);
        return net;
    }

    @Override
    public double[] distributionForInstance(Instance instance) throws Exception {
        if (fallback != null) {
            return fallback.distributionForInstance(instance);
        }
        return predict(new float[][]{image(checkBuilt(instance), 0)})[0];
    }

    @Override
    public double[][] distributionsForInstances(Instances insts) throws Exception {
        if (fallback != null) {
            return fallbackDistributions(insts);
        }
        checkBuilt(null);
        return predict(images(insts));
    }

    private Instance checkBuilt(Instance inst) {
        if (network == null) {
            throw new IllegalStateException("The classifier has not been built");
        }
        return inst;
    }

    /** Class distributions of images: the network's probabilities on the classes seen in training, else 0. */
    private double[][] predict(float[][] x) throws Exception {
        MultiLayerNetwork net = network();
        QuantumPointwiseCNNBuilder spec = QuantumPointwiseCNNBuilder.fromOptions(trainedWith, classOfOutput.length);
        float[][] p = Nd4jClassLoaderScope.call(() -> new QuantumPointwiseCNNNetworkTrainer(spec).predictProba(net, x));
        double[][] out = new double[x.length][];
        for (int r = 0; r < out.length; r++) {
            out[r] = new double[header.numClasses()];
            for (int o = 0; o < classOfOutput.length; o++) {
                out[r][classOfOutput[o]] = p[r][o];
            }
        }
        return out;
    }

    // ----------------------------------------------------------------------------------------------- options

    /** @return tip text */
    public String qasmPixelTipText() {
        return SPEC.tip("qasmPixel");
    }

    /** @return the pixel of the quantum layer's input whose circuits qasmFile writes */
    public int getQasmPixel() {
        return opts.getInt("qasmPixel");
    }

    /** @param v the pixel of the quantum layer's input whose circuits qasmFile writes (range checked when built) */
    public void setQasmPixel(int v) {
        opts.store("qasmPixel", v);
    }

    /** @return tip text */
    public String imageWidthTipText() {
        return SPEC.tip("imageWidth");
    }

    /** @return image width */
    public int getImageWidth() {
        return opts.getInt("imageWidth");
    }

    /** @param v image width &ge; 4 */
    public void setImageWidth(int v) {
        opts.store("imageWidth", v);
    }

    /** @return tip text */
    public String imageHeightTipText() {
        return SPEC.tip("imageHeight");
    }

    /** @return image height */
    public int getImageHeight() {
        return opts.getInt("imageHeight");
    }

    /** @param v image height &ge; 4 */
    public void setImageHeight(int v) {
        opts.store("imageHeight", v);
    }

    /** @return tip text */
    public String pixelScaleTipText() {
        return SPEC.tip("pixelScale");
    }

    /** @return the factor applied to pixel attribute values */
    public double getPixelScale() {
        return opts.getDouble("pixelScale");
    }

    /** @param v the factor applied to pixel attribute values (&gt; 0) */
    public void setPixelScale(double v) {
        opts.store("pixelScale", v);
    }

    /** @return tip text */
    public String pointwiseLayerTipText() {
        return SPEC.tip("pointwiseLayer");
    }

    /** @return the pointwise layer type */
    public SelectedTag getPointwiseLayer() {
        return selected("pointwiseLayer", TAGS_POINTWISE);
    }

    /** @param v the pointwise layer type (one of {@link #TAGS_POINTWISE}) */
    public void setPointwiseLayer(SelectedTag v) {
        select("pointwiseLayer", v, TAGS_POINTWISE);
    }

    /** @return tip text */
    public String convChannelsTipText() {
        return SPEC.tip("convChannels");
    }

    /** @return filters of the first convolution */
    public int getConvChannels() {
        return opts.getInt("convChannels");
    }

    /** @param v filters of the first convolution (&ge; 2) */
    public void setConvChannels(int v) {
        opts.store("convChannels", v);
    }

    /** @return tip text */
    public String quantumLayersTipText() {
        return SPEC.tip("quantumLayers");
    }

    /** @return entangling layers per circuit */
    public int getQuantumLayers() {
        return opts.getInt("quantumLayers");
    }

    /** @param v entangling layers per circuit (&ge; 1) */
    public void setQuantumLayers(int v) {
        opts.store("quantumLayers", v);
    }

    /** @return tip text */
    public String circuitsTipText() {
        return SPEC.tip("circuits");
    }

    /** @return number of circuits */
    public int getCircuits() {
        return opts.getInt("circuits");
    }

    /** @param v number of circuits (&ge; 1) */
    public void setCircuits(int v) {
        opts.store("circuits", v);
    }

    // ----------------------------------------------------------------------------------------------- output

    @Override
    public String toString() {
        if (fallback != null) {
            return "QuantumPointwiseCNN: fewer than two classes with training data, ZeroR fallback\n\n" + fallback;
        }
        if (network == null) {
            return "QuantumPointwiseCNN: not built yet";
        }
        StringBuilder sb = new StringBuilder("QuantumPointwiseCNN\n===================\n\n");
        sb.append("Data: ").append(metaArff ? "image files (meta ARFF)" : "pixel attributes").append('\n');
        try {
            MultiLayerNetwork net = network();
            QuantumPointwiseCNNBuilder spec = QuantumPointwiseCNNBuilder.fromOptions(trainedWith, classOfOutput.length);
            sb.append(Nd4jClassLoaderScope.call(() -> spec.describe(net,
                    epochSeconds == null ? new double[0] : epochSeconds)));
        } catch (Exception e) {
            sb.append("(network not readable: ").append(e.getMessage()).append(")\n");
        }
        if (classOfOutput.length < header.numClasses()) {
            sb.append("Classes without training data (probability 0): ")
                    .append(header.numClasses() - classOfOutput.length).append('\n');
        }
        return sb.append(trainedCircuitsSection()).toString();
    }

    /**
     * @return the quantum pointwise layer's K circuits with their trained parameter slices; empty for the classical
     *         1x1 variant, a fallback or before training
     */
    @Override
    public List<TrainedCircuit> trainedCircuits() {
        if (network == null || fallback != null) {
            return List.of();
        }
        try {
            MultiLayerNetwork net = network();
            return Nd4jClassLoaderScope.call(() -> NetworkCircuits.of(net));
        } catch (Exception e) {
            throw new IllegalStateException("The trained network cannot be restored: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the classifier from the command line (Weka's standard evaluation options).
     *
     * @param args options, e.g. {@code -width 8 -height 8 -t digits.arff -x 3}
     */
    public static void main(String[] args) {
        runQuantumClassifier(new QuantumPointwiseCNN(), args);
    }
}

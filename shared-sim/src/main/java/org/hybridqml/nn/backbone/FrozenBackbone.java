package org.hybridqml.nn.backbone;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.hybridqml.data.ImageTensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A frozen CNN backbone read from a DL4J model file: turns images into feature rows ({@code double[][]}
 * [batch][features]) for a classifier head such as the dressed quantum circuit ({@code org.hybridqml.qnn.head}).
 *
 * <p><b>Model file.</b> Any zip written by {@code ModelSerializer.writeModel}, {@code MultiLayerNetwork.save} or
 * {@code ComputationGraph.save}; whether it holds a {@link MultiLayerNetwork} or a {@link ComputationGraph} is
 * detected from its {@code configuration.json}. The updater state is not loaded. Pretrained zoo weights (e.g.
 * ResNet-50) cannot be downloaded here: DL4J's {@code ZooModel.initPretrained} fetches them from a remote host at run
 * time, so give the zoo's zip (a normal DL4J model zip) as a local file instead.
 *
 * <p><b>Frozen.</b> The network is only ever run in inference mode ({@code train = false}: dropout off, batch
 * normalisation with its stored statistics) and is never handed out or fitted, so its parameters cannot change.
 * The paper (Chan et al., arXiv:2405.00156; {@code freeze=False} in the authors' code
 * {@code BioIntelligence-Lab/QuMI/src/model.py}) fine-tuned the whole ResNet-50 together with the head; we use the
 * backbone as a fixed feature extractor instead, because back-propagating through a ResNet-50 on the CPU-only
 * targets of this project is far too slow (≈ 4 GFLOP per 224² image forward, several times that backward), while
 * features can be extracted once and the head trained on them many times.
 *
 * <p><b>Features.</b> By default the activations of the network's (single) output; {@link #withFeatureLayer}
 * selects a named layer (MultiLayerNetwork: layer name or index; ComputationGraph: any vertex name, e.g. a
 * global-pooling vertex; the whole graph is then run, as DL4J's {@code feedForward} does). Activations are flattened per example in C order ([C,H,W] for CNN activations, channel
 * slowest) and widened to double.
 *
 * <p><b>Input.</b> Images as NCHW float arrays or channels-last {@link ImageTensor}s (converted to NCHW after the
 * optional {@link ImagePreprocessor}). Inputs are checked against what the model expects as far as its configuration
 * tells: channels of the first convolution layer, the height/width a flat-input network was built for, or the
 * height/width its first CNN-to-dense preprocessor was built for; a mismatch fails with a message naming both.
 * Inference runs in mini-batches of {@link #batchSize()} images.
 *
 * <p>Copies made by the {@code withX} methods share the loaded network; calls on one network are serialised. Not
 * {@link java.io.Serializable}: pipelines refer to the model by its file (see {@link BackbonePipeline}).
 */
public final class FrozenBackbone {

    /** The kind of network in the model file. */
    public enum Kind {
        /** A {@code MultiLayerNetwork}. */
        MULTI_LAYER_NETWORK,
        /** A {@code ComputationGraph}. */
        COMPUTATION_GRAPH
    }

    /** Default number of images per forward pass. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    /** Largest side tried when working out the input size a model expects (error messages only). */
    private static final int MAX_SIDE_SEARCH = 1024;

    private final Path modelFile;
    private final Kind kind;
    private final MultiLayerNetwork mln;
    private final ComputationGraph graph;
    private final String featureLayer;
    private final int featureIndex;
    private final int batchSize;
    private final ImagePreprocessor preprocessor;
    /** The last input shape (c, h, w) that passed {@link #checkInput}; the check clones the configuration. */
    private volatile long[] lastAccepted;

    private FrozenBackbone(Path modelFile, Kind kind, MultiLayerNetwork mln, ComputationGraph graph,
                           String featureLayer, int featureIndex, int batchSize, ImagePreprocessor preprocessor) {
        this.modelFile = modelFile;
        this.kind = kind;
        this.mln = mln;
        this.graph = graph;
        this.featureLayer = featureLayer;
        this.featureIndex = featureIndex;
        this.batchSize = batchSize;
        this.preprocessor = preprocessor;
    }

    /**
     * Loads a DL4J model zip (MultiLayerNetwork or ComputationGraph, detected) with the defaults: features = the
     * network's output, batch size {@value #DEFAULT_BATCH_SIZE}, no preprocessing.
     *
     * @param modelFile the model zip
     * @return the backbone
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException         if it is not a zip, not a DL4J model zip, or its parameters cannot be read
     */
    public static FrozenBackbone load(Path modelFile) throws IOException {
        if (modelFile == null) {
            throw new IllegalArgumentException("modelFile must not be null");
        }
        Path file = modelFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "DL4J model file not found");
        }
        Kind kind = detect(file);
        MultiLayerNetwork net = null;
        ComputationGraph g = null;
        try {
            if (kind == Kind.MULTI_LAYER_NETWORK) {
                net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
            } else {
                g = ModelSerializer.restoreComputationGraph(file.toFile(), false);
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("Could not load the DL4J " + kind + " in " + file + ": " + e, e);
        }
        if (g != null && g.getNumInputArrays() != 1) {
            throw new IOException("The ComputationGraph in " + file + " has " + g.getNumInputArrays() + " inputs "
                    + g.getConfiguration().getNetworkInputs() + "; a backbone needs exactly one");
        }
        return new FrozenBackbone(file, kind, net, g, null, -1, DEFAULT_BATCH_SIZE, ImagePreprocessor.none());
    }

    /** Reads configuration.json from the zip and decides the network kind. */
    private static Kind detect(Path file) throws IOException {
        JsonNode json;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry conf = zip.getEntry("configuration.json");
            if (conf == null) {
                throw new IOException("Not a DL4J model file (zip without configuration.json; expected a zip written "
                        + "by ModelSerializer / MultiLayerNetwork.save / ComputationGraph.save): " + file);
            }
            if (zip.getEntry("coefficients.bin") == null) {
                throw new IOException("DL4J model file without parameters (no coefficients.bin): " + file);
            }
            try (InputStream in = zip.getInputStream(conf)) {
                json = new ObjectMapper().readTree(in);
            } catch (IOException | RuntimeException e) {
                throw new IOException("Unreadable configuration.json in DL4J model file " + file + ": " + e, e);
            }
        } catch (ZipException e) {
            throw new IOException("Not a DL4J model file (not a valid zip archive: " + e.getMessage() + "): " + file,
                    e);
        }
        if (json != null && json.has("vertices") && json.has("networkInputs")) {
            return Kind.COMPUTATION_GRAPH;
        }
        if (json != null && json.has("confs")) {
            return Kind.MULTI_LAYER_NETWORK;
        }
        throw new IOException("configuration.json in " + file + " describes neither a MultiLayerNetwork (\"confs\") "
                + "nor a ComputationGraph (\"vertices\")");
    }

    /**
     * A copy that extracts the activations of the named layer (or vertex) instead of the network output.
     *
     * @param name MultiLayerNetwork: a layer name or a layer index ("0", "1", …); ComputationGraph: a vertex name
     *             (not the input); {@code null} for the network output
     * @return the copy (sharing the network)
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public FrozenBackbone withFeatureLayer(String name) {
        if (name == null) {
            return new FrozenBackbone(modelFile, kind, mln, graph, null, -1, batchSize, preprocessor);
        }
        int index;
        if (mln != null) {
            List<String> names = layerNames();
            index = names.indexOf(name);
            if (index < 0 && name.matches("\\d{1,9}") && Integer.parseInt(name) < names.size()) {
                index = Integer.parseInt(name);
            }
        } else {
            boolean known = graph.getConfiguration().getVertices().containsKey(name);
            index = known ? graph.getVertex(name).getVertexIndex() : -1;
        }
        if (index < 0) {
            throw new IllegalArgumentException("Unknown feature layer '" + name + "' in " + modelFile.getFileName()
                    + "; " + (mln != null ? "layers (name or index): " : "vertices: ") + layerNames());
        }
        return new FrozenBackbone(modelFile, kind, mln, graph, name, index, batchSize, preprocessor);
    }

    /**
     * A copy with another inference batch size.
     *
     * @param size images per forward pass, &ge; 1
     * @return the copy (sharing the network)
     */
    public FrozenBackbone withBatchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + size);
        }
        return new FrozenBackbone(modelFile, kind, mln, graph, featureLayer, featureIndex, size, preprocessor);
    }

    /**
     * A copy that applies this preprocessing to {@link ImageTensor} inputs (not to raw NCHW arrays).
     *
     * @param p the preprocessing
     * @return the copy (sharing the network)
     */
    public FrozenBackbone withPreprocessor(ImagePreprocessor p) {
        if (p == null) {
            throw new IllegalArgumentException("preprocessor must not be null (use ImagePreprocessor.none())");
        }
        return new FrozenBackbone(modelFile, kind, mln, graph, featureLayer, featureIndex, batchSize, p);
    }

    /** @return the absolute path of the model file */
    public Path modelFile() {
        return modelFile;
    }

    /** @return the kind of network */
    public Kind kind() {
        return kind;
    }

    /** @return the feature layer name, or {@code null} for the network output */
    public String featureLayer() {
        return featureLayer;
    }

    /** @return images per forward pass */
    public int batchSize() {
        return batchSize;
    }

    /** @return the preprocessing applied to {@link ImageTensor} inputs */
    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    /** @return the number of (frozen) parameters of the network */
    public long numParameters() {
        return mln != null ? mln.numParams() : graph.numParams();
    }

    /** @return layer names in order (MultiLayerNetwork) or vertex names in topological order (ComputationGraph) */
    public List<String> layerNames() {
        List<String> names = new ArrayList<>();
        if (mln != null) {
            for (int i = 0; i < mln.getnLayers(); i++) {
                names.add(mln.getLayer(i).conf().getLayer().getLayerName());
            }
        } else {
            for (int idx : graph.topologicalSortOrder()) {
                String n = graph.getVertices()[idx].getVertexName();
                if (!graph.getConfiguration().getNetworkInputs().contains(n)) {
                    names.add(n);
                }
            }
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * A copy of the network's parameters (for checks that nothing changed).
     *
     * @return all parameters as doubles
     */
    public double[] parameterSnapshot() {
        synchronized (lock()) {
            INDArray p = mln != null ? mln.params() : graph.params();
            return p.castTo(DataType.DOUBLE).toDoubleVector();
        }
    }

    /**
     * Features of channels-last images: each is preprocessed, converted to CHW and run in mini-batches.
     *
     * @param images images, all of the same size after preprocessing
     * @return [images][features]
     * @throws IllegalArgumentException on an empty list, images of different sizes, or a shape the model does not
     *                                  accept
     */
    public double[][] extract(List<ImageTensor> images) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("No images given");
        }
        double[][] out = new double[images.size()][];
        int c = -1;
        int h = -1;
        int w = -1;
        for (int from = 0; from < images.size(); from += batchSize) {
            int to = Math.min(images.size(), from + batchSize);
            float[] batch = null;
            for (int i = from; i < to; i++) {
                ImageTensor t = preprocessor.apply(images.get(i));
                if (c < 0) {
                    c = t.channels();
                    h = t.height();
                    w = t.width();
                    checkInput(c, h, w);
                } else if (t.channels() != c || t.height() != h || t.width() != w) {
                    throw new IllegalArgumentException("Image " + i + " is " + shape(t.channels(), t.height(),
                            t.width()) + " after preprocessing, image 0 is " + shape(c, h, w)
                            + " (channels x height x width); give a resize in the ImagePreprocessor");
                }
                if (batch == null) {
                    batch = new float[(to - from) * c * h * w];
                }
                toChw(t, batch, (i - from) * c * h * w);
            }
            double[][] f = run(Nd4j.create(batch, new long[]{to - from, c, h, w}, 'c'));
            System.arraycopy(f, 0, out, from, f.length);
        }
        return out;
    }

    /**
     * Features of images given as one NCHW float array.
     *
     * @param nchw     n·c·h·w values in NCHW order
     * @param n        images
     * @param channels channels
     * @param height   rows
     * @param width    columns
     * @return [n][features]
     */
    public double[][] extract(float[] nchw, int n, int channels, int height, int width) {
        if (n < 1 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("Input dimensions must be positive, got " + n + "x"
                    + shape(channels, height, width));
        }
        if (nchw == null || nchw.length != (long) n * channels * height * width) {
            throw new IllegalArgumentException("Input has " + (nchw == null ? 0 : nchw.length) + " values, expected "
                    + n + "x" + shape(channels, height, width) + " = " + ((long) n * channels * height * width));
        }
        return extract(Nd4j.create(nchw, new long[]{n, channels, height, width}, 'c'));
    }

    /**
     * Features of an NCHW array (rank 4: [batch, channels, height, width]).
     *
     * @param nchw the images
     * @return [batch][features]
     */
    public double[][] extract(INDArray nchw) {
        if (nchw == null || nchw.rank() != 4) {
            throw new IllegalArgumentException("Input must be a rank-4 NCHW array [batch, channels, height, width], "
                    + "got shape " + (nchw == null ? "null" : java.util.Arrays.toString(nchw.shape())));
        }
        long n = nchw.size(0);
        checkInput(nchw.size(1), nchw.size(2), nchw.size(3));
        double[][] out = new double[(int) n][];
        for (long from = 0; from < n; from += batchSize) {
            long to = Math.min(n, from + batchSize);
            INDArray b = nchw.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            double[][] f = run(b.dup('c'));
            System.arraycopy(f, 0, out, (int) from, f.length);
        }
        return out;
    }

    private Object lock() {
        return mln != null ? mln : graph;
    }

    /** One forward pass in inference mode on an NCHW batch whose shape was already checked. */
    private double[][] run(INDArray nchw) {
        long n = nchw.size(0);
        Expected e = expected();
        INDArray x = nchw.castTo(dataType());
        if (e.flat) {
            x = x.reshape('c', n, nchw.length() / n);
        }
        INDArray act;
        synchronized (lock()) {
            if (mln != null) {
                act = featureLayer == null ? mln.output(x, false)
                        : mln.feedForwardToLayer(featureIndex, x, false).get(featureIndex + 1);
            } else if (featureLayer == null) {
                INDArray[] outs = graph.output(false, x);
                if (outs.length != 1) {
                    throw new IllegalStateException("The graph has " + outs.length + " outputs "
                            + graph.getConfiguration().getNetworkOutputs() + "; choose one with withFeatureLayer");
                }
                act = outs[0];
            } else {
                act = graph.feedForward(new INDArray[]{x}, false).get(featureLayer);
            }
        }
        return act.castTo(DataType.DOUBLE).reshape('c', n, act.length() / n).toDoubleMatrix();
    }

    private DataType dataType() {
        return mln != null ? mln.getLayerWiseConfigurations().getDataType() : graph.getConfiguration().getDataType();
    }

    // ---------------------------------------------------------------- input checks

    /** What the model's configuration says about its input. */
    private static final class Expected {
        long channels = -1;
        long height = -1;
        long width = -1;
        long flatSize = -1;
        boolean flat;
        CNN2DFormat format = CNN2DFormat.NCHW;
    }

    private Expected expected() {
        Expected e = new Expected();
        Layer first;
        InputPreProcessor pre;
        if (mln != null) {
            MultiLayerConfiguration conf = mln.getLayerWiseConfigurations();
            first = conf.getConf(0).getLayer();
            pre = conf.getInputPreProcess(0);
        } else {
            LayerVertex lv = firstLayerVertex();
            first = lv == null ? null : lv.getLayerConf().getLayer();
            pre = lv == null ? null : lv.getPreProcessor();
        }
        if (pre instanceof FeedForwardToCnnPreProcessor) {
            FeedForwardToCnnPreProcessor p = (FeedForwardToCnnPreProcessor) pre;
            e.channels = p.getNumChannels();
            e.height = p.getInputHeight();
            e.width = p.getInputWidth();
            e.flat = true;
        } else if (first instanceof ConvolutionLayer) {
            ConvolutionLayer cl = (ConvolutionLayer) first;
            e.channels = cl.getNIn();
            e.format = cl.getCnn2dDataFormat();
        } else if (first instanceof FeedForwardLayer && pre == null) {
            e.flatSize = ((FeedForwardLayer) first).getNIn();
            e.flat = true;
        }
        return e;
    }

    /** The layer vertex fed directly by the graph's input, if any. */
    private LayerVertex firstLayerVertex() {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        String in = conf.getNetworkInputs().get(0);
        for (String name : layerNames()) {
            List<String> inputs = conf.getVertexInputs().get(name);
            GraphVertex v = conf.getVertices().get(name);
            if (inputs != null && inputs.contains(in) && v instanceof LayerVertex) {
                return (LayerVertex) v;
            }
        }
        return null;
    }

    /**
     * Checks an input shape against the model's configuration.
     *
     * @throws IllegalArgumentException naming the expected and the actual shape
     */
    private void checkInput(long c, long h, long w) {
        long[] ok = lastAccepted;
        if (ok != null && ok[0] == c && ok[1] == h && ok[2] == w) {
            return;
        }
        checkInputUncached(c, h, w);
        lastAccepted = new long[]{c, h, w};
    }

    private void checkInputUncached(long c, long h, long w) {
        Expected e = expected();
        String actual = shape(c, h, w);
        String model = "Model " + modelFile.getFileName() + " expects input ";
        if (e.format == CNN2DFormat.NHWC) {
            throw new IllegalArgumentException("Model " + modelFile.getFileName() + " is built for NHWC input; only "
                    + "NCHW models are supported (rebuild it with CNN2DFormat.NCHW)");
        }
        if (e.height > 0) {
            if (e.channels != c || e.height != h || e.width != w) {
                throw new IllegalArgumentException(model + shape(e.channels, e.height, e.width)
                        + " (channels x height x width), got " + actual);
            }
            return;
        }
        if (e.flatSize > 0) {
            if (c * h * w != e.flatSize) {
                throw new IllegalArgumentException(model + "of " + e.flatSize + " values per example (flat), got "
                        + actual + " = " + (c * h * w));
            }
            return;
        }
        if (e.channels > 0 && e.channels != c) {
            throw new IllegalArgumentException(model + "with " + e.channels + " channels, got " + actual
                    + " (channels x height x width)");
        }
        if (e.channels > 0) {
            String msg = spatialMismatch(c, h, w);
            if (msg != null) {
                throw new IllegalArgumentException(model + msg + ", got " + actual + " (channels x height x width)");
            }
        }
    }

    /** The first CNN-to-dense preprocessor: the activation shape it was built for and the layer it feeds. */
    private record Target(long channels, long height, long width, String name, int mlnIndex) {
    }

    /**
     * Propagates an input type through the configuration and compares it with what the first CNN-to-dense
     * preprocessor was built for.
     *
     * @return null if it fits (or nothing can be said), else the expected-size part of the message
     */
    private String spatialMismatch(long c, long h, long w) {
        Target target = cnnToDenseTarget();
        if (target == null) {
            return null;
        }
        Object scratch = mln != null ? mln.getLayerWiseConfigurations().clone() : graph.getConfiguration().clone();
        long[] got = activationBefore(scratch, target, InputType.convolutional(h, w, c));
        if (got != null && got[1] == target.height() && got[2] == target.width()) {
            return null;
        }
        List<Long> hs = new ArrayList<>();
        List<Long> ws = new ArrayList<>();
        for (long k = 1; k <= MAX_SIDE_SEARCH; k++) {
            long[] a = activationBefore(scratch, target, InputType.convolutional(k, k, c));
            if (a != null && a[1] == target.height()) {
                hs.add(k);
            }
            if (a != null && a[2] == target.width()) {
                ws.add(k);
            }
        }
        String where = " (its layer '" + target.name() + "' was built for "
                + shape(target.channels(), target.height(), target.width()) + " activations)";
        if (hs.isEmpty() || ws.isEmpty()) {
            return "of another height/width" + where;
        }
        return c + "x" + range(hs) + "x" + range(ws) + where;
    }

    private static String range(List<Long> v) {
        long lo = v.get(0);
        long hi = v.get(v.size() - 1);
        return lo == hi ? String.valueOf(lo) : lo + "\u2013" + hi;
    }

    private Target cnnToDenseTarget() {
        List<String> names = layerNames();
        if (mln != null) {
            MultiLayerConfiguration conf = mln.getLayerWiseConfigurations();
            for (int i = 0; i < conf.getConfs().size(); i++) {
                if (conf.getInputPreProcess(i) instanceof CnnToFeedForwardPreProcessor) {
                    return target((CnnToFeedForwardPreProcessor) conf.getInputPreProcess(i), names.get(i), i);
                }
            }
            return null;
        }
        for (String name : names) {
            GraphVertex v = graph.getConfiguration().getVertices().get(name);
            if (v instanceof LayerVertex
                    && ((LayerVertex) v).getPreProcessor() instanceof CnnToFeedForwardPreProcessor) {
                return target((CnnToFeedForwardPreProcessor) ((LayerVertex) v).getPreProcessor(), name, -1);
            }
        }
        return null;
    }

    private static Target target(CnnToFeedForwardPreProcessor p, String name, int index) {
        if (p.getInputHeight() <= 0 || p.getInputWidth() <= 0) {
            return null;
        }
        return new Target(p.getNumChannels(), p.getInputHeight(), p.getInputWidth(), name, index);
    }

    /**
     * [c, h, w] of the activations entering the target layer for this input type; null if not convolutional.
     *
     * @param scratch a clone of the network's configuration: DL4J's type propagation may set nIn values in the
     *                configuration it walks (harmless for the spatial sizes before the target)
     */
    private static long[] activationBefore(Object scratch, Target t, InputType input) {
        InputType a;
        try {
            if (scratch instanceof MultiLayerConfiguration) {
                List<InputType> types = ((MultiLayerConfiguration) scratch).getLayerActivationTypes(input);
                a = t.mlnIndex() == 0 ? input : types.get(t.mlnIndex() - 1);
            } else {
                ComputationGraphConfiguration conf = (ComputationGraphConfiguration) scratch;
                Map<String, InputType> types = conf.getLayerActivationTypes(input);
                String src = conf.getVertexInputs().get(t.name()).get(0);
                a = conf.getNetworkInputs().contains(src) ? input : types.get(src);
            }
        } catch (RuntimeException e) {
            return null;
        }
        if (!(a instanceof InputType.InputTypeConvolutional)) {
            return null;
        }
        InputType.InputTypeConvolutional cv = (InputType.InputTypeConvolutional) a;
        return new long[]{cv.getChannels(), cv.getHeight(), cv.getWidth()};
    }

    private static String shape(long c, long h, long w) {
        return c + "x" + h + "x" + w;
    }

    /** Copies a channels-last image into an NCHW buffer at the given offset. */
    private static void toChw(ImageTensor t, float[] dst, int offset) {
        float[] hwc = t.data();
        int c = t.channels();
        int hw = t.height() * t.width();
        for (int p = 0; p < hw; p++) {
            for (int k = 0; k < c; k++) {
                dst[offset + k * hw + p] = hwc[p * c + k];
            }
        }
    }

    @Override
    public String toString() {
        return "FrozenBackbone(" + modelFile.getFileName() + ", " + kind + ", " + numParameters() + " parameters, "
                + "features " + (featureLayer == null ? "output" : "'" + featureLayer + "'") + ", batch " + batchSize
                + ", " + preprocessor + ")";
    }
}

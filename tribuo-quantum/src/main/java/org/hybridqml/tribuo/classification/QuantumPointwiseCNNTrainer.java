package org.hybridqml.tribuo.classification;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.hybridqml.options.OptionSpec;
import org.hybridqml.options.QuantumPointwiseCNNOptions;
import org.hybridqml.tribuo.qnn.ConfigChecks;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hybridqml.nn.classify.QuantumPointwiseCNNBuilder;
import org.hybridqml.nn.classify.QuantumPointwiseCNNNetworkTrainer;
import org.hybridqml.data.ImageShape;
import org.hybridqml.tribuo.image.ImageExamples;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tribuo trainer of the hybrid pointwise CNN ({@link QuantumPointwiseCNNBuilder}): examples are images whose features are pixel
 * values named by their NCHW index (as {@code IDXDataSource} names them, "000".."783"); absent features (Tribuo
 * drops zeros) are read as 0. Every example must have the configured shape (width, height, channels): an image of
 * another size or channel count is an error naming both shapes, never zero-filled or cut (see
 * {@link ImageExamples#pixels} for how the shape is known). Each {@code train} call draws its network seed from a {@link SplittableRandom}
 * split of the configured seed, so repeated calls differ but a fresh trainer with the same seed repeats them.
 */
public final class QuantumPointwiseCNNTrainer implements Trainer<Label> {

    @Config(description = "Image width in pixels.")
    private int width = 28;
    @Config(description = "Image height in pixels.")
    private int height = 28;
    @Config(description = "Image channels (1 or 3).")
    private int channels = 1;
    @Config(description = "Channels of the first convolution (pointwise layer input).")
    private int convChannels = 8;
    @Config(description = "Strongly entangling layers per circuit.")
    private int quantumLayers = 2;
    @Config(description = "Number of circuits K.")
    private int circuits = 2;
    @Config(description = "Use the classical 1x1 convolution twin instead of the quantum layer.")
    private boolean classical = false;
    @Config(description = "Training epochs.")
    private int epochs = 3;
    @Config(description = "Mini-batch size.")
    private int batchSize = 32;
    @Config(description = "Peak learning rate of the cosine-annealed Adam.")
    private double learningRate = 0.01;
    @Config(description = "Factor applied to every pixel value (e.g. 1/255 for IDXDataSource's raw bytes).")
    private double inputScale = 1.0;
    @Config(description = "Seed.")
    private long seed = 42;

    private SplittableRandom rng;
    private int invocationCount = 0;

    private QuantumPointwiseCNNTrainer() {
    }

    /**
     * @param width        image width
     * @param height       image height
     * @param channels     image channels
     * @param quantumLayers strongly entangling layers L
     * @param circuits     circuits K
     * @param classical    classical twin flag
     * @param epochs       epochs
     * @param batchSize    mini-batch size
     * @param learningRate peak learning rate
     * @param seed         seed
     */
    public QuantumPointwiseCNNTrainer(int width, int height, int channels, int quantumLayers, int circuits,
                                      boolean classical, int epochs, int batchSize, double learningRate, long seed) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.quantumLayers = quantumLayers;
        this.circuits = circuits;
        this.classical = classical;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
        postConfig();
    }

    /**
     * Sets the factor applied to pixel values before the network (1/255 for IDX bytes) and re-checks.
     *
     * @param scale the factor (&gt; 0)
     * @return this
     */
    public QuantumPointwiseCNNTrainer withInputScale(double scale) {
        this.inputScale = scale;
        postConfig();
        return this;
    }

    @Override
    public synchronized void postConfig() {
        // the ranges of the engine-neutral options (the Weka classifier checks the same at build time)
        OptionSpec spec = QuantumPointwiseCNNOptions.SPEC;
        ConfigChecks.check("", "width", spec.get("imageWidth"), width);
        ConfigChecks.check("", "height", spec.get("imageHeight"), height);
        ConfigChecks.check("", "channels", spec.get("imageChannels"), channels);
        if (channels == 2) {
            throw new PropertyException("", "channels", "channels must be 1 or 3, got 2");
        }
        ConfigChecks.check("", "convChannels", spec.get("convChannels"), convChannels);
        ConfigChecks.check("", "quantumLayers", spec.get("quantumLayers"), quantumLayers);
        ConfigChecks.check("", "circuits", spec.get("circuits"), circuits);
        ConfigChecks.check("", "epochs", spec.get("epochs"), epochs);
        ConfigChecks.check("", "batchSize", spec.get("miniBatchSize"), batchSize);
        ConfigChecks.check("", "learningRate", spec.get("learningRate"), learningRate);
        ConfigChecks.check("", "inputScale", spec.get("pixelScale"), inputScale);
        rng = new SplittableRandom(seed);
    }

    @Override
    public QuantumPointwiseCNNModel train(Dataset<Label> examples) {
        return train(examples, Map.of());
    }

    @Override
    public QuantumPointwiseCNNModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public QuantumPointwiseCNNModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance,
                                          int invocationCount) {
        if (examples.size() == 0) throw new IllegalArgumentException("empty training dataset");
        SplittableRandom local;
        TrainerProvenance trainerProvenance;
        synchronized (this) {
            if (invocationCount != INCREMENT_INVOCATION_COUNT) setInvocationCount(invocationCount);
            local = rng.split();
            trainerProvenance = getProvenance();
            this.invocationCount++;
        }
        ImmutableFeatureMap fmap = examples.getFeatureIDMap();
        ImmutableOutputInfo<Label> info = examples.getOutputIDInfo();
        ImageShape shape = new ImageShape(channels, height, width);
        float[][] x = new float[examples.size()][];
        int[] y = new int[examples.size()];
        int i = 0;
        for (Example<Label> e : examples) {
            x[i] = ImageExamples.pixels(e, shape, (float) inputScale, "training example " + i,
                    "the trainer's configured image shape");
            y[i] = info.getID(e.getOutput());
            i++;
        }
        QuantumPointwiseCNNBuilder spec = spec(info.size());
        MultiLayerNetwork net = new QuantumPointwiseCNNNetworkTrainer(spec).epochs(epochs).batchSize(batchSize)
                .learningRate(learningRate).seed(local.nextLong()).train(x, y, null, null);
        ModelProvenance prov = new ModelProvenance(QuantumPointwiseCNNModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), trainerProvenance, runProvenance);
        return new QuantumPointwiseCNNModel("quantum-pointwise-cnn", prov, fmap, info, net, width, height, channels,
                (float) inputScale);
    }

    QuantumPointwiseCNNBuilder spec(int classes) {
        return new QuantumPointwiseCNNBuilder().width(width).height(height).channels(channels).numClasses(Math.max(2, classes))
                .convChannels(convChannels).quantumLayers(quantumLayers).circuits(circuits).classical(classical);
    }

    @Override
    public int getInvocationCount() {
        return invocationCount;
    }

    @Override
    public synchronized void setInvocationCount(int count) {
        if (count < 0) throw new IllegalArgumentException("invocation count must be >= 0, got " + count);
        rng = new SplittableRandom(seed);
        for (invocationCount = 0; invocationCount < count; invocationCount++) rng.split();
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "QuantumPointwiseCNNTrainer(width=" + width + ",height=" + height + ",channels=" + channels
                + ",convChannels=" + convChannels + ",L=" + quantumLayers + ",K=" + circuits + ",classical="
                + classical + ",epochs=" + epochs + ",batchSize=" + batchSize + ",lr=" + learningRate + ",inputScale=" + inputScale + ",seed="
                + seed + ")";
    }
}

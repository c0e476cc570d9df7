package org.hybridqml.tribuo.qnn;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.hybridqml.options.DQCOptions;
import org.hybridqml.options.OptionSpec;
import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.head.DenseHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.qnn.train.TrainingConfig;
import org.hybridqml.sim.StatevectorSimulator;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Output;
import org.tribuo.Trainer;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Shared options and bookkeeping of the Tribuo trainers for the DQC / CDL classifier heads of shared-sim
 * ({@link org.hybridqml.qnn.train.HeadTrainer}); the concrete trainers only translate their output type.
 *
 * <p>Options are OLCUT {@code @Config} fields, recorded in the provenance. A numeric option left at 0 and
 * {@link OutputBias#PRESET} take their value from the {@link Preset}: among them the DQC's {@code layers} (DEFAULT 8,
 * PAPER 3) and {@code readoutLearningRateScale}, the factor on the learning rate of its readout layer (DEFAULT 10,
 * PAPER 1; see {@link TrainingConfig#readoutLearningRateScale()}). Randomness follows Tribuo's SGD trainers: a
 * {@link SplittableRandom} is created from {@code seed} in {@link #postConfig()} and split once per training run;
 * the split supplies the seed of the core trainer (initialisation, validation split and shuffling), so a trainer
 * with the same seed and invocation count gives bitwise identical models.
 *
 * @param <T> the output type
 */
public abstract class AbstractHeadTrainer<T extends Output<T>> implements Trainer<T> {

    /**
     * Sentinel of the numeric options: take the value from the preset (qubits: the number of outputs). Zero rather
     * than −1 because OLCUT 5.3.1 compares negative numbers wrongly when checking a configuration against its
     * provenance ({@code Util.doubleEquals} scales its tolerance by the larger value).
     */
    public static final int FROM_PRESET = 0;

    /** The head to train. */
    @Config(description = "Classifier head: DQC (dressed quantum circuit) or CDL (its classical dense twin).")
    protected HeadType headType = HeadType.DQC;

    /** DQC qubits (0: one per output). */
    @Config(description = "DQC qubits; 0 = one qubit per output (label or class), as the paper. Ignored for CDL.")
    protected int qubits = FROM_PRESET;

    /** DQC variational layers (0: from the preset). */
    @Config(description = "DQC variational layers (RY on every wire + CNOT ring); 0 = from the preset (DEFAULT 8, "
            + "PAPER 3). Ignored for CDL.")
    protected int layers = FROM_PRESET;

    /** The recipe unset options come from. */
    @Config(description = "Training recipe the unset options come from: DEFAULT or PAPER.")
    protected Preset preset = Preset.DEFAULT;

    /** Adam learning rate (0: from the preset). */
    @Config(description = "Adam learning rate; 0 = from the preset.")
    protected double learningRate = FROM_PRESET;

    /** Factor on the learning rate of the DQC's readout layer (0: from the preset). */
    @Config(description = "Factor on the learning rate of the DQC's readout (the Dense layer after the <Z> "
            + "measurements); 0 = from the preset (DEFAULT 10, PAPER 1). Ignored for CDL.")
    protected double readoutLearningRateScale = FROM_PRESET;

    /** Mini-batch size. */
    @Config(description = "Mini-batch size.")
    protected int batchSize = 32;

    /** Maximum epochs (0: from the preset). */
    @Config(description = "Maximum number of epochs; 0 = from the preset.")
    protected int maxEpochs = FROM_PRESET;

    /** Early-stopping patience (0: from the preset). */
    @Config(description = "Early stopping: epochs without a lower validation loss; 0 = from the preset.")
    protected int patience = FROM_PRESET;

    /** Share of the training data held out for early stopping. */
    @Config(description = "Share of the training data held out for early stopping, in [0, 1) (both presets: 0.2).")
    protected double validationFraction = 0.2;

    /** Initialisation of the output bias. */
    @Config(description = "Initial output bias: PRESET, PRIORS (label log-odds / log class frequency) or ZERO.")
    protected OutputBias outputBias = OutputBias.PRESET;

    /** Seed of the trainer's random source. */
    @Config(description = "Seed of the trainer's SplittableRandom.")
    protected long seed = Trainer.DEFAULT_SEED;

    /** Simulator threads for DQC (0: all processors). */
    @Config(description = "Simulator threads for the DQC head; 0 = all available processors.")
    protected int simulatorThreads = 0;

    private SplittableRandom rng;

    private int trainInvocationCounter;

    /** For OLCUT and subclasses' programmatic constructors (which must call {@link #postConfig()}). */
    protected AbstractHeadTrainer() {
    }

    /**
     * Sets every training option at once (for the subclasses' programmatic constructors, which then call
     * {@link #postConfig()}). 0 for a numeric option means "from the preset" (qubits: one per
     * output).
     *
     * @param headType           DQC or CDL
     * @param qubits             DQC qubits or 0
     * @param layers             DQC layers or 0
     * @param preset             the recipe the unset options come from
     * @param learningRate       Adam learning rate or 0
     * @param batchSize          mini-batch size
     * @param maxEpochs          maximum epochs or 0
     * @param patience           early-stopping patience or 0
     * @param validationFraction validation share in [0, 1)
     * @param outputBias         output-bias initialisation
     * @param seed               seed of the trainer's random source
     */
    protected void setOptions(HeadType headType, int qubits, int layers, Preset preset, double learningRate,
                              int batchSize, int maxEpochs, int patience, double validationFraction,
                              OutputBias outputBias, long seed) {
        this.headType = headType;
        this.qubits = qubits;
        this.layers = layers;
        this.preset = preset;
        this.learningRate = learningRate;
        this.batchSize = batchSize;
        this.maxEpochs = maxEpochs;
        this.patience = patience;
        this.validationFraction = validationFraction;
        this.outputBias = outputBias;
        this.seed = seed;
    }

    /**
     * Checks the dense training features before training: at least one feature, and not every feature constant.
     * Single constant features are allowed, as in the core's {@link org.hybridqml.qnn.train.Standardizer}: they
     * carry no information, are mapped to 0 and logged as a warning by the core trainer.
     *
     * @param x dense training rows
     * @throws IllegalArgumentException if there is nothing to learn from
     */
    protected static void checkFeatures(double[][] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("No examples: the training dataset is empty");
        }
        if (x[0].length == 0) {
            throw new IllegalArgumentException("The training dataset has no features");
        }
        java.util.List<Integer> constant = org.hybridqml.qnn.train.Standardizer.fit(x).constantFeatures();
        if (constant.size() == x[0].length) {
            throw new IllegalArgumentException("All " + x[0].length + " features are constant on the "
                    + x.length + " training examples; the head could only learn the label frequencies");
        }
    }

    /**
     * Validates the options (a value out of range is a {@link PropertyException} naming the field, its value and its
     * range in words) and creates the random source. Called by OLCUT after configuration and by the
     * programmatic constructors.
     */
    @Override
    public synchronized void postConfig() {
        if (headType == null) {
            throw new PropertyException("", "headType", "headType must be DQC or CDL, got null");
        }
        if (preset == null) {
            throw new PropertyException("", "preset", "preset must be DEFAULT or PAPER, got null");
        }
        if (outputBias == null) {
            throw new PropertyException("", "outputBias", "outputBias must be PRESET, PRIORS or ZERO, got null");
        }
        if (qubits > org.hybridqml.sim.circuit.Circuit.MAX_QUBITS) {
            throw new PropertyException("", "qubits", "qubits is " + qubits + ", above the simulator's limit of "
                    + org.hybridqml.sim.circuit.Circuit.MAX_QUBITS + " qubits");
        }
        // the ranges of the engine-neutral options (the Weka and MEKA classifiers check the same at build time)
        OptionSpec spec = DQCOptions.MULTI_LABEL;
        ConfigChecks.check("", "qubits", spec.get("numQubits"), qubits, " (0: one qubit per output)");
        if (layers != FROM_PRESET) {
            ConfigChecks.check("", "layers", spec.get("numLayers"), layers, " (or 0 for the preset's)");
        }
        if (learningRate != FROM_PRESET) {
            ConfigChecks.check("", "learningRate", spec.get("learningRate"), learningRate, " (or 0 for the preset's)");
        }
        if (readoutLearningRateScale != FROM_PRESET) {
            ConfigChecks.check("", "readoutLearningRateScale", spec.get("readoutLearningRateScale"),
                    readoutLearningRateScale, " (or 0 for the preset's)");
        }
        ConfigChecks.check("", "batchSize", spec.get("miniBatchSize"), batchSize);
        if (maxEpochs != FROM_PRESET) {
            ConfigChecks.check("", "maxEpochs", spec.get("maxEpochs"), maxEpochs, " (or 0 for the preset's)");
        }
        if (patience != FROM_PRESET) {
            ConfigChecks.check("", "patience", spec.get("patience"), patience, " (or 0 for the preset's)");
        }
        ConfigChecks.check("", "validationFraction", spec.get("validationFraction"), validationFraction);
        if (simulatorThreads < 0) {
            throw new PropertyException("", "simulatorThreads", "simulatorThreads must be >= 0, got "
                    + simulatorThreads);
        }
        this.rng = new SplittableRandom(seed);
        this.trainInvocationCounter = 0;
    }

    /**
     * The core training configuration these options give (the preset with the explicitly set options applied).
     *
     * @param runSeed seed of this training run
     * @return the configuration
     */
    public TrainingConfig trainingConfig(long runSeed) {
        TrainingConfig c = preset.config().withBatchSize(batchSize).withValidationFraction(validationFraction)
                .withSeed(runSeed);
        if (learningRate != FROM_PRESET) {
            c = c.withLearningRate(learningRate);
        }
        if (readoutLearningRateScale != FROM_PRESET) {
            c = c.withReadoutLearningRateScale(readoutLearningRateScale);
        }
        if (maxEpochs != FROM_PRESET) {
            c = c.withMaxEpochs(maxEpochs);
        }
        if (patience != FROM_PRESET) {
            c = c.withPatience(patience);
        }
        if (outputBias != OutputBias.PRESET) {
            c = c.withOutputBiasFromPriors(outputBias == OutputBias.PRIORS);
        }
        return c;
    }

    /** @return the head type */
    public HeadType headType() {
        return headType;
    }

    /** @return the DQC's variational layers: the {@code layers} option, or the preset's when it is 0 */
    public int layers() {
        return layers == FROM_PRESET ? preset.layers() : layers;
    }

    /**
     * Builds the head for a data set and checks, before any training work, that it can be trained with the
     * configured batch size (for DQC: the simulator's memory guard).
     *
     * @param numFeatures input width
     * @param numOutputs  labels (multi-label) or classes (single-label)
     * @return the untrained head
     * @throws IllegalArgumentException if the DQC head is too large for the simulator's memory limit, or its qubit
     *                                  count (one per output by default) exceeds the simulator's limit: the message
     *                                  names the output count, the limit and the {@code qubits} option
     */
    protected ClassifierHead checkedHead(int numFeatures, int numOutputs) {
        ClassifierHead head;
        if (headType == HeadType.DQC) {
            int n = DressedQuantumHead.qubitsFor(qubits, numOutputs, outputWord(),
                    "the trainer's 'qubits' option (0 = one per output)");
            DressedQuantumHead dqc = new DressedQuantumHead(numFeatures, numOutputs, n, layers());
            if (simulatorThreads > 0) {
                dqc.simulator(new StatevectorSimulator(simulatorThreads));
            }
            head = dqc;
        } else {
            head = new DenseHead(numFeatures, numOutputs);
        }
        head.checkTrainable(batchSize);
        return head;
    }

    /** @return what the outputs are called in messages ("labels" or "classes") */
    protected abstract String outputWord();

    /** Per-run state taken atomically: the run's random source and the trainer provenance at that point. */
    protected record Run(SplittableRandom rng, TrainerProvenance provenance) {
    }

    /**
     * Starts a training run: splits the random source, records the provenance and counts the invocation.
     *
     * @param invocationCount {@link Trainer#INCREMENT_INVOCATION_COUNT} or an explicit count to replay
     * @return the run state
     */
    protected synchronized Run startRun(int invocationCount) {
        if (invocationCount != INCREMENT_INVOCATION_COUNT) {
            setInvocationCount(invocationCount);
        }
        SplittableRandom local = rng.split();
        TrainerProvenance provenance = getProvenance();
        trainInvocationCounter++;
        return new Run(local, provenance);
    }

    /**
     * The model provenance of a run.
     *
     * @param modelClassName the model class
     * @param dataset        the training data
     * @param run            the run
     * @param runProvenance  the caller's run provenance (may be null)
     * @return the provenance
     */
    protected static ModelProvenance modelProvenance(String modelClassName, Dataset<?> dataset, Run run,
                                                     Map<String, Provenance> runProvenance) {
        return new ModelProvenance(modelClassName, OffsetDateTime.now(), dataset.getProvenance(), run.provenance(),
                runProvenance == null ? Map.of() : runProvenance);
    }

    /**
     * The dense feature row of an example, through the feature map's ids: features the map does not know are
     * ignored, absent features are 0 (Tribuo drops zero-valued features).
     *
     * @param example    the example
     * @param featureMap the feature domain
     * @return a row of {@code featureMap.size()} values
     */
    public static double[] denseFeatures(Example<?> example, ImmutableFeatureMap featureMap) {
        double[] x = new double[featureMap.size()];
        for (Feature f : example) {
            int id = featureMap.getID(f.getName());
            if (id >= 0) {
                x[id] = f.getValue();
            }
        }
        return x;
    }

    /**
     * Dense feature rows of a whole data set.
     *
     * @param dataset the data
     * @return [examples][features]
     */
    public static double[][] denseFeatures(Dataset<?> dataset) {
        ImmutableFeatureMap fmap = dataset.getFeatureIDMap();
        double[][] x = new double[dataset.size()][];
        int i = 0;
        for (Example<?> e : dataset) {
            x[i++] = denseFeatures(e, fmap);
        }
        return x;
    }

    @Override
    public synchronized int getInvocationCount() {
        return trainInvocationCounter;
    }

    @Override
    public synchronized void setInvocationCount(int invocationCount) {
        if (invocationCount < 0) {
            throw new IllegalArgumentException("The supplied invocationCount is less than zero.");
        }
        rng = new SplittableRandom(seed);
        for (trainInvocationCounter = 0; trainInvocationCounter < invocationCount; trainInvocationCounter++) {
            rng.split();
        }
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(getClass().getSimpleName()).append("(headType=").append(headType);
        if (headType == HeadType.DQC) {
            b.append(",qubits=").append(qubits == FROM_PRESET ? "outputs" : String.valueOf(qubits))
                    .append(",layers=").append(layers());
        }
        TrainingConfig c = trainingConfig(seed);
        return b.append(",preset=").append(preset)
                .append(",learningRate=").append(c.learningRate())
                .append(",readoutLearningRateScale=").append(c.readoutLearningRateScale())
                .append(",batchSize=").append(c.batchSize())
                .append(",maxEpochs=").append(c.maxEpochs())
                .append(",patience=").append(c.patience())
                .append(",validationFraction=").append(c.validationFraction())
                .append(",outputBiasFromPriors=").append(c.outputBiasFromPriors())
                .append(",seed=").append(seed)
                .append(",simulatorThreads=").append(simulatorThreads)
                .append(')').toString();
    }
}

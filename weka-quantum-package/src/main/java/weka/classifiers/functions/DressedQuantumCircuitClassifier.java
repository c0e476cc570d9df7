package weka.classifiers.functions;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.head.DenseHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.qnn.train.HeadTrainer;
import org.hybridqml.qnn.train.PlatformTraining;
import org.hybridqml.qnn.train.TrainedHead;
import org.hybridqml.qnn.train.TrainingConfig;
import org.hybridqml.qnn.train.TrainingHistory;
import weka.classifiers.RandomizableClassifier;
import weka.classifiers.rules.ZeroR;
import weka.core.BatchPredictor;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Vector;

/**
 * Weka classifier for a nominal class on numeric attributes with the dressed-quantum-circuit (DQC) head of Chan et
 * al. (arXiv:2405.00156), or its classical twin (CDL, one dense layer), trained with softmax cross-entropy.
 *
 * <p>This class only translates between Weka and the engine-neutral core: {@code Instances} become
 * {@code double[][]} rows and class indices, the options become a {@link TrainingConfig}, and
 * {@link HeadTrainer#fitSingleLabel} does the work (standardisation, Adam, early stopping, all in
 * {@code org.hybridqml.qnn}). Missing attribute values are replaced by the training means (Weka's
 * {@link ReplaceMissingValues} filter, kept with the model); instances with a missing class are dropped for training.
 * With no labelled training instance the model falls back to {@link ZeroR}.
 *
 * <p>Training progress (one line per epoch, from the core's {@code java.util.logging} logger) is printed to
 * standard error only when Weka's debug flag ({@code -output-debug-info}) is set.
 *
 * <!-- options-start -->
 * Options: {@code -Q} qubits, {@code -L} layers, {@code -head DQC|CDL}, {@code -preset default|paper},
 * {@code -lr}, {@code -mini-batch}, {@code -E} max epochs, {@code -P} patience, {@code -V} validation fraction,
 * {@code -S} seed, plus {@link weka.classifiers.AbstractClassifier}'s options.
 * <!-- options-end -->
 */
public class DressedQuantumCircuitClassifier extends RandomizableClassifier
        implements TechnicalInformationHandler, BatchPredictor {

    private static final long serialVersionUID = 1L;

    /** Head type: the dressed quantum circuit. */
    public static final int HEAD_DQC = 0;
    /** Head type: the classical dense layer (CDL) baseline. */
    public static final int HEAD_CDL = 1;
    /** Head types for the GenericObjectEditor and {@code -head}. */
    public static final Tag[] TAGS_HEAD = {
        new Tag(HEAD_DQC, "DQC", "Dressed quantum circuit (Dense -> tanh*pi/2 -> circuit -> <Z> -> Dense)"),
        new Tag(HEAD_CDL, "CDL", "Classical dense layer (Dense -> logits), the paper's baseline"),
    };

    /** Preset: the project's default recipe ({@link TrainingConfig#defaults()}). */
    public static final int PRESET_DEFAULT = 0;
    /** Preset: the paper's recipe ({@link TrainingConfig#paper()}). */
    public static final int PRESET_PAPER = 1;
    /** Presets for the GenericObjectEditor and {@code -preset}. */
    public static final Tag[] TAGS_PRESET = {
        new Tag(PRESET_DEFAULT, "default", "lr 3e-3, batch 32, <= 200 epochs, patience 20, output bias from priors", false),
        new Tag(PRESET_PAPER, "paper", "Chan et al.: lr 1e-4, batch 32, <= 50 epochs, patience 5, zero output bias", false),
    };

    private int numQubits = 4;
    private int numLayers = DressedQuantumCircuit.PAPER_LAYERS;
    private int headType = HEAD_DQC;
    private int preset = PRESET_DEFAULT;
    private double learningRate;
    private int miniBatchSize;
    private int maxEpochs;
    private int patience;
    private double validationFraction;
    private boolean outputBiasFromPriors;

    private TrainedHead model;
    private ReplaceMissingValues missingFilter;
    private Instances header;
    private ZeroR fallback;
    private boolean usedValidation;

    /** A classifier with the default preset, 4 qubits and 3 layers. */
    public DressedQuantumCircuitClassifier() {
        setSeed(1);
        applyPreset(TrainingConfig.defaults());
    }

    /**
     * @return the Explorer's "About" text
     */
    public String globalInfo() {
        return "Dressed quantum circuit (DQC) classifier for a nominal class on numeric attributes: "
                + "Dense(attributes -> qubits) -> tanh*pi/2 angle encoding -> strongly entangling variational circuit "
                + "(simulated exactly as a statevector) -> Pauli-Z expectations -> Dense(qubits -> classes), trained "
                + "with softmax cross-entropy, Adam and early stopping on a validation split. The CDL head is the "
                + "classical dense-layer baseline. Attributes are standardised on the training data; missing values "
                + "are mean-imputed.\n\nFor more information see:\n\n" + getTechnicalInformation().toString();
    }

    @Override
    public TechnicalInformation getTechnicalInformation() {
        TechnicalInformation info = new TechnicalInformation(Type.MISC);
        info.setValue(Field.AUTHOR, "Skylar Chan and Pranav Kulkarni and Paul H. Yi and Vishwa S. Parekh");
        info.setValue(Field.TITLE, "Dressed quantum circuit (DQC) heads for hybrid quantum-classical transfer "
                + "learning on long-tailed multi-label chest X-ray classification");
        info.setValue(Field.YEAR, "2024");
        info.setValue(Field.NOTE, "arXiv:2405.00156");
        info.setValue(Field.URL, "https://arxiv.org/abs/2405.00156");
        return info;
    }

    @Override
    public Capabilities getCapabilities() {
        Capabilities result = super.getCapabilities();
        result.disableAll();
        result.enable(Capability.NUMERIC_ATTRIBUTES);
        result.enable(Capability.MISSING_VALUES);
        result.enable(Capability.NOMINAL_CLASS);
        result.enable(Capability.MISSING_CLASS_VALUES);
        result.setMinimumNumberInstances(0);
        return result;
    }

    /** @return the training configuration the options describe */
    TrainingConfig trainingConfig(int labelledInstances) {
        return PlatformTraining.config(learningRate, miniBatchSize, maxEpochs, patience, validationFraction,
                outputBiasFromPriors, getSeed(), labelledInstances);
    }

    @Override
    public void buildClassifier(Instances data) throws Exception {
        getCapabilities().testWithFail(data);
        model = null;
        fallback = null;
        header = new Instances(data, 0);
        Instances train = new Instances(data);
        train.deleteWithMissingClass();

        missingFilter = new ReplaceMissingValues();
        missingFilter.setInputFormat(train);
        train = Filter.useFilter(train, missingFilter);

        if (train.numInstances() == 0 || train.numAttributes() < 2) {
            fallback = new ZeroR();
            fallback.buildClassifier(train);
            if (getDebug()) {
                System.err.println("No labelled instances or no attributes: using ZeroR");
            }
            return;
        }

        double[][] x = features(train);
        int[] y = new int[train.numInstances()];
        for (int r = 0; r < y.length; r++) {
            y[r] = (int) train.instance(r).classValue();
        }
        int f = x[0].length;
        int classes = train.numClasses();
        ClassifierHead head = headType == HEAD_CDL ? new DenseHead(f, classes)
                : new DressedQuantumHead(f, classes, numQubits, numLayers);
        TrainingConfig config = trainingConfig(y.length);
        usedValidation = config.validationFraction() > 0;
        model = PlatformTraining.withEpochLog(getDebug(), System.err, "DressedQuantumCircuitClassifier",
                () -> new HeadTrainer(config).fitSingleLabel(head, x, y));
    }

    /** Attribute values (class excluded) of each instance, after missing-value imputation. */
    private static double[][] features(Instances data) {
        int c = data.classIndex();
        int f = data.numAttributes() - 1;
        double[][] x = new double[data.numInstances()][f];
        for (int r = 0; r < x.length; r++) {
            Instance inst = data.instance(r);
            for (int a = 0, k = 0; a < data.numAttributes(); a++) {
                if (a != c) {
                    x[r][k++] = inst.value(a);
                }
            }
        }
        return x;
    }

    @Override
    public double[] distributionForInstance(Instance instance) throws Exception {
        Instances one = new Instances(header, 1);
        one.add(instance);
        return distributionsForInstances(one)[0];
    }

    @Override
    public double[][] distributionsForInstances(Instances insts) throws Exception {
        if (fallback == null && model == null) {
            throw new IllegalStateException("The classifier has not been built");
        }
        if (fallback != null) {
            double[][] out = new double[insts.numInstances()][];
            for (int r = 0; r < out.length; r++) {
                out[r] = fallback.distributionForInstance(insts.instance(r));
            }
            return out;
        }
        Instances filtered = new Instances(header, insts.numInstances());
        for (int r = 0; r < insts.numInstances(); r++) {
            missingFilter.input(insts.instance(r));
            filtered.add(missingFilter.output());
        }
        return model.scores(features(filtered));
    }

    @Override
    public boolean implementsMoreEfficientBatchPrediction() {
        return true;
    }

    // ----------------------------------------------------------------------------------------------- options

    @Override
    public Enumeration<Option> listOptions() {
        Vector<Option> v = new Vector<>();
        v.add(new Option("\tNumber of qubits (DQC head only).\n\t(default 4)", "Q", 1, "-Q <num>"));
        v.add(new Option("\tNumber of variational layers (DQC head only).\n\t(default 3)", "L", 1, "-L <num>"));
        v.add(new Option("\tHead type: DQC or CDL.\n\t(default DQC)", "head", 1, "-head <DQC|CDL>"));
        v.add(new Option("\tTraining preset setting the defaults of -lr, -mini-batch, -E, -P, -V and the output-bias "
                + "initialisation: default or paper.\n\t(default default)", "preset", 1, "-preset <default|paper>"));
        v.add(new Option("\tAdam learning rate.\n\t(default from the preset: 0.003)", "lr", 1, "-lr <num>"));
        v.add(new Option("\tTraining mini-batch size.\n\t(default from the preset: 32)", "mini-batch", 1,
                "-mini-batch <num>"));
        v.add(new Option("\tMaximum number of epochs.\n\t(default from the preset: 200)", "E", 1, "-E <num>"));
        v.add(new Option("\tEarly-stopping patience in epochs.\n\t(default from the preset: 20)", "P", 1,
                "-P <num>"));
        v.add(new Option("\tValidation fraction for early stopping, in [0,1).\n\t(default from the preset: 0.2)",
                "V", 1, "-V <num>"));
        v.add(new Option("\tDo not initialise the output bias from the class priors.", "no-prior-bias", 0,
                "-no-prior-bias"));
        v.addAll(Collections.list(super.listOptions()));
        return v.elements();
    }

    @Override
    public void setOptions(String[] options) throws Exception {
        String p = Utils.getOption("preset", options);
        setPreset(new SelectedTag(p.isEmpty() ? "default" : p, TAGS_PRESET));
        String s = Utils.getOption('Q', options);
        setNumQubits(s.isEmpty() ? 4 : Integer.parseInt(s));
        s = Utils.getOption('L', options);
        setNumLayers(s.isEmpty() ? DressedQuantumCircuit.PAPER_LAYERS : Integer.parseInt(s));
        s = Utils.getOption("head", options);
        setHeadType(new SelectedTag(s.isEmpty() ? "DQC" : s.toUpperCase(Locale.ROOT), TAGS_HEAD));
        s = Utils.getOption("lr", options);
        if (!s.isEmpty()) {
            setLearningRate(Double.parseDouble(s));
        }
        s = Utils.getOption("mini-batch", options);
        if (!s.isEmpty()) {
            setMiniBatchSize(Integer.parseInt(s));
        }
        s = Utils.getOption('E', options);
        if (!s.isEmpty()) {
            setMaxEpochs(Integer.parseInt(s));
        }
        s = Utils.getOption('P', options);
        if (!s.isEmpty()) {
            setPatience(Integer.parseInt(s));
        }
        s = Utils.getOption('V', options);
        if (!s.isEmpty()) {
            setValidationFraction(Double.parseDouble(s));
        }
        if (Utils.getFlag("no-prior-bias", options)) {
            setOutputBiasFromPriors(false);
        }
        super.setOptions(options);
        Utils.checkForRemainingOptions(options);
    }

    @Override
    public String[] getOptions() {
        Vector<String> o = new Vector<>();
        o.add("-Q");
        o.add("" + numQubits);
        o.add("-L");
        o.add("" + numLayers);
        o.add("-head");
        o.add(getHeadType().getSelectedTag().getIDStr());
        o.add("-preset");
        o.add(getPreset().getSelectedTag().getIDStr());
        o.add("-lr");
        o.add("" + learningRate);
        o.add("-mini-batch");
        o.add("" + miniBatchSize);
        o.add("-E");
        o.add("" + maxEpochs);
        o.add("-P");
        o.add("" + patience);
        o.add("-V");
        o.add("" + validationFraction);
        if (!outputBiasFromPriors) {
            o.add("-no-prior-bias");
        }
        Collections.addAll(o, super.getOptions());
        return o.toArray(new String[0]);
    }

    private void applyPreset(TrainingConfig c) {
        learningRate = c.learningRate();
        miniBatchSize = c.batchSize();
        maxEpochs = c.maxEpochs();
        patience = c.patience();
        validationFraction = c.validationFraction();
        outputBiasFromPriors = c.outputBiasFromPriors();
    }

    /** @return tip text */
    public String numQubitsTipText() {
        return "Number of qubits of the DQC circuit (the Dense layer maps the attributes to this many angles); "
                + "simulation cost grows as 2^qubits. Ignored by the CDL head.";
    }

    /** @return qubits */
    public int getNumQubits() {
        return numQubits;
    }

    /** @param v qubits &ge; 1 */
    public void setNumQubits(int v) {
        if (v < 1) {
            throw new IllegalArgumentException("Number of qubits must be >= 1, got " + v);
        }
        numQubits = v;
    }

    /** @return tip text */
    public String numLayersTipText() {
        return "Number of strongly entangling variational layers of the DQC circuit. Ignored by the CDL head.";
    }

    /** @return layers */
    public int getNumLayers() {
        return numLayers;
    }

    /** @param v layers &ge; 1 */
    public void setNumLayers(int v) {
        if (v < 1) {
            throw new IllegalArgumentException("Number of layers must be >= 1, got " + v);
        }
        numLayers = v;
    }

    /** @return tip text */
    public String headTypeTipText() {
        return "DQC: the dressed quantum circuit head; CDL: the classical dense-layer baseline of the paper.";
    }

    /** @return the head type */
    public SelectedTag getHeadType() {
        return new SelectedTag(headType, TAGS_HEAD);
    }

    /** @param v the head type (one of {@link #TAGS_HEAD}) */
    public void setHeadType(SelectedTag v) {
        if (v.getTags() == TAGS_HEAD) {
            headType = v.getSelectedTag().getID();
        }
    }

    /** @return tip text */
    public String presetTipText() {
        return "Training recipe; choosing one sets learning rate, mini-batch size, max epochs, patience, validation "
                + "fraction and output-bias initialisation to its values (change them afterwards to override). "
                + "default: lr 3e-3, <= 200 epochs, patience 20, bias from class priors; paper: the authors' lr 1e-4, "
                + "<= 50 epochs, patience 5, zero bias.";
    }

    /** @return the preset */
    public SelectedTag getPreset() {
        return new SelectedTag(preset, TAGS_PRESET);
    }

    /** @param v the preset (one of {@link #TAGS_PRESET}); overwrites the training hyper-parameters */
    public void setPreset(SelectedTag v) {
        if (v.getTags() == TAGS_PRESET) {
            preset = v.getSelectedTag().getID();
            applyPreset(preset == PRESET_PAPER ? TrainingConfig.paper() : TrainingConfig.defaults());
        }
    }

    /** @return tip text */
    public String learningRateTipText() {
        return "Adam learning rate (> 0).";
    }

    /** @return learning rate */
    public double getLearningRate() {
        return learningRate;
    }

    /** @param v learning rate &gt; 0 */
    public void setLearningRate(double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("Learning rate must be positive and finite, got " + v);
        }
        learningRate = v;
    }

    /** @return tip text */
    public String miniBatchSizeTipText() {
        return "Training mini-batch size (>= 1); a whole batch is simulated at once. (Weka's batchSize option is "
                + "the prediction batch size.)";
    }

    /** @return mini-batch size */
    public int getMiniBatchSize() {
        return miniBatchSize;
    }

    /** @param v mini-batch size &ge; 1 */
    public void setMiniBatchSize(int v) {
        if (v < 1) {
            throw new IllegalArgumentException("Mini-batch size must be >= 1, got " + v);
        }
        miniBatchSize = v;
    }

    /** @return tip text */
    public String maxEpochsTipText() {
        return "Maximum number of training epochs (>= 1).";
    }

    /** @return max epochs */
    public int getMaxEpochs() {
        return maxEpochs;
    }

    /** @param v max epochs &ge; 1 */
    public void setMaxEpochs(int v) {
        if (v < 1) {
            throw new IllegalArgumentException("Max epochs must be >= 1, got " + v);
        }
        maxEpochs = v;
    }

    /** @return tip text */
    public String patienceTipText() {
        return "Stop after this many epochs without a lower validation loss; the best epoch's parameters are kept.";
    }

    /** @return patience */
    public int getPatience() {
        return patience;
    }

    /** @param v patience &ge; 1 */
    public void setPatience(int v) {
        if (v < 1) {
            throw new IllegalArgumentException("Patience must be >= 1, got " + v);
        }
        patience = v;
    }

    /** @return tip text */
    public String validationFractionTipText() {
        return "Share of the training data held out for early stopping, in [0,1). 0 (or fewer than "
                + PlatformTraining.MIN_ROWS_FOR_VALIDATION + " labelled instances) trains all epochs and keeps the last.";
    }

    /** @return validation fraction */
    public double getValidationFraction() {
        return validationFraction;
    }

    /** @param v validation fraction in [0, 1) */
    public void setValidationFraction(double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException("Validation fraction must be in [0, 1), got " + v);
        }
        validationFraction = v;
    }

    /** @return tip text */
    public String outputBiasFromPriorsTipText() {
        return "Initialise the output bias to the log class frequencies before training.";
    }

    /** @return whether the output bias starts at the class priors */
    public boolean getOutputBiasFromPriors() {
        return outputBiasFromPriors;
    }

    /** @param v whether the output bias starts at the class priors */
    public void setOutputBiasFromPriors(boolean v) {
        outputBiasFromPriors = v;
    }

    // ----------------------------------------------------------------------------------------------- output

    @Override
    public String toString() {
        if (fallback != null) {
            return "DressedQuantumCircuitClassifier: no labelled training data, ZeroR fallback\n\n" + fallback;
        }
        if (model == null) {
            return "DressedQuantumCircuitClassifier: not built yet";
        }
        TrainingHistory h = model.history();
        StringBuilder sb = new StringBuilder();
        sb.append("DressedQuantumCircuitClassifier\n");
        sb.append("===============================\n\n");
        sb.append(model.head().describe()).append('\n');
        if (model.head() instanceof DressedQuantumHead dqc) {
            sb.append("Qubits: ").append(dqc.numQubits()).append(", layers: ").append(dqc.layers()).append('\n');
        }
        sb.append("Parameters: ").append(model.head().numParameters()).append('\n');
        sb.append("Attributes: ").append(model.head().numFeatures()).append(" (standardised on the training data)")
                .append(", classes: ").append(model.head().numOutputs()).append('\n');
        sb.append("Epochs run: ").append(h.epochsRun()).append(h.stoppedEarly() ? " (stopped early)" : "")
                .append(", kept epoch: ").append(h.bestEpoch()).append('\n');
        if (usedValidation) {
            sb.append(String.format(Locale.ROOT, "Best validation loss: %.5f%n", h.best().valLoss()));
        } else {
            sb.append("No validation split (last epoch kept)\n");
        }
        sb.append(String.format(Locale.ROOT, "Training loss at kept epoch: %.5f%n", h.best().trainLoss()));
        return sb.toString();
    }

    /**
     * Runs the classifier from the command line (Weka's standard evaluation options).
     *
     * @param args options, e.g. {@code -t data.arff -x 10}
     */
    public static void main(String[] args) {
        runClassifier(new DressedQuantumCircuitClassifier(), args);
    }
}

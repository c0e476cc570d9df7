package meka.classifiers.multilabel;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.head.DenseHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.qnn.train.HeadTrainer;
import org.hybridqml.qnn.train.PlatformTraining;
import org.hybridqml.qnn.train.TrainedHead;
import org.hybridqml.qnn.train.TrainingConfig;
import org.hybridqml.qnn.train.TrainingHistory;
import weka.core.Attribute;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.Randomizable;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Vector;

/**
 * MEKA multi-label classifier with the dressed-quantum-circuit (DQC) head of Chan et al. (arXiv:2405.00156), or its
 * classical twin (CDL), trained with mean sigmoid binary cross-entropy over all labels at once; returns one relevance
 * (probability) per label.
 *
 * <p>Data follow MEKA's convention: the first L attributes ({@code classIndex() == L}) are the binary labels, the
 * rest are the features (numeric, or binary nominal read as 0/1). This class only translates {@code Instances}
 * into {@code double[][]} features and {@code int[][]} labels and the options into a {@link TrainingConfig};
 * {@link HeadTrainer#fit} (standardisation, Adam, early stopping) is in the engine-neutral core. Missing feature
 * values are replaced by the training means; a missing label value is read as 0 (not relevant).
 *
 * <p>Runs in MEKA's command line and Explorer (not in Weka's Explorer, which cannot evaluate multi-label data),
 * e.g. {@code java meka.classifiers.multilabel.DQC -t Music.arff -x 3 -verbosity 2}.
 */
public class DQC extends AbstractMultiLabelClassifier implements Randomizable, TechnicalInformationHandler {

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

    private int seed = 1;
    private int numQubits;
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
    private double[] featureMeans;
    private int numLabels;
    private boolean usedValidation;

    /** A classifier with the default preset, one qubit per label and 3 layers (the paper's head). */
    public DQC() {
        applyPreset(TrainingConfig.defaults());
    }

    @Override
    public String globalInfo() {
        return "Dressed quantum circuit (DQC) multi-label classifier: Dense(features -> qubits) -> tanh*pi/2 angle "
                + "encoding -> strongly entangling variational circuit (simulated exactly as a statevector) -> "
                + "Pauli-Z expectations -> Dense(qubits -> labels), one sigmoid per label, trained jointly with "
                + "binary cross-entropy, Adam and early stopping on a validation split. By default one qubit per "
                + "label, as in the paper. The CDL head is the classical dense-layer baseline. Features are "
                + "standardised on the training data; missing feature values are mean-imputed.\n\n"
                + "For more information see:\n\n" + getTechnicalInformation().toString();
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
        result.enable(Capability.BINARY_ATTRIBUTES);
        result.enable(Capability.MISSING_VALUES);
        result.enable(Capability.BINARY_CLASS);
        result.enable(Capability.MISSING_CLASS_VALUES);
        return result;
    }

    TrainingConfig trainingConfig(int instances) {
        return PlatformTraining.config(learningRate, miniBatchSize, maxEpochs, patience, validationFraction,
                outputBiasFromPriors, seed, instances);
    }

    @Override
    public void buildClassifier(Instances data) throws Exception {
        testCapabilities(data);
        numLabels = data.classIndex();
        if (numLabels < 1) {
            throw new IllegalArgumentException("MEKA data need the labels first, with classIndex() = number of labels "
                    + "(e.g. @relation 'name: -C 6'); got classIndex " + numLabels);
        }
        int f = data.numAttributes() - numLabels;
        if (f < 1) {
            throw new IllegalArgumentException("No feature attributes after the " + numLabels + " labels");
        }
        for (int a = numLabels; a < data.numAttributes(); a++) {
            Attribute att = data.attribute(a);
            if (!att.isNumeric() && !(att.isNominal() && att.numValues() <= 2)) {
                throw new IllegalArgumentException("Feature attribute '" + att.name() + "' is neither numeric nor "
                        + "binary nominal; convert it first (e.g. with NominalToBinary)");
            }
        }
        if (data.numInstances() == 0) {
            throw new IllegalArgumentException("No training instances");
        }
        double[][] x = rawFeatures(data);
        featureMeans = new double[f];
        for (int j = 0; j < f; j++) {
            double sum = 0;
            int n = 0;
            for (double[] row : x) {
                if (!Double.isNaN(row[j])) {
                    sum += row[j];
                    n++;
                }
            }
            featureMeans[j] = n == 0 ? 0 : sum / n;
        }
        impute(x);
        int[][] y = new int[data.numInstances()][numLabels];
        for (int r = 0; r < y.length; r++) {
            Instance inst = data.instance(r);
            for (int l = 0; l < numLabels; l++) {
                y[r][l] = !inst.isMissing(l) && inst.value(l) > 0.5 ? 1 : 0;
            }
        }
        int qubits = numQubits > 0 ? numQubits : numLabels;
        ClassifierHead head = headType == HEAD_CDL ? new DenseHead(f, numLabels)
                : new DressedQuantumHead(f, numLabels, qubits, numLayers);
        TrainingConfig config = trainingConfig(y.length);
        usedValidation = config.validationFraction() > 0;
        model = PlatformTraining.withEpochLog(getDebug(), System.err, "DQC",
                () -> new HeadTrainer(config).fit(head, x, y));
    }

    /** Feature values (attributes L.. end) with NaN for missing values. */
    private double[][] rawFeatures(Instances data) {
        double[][] x = new double[data.numInstances()][];
        for (int r = 0; r < x.length; r++) {
            x[r] = rawFeatures(data.instance(r));
        }
        return x;
    }

    private double[] rawFeatures(Instance inst) {
        double[] row = new double[inst.numAttributes() - numLabels];
        for (int a = numLabels; a < inst.numAttributes(); a++) {
            row[a - numLabels] = inst.isMissing(a) ? Double.NaN : inst.value(a);
        }
        return row;
    }

    private void impute(double[][] x) {
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                if (Double.isNaN(row[j])) {
                    row[j] = featureMeans[j];
                }
            }
        }
    }

    @Override
    public double[] distributionForInstance(Instance x) throws Exception {
        if (model == null) {
            throw new IllegalStateException("The classifier has not been built");
        }
        double[][] row = {rawFeatures(x)};
        impute(row);
        return model.scores(row)[0];
    }

    // ----------------------------------------------------------------------------------------------- options

    @Override
    public Enumeration<Option> listOptions() {
        Vector<Option> v = new Vector<>();
        v.add(new Option("\tNumber of qubits (DQC head only); 0 = one per label, as in the paper.\n\t(default 0)",
                "Q", 1, "-Q <num>"));
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
        v.add(new Option("\tDo not initialise the output bias from the label priors.", "no-prior-bias", 0,
                "-no-prior-bias"));
        v.add(new Option("\tRandom seed.\n\t(default 1)", "S", 1, "-S <num>"));
        v.addAll(Collections.list(super.listOptions()));
        return v.elements();
    }

    @Override
    public void setOptions(String[] options) throws Exception {
        String p = Utils.getOption("preset", options);
        setPreset(new SelectedTag(p.isEmpty() ? "default" : p, TAGS_PRESET));
        String s = Utils.getOption('Q', options);
        setNumQubits(s.isEmpty() ? 0 : Integer.parseInt(s));
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
        s = Utils.getOption('S', options);
        setSeed(s.isEmpty() ? 1 : Integer.parseInt(s));
        super.setOptions(options);
    }

    @Override
    public String[] getOptions() {
        Vector<String> o = new Vector<>();
        Collections.addAll(o, "-Q", "" + numQubits, "-L", "" + numLayers,
                "-head", getHeadType().getSelectedTag().getIDStr(),
                "-preset", getPreset().getSelectedTag().getIDStr(),
                "-lr", "" + learningRate, "-mini-batch", "" + miniBatchSize, "-E", "" + maxEpochs,
                "-P", "" + patience, "-V", "" + validationFraction);
        if (!outputBiasFromPriors) {
            o.add("-no-prior-bias");
        }
        Collections.addAll(o, "-S", "" + seed);
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

    @Override
    public void setSeed(int v) {
        seed = v;
    }

    @Override
    public int getSeed() {
        return seed;
    }

    /** @return tip text */
    public String seedTipText() {
        return "Seed of the parameter initialisation, the validation split and the shuffling.";
    }

    /** @return tip text */
    public String numQubitsTipText() {
        return "Number of qubits of the DQC circuit; 0 means one per label (the paper). Simulation cost grows as "
                + "2^qubits. Ignored by the CDL head.";
    }

    /** @return qubits (0: one per label) */
    public int getNumQubits() {
        return numQubits;
    }

    /** @param v qubits &ge; 0 (0: one per label) */
    public void setNumQubits(int v) {
        if (v < 0) {
            throw new IllegalArgumentException("Number of qubits must be >= 0 (0 = one per label), got " + v);
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
                + "default: lr 3e-3, <= 200 epochs, patience 20, bias from label priors; paper: the authors' lr 1e-4, "
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
        return "Training mini-batch size (>= 1); a whole batch is simulated at once.";
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
                + PlatformTraining.MIN_ROWS_FOR_VALIDATION + " instances) trains all epochs and keeps the last.";
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
        return "Initialise each label's output bias to its log-odds on the training data before training.";
    }

    /** @return whether the output bias starts at the label priors */
    public boolean getOutputBiasFromPriors() {
        return outputBiasFromPriors;
    }

    /** @param v whether the output bias starts at the label priors */
    public void setOutputBiasFromPriors(boolean v) {
        outputBiasFromPriors = v;
    }

    // ----------------------------------------------------------------------------------------------- output

    @Override
    public String getModel() {
        return toString();
    }

    @Override
    public String toString() {
        if (model == null) {
            return "DQC: not built yet";
        }
        TrainingHistory h = model.history();
        StringBuilder sb = new StringBuilder();
        sb.append("DQC multi-label classifier (").append(numLabels).append(" labels)\n");
        sb.append(model.head().describe()).append('\n');
        if (model.head() instanceof DressedQuantumHead dqc) {
            sb.append("Qubits: ").append(dqc.numQubits()).append(", layers: ").append(dqc.layers()).append('\n');
        }
        sb.append("Parameters: ").append(model.head().numParameters()).append('\n');
        sb.append("Epochs run: ").append(h.epochsRun()).append(h.stoppedEarly() ? " (stopped early)" : "")
                .append(", kept epoch: ").append(h.bestEpoch()).append('\n');
        if (usedValidation) {
            sb.append(String.format(Locale.ROOT, "Best validation loss: %.5f%n", h.best().valLoss()));
        } else {
            sb.append("No validation split (last epoch kept)\n");
        }
        return sb.toString();
    }

    /**
     * Runs MEKA's evaluation from the command line.
     *
     * @param args options, e.g. {@code -t Music.arff -x 3 -verbosity 2}
     */
    public static void main(String[] args) {
        runClassifier(new DQC(), args);
    }
}

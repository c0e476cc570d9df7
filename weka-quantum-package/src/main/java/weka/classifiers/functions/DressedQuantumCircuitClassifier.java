package weka.classifiers.functions;

import org.hybridqml.options.DQCOptionBean;
import org.hybridqml.options.DQCOptions;
import org.hybridqml.options.OptionSpec;
import org.hybridqml.options.PaperReference;
import org.hybridqml.options.QasmFileOptionBean;
import org.hybridqml.options.PredictionNoiseOptions;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.qnn.train.HeadTrainer;
import org.hybridqml.qnn.train.PlatformTraining;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.qnn.train.TrainedHead;
import org.hybridqml.qnn.train.TrainingConfig;
import weka.classifiers.rules.ZeroR;
import org.hybridqml.data.NominalEncoding;
import weka.core.Attribute;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;

import java.util.ArrayList;
import java.util.List;

/**
 * Weka classifier for a nominal class on numeric and nominal attributes with the dressed-quantum-circuit (DQC) head of Chan et
 * al. (arXiv:2405.00156), or its classical twin (CDL, one dense layer), trained with softmax cross-entropy.
 *
 * <p>This class only translates between Weka and the engine-neutral core: {@code Instances} become
 * {@code double[][]} rows and class indices (nominal attributes one-hot encoded by the core's
 * {@link NominalEncoding}: one 0/1 column per value, never the value's index), the options (described engine-neutrally by
 * {@link DQCOptions#SINGLE_LABEL}, shared with the MEKA classifier) become a {@link TrainingConfig}, and
 * {@link HeadTrainer#fitSingleLabel} does the work (standardisation, Adam, early stopping, all in
 * {@code org.hybridqml.qnn}). Missing attribute values are replaced by the training means (Weka's
 * {@link ReplaceMissingValues} filter, kept with the model); instances with a missing class are dropped for training.
 * With no labelled training instance the model falls back to {@link ZeroR}.
 *
 * <p>Training progress (one line per epoch, from the core's {@code java.util.logging} logger) is printed to
 * standard error only when Weka's debug flag ({@code -output-debug-info}) is set.
 *
 * <!-- options-start -->
 * Options: {@code -Q} qubits, {@code -head DQC|CDL}, {@code -preset default|paper}, {@code -L} layers, {@code -lr},
 * {@code -readout-lr-scale} factor on the readout layer's learning rate, {@code -mini-batch}, {@code -E} max epochs,
 * {@code -P} patience, {@code -V} validation fraction, {@code -prior-bias}/{@code -no-prior-bias}, {@code -shots} prediction shots, {@code -noise} prediction noise spec,
 * {@code -noise-seed} their seed, {@code -qasm-file} OpenQASM output, {@code -S} seed, plus {@link weka.classifiers.AbstractClassifier}'s options.
 * <!-- options-end -->
 */
public class DressedQuantumCircuitClassifier extends AbstractQuantumClassifier implements DQCOptionBean,
        QasmFileOptionBean {

    private static final long serialVersionUID = 3L;

    /** The options: the engine-neutral description shared with the MEKA classifier, plus {@code -qasm-file}. */
    static final OptionSpec SPEC = DQCOptions.SINGLE_LABEL.plus(QasmFileOptionBean.option(
            "File to write, after training, the OpenQASM 2.0 program of the trained DQC circuit for the first "
                    + "training instance with a class value; empty (the default) writes nothing. The trained weights and that instance's "
                    + "circuit inputs tanh(Dense(x))*pi/2 (x standardised as in training) are bound to numbers and "
                    + "every qubit is measured. Ignored by the CDL head."));
    /** Head types for the GenericObjectEditor and {@code -head}: DQC, CDL. */
    public static final Tag[] TAGS_HEAD = tags(SPEC, "headType");
    /** Presets for the GenericObjectEditor and {@code -preset}: default, paper. */
    public static final Tag[] TAGS_PRESET = tags(SPEC, "preset");

    private TrainedHead model;
    private ReplaceMissingValues missingFilter;
    private Instances header;
    private boolean usedValidation;
    /** One-hot encoding of nominal attributes; null in models saved before it existed (all numeric). */
    private NominalEncoding encoding;

    /**
     * A classifier with the default preset ({@link org.hybridqml.circuits.DressedQuantumCircuit#DEFAULT_LAYERS}
     * layers, readout learning rate × 10) and 4 qubits.
     */
    public DressedQuantumCircuitClassifier() {
        super(SPEC, PaperReference.DRESSED_QUANTUM_CIRCUIT);
    }

    @Override
    protected String description() {
        return "Dressed quantum circuit (DQC) classifier for a nominal class. Attributes are numeric or "
                + "nominal (one-hot encoded). The network: Dense(attributes -> qubits) -> tanh*pi/2 angle encoding -> strongly entangling variational circuit "
                + "(simulated exactly as a statevector) -> Pauli-Z expectations -> Dense(qubits -> classes), trained "
                + "with softmax cross-entropy, Adam and early stopping on a validation split. The CDL head is the "
                + "classical dense-layer baseline. Attributes are standardised on the training data; missing values "
                + "are mean-imputed. Predictions can evaluate the circuit from finite measurement shots and/or under "
                + "a noise channel (shots, noise, noiseSeed); training is always exact.";
    }

    @Override
    public Capabilities getCapabilities() {
        Capabilities result = super.getCapabilities();
        result.disableAll();
        result.enable(Capability.NUMERIC_ATTRIBUTES);
        result.enable(Capability.NOMINAL_ATTRIBUTES);
        result.enable(Capability.MISSING_VALUES);
        result.enable(Capability.NOMINAL_CLASS);
        result.enable(Capability.MISSING_CLASS_VALUES);
        result.setMinimumNumberInstances(0);
        return result;
    }

    /** @return the trained model (with its prediction-time setting), or null before training and for ZeroR */
    TrainedHead trainedHead() {
        return model;
    }

    /** @return the training configuration the options describe */
    TrainingConfig trainingConfig(int labelledInstances) {
        return DQCOptions.trainingConfig(opts, getSeed(), labelledInstances);
    }

    @Override
    public void buildClassifier(Instances data) throws Exception {
        opts.validate(); // the option editor and setOptions store any value; ranges are checked here
        PredictionNoise predictionNoise = PredictionNoiseOptions.of(opts);
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
            useFallback(train, "No labelled instances or no attributes: using ZeroR");
            return;
        }

        encoding = encoding(header);
        double[][] x = features(train);
        int[] y = new int[train.numInstances()];
        for (int r = 0; r < y.length; r++) {
            y[r] = (int) train.instance(r).classValue();
        }
        ClassifierHead head = DQCOptions.head(opts, x[0].length, train.numClasses());
        TrainingConfig config = trainingConfig(y.length);
        usedValidation = config.validationFraction() > 0;
        model = PlatformTraining.withEpochLog(showProgress(), progressOut(), "DressedQuantumCircuitClassifier",
                () -> new HeadTrainer(config).fitSingleLabel(head, x, y)).withPredictionNoise(predictionNoise);
        String qasmFile = opts.getString("qasmFile");
        if (!qasmFile.isEmpty() && model.head() instanceof DressedQuantumHead) {
            writeQasmFiles(qasmFile, List.of(model.toOpenQasm(x[0], false)));
        }
    }

    /**
     * The one-hot encoding of the attributes (class excluded): numeric attributes as they are, each nominal
     * attribute as one 0/1 column per value (the core's {@link NominalEncoding}), never the index of its value.
     *
     * @param header the data's header
     * @return the encoding
     */
    static NominalEncoding encoding(Instances header) {
        List<String> names = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        for (int a = 0; a < header.numAttributes(); a++) {
            if (a == header.classIndex()) {
                continue;
            }
            Attribute att = header.attribute(a);
            names.add(att.name());
            if (att.isNominal()) {
                List<String> v = new ArrayList<>();
                for (int k = 0; k < att.numValues(); k++) {
                    v.add(att.value(k));
                }
                values.add(v);
            } else {
                values.add(null);
            }
        }
        return NominalEncoding.of(names, values);
    }

    /** Encoded attribute values (class excluded) of each instance, after missing-value imputation. */
    private double[][] features(Instances data) {
        int c = data.classIndex();
        int f = data.numAttributes() - 1;
        double[][] x = new double[data.numInstances()][];
        for (int r = 0; r < x.length; r++) {
            Instance inst = data.instance(r);
            double[] raw = new double[f];
            for (int a = 0, k = 0; a < data.numAttributes(); a++) {
                if (a != c) {
                    raw[k++] = inst.value(a);
                }
            }
            x[r] = encoding == null ? raw : encoding.encode(raw);
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
            return fallbackDistributions(insts);
        }
        Instances filtered = new Instances(header, insts.numInstances());
        for (int r = 0; r < insts.numInstances(); r++) {
            missingFilter.input(insts.instance(r));
            filtered.add(missingFilter.output());
        }
        return model.scores(features(filtered));
    }

    // ----------------------------------------------------------------------------------------------- options

    /** @return tip text */
    public String headTypeTipText() {
        return SPEC.tip("headType");
    }

    /** @return the head type */
    public SelectedTag getHeadType() {
        return selected("headType", TAGS_HEAD);
    }

    /** @param v the head type (one of {@link #TAGS_HEAD}) */
    public void setHeadType(SelectedTag v) {
        select("headType", v, TAGS_HEAD);
    }

    /** @return tip text */
    public String presetTipText() {
        return SPEC.tip("preset");
    }

    /** @return the preset */
    public SelectedTag getPreset() {
        return selected("preset", TAGS_PRESET);
    }

    /** @param v the preset (one of {@link #TAGS_PRESET}); overwrites the training hyper-parameters */
    public void setPreset(SelectedTag v) {
        select("preset", v, TAGS_PRESET);
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
        return "DressedQuantumCircuitClassifier\n===============================\n\n"
                + DQCOptions.describe(model, usedValidation)
                + "Attributes: " + model.head().numFeatures() + " (nominal ones one-hot encoded; standardised on the "
                + "training data), classes: "
                + model.head().numOutputs() + "\n"
                + trainedCircuitsSection();
    }

    /** @return the DQC head's circuit with its trained weights; empty for the CDL head, a fallback or before training */
    @Override
    public List<TrainedCircuit> trainedCircuits() {
        return model == null || fallback != null ? List.of() : model.trainedCircuits();
    }

    /**
     * Runs the classifier from the command line (Weka's standard evaluation options).
     *
     * @param args options, e.g. {@code -t data.arff -x 10}
     */
    public static void main(String[] args) {
        runQuantumClassifier(new DressedQuantumCircuitClassifier(), args);
    }
}

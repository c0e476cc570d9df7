package meka.classifiers.multilabel;

import org.hybridqml.data.NominalEncoding;
import org.hybridqml.io.ModelIntegrityException;
import org.hybridqml.io.SealedModel;
import org.hybridqml.io.SealedModelFiles;
import org.hybridqml.options.DQCOptionBean;
import org.hybridqml.options.DQCOptions;
import org.hybridqml.options.OptionDef;
import org.hybridqml.options.OptionSpec;
import org.hybridqml.options.OptionValues;
import org.hybridqml.options.PaperReference;
import org.hybridqml.qnn.HasTrainedCircuits;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.train.HeadTrainer;
import org.hybridqml.qnn.train.PlatformTraining;
import org.hybridqml.qnn.train.TrainedHead;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.options.PredictionNoiseOptions;
import org.hybridqml.qnn.train.TrainingConfig;
import org.hybridqml.sim.draw.CircuitDrawing;
import weka.core.Attribute;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.Randomizable;
import weka.core.SelectedTag;
import weka.core.SerializationHelper;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.Vector;

/**
 * MEKA multi-label classifier with the dressed-quantum-circuit (DQC) head of Chan et al. (arXiv:2405.00156), or its
 * classical twin (CDL), trained with mean sigmoid binary cross-entropy over all labels at once; returns one relevance
 * (probability) per label.
 *
 * <p>Data follow MEKA's convention: the first L attributes ({@code classIndex() == L}) are the binary labels, the
 * rest are the features: numeric, or nominal, which are one-hot encoded by the core's {@link NominalEncoding} (one 0/1
 * column per value, never the index of the value). A label that is never relevant in the training data is kept and
 * predicted with a constant small probability (its prior), with a logged warning; with the default qubit count (one
 * per label), more labels than the simulator's qubit limit is an error naming the label count, the limit and
 * {@code -Q}. This class only translates {@code Instances}
 * into {@code double[][]} features and {@code int[][]} labels and the options (described engine-neutrally by
 * {@link DQCOptions#MULTI_LABEL}, shared with the Weka classifier) into a {@link TrainingConfig};
 * {@link HeadTrainer#fit} (standardisation, Adam, early stopping) is in the engine-neutral core. Missing feature
 * values are replaced by the training means; a missing label value is read as 0 (not relevant).
 *
 * <p>At prediction time the DQC circuit can be evaluated from finite shots ({@code -shots N}) and/or under a noise
 * channel ({@code -noise SPEC}, seeded by {@code -noise-seed S}; {@link PredictionNoiseOptions}); training is exact.
 *
 * <p>Runs in MEKA's command line and Explorer (not in Weka's Explorer, which cannot evaluate multi-label data),
 * e.g. {@code java meka.classifiers.multilabel.DQC -t Music.arff -x 3 -verbosity 2}.
 */
public class DQC extends AbstractMultiLabelClassifier
        implements Randomizable, TechnicalInformationHandler, DQCOptionBean, HasTrainedCircuits {

    private static final long serialVersionUID = 2L;

    /** The options (engine-neutral description shared with the Weka classifier), with {@code -S} seed. */
    static final OptionSpec SPEC = DQCOptions.MULTI_LABEL;
    /** Head types for the GenericObjectEditor and {@code -head}: DQC, CDL. */
    public static final Tag[] TAGS_HEAD = tags("headType");
    /** Presets for the GenericObjectEditor and {@code -preset}: default, paper. */
    public static final Tag[] TAGS_PRESET = tags("preset");

    private final OptionValues opts = SPEC.defaults();

    private TrainedHead model;
    private double[] featureMeans;
    /** One-hot encoding of the feature attributes (nominal ones become one 0/1 column per value). */
    private NominalEncoding encoding;
    private int numLabels;
    private boolean usedValidation;

    /**
     * A classifier with the default preset ({@link org.hybridqml.circuits.DressedQuantumCircuit#DEFAULT_LAYERS}
     * layers, readout learning rate × 10) and one qubit per label; {@code -preset paper} gives the paper's head and
     * recipe (3 layers, one learning rate).
     */
    public DQC() {
    }

    private static Tag[] tags(String name) {
        OptionDef d = SPEC.get(name);
        Tag[] t = new Tag[d.choices().size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = new Tag(i, d.choices().get(i), d.choiceDescriptions().get(i), false);
        }
        return t;
    }

    /** The current choice of a choice option as a SelectedTag. */
    private SelectedTag selected(String name, Tag[] tags) {
        return new SelectedTag(opts.choiceIndex(name), tags);
    }

    /** Sets a choice option from a SelectedTag of its own tags (others are ignored, as Weka classifiers do). */
    private void select(String name, SelectedTag tag, Tag[] tags) {
        if (tag.getTags() == tags) {
            opts.store(name, tag.getSelectedTag().getIDStr());
        }
    }

    @Override
    public String globalInfo() {
        return PaperReference.aboutText("Dressed quantum circuit (DQC) multi-label classifier. The network: "
                + "Dense(features -> qubits) -> tanh*pi/2 angle encoding -> strongly entangling variational circuit (simulated exactly as a statevector) -> "
                + "Pauli-Z expectations -> Dense(qubits -> labels), one sigmoid per label, trained jointly with "
                + "binary cross-entropy, Adam and early stopping on a validation split. By default one qubit per "
                + "label, as in the paper. The CDL head is the classical dense-layer baseline. Features are "
                + "standardised on the training data; missing feature values are mean-imputed.",
                getTechnicalInformation().toString());
    }

    @Override
    public TechnicalInformation getTechnicalInformation() {
        TechnicalInformation info = new TechnicalInformation(Type.MISC);
        for (Map.Entry<String, String> f : PaperReference.DRESSED_QUANTUM_CIRCUIT.bibtexFields().entrySet()) {
            info.setValue(Field.valueOf(f.getKey().toUpperCase(Locale.ROOT)), f.getValue());
        }
        return info;
    }

    @Override
    public Capabilities getCapabilities() {
        Capabilities result = super.getCapabilities();
        result.disableAll();
        result.enable(Capability.NUMERIC_ATTRIBUTES);
        result.enable(Capability.NOMINAL_ATTRIBUTES);
        result.enable(Capability.MISSING_VALUES);
        result.enable(Capability.BINARY_CLASS);
        result.enable(Capability.MISSING_CLASS_VALUES);
        return result;
    }

    /** @return the trained head, or null before {@link #buildClassifier} */
    TrainedHead trainedHead() {
        return model;
    }

    TrainingConfig trainingConfig(int instances) {
        return DQCOptions.trainingConfig(opts, getSeed(), instances);
    }

    @Override
    public void buildClassifier(Instances data) throws Exception {
        opts.validate(); // the option editor and setOptions store any value; ranges are checked here
        PredictionNoise predictionNoise = PredictionNoiseOptions.of(opts);
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
        List<String> names = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        for (int a = numLabels; a < data.numAttributes(); a++) {
            Attribute att = data.attribute(a);
            if (!att.isNumeric() && !att.isNominal()) {
                throw new IllegalArgumentException("Feature attribute '" + att.name() + "' is "
                        + Attribute.typeToString(att) + "; DQC takes numeric and nominal (one-hot encoded) features");
            }
            names.add(att.name());
            List<String> v = null;
            if (att.isNominal()) {
                v = new ArrayList<>();
                for (int k = 0; k < att.numValues(); k++) {
                    v.add(att.value(k));
                }
            }
            values.add(v);
        }
        encoding = NominalEncoding.of(names, values);
        if (data.numInstances() == 0) {
            throw new IllegalArgumentException("No training instances");
        }
        double[][] x = rawFeatures(data);
        int width = encoding.width();
        featureMeans = new double[width];
        for (int j = 0; j < width; j++) {
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
        List<String> labelNames = new ArrayList<>();
        for (int l = 0; l < numLabels; l++) {
            labelNames.add(data.attribute(l).name());
        }
        ClassifierHead head = DQCOptions.head(opts, width, numLabels);
        TrainingConfig config = trainingConfig(y.length);
        usedValidation = config.validationFraction() > 0;
        model = PlatformTraining.withEpochLog(getProgress() || getDebug(), System.err, "DQC",
                () -> new HeadTrainer(config).labelNames(labelNames).fit(head, x, y))
                .withPredictionNoise(predictionNoise);
    }

    /** Feature values (attributes L.. end) with NaN for missing values. */
    private double[][] rawFeatures(Instances data) {
        double[][] x = new double[data.numInstances()][];
        for (int r = 0; r < x.length; r++) {
            x[r] = rawFeatures(data.instance(r));
        }
        return x;
    }

    /** One-hot encoded features (NaN where missing, all columns of a missing nominal value). */
    private double[] rawFeatures(Instance inst) {
        if (inst.numAttributes() - numLabels != encoding.numAttributes()) {
            throw new IllegalArgumentException("The instance has " + (inst.numAttributes() - numLabels)
                    + " feature attributes after the " + numLabels + " labels, the classifier was trained on "
                    + encoding.numAttributes());
        }
        double[] row = new double[inst.numAttributes() - numLabels];
        for (int a = numLabels; a < inst.numAttributes(); a++) {
            row[a - numLabels] = inst.isMissing(a) ? Double.NaN : inst.value(a);
        }
        return encoding.encode(row);
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
        for (OptionDef d : SPEC.options()) {
            v.add(new Option(d.listDescription(), d.listFlag(), d.numArguments(), d.synopsis()));
        }
        v.addAll(Collections.list(super.listOptions()));
        return v.elements();
    }

    @Override
    public void setOptions(String[] options) throws Exception {
        SPEC.parse(options, opts);
        super.setOptions(options);
    }

    @Override
    public String[] getOptions() {
        return SPEC.toOptions(opts, super.getOptions());
    }

    @Override
    public OptionValues optionValues() {
        return opts;
    }

    @Override
    public void setSeed(int v) {
        opts.store("seed", v);
    }

    @Override
    public int getSeed() {
        return opts.getInt("seed");
    }

    /** @return tip text */
    public String seedTipText() {
        return SPEC.tip("seed");
    }

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
    public String getModel() {
        return toString();
    }

    @Override
    public String toString() {
        if (model == null) {
            return "DQC: not built yet";
        }
        return "DQC multi-label classifier (" + numLabels + " labels)\n" + DQCOptions.describe(model, usedValidation)
                + TrainedCircuit.descriptionSuffix(trainedCircuits(), CircuitDrawing.Style.ASCII);
    }

    /**
     * The DQC head's circuit with its trained weights (inputs symbolic when drawn), which the model string draws in
     * ASCII.
     *
     * @return a one-element list; empty for the CDL head or before {@link #buildClassifier}
     */
    @Override
    public List<TrainedCircuit> trainedCircuits() {
        return model == null ? List.of() : model.trainedCircuits();
    }

    /**
     * Java serialization (MEKA's {@code -d}, the MEKA Explorer, {@code SerializationHelper.write}) writes the
     * checksummed proxy {@link SealedMekaClassifier} in place of this classifier (and of any subclass): a changed or
     * missing byte of the saved classifier is an error naming the kind and the class on load, never a silently
     * different classifier.
     *
     * @return the proxy, or this classifier while it is written into the proxy's payload
     * @throws ObjectStreamException when the classifier cannot be serialized
     */
    @Serial
    protected Object writeReplace() throws ObjectStreamException {
        return SealedModel.replace(this, SealedMekaClassifier::new);
    }

    /**
     * Accepts this classifier only from the verified payload of its checksummed proxy
     * ({@link SealedModel#requireSealed}): a stream holding the classifier directly (saved before checksums) is
     * rejected instead of loading unverified.
     *
     * @param in the stream
     * @throws IOException            when the classifier is not read from a verified proxy, or on a read error
     * @throws ClassNotFoundException when a class of the stream is missing
     */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        SealedModel.requireSealed(this, SealedMekaClassifier.KIND);
        in.defaultReadObject();
    }

    /**
     * Reads a DQC classifier saved with MEKA's {@code -d} (or {@code SerializationHelper.write}) and says what is
     * wrong with a bad file: unlike MEKA's own reader, it names the file and the kind for an empty file and for one
     * cut inside the Java-serialization framing.
     *
     * @param file the model file
     * @return the classifier
     * @throws ModelIntegrityException when the file is empty, truncated or corrupt, or holds no DQC classifier
     * @throws IOException             when the file cannot be read
     */
    public static DQC readModelFile(String file) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of(file));
        return SealedModelFiles.readModel(bytes, file, SealedMekaClassifier.KIND, SealedMekaClassifier.FRAMING,
                SerializationHelper::getObjectInputStream, DQC.class, DQC.class.getName());
    }

    /**
     * Runs MEKA's evaluation from the command line, after a check of the {@code -l} model file (if any) with
     * {@link #readModelFile}: a bad model file is reported on standard error with the file and the kind, and the
     * JVM exits with status 1.
     *
     * @param args options, e.g. {@code -t Music.arff -x 3 -verbosity 2}
     */
    public static void main(String[] args) {
        String modelFile;
        try {
            modelFile = Utils.getOption('l', args.clone());
        } catch (Exception e) {
            modelFile = "";
        }
        if (!modelFile.isEmpty()) {
            try {
                readModelFile(modelFile);
            } catch (IOException e) {
                System.err.println(e.getMessage());
                System.exit(1);
            }
        }
        runClassifier(new DQC(), args);
    }
}

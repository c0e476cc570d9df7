package org.hybridqml.tribuo.multilabel;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import org.hybridqml.metrics.PCutThreshold;
import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.train.HeadTrainer;
import org.hybridqml.qnn.train.TrainedHead;
import org.hybridqml.tribuo.qnn.AbstractHeadTrainer;
import org.hybridqml.tribuo.qnn.HeadType;
import org.hybridqml.tribuo.qnn.OutputBias;
import org.hybridqml.tribuo.qnn.Preset;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the dressed-quantum-circuit (DQC) multi-label classifier of Chan et al., arXiv:2405.00156, or its
 * classical twin (CDL), on a Tribuo {@code Dataset<MultiLabel>}. For single-label data ({@code Dataset<Label>}, one
 * class per example, softmax over the classes) use
 * {@link org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierTrainer}: the same head and options for
 * the other output type, not a duplicate.
 *
 * <p>The head and its training loop are shared-sim's ({@link org.hybridqml.qnn.head.DressedQuantumHead},
 * {@link org.hybridqml.qnn.head.DenseHead}, {@link HeadTrainer}: mean sigmoid BCE over the labels, Adam, early
 * stopping on a validation split with the best epoch restored, standardisation fitted on the training part). This
 * trainer only translates: features are read densely through the dataset's feature map (absent = 0), label k of the
 * head is output id k of the dataset's {@link ImmutableOutputInfo}, and the options below become a
 * {@link org.hybridqml.qnn.train.TrainingConfig}. The model ({@link DressedQuantumCircuitModel}) predicts every
 * label whose probability is at least {@code threshold} and carries each label's probability in the prediction's
 * output-scores map.
 *
 * <p>{@code threshold} is 0.5 by default; 0 calibrates it after training by PCut1, MEKA's default
 * ({@link PCutThreshold#pcut1}, Read et al., JMLR 17(21), 2016): the one threshold for all labels whose predicted
 * label cardinality on the training examples (all of them, validation split included) is closest to their label
 * cardinality. A head whose probabilities on rare labels stay below 0.5 (the DQC of arXiv:2405.00156 on the rare
 * yeast labels predicts no label at 0.5 although its validation loss equals the CDL's) then predicts as MEKA's
 * evaluation of the same head does. Set it with the {@code threshold} @Config property or {@link #withThreshold};
 * the model keeps the threshold it uses ({@link DressedQuantumCircuitModel#threshold()}), and a calibrated one is
 * also in the model provenance's run entries under {@value #PCUT1_PROVENANCE}.
 *
 * <p>Errors, raised before any training work: an empty dataset or label domain (a 0/1 label column read as
 * {@code label=1} parses as false in Tribuo, see the message), a label count different from {@code numLabels}
 * when that is set (e.g. a label that never occurs in the training split), a label carrying a score other than
 * 1 (soft, non-binary relevance), all features constant, and a DQC head larger than the simulator's memory guard.
 * Single constant features follow the core: mapped to 0 with a logged warning. A label in the dataset's output
 * domain that is never relevant in the training examples (e.g. a split view whose label domain is the full
 * dataset's) is kept: the core trainer warns, naming it, and the model gives it a constant probability (its clipped
 * prior 1/(2N)) for every example, so it is never predicted. With the default {@code qubits} (one per label), more
 * labels than the simulator's qubit limit is an error naming the label count, the limit and the option.
 */
public final class DressedQuantumCircuitTrainer extends AbstractHeadTrainer<MultiLabel> {

    @Config(description = "Expected number of labels; 0 = the labels observed in the training data. Training fails "
            + "if the data's label domain has another size (e.g. a label never occurs in the training split).")
    private int numLabels = FROM_PRESET;

    /** Key of the calibrated threshold in the model provenance's run entries (when {@code threshold} is 0). */
    public static final String PCUT1_PROVENANCE = "pcut1-threshold";

    @Config(description = "Probability at or above which a label is predicted, in (0, 1); 0 calibrates one "
            + "threshold on the training data by PCut1 (MEKA's default: predicted label cardinality = training "
            + "label cardinality).")
    private double threshold = 0.5;

    /** For OLCUT. */
    private DressedQuantumCircuitTrainer() {
    }

    /**
     * A trainer with the {@link Preset#DEFAULT default} recipe, one qubit per label and the preset's layers.
     *
     * @param headType DQC or CDL
     * @param seed     the seed
     */
    public DressedQuantumCircuitTrainer(HeadType headType, long seed) {
        this(headType, FROM_PRESET, FROM_PRESET, Preset.DEFAULT, FROM_PRESET, 32, FROM_PRESET, FROM_PRESET, 0.2,
                OutputBias.PRESET, seed);
    }

    /**
     * A trainer with a preset and a maximum number of epochs, one qubit per label and the preset's layers.
     *
     * @param headType  DQC or CDL
     * @param preset    DEFAULT or PAPER
     * @param maxEpochs maximum epochs, or 0 for the preset's
     * @param seed      the seed
     */
    public DressedQuantumCircuitTrainer(HeadType headType, Preset preset, int maxEpochs, long seed) {
        this(headType, FROM_PRESET, FROM_PRESET, preset, FROM_PRESET, 32, maxEpochs, FROM_PRESET, 0.2,
                OutputBias.PRESET, seed);
    }

    /**
     * A fully specified trainer; 0 for a numeric option takes it from the preset (qubits: one per label).
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
     * @param seed               the seed
     */
    public DressedQuantumCircuitTrainer(HeadType headType, int qubits, int layers, Preset preset,
                                        double learningRate, int batchSize, int maxEpochs, int patience,
                                        double validationFraction, OutputBias outputBias, long seed) {
        this(headType, qubits, layers, preset, learningRate, FROM_PRESET, batchSize, maxEpochs, patience,
                validationFraction, outputBias, seed);
    }

    /**
     * A fully specified trainer with the readout's learning-rate factor; 0 for a numeric option takes it from the
     * preset (qubits: one per label).
     *
     * @param headType                 DQC or CDL
     * @param qubits                   DQC qubits or 0
     * @param layers                   DQC layers or 0
     * @param preset                   the recipe the unset options come from
     * @param learningRate             Adam learning rate or 0
     * @param readoutLearningRateScale factor on the DQC readout layer's learning rate, or 0 (DEFAULT 10, PAPER 1)
     * @param batchSize                mini-batch size
     * @param maxEpochs                maximum epochs or 0
     * @param patience                 early-stopping patience or 0
     * @param validationFraction       validation share in [0, 1)
     * @param outputBias               output-bias initialisation
     * @param seed                     the seed
     */
    public DressedQuantumCircuitTrainer(HeadType headType, int qubits, int layers, Preset preset,
                                        double learningRate, double readoutLearningRateScale, int batchSize,
                                        int maxEpochs, int patience, double validationFraction,
                                        OutputBias outputBias, long seed) {
        setOptions(headType, qubits, layers, preset, learningRate, batchSize, maxEpochs, patience,
                validationFraction, outputBias, seed);
        this.readoutLearningRateScale = readoutLearningRateScale;
        postConfig();
    }

    /**
     * Sets the decision threshold, as the {@code threshold} @Config property does (the constructors keep 0.5).
     *
     * @param threshold a probability in (0, 1), or 0 to calibrate it by PCut1 on the training data
     * @return this
     * @throws PropertyException if the value is out of range
     */
    public synchronized DressedQuantumCircuitTrainer withThreshold(double threshold) {
        checkThreshold(threshold);
        this.threshold = threshold;
        return this;
    }

    @Override
    public synchronized void postConfig() {
        super.postConfig();
        if (numLabels != FROM_PRESET && numLabels < 1) {
            throw new PropertyException("", "numLabels", "numLabels must be >= 1, or 0 to take the data's, got "
                    + numLabels);
        }
        checkThreshold(threshold);
    }

    private static void checkThreshold(double threshold) {
        if (!(threshold == 0 || (threshold > 0 && threshold < 1))) {
            throw new PropertyException("", "threshold", "threshold must be in (0, 1), or 0 for PCut1, got "
                    + threshold);
        }
    }

    @Override
    public DressedQuantumCircuitModel train(Dataset<MultiLabel> examples) {
        return train(examples, Map.of());
    }

    @Override
    public DressedQuantumCircuitModel train(Dataset<MultiLabel> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public DressedQuantumCircuitModel train(Dataset<MultiLabel> examples, Map<String, Provenance> runProvenance,
                                            int invocationCount) {
        ImmutableFeatureMap featureMap = examples.getFeatureIDMap();
        ImmutableOutputInfo<MultiLabel> labelInfo = examples.getOutputIDInfo();
        if (examples.size() == 0) {
            throw new IllegalArgumentException("No examples: the training dataset is empty");
        }
        if (labelInfo.size() == 0) {
            throw new IllegalArgumentException("The training dataset has no relevant label in any example. If the "
                    + "labels came from 0/1 columns (e.g. CSVLoader's 'label=1'), note that Tribuo parses 'label=1' "
                    + "as false: write true/false, or build the MultiLabel from the names of the relevant labels");
        }
        if (numLabels != FROM_PRESET && labelInfo.size() != numLabels) {
            throw new IllegalArgumentException("Label count mismatch: expected " + numLabels + " labels, the "
                    + "training data has " + labelInfo.size() + " " + labelNames(labelInfo)
                    + " (a label that never occurs in the training data is not in Tribuo's label domain)");
        }
        int[][] y = labelMatrix(examples, labelInfo);
        ClassifierHead head = checkedHead(featureMap.size(), labelInfo.size());
        double[][] x = denseFeatures(examples);
        checkFeatures(x);

        Run run = startRun(invocationCount);
        TrainedHead trained = new HeadTrainer(trainingConfig(run.rng().nextLong())).labelNames(labelNames(labelInfo))
                .fit(head, x, y);
        boolean calibrate = threshold == 0;
        double used = calibrate ? PCutThreshold.pcut1(trained.scores(x), PCutThreshold.labelCardinality(y))
                : threshold;
        Map<String, Provenance> instance = runProvenance;
        if (calibrate) {
            instance = new HashMap<>(runProvenance == null ? Map.of() : runProvenance);
            instance.put(PCUT1_PROVENANCE, new DoubleProvenance(PCUT1_PROVENANCE, used));
        }
        return new DressedQuantumCircuitModel(headType + "-multilabel-model",
                modelProvenance(DressedQuantumCircuitModel.class.getName(), examples, run, instance),
                featureMap, labelInfo, trained, used, calibrate);
    }

    @Override
    protected String outputWord() {
        return "labels";
    }

    /** 0/1 label rows in output-id order; rejects unknown outputs and soft (non-binary) label scores. */
    private static int[][] labelMatrix(Dataset<MultiLabel> examples, ImmutableOutputInfo<MultiLabel> info) {
        int[][] y = new int[examples.size()][info.size()];
        int i = 0;
        for (Example<MultiLabel> e : examples) {
            MultiLabel out = e.getOutput();
            if (out.equals(MultiLabelFactory.UNKNOWN_MULTILABEL)) {
                throw new IllegalArgumentException("Example " + i + " has the unknown output; training needs the "
                        + "relevant labels of every example");
            }
            for (Label l : out.getLabelSet()) {
                double s = l.getScore();
                if (!Double.isNaN(s) && s != 1.0) {
                    throw new IllegalArgumentException("Label '" + l.getLabel() + "' of example " + i + " has score "
                            + s + "; labels must be binary (relevant or not), not weighted or soft scores");
                }
                int id = info.getID(new MultiLabel(l.getLabel()));
                if (id < 0) {
                    throw new IllegalStateException("Label '" + l.getLabel() + "' of example " + i
                            + " is not in the dataset's label domain " + labelNames(info));
                }
                y[i][id] = 1;
            }
            i++;
        }
        return y;
    }

    private static List<String> labelNames(ImmutableOutputInfo<MultiLabel> info) {
        List<String> names = new ArrayList<>();
        for (int id = 0; id < info.size(); id++) {
            names.add(info.getOutput(id).getLabelString());
        }
        return names;
    }
}

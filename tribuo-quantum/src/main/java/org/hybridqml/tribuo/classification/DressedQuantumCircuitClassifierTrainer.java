package org.hybridqml.tribuo.classification;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
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
import org.tribuo.classification.LabelFactory;

import java.util.Map;

/**
 * Trains the dressed-quantum-circuit (DQC) head of Chan et al., arXiv:2405.00156, or its
 * classical twin (CDL), as an ordinary single-label classifier on a Tribuo {@code Dataset<Label>}: softmax
 * cross-entropy over one output per class (by default one qubit per class), otherwise the same recipe, options and
 * checks as {@link org.hybridqml.tribuo.multilabel.DressedQuantumCircuitTrainer}. Class k of the head is output id
 * k of the dataset's {@link ImmutableOutputInfo}. The model ({@link DressedQuantumCircuitClassifierModel}) predicts
 * the most probable class and carries the full distribution.
 *
 * <p>Naming: the two DQC trainers are one head for two Tribuo output types, not duplicates.
 * {@code DressedQuantumCircuitClassifierTrainer} (this class, {@code Trainer<Label>}: one class per example,
 * softmax) and {@link org.hybridqml.tribuo.multilabel.DressedQuantumCircuitTrainer} ({@code Trainer<MultiLabel>}:
 * any subset of labels per example, a sigmoid per label, the paper's task). Both take the same {@code @Config}
 * options from {@link AbstractHeadTrainer}; their models are {@link DressedQuantumCircuitClassifierModel} and
 * {@link org.hybridqml.tribuo.multilabel.DressedQuantumCircuitModel}.
 */
public final class DressedQuantumCircuitClassifierTrainer extends AbstractHeadTrainer<Label> {

    /** For OLCUT. */
    private DressedQuantumCircuitClassifierTrainer() {
    }

    /**
     * A trainer with the {@link Preset#DEFAULT default} recipe, one qubit per class and the preset's layers.
     *
     * @param headType DQC or CDL
     * @param seed     the seed
     */
    public DressedQuantumCircuitClassifierTrainer(HeadType headType, long seed) {
        this(headType, FROM_PRESET, FROM_PRESET, Preset.DEFAULT, FROM_PRESET, 32, FROM_PRESET, FROM_PRESET, 0.2,
                OutputBias.PRESET, seed);
    }

    /**
     * A fully specified trainer; 0 for a numeric option takes it from the preset (qubits: one per class).
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
    public DressedQuantumCircuitClassifierTrainer(HeadType headType, int qubits, int layers, Preset preset,
                                                  double learningRate, int batchSize, int maxEpochs, int patience,
                                                  double validationFraction, OutputBias outputBias, long seed) {
        this(headType, qubits, layers, preset, learningRate, FROM_PRESET, batchSize, maxEpochs, patience,
                validationFraction, outputBias, seed);
    }

    /**
     * A fully specified trainer with the readout's learning-rate factor; 0 for a numeric option takes it from the
     * preset (qubits: one per class).
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
    public DressedQuantumCircuitClassifierTrainer(HeadType headType, int qubits, int layers, Preset preset,
                                                  double learningRate, double readoutLearningRateScale, int batchSize,
                                                  int maxEpochs, int patience, double validationFraction,
                                                  OutputBias outputBias, long seed) {
        setOptions(headType, qubits, layers, preset, learningRate, batchSize, maxEpochs, patience,
                validationFraction, outputBias, seed);
        this.readoutLearningRateScale = readoutLearningRateScale;
        postConfig();
    }

    @Override
    public DressedQuantumCircuitClassifierModel train(Dataset<Label> examples) {
        return train(examples, Map.of());
    }

    @Override
    public DressedQuantumCircuitClassifierModel train(Dataset<Label> examples,
                                                      Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public DressedQuantumCircuitClassifierModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance,
                                                      int invocationCount) {
        ImmutableFeatureMap featureMap = examples.getFeatureIDMap();
        ImmutableOutputInfo<Label> labelInfo = examples.getOutputIDInfo();
        if (examples.size() == 0) {
            throw new IllegalArgumentException("No examples: the training dataset is empty");
        }
        if (labelInfo.size() < 2) {
            throw new IllegalArgumentException("Need at least 2 classes to train a classifier, the training data has "
                    + labelInfo.getDomain());
        }
        int[] classes = new int[examples.size()];
        int i = 0;
        for (Example<Label> e : examples) {
            if (e.getOutput().equals(LabelFactory.UNKNOWN_LABEL)) {
                throw new IllegalArgumentException("Example " + i + " has the unknown label; training needs the class "
                        + "of every example");
            }
            classes[i++] = labelInfo.getID(e.getOutput());
        }
        ClassifierHead head = checkedHead(featureMap.size(), labelInfo.size());
        double[][] x = denseFeatures(examples);
        checkFeatures(x);

        Run run = startRun(invocationCount);
        TrainedHead trained = new HeadTrainer(trainingConfig(run.rng().nextLong())).fitSingleLabel(head, x, classes);
        return new DressedQuantumCircuitClassifierModel(headType + "-classifier-model",
                modelProvenance(DressedQuantumCircuitClassifierModel.class.getName(), examples, run, runProvenance),
                featureMap, labelInfo, trained);
    }

    @Override
    protected String outputWord() {
        return "classes";
    }
}

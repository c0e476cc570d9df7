package org.hybridqml.options;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.head.DenseHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.qnn.train.PlatformTraining;
import org.hybridqml.qnn.train.TrainedHead;
import org.hybridqml.qnn.train.TrainingConfig;
import org.hybridqml.qnn.train.TrainingHistory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of the dressed-quantum-circuit (DQC) classifiers, shared by the Weka single-label classifier and the
 * MEKA multi-label classifier (which cannot share a Weka class: they compile against different Weka lines), and
 * what both build from them: the training configuration, the head and the model description.
 *
 * <p>Options (bean name, flag): {@code numQubits} ({@code -Q}), {@code headType} ({@code -head DQC|CDL}),
 * {@code preset} ({@code -preset default|paper}, which sets the next eight), {@code numLayers} ({@code -L}),
 * {@code learningRate} ({@code -lr}), {@code readoutLearningRateScale} ({@code -readout-lr-scale}),
 * {@code miniBatchSize} ({@code -mini-batch}), {@code maxEpochs} ({@code -E}), {@code patience} ({@code -P}),
 * {@code validationFraction} ({@code -V}), {@code outputBiasFromPriors} ({@code -prior-bias} /
 * {@code -no-prior-bias}), the prediction-time {@code shots} ({@code -shots}), {@code noise} ({@code -noise}) and
 * {@code noiseSeed} ({@code -noise-seed}) of {@link PredictionNoiseOptions}; the multi-label spec adds {@code seed}
 * ({@code -S}).
 */
public final class DQCOptions {

    /** Head choice: the dressed quantum circuit. */
    public static final String HEAD_DQC = "DQC";
    /** Head choice: the classical dense layer (CDL) baseline. */
    public static final String HEAD_CDL = "CDL";
    /** Preset choice: {@link TrainingConfig#defaults()}. */
    public static final String PRESET_DEFAULT = "default";
    /** Preset choice: {@link TrainingConfig#paper()}. */
    public static final String PRESET_PAPER = "paper";

    /** The options of the single-label (nominal class) classifier; the seed is the platform's own. */
    public static final OptionSpec SINGLE_LABEL = spec(false);

    /** The options of the multi-label classifier, with one qubit per label by default and a seed option. */
    public static final OptionSpec MULTI_LABEL = spec(true).plus(OptionDef.ofInt("seed", "S", 1, Integer.MIN_VALUE,
            Integer.MAX_VALUE, "Seed of the parameter initialisation, the validation split and the shuffling."));

    private DQCOptions() {
    }

    private static Map<String, Object> presetValues(TrainingConfig c, int layers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("numLayers", layers);
        m.put("learningRate", c.learningRate());
        m.put("readoutLearningRateScale", c.readoutLearningRateScale());
        m.put("miniBatchSize", c.batchSize());
        m.put("maxEpochs", c.maxEpochs());
        m.put("patience", c.patience());
        m.put("validationFraction", c.validationFraction());
        m.put("outputBiasFromPriors", c.outputBiasFromPriors());
        return m;
    }

    /** A preset value for a tip text: 10.0 as "10". */
    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static OptionSpec spec(boolean multiLabel) {
        String what = multiLabel ? "label" : "class";
        OptionDef qubits = multiLabel
                ? OptionDef.ofInt("numQubits", "Q", 0, 0, 30, "Number of qubits of the DQC circuit; 0 means one per "
                        + "label (the paper). Simulation cost grows as 2^qubits. Ignored by the CDL head.")
                : OptionDef.ofInt("numQubits", "Q", 4, 1, 30, "Number of qubits of the DQC circuit. The Dense layer "
                        + "maps the attributes to this many angles; simulation cost grows as 2^qubits. Ignored by "
                        + "the CDL head.");
        return OptionSpec.of(
                qubits,
                OptionDef.ofChoice("headType", "head", HEAD_DQC, List.of(HEAD_DQC, HEAD_CDL),
                        List.of("Dressed quantum circuit (Dense -> tanh*pi/2 -> circuit -> <Z> -> Dense)",
                                "Classical dense layer (Dense -> logits), the paper's baseline"),
                        "The classifier head: DQC or its classical baseline CDL. DQC: the dressed quantum circuit head; CDL: the "
                                + "classical dense-layer baseline of the paper."),
                OptionDef.ofChoice("preset", "preset", PRESET_DEFAULT, List.of(PRESET_DEFAULT, PRESET_PAPER),
                        List.of(DressedQuantumCircuit.DEFAULT_LAYERS + " layers, lr 3e-3 (readout x"
                                        + fmt(TrainingConfig.defaults().readoutLearningRateScale()) + "), batch 32, "
                                        + "<= 200 epochs, patience 20, output bias from priors",
                                "Chan et al.: " + DressedQuantumCircuit.PAPER_LAYERS + " layers, lr 1e-4 (readout x"
                                        + fmt(TrainingConfig.paper().readoutLearningRateScale()) + "), batch 32, "
                                        + "<= 50 epochs, patience 5, zero output bias"),
                        "Training recipe: default or paper. Choosing one sets the number of layers, learning rate, "
                                + "readout learning-rate scale, mini-batch size, max epochs, patience, validation "
                                + "fraction and output-bias initialisation to its values (change them afterwards to "
                                + "override). default: " + DressedQuantumCircuit.DEFAULT_LAYERS + " layers, lr 3e-3 "
                                + "with the readout's x" + fmt(TrainingConfig.defaults().readoutLearningRateScale())
                                + ", <= 200 epochs, patience 20, bias from " + what + " priors; paper: the authors' "
                                + DressedQuantumCircuit.PAPER_LAYERS + " layers, lr 1e-4 for every parameter, <= 50 "
                                + "epochs, patience 5, zero bias.")
                        .withPresets(Map.of(PRESET_DEFAULT, presetValues(TrainingConfig.defaults(),
                                        DressedQuantumCircuit.DEFAULT_LAYERS),
                                PRESET_PAPER, presetValues(TrainingConfig.paper(), DressedQuantumCircuit.PAPER_LAYERS))),
                OptionDef.ofInt("numLayers", "L", null, 1, 100,
                        "Number of variational layers of the DQC circuit (presets: default "
                                + DressedQuantumCircuit.DEFAULT_LAYERS + ", paper " + DressedQuantumCircuit.PAPER_LAYERS
                                + "). Each layer is RY on every wire and a CNOT ring. Ignored by the CDL head."),
                OptionDef.ofDouble("learningRate", "lr", null, 0, Double.MAX_VALUE, "Adam learning rate (> 0).")
                        .exclusive(true, false),
                OptionDef.ofDouble("readoutLearningRateScale", "readout-lr-scale", null, 0, Double.MAX_VALUE,
                        "Learning-rate factor (> 0) of the DQC's readout (presets: default "
                                + fmt(TrainingConfig.defaults().readoutLearningRateScale()) + ", paper "
                                + fmt(TrainingConfig.paper().readoutLearningRateScale()) + "). The readout is the "
                                + "Dense layer after the <Z> measurements; these are small, so its weights must grow "
                                + "large while Adam's step is fixed in weight units, and a larger rate lets them. "
                                + "Ignored by the CDL head.")
                        .exclusive(true, false),
                OptionDef.ofInt("miniBatchSize", "mini-batch", null, 1, Integer.MAX_VALUE,
                        "Training mini-batch size (>= 1); a whole batch is simulated at once."
                                + (multiLabel ? "" : " (Weka's batchSize option is the prediction batch size.)")),
                OptionDef.ofInt("maxEpochs", "E", null, 1, Integer.MAX_VALUE,
                        "Maximum number of training epochs (>= 1)."),
                OptionDef.ofInt("patience", "P", null, 1, Integer.MAX_VALUE,
                        "Early-stopping patience in epochs (>= 1). Training stops after this many epochs without "
                                + "a lower validation loss; the best epoch's parameters are kept."),
                OptionDef.ofDouble("validationFraction", "V", null, 0, 1,
                        "Share of the training data held out for early stopping, in [0,1). 0 (or fewer than "
                                + PlatformTraining.MIN_ROWS_FOR_VALIDATION + (multiLabel ? "" : " labelled")
                                + " instances) trains all epochs and keeps the last.").exclusive(false, true),
                OptionDef.ofBoolean("outputBiasFromPriors", "prior-bias", "no-prior-bias", null,
                        multiLabel ? "Initialise each label's output bias from the label priors. Each bias starts "
                                + "at the label's log-odds on the training data."
                                : "Initialise the output bias to the log class frequencies before training."),
                ProgressOption.DEF).plus(PredictionNoiseOptions.defs("the CDL head"));
    }

    /**
     * The training configuration the values describe, for a training set of {@code rows} rows (no validation split
     * on tiny data, see {@link PlatformTraining#config}).
     *
     * @param v    values of {@link #SINGLE_LABEL} or {@link #MULTI_LABEL}
     * @param seed the seed
     * @param rows number of training rows
     * @return the configuration
     */
    public static TrainingConfig trainingConfig(OptionValues v, long seed, int rows) {
        return PlatformTraining.config(v.getDouble("learningRate"), v.getDouble("readoutLearningRateScale"),
                v.getInt("miniBatchSize"),
                v.getInt("maxEpochs"), v.getInt("patience"), v.getDouble("validationFraction"),
                v.getBoolean("outputBiasFromPriors"), seed, rows);
    }

    /**
     * The untrained head the values describe.
     *
     * @param v        the values
     * @param features number of input features
     * @param outputs  number of classes or labels
     * @return a {@link DressedQuantumHead} or a {@link DenseHead}; a qubit count of 0 means one per output
     * @throws IllegalArgumentException if the qubit count (given, or one per output) exceeds the simulator's limit;
     *                                  the message names the output count, the limit and the {@code -Q} option
     */
    public static ClassifierHead head(OptionValues v, int features, int outputs) {
        if (HEAD_CDL.equals(v.getString("headType"))) {
            return new DenseHead(features, outputs);
        }
        int q = DressedQuantumHead.qubitsFor(v.getInt("numQubits"), outputs, outputWord(v),
                "numQubits (-Q)");
        return new DressedQuantumHead(features, outputs, q, v.getInt("numLayers"));
    }

    private static String outputWord(OptionValues v) {
        return v.spec().options().stream().anyMatch(d -> d.name().equals("seed")) ? "labels" : "classes";
    }

    /**
     * The lines describing a trained head, shared by the platforms' {@code toString}: architecture, qubits and
     * layers, parameter count, epochs, kept epoch and losses.
     *
     * @param model          the trained head
     * @param usedValidation whether a validation split was used (else the last epoch was kept)
     * @return the description (newline-terminated lines)
     */
    public static String describe(TrainedHead model, boolean usedValidation) {
        TrainingHistory h = model.history();
        StringBuilder sb = new StringBuilder();
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
        sb.append(String.format(Locale.ROOT, "Training loss at kept epoch: %.5f%n", h.best().trainLoss()));
        return sb.toString();
    }
}

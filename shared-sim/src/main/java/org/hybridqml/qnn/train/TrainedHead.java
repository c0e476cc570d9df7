package org.hybridqml.qnn.train;

import org.hybridqml.qnn.BoundCircuit;
import org.hybridqml.qnn.HasTrainedCircuits;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.sim.qasm.OpenQasmExporter;

import java.io.Serializable;
import java.util.List;

/**
 * A trained head with the standardisation it was trained with: maps raw feature rows to logits and probabilities.
 */
public final class TrainedHead implements Serializable, HasTrainedCircuits {

    private static final long serialVersionUID = 1L;

    /** Rows per forward call at prediction time. */
    private static final int CHUNK = 256;

    private final ClassifierHead head;
    private final Standardizer standardizer;
    private final Loss loss;
    private final TrainingHistory history;

    /**
     * @param head         the trained head (not copied)
     * @param standardizer the feature standardisation fitted on the training data
     * @param loss         the loss it was trained with (decides sigmoid vs softmax scores)
     * @param history      the training history
     */
    public TrainedHead(ClassifierHead head, Standardizer standardizer, Loss loss, TrainingHistory history) {
        this.head = head;
        this.standardizer = standardizer;
        this.loss = loss;
        this.history = history;
    }

    /**
     * @return the head's circuits with their trained parameters (the DQC head's one circuit), or an empty list for
     *         a classical head (CDL)
     */
    @Override
    public List<TrainedCircuit> trainedCircuits() {
        return head instanceof HasTrainedCircuits h ? h.trainedCircuits() : List.of();
    }

    /**
     * This model with a prediction-time setting: a DQC head evaluates its circuit with finite shots and/or noise
     * ({@link DressedQuantumHead#withPredictionNoise}); a classical head (CDL) has no circuit and is kept as it is.
     *
     * @param noise the setting, not null ({@link PredictionNoise#exact()} for the exact predictions)
     * @return a new trained model sharing the standardisation and history (the head copied)
     */
    public TrainedHead withPredictionNoise(PredictionNoise noise) {
        if (noise == null) {
            throw new IllegalArgumentException("prediction noise must not be null; use PredictionNoise.exact()");
        }
        ClassifierHead h = head instanceof DressedQuantumHead dqc ? dqc.withPredictionNoise(noise) : head;
        return new TrainedHead(h, standardizer, loss, history);
    }

    /** @return the DQC head's prediction-time setting; {@link PredictionNoise#exact()} for a classical head */
    public PredictionNoise predictionNoise() {
        return head instanceof DressedQuantumHead dqc ? dqc.predictionNoise() : PredictionNoise.exact();
    }

    /**
     * The DQC circuit of one raw feature row as an OpenQASM program: the trained circuit weights and the circuit
     * inputs tanh(Dense(x))·π/2 of the standardised row bound to numbers ({@link OpenQasmExporter}), with the
     * measurement of every qubit; simulating it gives the ⟨Z_i⟩ the output layer reads for this row.
     *
     * @param features one raw (unstandardised) feature row
     * @param qasm3    OpenQASM 3.0 when true, else 2.0
     * @return the program
     * @throws IllegalArgumentException for a classical head (no circuit) or a row of the wrong width
     */
    public String toOpenQasm(double[] features, boolean qasm3) {
        if (!(head instanceof DressedQuantumHead dqc)) {
            throw new IllegalArgumentException("Only the DQC head has a circuit to export; this model has "
                    + head.describe());
        }
        HeadTrainer.checkFeatures(new double[][]{features}, head.numFeatures());
        double[] input = dqc.circuitInputs(standardizer.transform(new double[][]{features}))[0];
        return new BoundCircuit(dqc.trainedCircuits().get(0), input).toOpenQasm(qasm3);
    }

    /** @return the head */
    public ClassifierHead head() {
        return head;
    }

    /** @return the standardisation */
    public Standardizer standardizer() {
        return standardizer;
    }

    /** @return the training loss */
    public Loss loss() {
        return loss;
    }

    /** @return the training history */
    public TrainingHistory history() {
        return history;
    }

    /** @return whether this is a single-label (softmax) model */
    public boolean isSingleLabel() {
        return loss == Loss.SOFTMAX_CROSS_ENTROPY;
    }

    /**
     * Logits for raw (unstandardised) feature rows.
     *
     * @param features [rows][features], finite
     * @return [rows][outputs]
     */
    public double[][] logits(double[][] features) {
        HeadTrainer.checkFeatures(features, head.numFeatures());
        double[][] x = standardizer.transform(features);
        double[][] out = new double[x.length][];
        for (int from = 0; from < x.length; from += CHUNK) {
            int to = Math.min(x.length, from + CHUNK);
            double[][] chunk = java.util.Arrays.copyOfRange(x, from, to);
            double[][] z = head.logits(chunk);
            System.arraycopy(z, 0, out, from, z.length);
        }
        return out;
    }

    /**
     * Probabilities: per-label sigmoid (multi-label) or softmax over the classes (single-label).
     *
     * @param features [rows][features], raw
     * @return [rows][outputs]
     */
    public double[][] scores(double[][] features) {
        double[][] z = logits(features);
        for (int r = 0; r < z.length; r++) {
            z[r] = loss.scores(z[r]);
        }
        return z;
    }

    /**
     * Mean loss on labelled data (the training loss function).
     *
     * @param features raw features
     * @param labels   0/1 label rows (multi-label) — for a single-label model, one-hot rows
     * @return the mean loss
     */
    public double meanLoss(double[][] features, int[][] labels) {
        HeadTrainer.checkLabels(labels, features.length, head.numOutputs(), isSingleLabel());
        return loss.value(logits(features), HeadTrainer.toDouble(labels));
    }
}

package org.hybridqml.qnn.train;

import org.hybridqml.qnn.HasTrainedCircuits;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.qnn.head.ClassifierHead;

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

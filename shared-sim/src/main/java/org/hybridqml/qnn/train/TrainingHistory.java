package org.hybridqml.qnn.train;

import java.io.Serializable;
import java.util.List;

/**
 * What happened during training. Epoch 0 is the initial model (before any update); its validation loss is the
 * baseline early stopping starts from.
 *
 * @param epochs       one entry per evaluated epoch, starting with epoch 0
 * @param bestEpoch    the epoch whose parameters were kept (lowest validation loss; the last epoch without
 *                     validation data)
 * @param stoppedEarly whether training stopped before {@code maxEpochs} for lack of improvement
 */
public record TrainingHistory(List<Epoch> epochs, int bestEpoch, boolean stoppedEarly) implements Serializable {

    /**
     * One epoch.
     *
     * @param epoch     the epoch number (0 = before training)
     * @param trainLoss mean training loss over the epoch's mini-batches (epoch 0: over the training part)
     * @param valLoss   validation loss after the epoch, NaN without validation data
     * @param seconds   wall-clock seconds of the epoch
     */
    public record Epoch(int epoch, double trainLoss, double valLoss, double seconds) implements Serializable {
    }

    /** @return the epoch record of {@link #bestEpoch()} */
    public Epoch best() {
        return epochs.get(bestEpoch);
    }

    /** @return the record of epoch 0, before any update */
    public Epoch initial() {
        return epochs.get(0);
    }

    /** @return number of training epochs run (not counting epoch 0) */
    public int epochsRun() {
        return epochs.size() - 1;
    }
}

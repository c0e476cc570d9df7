package org.hybridqml.nn.train;

/**
 * What one training epoch did.
 *
 * @param epoch           1-based epoch number
 * @param meanLoss        mean of the mini-batch losses (per-pixel BCE) over the epoch
 * @param validationScore validation score, NaN when there is no validation set
 * @param seconds         wall time of the epoch including validation
 */
public record EpochStats(int epoch, double meanLoss, double validationScore, double seconds) {
}

package org.hybridqml.tribuo.qnn;

/** How a {@link AbstractHeadTrainer} initialises the bias of the head's final dense layer. */
public enum OutputBias {
    /** As the chosen {@link Preset} says (DEFAULT: label priors; PAPER: zero). */
    PRESET,
    /** Each label's log-odds (multi-label) or log class frequency (single-label) on the training part. */
    PRIORS,
    /** Zero, as drawn by the initialisation. */
    ZERO
}

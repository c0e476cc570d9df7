package org.hybridqml.options;

/**
 * The option every platform classifier's spec ends with: progress lines while training (on by default; the flag
 * {@code -no-progress} turns them off). What a line is and where it goes is the adapter's business (the Weka and
 * MEKA classifiers print the trainer's per-epoch lines, and a line every ~10 s within a long epoch, on standard
 * error); the bean property is {@link TrainingOptionBean#getProgress()}.
 */
public final class ProgressOption {

    /** Bean property name. */
    public static final String NAME = "progress";

    /** The option: boolean {@code progress}, default true, cleared by {@code -no-progress}. */
    public static final OptionDef DEF = OptionDef.ofBoolean(NAME, null, "no-progress", true,
            "Print a progress line per training epoch. Lines also come about every 10 s within a long epoch, on "
                    + "standard error and in the Explorer's log; off: train silently.");

    private ProgressOption() {
    }
}

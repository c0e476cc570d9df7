package org.hybridqml.sim;

/**
 * Thrown when a training loop or a simulator call stops because its thread was interrupted (for example by
 * {@code Future.cancel(true)}, or by the Stop button of the Weka Explorer). The thread's interrupt flag is left
 * set, so callers further up still see that they were interrupted. Unchecked, so that it passes through interfaces
 * that declare no checked exception (Tribuo's {@code Trainer.train}, DL4J layers); Weka's and MEKA's
 * {@code buildClassifier} let it through as the {@code Exception} they declare.
 */
public class TrainingInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was stopped, e.g. "DQC training interrupted at epoch 3, mini-batch 7 of 40" */
    public TrainingInterruptedException(String message) {
        super(message);
    }
}

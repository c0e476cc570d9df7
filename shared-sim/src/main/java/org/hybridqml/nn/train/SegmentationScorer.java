package org.hybridqml.nn.train;

/**
 * Scores predicted foreground probabilities against binary masks over a whole validation set (pooled or averaged,
 * as the implementation decides). Lets the trainer use any metric (e.g. {@code org.hybridqml.metrics}) without
 * depending on it.
 */
@FunctionalInterface
public interface SegmentationScorer {

    /**
     * @param probabilities predicted P(foreground), N·H·W values
     * @param masks         truth, N·H·W values in {0,1}
     * @param count         N
     * @return the score
     */
    double score(float[] probabilities, float[] masks, int count);

    /**
     * Hard foreground IoU pooled over the whole set (threshold 0.5; empty truth and empty prediction give 1).
     *
     * @return the default validation scorer
     */
    static SegmentationScorer pooledHardIoU() {
        return (p, m, n) -> {
            long inter = 0;
            long union = 0;
            for (int i = 0; i < p.length; i++) {
                boolean pred = p[i] >= 0.5f;
                boolean truth = m[i] > 0.5f;
                inter += pred && truth ? 1 : 0;
                union += pred || truth ? 1 : 0;
            }
            return union == 0 ? 1.0 : (double) inter / union;
        };
    }
}

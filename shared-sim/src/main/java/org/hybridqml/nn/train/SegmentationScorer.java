package org.hybridqml.nn.train;

import org.hybridqml.metrics.BinarySegmentationScorer;
import org.hybridqml.metrics.SegmentationScores;

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
     * Hard foreground IoU pooled over the whole set, computed by {@link BinarySegmentationScorer} (threshold 0.5,
     * foreground when p &gt; 0.5; empty truth and empty prediction give 1).
     *
     * @return the default validation scorer
     */
    static SegmentationScorer pooledHardIoU() {
        return metric(SegmentationScores::iou);
    }

    /**
     * The QuFeX paper's soft IoU pooled over the set (arXiv:2501.13165; {@code compute_iou} in the authors' code
     * {@code Jain-Naman/QuNet-Ph2/utils/kfold.py}), computed by {@link BinarySegmentationScorer}.
     *
     * @return a validation scorer
     */
    static SegmentationScorer softIoU() {
        return metric(SegmentationScores::softIou);
    }

    /**
     * Any of the project's segmentation metrics, image by image through {@link BinarySegmentationScorer}.
     *
     * @param metric which score to report
     * @return a validation scorer
     */
    static SegmentationScorer metric(java.util.function.ToDoubleFunction<SegmentationScores> metric) {
        return (p, m, n) -> {
            int pixels = p.length / n;
            BinarySegmentationScorer scorer = new BinarySegmentationScorer();
            for (int i = 0; i < n; i++) {
                scorer.add(java.util.Arrays.copyOfRange(p, i * pixels, (i + 1) * pixels),
                        java.util.Arrays.copyOfRange(m, i * pixels, (i + 1) * pixels));
            }
            return metric.applyAsDouble(scorer.scores());
        };
    }
}

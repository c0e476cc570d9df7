package org.hybridqml.nn.unet;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * Binary cross-entropy averaged over pixels, as Keras {@code binary_crossentropy} reports it for a segmentation
 * mask (the loss of the QuFeX authors' code, {@code Jain-Naman/QuNet-Ph2/main_*.py}; arXiv:2501.13165).
 *
 * <p>Why a wrapper: DL4J's {@code CnnLossLayer} reshapes [N,C,H,W] to [N·H·W, C] rows, sums the per-row XENT and
 * divides by N, so its score is H·W times the per-pixel mean (and so is the gradient, which with Adam mostly
 * changes the effective epsilon, but makes the score incomparable). This loss multiplies score and gradient by
 * {@code 1/(H·W·C)} of the output map, which the U-Net builder knows from the input size.
 *
 * <p>Probabilities are clipped to [clipEps, 1−clipEps] like Keras (epsilon 1e-7) rather than DL4J's default 1e-5.
 */
public final class PixelMeanBinaryCrossEntropy implements ILossFunction {
    private static final long serialVersionUID = 1L;

    private double scale;
    private double clipEps;

    /** For Jackson. */
    private PixelMeanBinaryCrossEntropy() {
        this(1, 1e-7);
    }

    /**
     * @param valuesPerExample H·W·C of the network output (the number of BCE terms per example)
     * @param clipEps          probability clipping, Keras uses 1e-7
     */
    public PixelMeanBinaryCrossEntropy(long valuesPerExample, double clipEps) {
        if (valuesPerExample < 1) {
            throw new IllegalArgumentException("valuesPerExample must be >= 1, got " + valuesPerExample);
        }
        this.scale = 1.0 / valuesPerExample;
        this.clipEps = clipEps;
    }

    private LossBinaryXENT base() {
        return new LossBinaryXENT(clipEps);
    }

    /** @return the factor applied to DL4J's summed XENT */
    public double getScale() {
        return scale;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        return scale * base().computeScore(labels, preOutput, activationFn, mask, average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn,
                                      INDArray mask) {
        return base().computeScoreArray(labels, preOutput, activationFn, mask).muli(scale);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return base().computeGradient(labels, preOutput, activationFn, mask).muli(scale);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask,
                                                          boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    /** @return probability clipping epsilon */
    public double getClipEps() {
        return clipEps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixelMeanBinaryCrossEntropy l && l.scale == scale && l.clipEps == clipEps;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(scale, clipEps);
    }

    @Override
    public String name() {
        return "PixelMeanBinaryCrossEntropy";
    }

    @Override
    public String toString() {
        return "PixelMeanBinaryCrossEntropy(scale=" + scale + ", clipEps=" + clipEps + ")";
    }
}

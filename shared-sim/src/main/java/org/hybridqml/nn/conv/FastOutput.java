package org.hybridqml.nn.conv;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.Collection;

/**
 * DL4J {@link OutputLayer} with softmax activation and multi-class cross-entropy (unweighted) computed in plain
 * Java ({@link FastOutputImpl}): the logits by {@link DenseKernels}, the softmax, the loss and its gradient in
 * {@code StrictMath}, so the outputs and gradients are the same on every CPU. Parameters, initialisation, JSON
 * form, updater and regularisation are DL4J's own. Build one through {@link ConvEngine#output}.
 */
public class FastOutput extends OutputLayer {

    /** For Jackson. */
    public FastOutput() {
    }

    /**
     * @param builder a configured DL4J builder (softmax activation, MCXENT loss)
     * @return the same layer computed in plain Java
     * @throws IllegalArgumentException when the activation or the loss is another one
     */
    public static FastOutput of(OutputLayer.Builder builder) {
        FastOutput layer = FastDense.copyAs(builder.build(), FastOutput.class);
        layer.validate();
        return layer;
    }

    /** Checks that the configuration is one the plain-Java layer implements. */
    void validate() {
        String what = "fast output layer " + getLayerName();
        if (!(getActivationFn() instanceof ActivationSoftmax)) {
            throw new IllegalArgumentException(what + ": activation must be softmax, got " + getActivationFn()
                    + "; use ConvEngine.DL4J");
        }
        if (!(getLossFn() instanceof LossMCXENT loss) || loss.getWeights() != null) {
            throw new IllegalArgumentException(what + ": loss must be unweighted MCXENT, got " + getLossFn()
                    + "; use ConvEngine.DL4J");
        }
        if (getWeightNoise() != null) {
            throw new IllegalArgumentException(what + ": weight noise is not supported; use ConvEngine.DL4J");
        }
    }

    /** @return the softmax clipping of the loss (DL4J's default 1e-10) */
    double softmaxClipEps() {
        return ((LossMCXENT) getLossFn()).getSoftmaxClipEps();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        validate();
        return FastDense.wire(new FastOutputImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }
}

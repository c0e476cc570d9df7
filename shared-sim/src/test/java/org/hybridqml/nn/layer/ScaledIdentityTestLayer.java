package org.hybridqml.nn.layer;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.hybridqml.nn.unet.Bottleneck;
import org.nd4j.linalg.activations.Activation;

/**
 * Test layer: out = (1 + theta)·x with one trainable scalar theta. Its backward pass multiplies dL/dInput by
 * {@code inputGradScale}; 1 is correct, anything else is a deliberately wrong backward pass for the negative
 * control of the gradient check. Also the smallest example of a {@link PlainJavaLayer}.
 */
public class ScaledIdentityTestLayer extends PlainJavaLayer {
    private double inputGradScale = 1.0;
    private double initialTheta = 0.1;

    /** For Jackson. */
    public ScaledIdentityTestLayer() {
    }

    /** @param inputGradScale factor applied to the (otherwise correct) input gradient */
    public ScaledIdentityTestLayer(double inputGradScale) {
        this.inputGradScale = inputGradScale;
    }

    /** @return the factor on dL/dInput */
    public double getInputGradScale() {
        return inputGradScale;
    }

    /** @return initial theta */
    public double getInitialTheta() {
        return initialTheta;
    }

    @Override
    public int numParams() {
        return 1;
    }

    @Override
    public void initParams(double[] params, java.util.Random random) {
        params[0] = initialTheta;
    }

    @Override
    public void forward(int[] shape, double[] input, double[] params, double[] output) {
        for (int i = 0; i < input.length; i++) {
            output[i] = (1 + params[0]) * input[i];
        }
    }

    @Override
    public void backward(int[] shape, double[] input, double[] params, double[] gradOutput, double[] gradInput,
                         double[] gradParams) {
        double g = 0;
        for (int i = 0; i < input.length; i++) {
            gradInput[i] = inputGradScale * (1 + params[0]) * gradOutput[i];
            g += gradOutput[i] * input[i];
        }
        gradParams[0] = g;
    }

    /** @return a bottleneck made of this layer alone */
    public static Bottleneck bottleneck(double inputGradScale) {
        return new Bottleneck() {
            @Override
            public Output addTo(ComputationGraphConfiguration.GraphBuilder graph, String input, int channels,
                                int height, int width, Activation activation) {
                graph.addLayer("bottleneck_test", new ScaledIdentityTestLayer(inputGradScale), input);
                return new Output("bottleneck_test", channels);
            }

            @Override
            public String describe() {
                return "scaled-identity(" + inputGradScale + ")";
            }
        };
    }
}

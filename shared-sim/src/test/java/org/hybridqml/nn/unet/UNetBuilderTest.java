package org.hybridqml.nn.unet;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UNetBuilderTest {

    @Test
    void ph2UNetHasKerasParameterCount() {
        // Keras summary of the PH2 U-Net (192x256x3) in the authors' code (Jain-Naman/QuNet-Ph2, results/*.txt) =
        // 85,889 parameters
        ComputationGraph net = new UNetBuilder().input(192, 256, 3).build();
        assertEquals(85_889, UNetBuilder.parameterCount(net));
    }

    @Test
    void grayInputSavesTheFirstConvolutionsColourWeights() {
        // 2 input channels fewer x 3x3 x 8 filters = 144 weights fewer: the 85,745 of the engine-speed issue
        ComputationGraph net = new UNetBuilder().input(256, 256, 1).build();
        assertEquals(85_745, UNetBuilder.parameterCount(net));
    }

    @Test
    void identityBottleneckRemovesOnlyTheBottleneckConvolution() {
        long conv = new UNetBuilder().input(32, 32, 1).filters(4, 8).build().numParams();
        long id = new UNetBuilder().input(32, 32, 1).filters(4, 8).bottleneck(Bottleneck.identity()).build()
                .numParams();
        // bottleneck conv 8 -> 16 (3x3x8x16 + 16); first deconv then sees 8 instead of 16 inputs (3x3x8x8 fewer)
        assertEquals(3 * 3 * 8 * 16 + 16 + 3 * 3 * 8 * 8, conv - id);
    }

    @Test
    void shapesFollowTheArchitecture() {
        ComputationGraph net = new UNetBuilder().input(32, 48, 2).filters(4, 8, 6).seed(1).build();
        INDArray in = Nd4j.rand(DataType.FLOAT, 3, 2, 32, 48);
        Map<String, INDArray> acts = net.feedForward(in, false);
        assertArrayEquals(new long[]{3, 4, 32, 48}, acts.get("enc0_conv2").shape());
        assertArrayEquals(new long[]{3, 6, 4, 6}, acts.get("enc2_pool").shape());
        assertArrayEquals(new long[]{3, 12, 4, 6}, acts.get("bottleneck_conv").shape());
        // decoder filters reversed: 6, 8, 4
        assertArrayEquals(new long[]{3, 6, 8, 12}, acts.get("dec0_up").shape());
        assertArrayEquals(new long[]{3, 12, 8, 12}, acts.get("dec0_cat").shape());
        assertArrayEquals(new long[]{3, 16, 16, 24}, acts.get("dec1_cat").shape());
        assertArrayEquals(new long[]{3, 4, 32, 48}, acts.get("dec2_conv2").shape());
        INDArray out = net.outputSingle(in);
        assertArrayEquals(new long[]{3, 1, 32, 48}, out.shape());
        assertTrue(out.minNumber().doubleValue() > 0 && out.maxNumber().doubleValue() < 1, "sigmoid output");
        // zero biases at initialisation, as Keras
        assertEquals(0.0, net.getLayer("enc0_conv1").getParam("b").sumNumber().doubleValue());
    }

    @Test
    void deconvolutionSameStride2DoublesOddAndEvenSizesLikeKerasConv2DTranspose() {
        // Keras Conv2DTranspose(3, strides=2, padding="same"): out = 2 * in, also for odd in (3 -> 6, 5 -> 10)
        int[][] sizes = {{3, 5}, {6, 8}, {1, 1}, {7, 4}};
        for (int[] s : sizes) {
            var conf = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                    .setInputTypes(InputType.convolutional(s[0], s[1], 2))
                    .addLayer("up", new Deconvolution2D.Builder(3, 3).stride(2, 2).nOut(3)
                            .convolutionMode(ConvolutionMode.Same).build(), "in")
                    .setOutputs("up").build();
            ComputationGraph g = new ComputationGraph(conf);
            g.init();
            INDArray out = g.outputSingle(Nd4j.rand(DataType.FLOAT, 1, 2, s[0], s[1]));
            assertArrayEquals(new long[]{1, 3, 2L * s[0], 2L * s[1]}, out.shape(), "input " + s[0] + "x" + s[1]);
        }
    }

    @Test
    void inputNotDivisibleByTwoToTheDepthIsRejectedNamingTheDimension() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new UNetBuilder().input(32, 36, 1).filters(4, 4, 4).build());
        assertTrue(e.getMessage().contains("width 36") && e.getMessage().contains("2^3 = 8"), e.getMessage());
    }

    @Test
    void lossIsBinaryCrossEntropyMeanOverPixels() {
        ComputationGraph net = new UNetBuilder().input(8, 8, 1).filters(2, 2).dataType(DataType.DOUBLE)
                .updater(new NoOp()).seed(3).build();
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 1, 8, 8);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 3, 1, 8, 8).gt(0.5).castTo(DataType.DOUBLE);
        double[] p = net.outputSingle(x).dup('c').data().asDouble();
        double[] t = y.dup('c').data().asDouble();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum -= t[i] * Math.log(p[i]) + (1 - t[i]) * Math.log(1 - p[i]);
        }
        double expected = sum / p.length;
        assertEquals(expected, net.score(new DataSet(x, y)), 1e-9 * expected);
        // fit() reports the same score
        net.fit(new DataSet(x, y));
        assertEquals(expected, net.score(), 1e-9 * expected);
    }
}

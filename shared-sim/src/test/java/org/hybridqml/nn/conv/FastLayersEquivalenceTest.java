package org.hybridqml.nn.conv;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.hybridqml.nn.unet.UNetBuilder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast engine against DL4J's own layers on random data (FLOAT): same initial parameters for the same seed,
 * same outputs, same gradients; and DL4J serialization of fast networks.
 */
class FastLayersEquivalenceTest {

    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        double err = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(err <= tol * scale, what + ": max abs difference " + err + " (scale " + scale + ")");
    }

    @Test
    void transposedConvolutionEqualsDl4jDeconvolution2DSameOnOddAndEvenSizes() {
        int[][] sizes = {{3, 5}, {6, 8}, {1, 1}, {7, 4}};
        for (int[] s : sizes) {
            ComputationGraph[] nets = new ComputationGraph[2];
            for (ConvEngine e : ConvEngine.values()) {
                ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3)
                        .dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                        .setInputTypes(InputType.convolutional(s[0], s[1], 2))
                        .addLayer("up", e.deconv(new Deconvolution2D.Builder(3, 3).stride(2, 2).nOut(3)
                                .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY)), "in")
                        .setOutputs("up").build();
                nets[e.ordinal()] = new ComputationGraph(conf);
                nets[e.ordinal()].init();
            }
            ComputationGraph fast = nets[ConvEngine.FAST.ordinal()];
            ComputationGraph dl4j = nets[ConvEngine.DL4J.ordinal()];
            assertEquals(dl4j.params(), fast.params(), "same seed, same initial parameters");
            Nd4j.getRandom().setSeed(s[0] * 31L + s[1]);
            fast.getLayer("up").getParam("b").assign(Nd4j.rand(DataType.FLOAT, 3)); // non-zero bias too
            dl4j.setParams(fast.params());
            INDArray in = Nd4j.rand(DataType.FLOAT, 2, 2, s[0], s[1]).subi(0.5);
            INDArray a = dl4j.outputSingle(in);
            INDArray b = fast.outputSingle(in);
            assertArrayEquals(new long[]{2, 3, 2L * s[0], 2L * s[1]}, b.shape());
            assertClose(a, b, 1e-5, "deconvolution " + s[0] + "x" + s[1]);
        }
    }

    private static DataSet data(int n, int c, int h, int w, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return new DataSet(Nd4j.rand(DataType.FLOAT, n, c, h, w),
                Nd4j.rand(DataType.FLOAT, n, 1, h, w).gt(0.5).castTo(DataType.FLOAT));
    }

    @Test
    void smallUNetHasTheSameParametersOutputsAndGradientsAsWithDl4jLayers() {
        UNetBuilder b = new UNetBuilder().input(16, 24, 2).filters(4, 6, 5).activation(Activation.TANH).seed(9);
        ComputationGraph fast = b.engine(ConvEngine.FAST).build();
        ComputationGraph dl4j = b.engine(ConvEngine.DL4J).build();
        assertInstanceOf(FastConvolution2D.class, fast.getLayer("enc0_conv1").conf().getLayer());
        assertInstanceOf(FastMaxPooling2D.class, fast.getLayer("enc0_pool").conf().getLayer());
        assertInstanceOf(FastDeconvolution2D.class, fast.getLayer("dec0_up").conf().getLayer());
        assertInstanceOf(FastMergeVertexImpl.class, fast.getVertex("dec0_cat"));
        assertEquals(dl4j.params(), fast.params(), "same seed, same initial parameters");
        DataSet ds = data(3, 2, 16, 24, 21);
        assertClose(dl4j.outputSingle(ds.getFeatures()), fast.outputSingle(ds.getFeatures()), 1e-5, "output");
        for (ComputationGraph g : new ComputationGraph[]{fast, dl4j}) {
            g.setInputs(ds.getFeatures());
            g.setLabels(ds.getLabels());
            g.computeGradientAndScore();
        }
        assertEquals(dl4j.score(), fast.score(), 1e-5 * Math.abs(dl4j.score()));
        for (String name : new String[]{"enc0_conv1", "enc1_conv2", "bottleneck_conv", "dec0_up", "dec1_cat",
                "dec2_conv1", "head"}) {
            if (fast.getLayer(name) == null) {
                continue;
            }
            for (String p : new String[]{"W", "b"}) {
                assertClose(dl4j.gradient().getGradientFor(name + "_" + p),
                        fast.gradient().getGradientFor(name + "_" + p), 1e-4, name + " d" + p);
            }
        }
        assertClose(dl4j.gradient().gradient(), fast.gradient().gradient(), 1e-4, "all gradients");
        // and the same after three Adam steps
        for (int i = 0; i < 3; i++) {
            fast.fit(ds);
            dl4j.fit(ds);
        }
        assertClose(dl4j.params(), fast.params(), 1e-4, "parameters after 3 Adam steps");
    }

    @Test
    void fastUNetSurvivesModelSerializerRoundTrip() throws Exception {
        ComputationGraph net = new UNetBuilder().input(16, 16, 1).filters(3, 4).seed(2).build();
        DataSet ds = data(2, 1, 16, 16, 5);
        net.fit(ds); // updater state too
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()),
                true);
        assertInstanceOf(FastConvolution2D.class, back.getLayer("enc0_conv1").conf().getLayer());
        assertInstanceOf(FastDeconvolution2D.class, back.getLayer("dec0_up").conf().getLayer());
        assertInstanceOf(FastMergeVertexImpl.class, back.getVertex("dec0_cat"));
        assertEquals(net.getConfiguration().toJson(), back.getConfiguration().toJson());
        assertEquals(net.params(), back.params());
        assertEquals(net.outputSingle(ds.getFeatures()), back.outputSingle(ds.getFeatures()));
        net.fit(ds);
        back.fit(ds);
        assertEquals(net.params(), back.params(), "same updater state: same next step");
    }

    @Test
    void unsupportedConfigurationsAreRejectedWithTheReason() {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("c", ConvEngine.FAST.conv(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer
                        .Builder(5, 5).nOut(2).convolutionMode(ConvolutionMode.Same)), "in")
                .setOutputs("c");
        ComputationGraph net = new ComputationGraph(g.build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, net::init);
        assertTrue(e.getMessage().contains("kernel must be 1x1 or 3x3"), e.getMessage());
        IllegalArgumentException nhwc = assertThrows(IllegalArgumentException.class, () -> new UNetBuilder()
                .format(org.deeplearning4j.nn.conf.CNN2DFormat.NHWC).configuration());
        assertTrue(nhwc.getMessage().contains("NCHW"), nhwc.getMessage());
    }

    @Test
    void pointwiseCnnTwinHasTheSameParametersOutputsAndGradientsAsWithDl4jLayers() {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork fast = new org.hybridqml.nn.classify.QuantumPointwiseCNNBuilder()
                .width(10).height(12).channels(2).numClasses(3).classical(true).seed(4).build();
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork dl4j = new org.hybridqml.nn.classify.QuantumPointwiseCNNBuilder()
                .width(10).height(12).channels(2).numClasses(3).classical(true).seed(4).engine(ConvEngine.DL4J)
                .build();
        assertInstanceOf(FastConvolution2D.class, fast.getLayer(0).conf().getLayer());
        assertInstanceOf(FastMaxPooling2D.class, fast.getLayer(1).conf().getLayer());
        assertEquals(dl4j.params(), fast.params(), "same seed, same initial parameters");
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 2, 12, 10);
        INDArray y = org.nd4j.linalg.factory.Nd4j.eye(3).getRows(0, 1, 2, 0, 1).castTo(DataType.FLOAT);
        assertClose(dl4j.output(x), fast.output(x), 1e-5, "output");
        for (org.deeplearning4j.nn.multilayer.MultiLayerNetwork n : new org.deeplearning4j.nn.multilayer
                .MultiLayerNetwork[]{fast, dl4j}) {
            n.setInput(x);
            n.setLabels(y);
            n.computeGradientAndScore();
        }
        assertClose(dl4j.gradient().gradient(), fast.gradient().gradient(), 1e-4, "all gradients");
    }
}

package org.hybridqml.nn;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hybridqml.qnn.QuantumPointwiseConv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DL4J quantum pointwise layer: configuration JSON round trip, output shape and agreement with the
 * engine-neutral layer, parameter initialisation range, gradient check of a tiny CNN (conv → quantum pointwise
 * → global average pooling → softmax), a negative control with a deliberately wrong input gradient, and save/load.
 */
class QuantumPointwiseConvLayerTest {

    private static DataType savedDefault;
    private static DataType savedFloat;

    @BeforeAll
    static void doublePrecision() {
        savedDefault = Nd4j.dataType();
        savedFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(savedDefault, savedFloat);
    }

    private static ComputationGraphConfiguration config(int convChannels, int kernel, int layers, int circuits) {
        return new NeuralNetConfiguration.Builder()
                .seed(12345)
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(5, 4, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(kernel, kernel).nOut(convChannels)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build(), "in")
                .addLayer("q", new QuantumPointwiseConvLayer.Builder().numLayers(layers).numCircuits(circuits)
                        .threads(2).build(), "conv")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "q")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .build();
    }

    private static ComputationGraph graph(int convChannels, int kernel, int layers, int circuits) {
        ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(
                config(convChannels, kernel, layers, circuits).toJson());
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static INDArray[] data() {
        Nd4j.getRandom().setSeed(42);
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 1, 5, 4).subi(0.5);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        labels.putScalar(0, 1, 1.0);
        labels.putScalar(1, 2, 1.0);
        return new INDArray[]{in, labels};
    }

    /**
     * Checks every parameter of the graph; the conv weights are only right if the quantum layer's input gradient
     * is. (Parameters with an analytically zero gradient, e.g. the last RZ before a Z measurement, pass through
     * the absolute-error floor.)
     */
    private static boolean check(ComputationGraph g, boolean exitOnFirstError) {
        INDArray[] d = data();
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[]{d[0]}).labels(new INDArray[]{d[1]})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .exitOnFirstError(exitOnFirstError)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    @Test
    void jsonRoundTripKeepsTheConfiguration() {
        ComputationGraphConfiguration conf = config(3, 3, 2, 2);
        String json = conf.toJson();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
        assertEquals(json, back.toJson());
        assertEquals(conf, back);
        QuantumPointwiseConvLayer q = (QuantumPointwiseConvLayer) ((org.deeplearning4j.nn.conf.graph.LayerVertex)
                back.getVertices().get("q")).getLayerConf().getLayer();
        assertEquals(3, q.getNIn());
        assertEquals(2, q.getNumLayers());
        assertEquals(2, q.getNumCircuits());
        assertEquals(2, q.getThreads());
        assertEquals(4, q.nOut());
        assertEquals(24, q.numParams());
    }

    @Test
    void forwardMatchesEngineNeutralLayerAndParametersStartInZeroTwoPi() {
        ComputationGraph g = graph(5, 3, 2, 2);
        INDArray theta = g.getLayer("q").getParam(org.hybridqml.nn.layer.PlainJavaParamInitializer.THETA);
        assertEquals(2 * 2 * 3 * 3, theta.length());
        assertTrue(theta.minNumber().doubleValue() >= 0 && theta.maxNumber().doubleValue() < 2 * Math.PI);
        assertTrue(theta.maxNumber().doubleValue() - theta.minNumber().doubleValue() > 1.0, "spread-out init");
        INDArray in = data()[0];
        INDArray convOut = g.feedForward(in, false).get("conv");
        INDArray qOut = g.feedForward(in, false).get("q");
        assertArrayEquals(new long[]{2, 6, 5, 4}, qOut.shape());
        QuantumPointwiseConv ref = new QuantumPointwiseConv(5, 2, 2, 1);
        double[] expected = ref.forward(theta.toDoubleVector(), convOut.dup('c').reshape(convOut.length())
                .toDoubleVector(), 2, 20);
        assertArrayEquals(expected, qOut.dup('c').reshape(qOut.length()).toDoubleVector(), 1e-12);
    }

    @Test
    void gradientCheckPassesWithPaddingAndTwoCircuits() {
        // conv gives C = 3 channels: amplitude embedding on 2 qubits with one padded amplitude; K = 2, L = 2
        assertTrue(check(graph(3, 2, 2, 2), false), "gradient check, C = 3");
    }

    @Test
    void gradientCheckPassesOnThreeQubits() {
        // a 1×1 classical conv in front keeps the number of checked parameters small
        assertTrue(check(graph(8, 1, 1, 1), false), "gradient check, C = 8");
    }

    @Test
    void gradientCheckFailsWhenTheInputGradientIsWrong() {
        ComputationGraph g = graph(3, 2, 2, 2);
        ((QuantumPointwiseConvLayer) g.getLayer("q").conf().getLayer()).debugInputGradientScale = 1.5;
        assertFalse(check(g, true), "a scaled input gradient must be caught");
    }

    @Test
    void saveAndLoadGiveIdenticalOutputs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        ComputationGraph g = graph(4, 2, 1, 2);
        INDArray in = data()[0];
        java.io.File file = dir.resolve("qpc.zip").toFile();
        g.save(file);
        ComputationGraph back = ComputationGraph.load(file, false);
        assertEquals(g.params(), back.params());
        assertEquals(g.outputSingle(in), back.outputSingle(in));
    }

    @Test
    void floatNetworkRunsForwardAndBackward() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).updater(new NoOp()).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(3, 3, 5))
                .addLayer("q", new QuantumPointwiseConvLayer.Builder().numLayers(2).numCircuits(2).threads(1)
                        .build(), "in")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "q")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build());
        g.init();
        INDArray in = Nd4j.rand(DataType.FLOAT, 2, 5, 3, 3).subi(0.5f);
        INDArray qOut = g.feedForward(in, false).get("q");
        assertEquals(DataType.FLOAT, qOut.dataType());
        double[] theta = g.getLayer("q").getParam(org.hybridqml.nn.layer.PlainJavaParamInitializer.THETA).toDoubleVector();
        double[] expected = new QuantumPointwiseConv(5, 2, 2, 1).forward(theta,
                in.dup('c').reshape(in.length()).toDoubleVector(), 2, 9);
        assertArrayEquals(expected, qOut.dup('c').reshape(qOut.length()).toDoubleVector(), 1e-5);
        INDArray labels = Nd4j.createFromArray(new float[][]{{1, 0}, {0, 1}});
        g.setInputs(in);
        g.setLabels(labels);
        g.computeGradientAndScore();
        INDArray grad = g.gradient().getGradientFor("q_" + org.hybridqml.nn.layer.PlainJavaParamInitializer.THETA);
        assertEquals(theta.length, grad.length());
        assertTrue(grad.norm2Number().doubleValue() > 0);
    }

    @Test
    void nonNchwInputIsRejected() {
        QuantumPointwiseConvLayer q = new QuantumPointwiseConvLayer.Builder().build();
        assertThrows(IllegalArgumentException.class, () -> q.getOutputType(0, InputType.feedForward(4)));
        assertThrows(IllegalArgumentException.class, () -> q.getOutputType(0,
                InputType.convolutional(4, 4, 3, org.deeplearning4j.nn.conf.CNN2DFormat.NHWC)));
        assertThrows(IllegalArgumentException.class,
                () -> new QuantumPointwiseConvLayer.Builder().numCircuits(0).build());
    }
}

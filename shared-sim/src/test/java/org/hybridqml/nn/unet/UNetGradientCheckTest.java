package org.hybridqml.nn.unet;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hybridqml.nn.layer.ScaledIdentityTestLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's finite-difference check of the whole small U-Net (fast convolution engine by default, DL4J's layers too),
 * with a plain-Java layer as bottleneck.
 */
class UNetGradientCheckTest {
    private static DataType savedDefault;

    @org.junit.jupiter.api.BeforeAll
    static void doublePrecisionSingleThread() {
        savedDefault = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @org.junit.jupiter.api.AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(savedDefault, savedDefault);
    }

    /**
     * Checks up to 2 entries of every parameter array (the whole check is ~500 parameters and takes minutes on
     * the shared 2-core machine); the negative control stops at the first failure.
     */
    private static boolean check(Bottleneck bottleneck) {
        return check(bottleneck, org.hybridqml.nn.conv.ConvEngine.FAST);
    }

    private static boolean check(Bottleneck bottleneck, org.hybridqml.nn.conv.ConvEngine engine) {
        ComputationGraph net = new UNetBuilder().input(8, 8, 1).filters(2, 3).bottleneck(bottleneck).engine(engine)
                .activation(Activation.TANH).dataType(DataType.DOUBLE).updater(new NoOp()).seed(7).build();
        Nd4j.getRandom().setSeed(11);
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 1, 8, 8);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 1, 8, 8).gt(0.5).castTo(DataType.DOUBLE);
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{in}).labels(new INDArray[]{labels})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8).subset(true).maxPerParam(2)
                .exitOnFirstError(true)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    @Test
    void wholeUNetWithClassicalBottleneckPassesGradientCheck() {
        assertTrue(check(new ConvBottleneck()));
    }

    @Test
    void wholeUNetWithDl4jLayersPassesGradientCheck() {
        assertTrue(check(new ConvBottleneck(), org.hybridqml.nn.conv.ConvEngine.DL4J));
    }

    @Test
    void wholeUNetWithPlainJavaBottleneckPassesGradientCheck() {
        assertTrue(check(ScaledIdentityTestLayer.bottleneck(1.0)));
    }

    @Test
    void wrongInputGradientOfPlainJavaLayerFailsGradientCheck() {
        assertFalse(check(ScaledIdentityTestLayer.bottleneck(1.5)),
                "a backward pass that scales dL/dInput by 1.5 must be caught through the encoder parameters");
    }

    @Test
    void plainJavaLayerSurvivesJsonRoundTrip() {
        ComputationGraphConfiguration conf = new UNetBuilder().input(8, 8, 1).filters(2, 3)
                .bottleneck(ScaledIdentityTestLayer.bottleneck(1.0)).configuration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf.toJson(), back.toJson());
        assertEquals(conf, back);
        ComputationGraph a = new ComputationGraph(conf);
        a.init();
        ComputationGraph b = new ComputationGraph(back);
        b.init(a.params().dup(), false);
        INDArray in = Nd4j.rand(DataType.FLOAT, 1, 1, 8, 8);
        assertEquals(a.outputSingle(in), b.outputSingle(in));
    }
}

package org.hybridqml.nn.conv;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hybridqml.nn.unet.PixelMeanBinaryCrossEntropy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J finite-difference gradient checks (DOUBLE networks, i.e. the reference kernels) of each fast layer, placed
 * after a fast convolution so that a wrong input gradient shows up in that convolution's parameters; each with a
 * negative control whose input gradient is deliberately scaled by 1.5 and must fail.
 */
class FastLayersGradientCheckTest {
    private static DataType savedDefault;

    @BeforeAll
    static void doublePrecision() {
        savedDefault = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(savedDefault, savedDefault);
    }

    /** Scales a runtime layer's input gradient (negative control). */
    private static Pair<Gradient, INDArray> scaled(Pair<Gradient, INDArray> p, double scale) {
        p.getSecond().muli(scale);
        return p;
    }

    /** Convolution whose backward pass returns scale × the correct dL/dInput. */
    public static class ScaledConv extends FastConvolution2D {
        private double scale = 1;

        public ScaledConv() {
        }

        ScaledConv(ConvolutionLayer.Builder b, double scale) {
            super(b);
            this.scale = scale;
        }

        public double getScale() {
            return scale;
        }

        public void setScale(double s) {
            scale = s;
        }

        @Override
        protected FastConvolutionImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
            return new FastConvolutionImpl(conf, dataType, false) {
                @Override
                public Pair<Gradient, INDArray> backpropGradient(INDArray eps, LayerWorkspaceMgr mgr) {
                    return scaled(super.backpropGradient(eps, mgr), scale);
                }
            };
        }
    }

    /** Transposed convolution whose backward pass returns scale × the correct dL/dInput. */
    public static class ScaledDeconv extends FastDeconvolution2D {
        private double scale = 1;

        public ScaledDeconv() {
        }

        ScaledDeconv(Deconvolution2D.Builder b, double scale) {
            super(b);
            this.scale = scale;
        }

        public double getScale() {
            return scale;
        }

        public void setScale(double s) {
            scale = s;
        }

        @Override
        protected FastConvolutionImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
            return new FastConvolutionImpl(conf, dataType, true) {
                @Override
                public Pair<Gradient, INDArray> backpropGradient(INDArray eps, LayerWorkspaceMgr mgr) {
                    return scaled(super.backpropGradient(eps, mgr), scale);
                }
            };
        }
    }

    /** Max-pooling whose backward pass returns scale × the correct dL/dInput. */
    public static class ScaledPool extends FastMaxPooling2D {
        private double scale = 1;

        public ScaledPool() {
        }

        ScaledPool(SubsamplingLayer.Builder b, double scale) {
            super(b);
            this.scale = scale;
        }

        public double getScale() {
            return scale;
        }

        public void setScale(double s) {
            scale = s;
        }

        @Override
        protected FastMaxPooling2DImpl newImpl(NeuralNetConfiguration conf, DataType dataType) {
            return new FastMaxPooling2DImpl(conf, dataType) {
                @Override
                public Pair<Gradient, INDArray> backpropGradient(INDArray eps, LayerWorkspaceMgr mgr) {
                    return scaled(super.backpropGradient(eps, mgr), scale);
                }
            };
        }
    }

    private static ConvolutionLayer.Builder conv(int k, int out, Activation a) {
        return new ConvolutionLayer.Builder(k, k).nOut(out).convolutionMode(ConvolutionMode.Same).activation(a);
    }

    /** input 2×5×6 → fast conv 3×3 tanh → layer under test → fast conv 1×1 → sigmoid pixel BCE. */
    private static boolean check(Layer underTest, int h, int w) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER_UNIFORM).biasInit(0.1)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(h, w, 2))
                .addLayer("pre", new FastConvolution2D(conv(3, 3, Activation.TANH)), "in")
                .addLayer("test", underTest, "pre")
                .addLayer("head", new FastConvolution2D(conv(1, 1, Activation.IDENTITY)), "test")
                .addLayer("loss", new CnnLossLayer.Builder(new PixelMeanBinaryCrossEntropy(1, 1e-7))
                        .activation(Activation.SIGMOID).build(), "head")
                .setOutputs("loss").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Nd4j.getRandom().setSeed(12);
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 2, h, w).subi(0.5);
        long[] outShape = net.outputSingle(in).shape();
        INDArray labels = Nd4j.rand(DataType.DOUBLE, outShape).gt(0.5).castTo(DataType.DOUBLE);
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{in}).labels(new INDArray[]{labels})
                .epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-9).exitOnFirstError(true)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    @Test
    void convolution3x3PassesAndScaledInputGradientFails() {
        assertTrue(check(new ScaledConv(conv(3, 4, Activation.TANH), 1.0), 5, 6));
        assertFalse(check(new ScaledConv(conv(3, 4, Activation.TANH), 1.5), 5, 6));
    }

    @Test
    void convolution1x1WithSigmoidPassesAndScaledInputGradientFails() {
        assertTrue(check(new ScaledConv(conv(1, 4, Activation.SIGMOID), 1.0), 4, 3));
        assertFalse(check(new ScaledConv(conv(1, 4, Activation.SIGMOID), 1.5), 4, 3));
    }

    @Test
    void transposedConvolutionPassesAndScaledInputGradientFails() {
        Deconvolution2D.Builder b = new Deconvolution2D.Builder(3, 3).stride(2, 2).nOut(3)
                .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY);
        assertTrue(check(new ScaledDeconv(b, 1.0), 3, 4));
        assertFalse(check(new ScaledDeconv(b, 1.5), 3, 4));
    }

    @Test
    void maxPoolingPassesAndScaledInputGradientFails() {
        for (ConvolutionMode mode : new ConvolutionMode[]{ConvolutionMode.Truncate, ConvolutionMode.Same}) {
            SubsamplingLayer.Builder b = new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2)
                    .stride(2, 2).convolutionMode(mode);
            assertTrue(check(new ScaledPool(b, 1.0), 5, 6), mode.toString());
            assertFalse(check(new ScaledPool(b, 1.5), 5, 6), mode.toString());
        }
    }
}

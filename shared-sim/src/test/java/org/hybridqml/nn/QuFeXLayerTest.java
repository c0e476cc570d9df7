package org.hybridqml.nn;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hybridqml.nn.unet.Bottleneck;
import org.hybridqml.nn.unet.QuFeXBottleneck;
import org.hybridqml.nn.unet.UNetBuilder;
import org.hybridqml.qnn.qufex.QuFeXConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The QuFeX bottleneck as a DL4J layer inside a Qu-Net: parameter counts, gradient checks, JSON round trip. */
class QuFeXLayerTest {
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

    /** A QuFeX layer whose backward scales dL/dInput: the negative control for the gradient check. */
    public static class ScaledGradientQuFeXLayer extends QuFeXLayer {
        private double gradientScale = 1.5;

        /** For Jackson. */
        public ScaledGradientQuFeXLayer() {
        }

        ScaledGradientQuFeXLayer(QuFeXConfig config) {
            super(config);
        }

        @Override
        public void backward(int[] shape, double[] input, double[] params, double[] gradOutput, double[] gradInput,
                             double[] gradParams) {
            super.backward(shape, input, params, gradOutput, gradInput, gradParams);
            for (int i = 0; i < gradInput.length; i++) {
                gradInput[i] *= gradientScale;
            }
        }

        public double getGradientScale() {
            return gradientScale;
        }

        public void setGradientScale(double v) {
            gradientScale = v;
        }
    }

    private static boolean check(Bottleneck bottleneck) {
        // 8×8 input, encoder [2, 4] → 2×2×4 bottleneck: QuFeX 4-2 runs 4 one-map groups of one 2×2 patch, 2 filters
        ComputationGraph net = new UNetBuilder().input(8, 8, 1).filters(2, 4).bottleneck(bottleneck)
                .activation(Activation.TANH).dataType(DataType.DOUBLE).updater(new NoOp()).seed(3).build();
        Nd4j.getRandom().setSeed(5);
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 1, 8, 8);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, 1, 8, 8).gt(0.5).castTo(DataType.DOUBLE);
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{in}).labels(new INDArray[]{labels})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8).subset(true).maxPerParam(3)
                .exitOnFirstError(true).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    @Test
    void quNetWithQuFeXBottleneckPassesGradientCheck() {
        assertTrue(check(new QuFeXBottleneck(QuFeXConfig.of("4-2"))));
    }

    @Test
    void scaledQuFeXInputGradientFailsGradientCheck() {
        Bottleneck wrong = new Bottleneck() {
            @Override
            public Output addTo(ComputationGraphConfiguration.GraphBuilder graph, String input, int channels,
                                int height, int width, Activation activation) {
                graph.addLayer("bad_qufex", new ScaledGradientQuFeXLayer(QuFeXConfig.of("4-2")), input);
                return new Output("bad_qufex", 2 * channels);
            }

            @Override
            public String describe() {
                return "QuFeX with a scaled input gradient";
            }
        };
        assertFalse(check(wrong), "a QuFeX backward that scales dL/dInput by 1.5 must be caught");
    }

    @Test
    void quNetParameterCountsMatchTheAuthorsKerasModels() {
        // Keras summaries in the authors' code (Jain-Naman/QuNet-Ph2, results/*.txt; arXiv:2501.13165): PH2 Qu-Net at
        // 192×256×3 (bottleneck 6×8×8): 1 filter 84,149, 2 filters 84,729
        long one = UNetBuilder.parameterCount(new UNetBuilder().input(192, 256, 3)
                .bottleneck(new QuFeXBottleneck(QuFeXConfig.of("4-1"))).build());
        long two = UNetBuilder.parameterCount(new UNetBuilder().input(192, 256, 3)
                .bottleneck(new QuFeXBottleneck(QuFeXConfig.of("12-2"))).build());
        assertEquals(84_149, one);
        assertEquals(84_729, two);
    }

    @Test
    void configurationThatCannotTileTheBottleneckIsRejected() {
        // 8×8 input with two pools → 2×2 bottleneck; 3×4 patches (12-1) cannot tile it
        var e = assertThrows(IllegalArgumentException.class, () -> new UNetBuilder().input(8, 8, 1).filters(2, 4)
                .bottleneck(new QuFeXBottleneck(QuFeXConfig.of("12-1"))).build());
        assertTrue(e.getMessage().contains("do not tile"), e.getMessage());
    }

    @Test
    void quFeXLayerSurvivesJsonRoundTrip() {
        ComputationGraphConfiguration conf = new UNetBuilder().input(8, 8, 1).filters(2, 4)
                .bottleneck(new QuFeXBottleneck(QuFeXConfig.of("8-1-2"))).configuration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf.toJson(), back.toJson());
        ComputationGraph a = new ComputationGraph(conf);
        a.init();
        ComputationGraph b = new ComputationGraph(back);
        b.init(a.params().dup(), false);
        INDArray in = Nd4j.rand(DataType.DOUBLE, 1, 1, 8, 8);
        assertEquals(a.outputSingle(in), b.outputSingle(in));
    }
}

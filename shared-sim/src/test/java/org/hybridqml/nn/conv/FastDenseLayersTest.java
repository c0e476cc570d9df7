package org.hybridqml.nn.conv;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.hybridqml.nn.classify.QuantumPointwiseCNNBuilder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plain-Java dense and softmax output layers ({@link FastDense}, {@link FastOutput}): finite-difference
 * gradient check, agreement with DL4J's own layers, JSON/zip round trip, configuration checks, and the reason they
 * exist — a pointwise CNN and a Qu-Net trained under two OpenBLAS core types give bitwise the same parameters, where
 * the pointwise CNN on DL4J's BLAS-backed layers does not.
 */
class FastDenseLayersTest {

    private static MultiLayerNetwork net(ConvEngine engine, DataType type, Activation denseAct) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(type)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(engine.conv(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.TANH)
                        .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same)))
                .layer(engine.dense(new DenseLayer.Builder().nOut(5).activation(denseAct)))
                .layer(engine.output(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX)))
                .setInputType(InputType.convolutional(4, 3, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet data(DataType type, int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(type, n, 1, 4, 3).subi(0.5);
        INDArray y = Nd4j.zeros(type, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (i * 7) % 3, 1.0);
        }
        return new DataSet(x, y);
    }

    @Test
    void denseAndOutputLayersPassTheFiniteDifferenceGradientCheck() {
        DataType saved = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            for (Activation act : new Activation[]{Activation.TANH, Activation.SIGMOID, Activation.IDENTITY}) {
                MultiLayerNetwork net = net(ConvEngine.FAST, DataType.DOUBLE, act);
                DataSet ds = data(DataType.DOUBLE, 4, 11);
                assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                        .input(ds.getFeatures()).labels(ds.getLabels()).epsilon(1e-6).maxRelError(1e-5)
                        .minAbsoluteError(1e-9).print(GradientCheckUtil.PrintMode.FAILURES_ONLY)),
                        "gradient check with dense activation " + act);
            }
        } finally {
            Nd4j.setDefaultDataTypes(saved, saved);
        }
    }

    @Test
    void sameParametersOutputsScoreAndGradientsAsDl4jDenseAndOutputLayers() {
        MultiLayerNetwork fast = net(ConvEngine.FAST, DataType.FLOAT, Activation.RELU);
        MultiLayerNetwork dl4j = net(ConvEngine.DL4J, DataType.FLOAT, Activation.RELU);
        assertInstanceOf(FastDenseImpl.class, fast.getLayer(1));
        assertInstanceOf(FastOutputImpl.class, fast.getLayer(2));
        assertEquals(dl4j.params(), fast.params(), "same seed, same initial parameters");
        Nd4j.getRandom().setSeed(3);
        fast.setParams(Nd4j.rand(DataType.FLOAT, fast.params().shape()).subi(0.5));
        dl4j.setParams(fast.params());
        DataSet ds = data(DataType.FLOAT, 6, 2);
        assertClose(dl4j.output(ds.getFeatures()), fast.output(ds.getFeatures()), 1e-5, "softmax output");
        dl4j.setInput(ds.getFeatures());
        dl4j.setLabels(ds.getLabels());
        fast.setInput(ds.getFeatures());
        fast.setLabels(ds.getLabels());
        dl4j.computeGradientAndScore();
        fast.computeGradientAndScore();
        assertEquals(dl4j.score(), fast.score(), 1e-5, "score");
        assertClose(dl4j.gradient().gradient(), fast.gradient().gradient(), 1e-4, "flattened gradient");
        assertClose(dl4j.scoreExamples(ds, false), fast.scoreExamples(ds, false), 1e-5, "per-example scores");
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        double err = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(err <= tol * scale, what + ": max abs difference " + err + " (scale " + scale + ")");
    }

    @Test
    void denseKernelsGiveBitwiseTheSameResultsForOneAndThreeThreads() {
        int n = 9;
        int in = 200;
        int out = 7;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
        double[] x = rnd.doubles(n * in, -1, 1).toArray();
        double[] w = rnd.doubles(in * out, -1, 1).toArray();
        double[] b = rnd.doubles(out, -1, 1).toArray();
        double[] delta = rnd.doubles(n * out, -1, 1).toArray();
        double[][][] results = new double[2][][];
        int saved = ConvThreads.threads();
        try {
            for (int t : new int[]{1, 3}) {
                ConvThreads.setThreads(t);
                double[] y = new double[n * out];
                double[] gX = new double[n * in];
                double[] gW = new double[in * out];
                double[] gB = new double[out];
                DenseKernels.forward(x, n, in, w, b, out, y);
                DenseKernels.backward(x, n, in, w, out, delta, gX, gW, gB);
                results[t == 1 ? 0 : 1] = new double[][]{y, gX, gW, gB};
            }
        } finally {
            ConvThreads.setThreads(saved);
        }
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(results[0][k], results[1][k], 0.0, "array " + k + " (y, gX, gW, gB)");
        }
        // and the sums are the ones the javadoc states (y in ascending i, then the bias)
        double y00 = 0;
        for (int i = 0; i < in; i++) {
            y00 += x[i] * w[i * out];
        }
        assertEquals(y00 + b[0], results[0][0][0], 0.0);
    }

    @Test
    void fastLayersSurviveDl4jSerialization() throws Exception {
        MultiLayerNetwork fast = net(ConvEngine.FAST, DataType.FLOAT, Activation.RELU);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(fast, bytes, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()));
        assertInstanceOf(FastDense.class, back.getLayer(1).conf().getLayer());
        assertInstanceOf(FastOutput.class, back.getLayer(2).conf().getLayer());
        INDArray x = data(DataType.FLOAT, 3, 4).getFeatures();
        assertEquals(fast.output(x), back.output(x));
    }

    @Test
    void unsupportedConfigurationsAreRefusedWithTheReason() {
        IllegalArgumentException act = assertThrows(IllegalArgumentException.class, () -> FastOutput.of(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2).nOut(2)
                        .activation(Activation.SIGMOID)));
        assertTrue(act.getMessage().contains("softmax"), act.getMessage());
        IllegalArgumentException loss = assertThrows(IllegalArgumentException.class, () -> FastOutput.of(
                new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(2)
                        .activation(Activation.SOFTMAX)));
        assertTrue(loss.getMessage().contains("MCXENT"), loss.getMessage());
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class, () -> net(ConvEngine.FAST,
                DataType.FLOAT, Activation.ELU));
        assertTrue(dense.getMessage().contains("identity, ReLU, tanh and sigmoid"), dense.getMessage());
    }

    /**
     * Child-JVM entry point: trains a tiny pointwise CNN on each engine and a tiny Qu-Net (QuFeX 4-1 bottleneck, FAST
     * engine) for a few steps and prints "NAME sha256-of-parameters" lines.
     *
     * @param args unused
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 1, 8, 8);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 3);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 3, 1f);
        }
        for (ConvEngine engine : ConvEngine.values()) {
            MultiLayerNetwork net = new QuantumPointwiseCNNBuilder().width(8).height(8).channels(1).numClasses(3).convChannels(4)
                    .circuits(1).quantumLayers(1).denseUnits(24).seed(7).engine(engine).build();
            for (int step = 0; step < 3; step++) {
                net.fit(new DataSet(x, y));
            }
            System.out.println("CNN_" + engine + " " + sha256(net.params()));
        }
        org.deeplearning4j.nn.graph.ComputationGraph qunet = new org.hybridqml.nn.unet.UNetBuilder()
                .input(8, 8, 1).filters(4, 8).seed(3)
                .bottleneck(new org.hybridqml.nn.unet.QuFeXBottleneck(
                        org.hybridqml.qnn.qufex.QuFeXConfig.of("4-1"))).build();
        INDArray masks = x.gt(0.5).castTo(DataType.FLOAT);
        for (int step = 0; step < 3; step++) {
            qunet.fit(new DataSet(x, masks));
        }
        System.out.println("QUNET " + sha256(qunet.params()));
    }

    private static String sha256(INDArray params) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (float v : params.dup().data().asFloat()) {
            md.update(Integer.toString(Float.floatToRawIntBits(v)).getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String runChild(String coreType) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                FastDenseLayersTest.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OPENBLAS_CORETYPE", coreType);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "child JVM with OPENBLAS_CORETYPE=" + coreType + " failed:\n" + out);
        StringBuilder lines = new StringBuilder();
        for (String line : out.split("\n")) {
            if (line.startsWith("CNN_") || line.startsWith("QUNET ")) {
                lines.append(line.trim()).append('\n');
            }
        }
        return lines.toString();
    }

    private static boolean cpuHasAvx2() throws java.io.IOException {
        Path cpuinfo = Paths.get("/proc/cpuinfo");
        return java.nio.file.Files.isReadable(cpuinfo)
                && java.util.regex.Pattern.compile("\\bavx2\\b").matcher(java.nio.file.Files.readString(cpuinfo))
                .find();
    }

    @Test
    void pointwiseCnnAndQuNetTrainToBitwiseTheSameParametersUnderTwoOpenBlasCoreTypes() throws Exception {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        org.junit.jupiter.api.Assumptions.assumeTrue(arch.equals("amd64") || arch.equals("x86_64"),
                "OpenBLAS core types named here are x86-64 ones");
        org.junit.jupiter.api.Assumptions.assumeTrue(cpuHasAvx2(), "the Haswell core type needs AVX2");
        // Haswell: AVX2+FMA kernels (also what Zen runs); Sandybridge: AVX kernels without FMA.
        String haswell = runChild("Haswell");
        String sandy = runChild("Sandybridge");
        String[] h = haswell.split("\n");
        String[] s = sandy.split("\n");
        assertEquals(3, h.length, haswell);
        assertEquals(3, s.length, sandy);
        assertEquals(h[0], s[0], "pointwise CNN, FAST engine: parameters must not depend on the BLAS kernel");
        assertEquals(h[2], s[2], "Qu-Net, FAST engine: parameters must not depend on the BLAS kernel");
        // Control: DL4J's own dense layers do depend on it, so the core type really changed the kernel.
        assertNotEquals(h[1], s[1], "DL4J engine under two core types: the BLAS kernel did not change");
    }
}

package org.hybridqml.bench;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hybridqml.nn.conv.ConvEngine;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The dense head of the pointwise experiment's network (flattened 64×7×7 = 3136 features → dense 128 ReLU →
 * softmax 10, batch 32) trained one step at a time with the plain-Java layers ({@code ConvEngine.FAST}: bitwise the
 * same on every CPU) and with DL4J's BLAS-backed layers ({@code ConvEngine.DL4J}), in the same run: median step
 * times and their ratio.
 *
 * <p>Run: {@code java -cp <shared-sim test classpath> org.hybridqml.bench.DenseLayerBenchmark [batch] [inputs]}
 * (docs/running-benchmarks.md).
 */
public final class DenseLayerBenchmark {

    private DenseLayerBenchmark() {
    }

    private static MultiLayerNetwork net(ConvEngine engine, int inputs) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).list()
                .layer(engine.dense(new DenseLayer.Builder().nOut(128).activation(Activation.RELU)))
                .layer(engine.output(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX)))
                .setInputType(InputType.feedForward(inputs)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * @param args optional batch size (default 32) and input width (default 3136)
     */
    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int inputs = args.length > 1 ? Integer.parseInt(args[1]) : 3136;
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, inputs);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        DataSet ds = new DataSet(x, y);
        MultiLayerNetwork fast = net(ConvEngine.FAST, inputs);
        MultiLayerNetwork dl4j = net(ConvEngine.DL4J, inputs);
        System.out.printf(Locale.ROOT, "dense %d -> 128 -> softmax 10, batch %d, one training step (forward, "
                + "backward, Adam); %d cores, load %.2f%n", inputs, batch,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int round = 1; round <= 3; round++) {
            double f = Timing.medianMillis(31, 2000, () -> fast.fit(ds));
            double d = Timing.medianMillis(31, 2000, () -> dl4j.fit(ds));
            System.out.printf(Locale.ROOT, "round %d: plain Java %.2f ms, DL4J/OpenBLAS %.2f ms, ratio %.2f%n",
                    round, f, d, f / d);
        }
    }
}

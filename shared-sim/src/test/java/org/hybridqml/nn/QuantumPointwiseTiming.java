package org.hybridqml.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hybridqml.qnn.QuantumPointwiseConv;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Timing (not a test): forward + backward of the quantum pointwise layer against DL4J's 1×1 ConvolutionLayer with
 * the same input and output channels, batch 32 of 28×28 images, C = 8 channels, L = 2, K = 2 (6 output channels).
 * Both layers are driven directly (setInput, activate, backpropGradient) without workspaces, interleaved, after a
 * warm-up; medians are reported. Also times the engine-neutral {@code double[]} pass alone.
 *
 * <p>Run: {@code java -cp shared-sim/target/classes:shared-sim/target/test-classes:<deps> org.hybridqml.nn.QuantumPointwiseTiming [float|double] [reps]}
 */
public final class QuantumPointwiseTiming {

    private QuantumPointwiseTiming() {
    }

    /**
     * @param args optional: data type (float, default, or double), repetitions (default 40)
     */
    public static void main(String[] args) {
        DataType dt = args.length > 0 && args[0].equalsIgnoreCase("double") ? DataType.DOUBLE : DataType.FLOAT;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int mb = 32, c = 8, h = 28, w = 28, layers = 2, circuits = 2;
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1).dataType(dt)
                .updater(new NoOp()).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(h, w, c))
                .addLayer("q", new QuantumPointwiseConvLayer.Builder().numLayers(layers).numCircuits(circuits)
                        .build(), "in")
                .addLayer("conv", new ConvolutionLayer.Builder(1, 1).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build(), "in")
                .setOutputs("q", "conv").build());
        g.init();
        g.initGradientsView();
        Layer q = g.getLayer("q");
        Layer conv = g.getLayer("conv");
        INDArray x = Nd4j.rand(dt, mb, c, h, w).subi(0.5);
        INDArray eps = Nd4j.rand(dt, mb, 6, h, w).subi(0.5);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

        QuantumPointwiseConv pure = ((QuantumPointwiseConvLayer) q.conf().getLayer()).quantumLayer();
        SplittableRandom rng = new SplittableRandom(5);
        double[] xd = new double[mb * c * h * w];
        double[] ud = new double[mb * 6 * h * w];
        for (int i = 0; i < xd.length; i++) {
            xd[i] = rng.nextDouble() - 0.5;
        }
        for (int i = 0; i < ud.length; i++) {
            ud[i] = rng.nextDouble() - 0.5;
        }
        double[] theta = q.getParam(org.hybridqml.nn.layer.PlainJavaParamInitializer.THETA).toDoubleVector();

        int warm = Math.max(10, reps / 2);
        long[] tq = new long[reps], tc = new long[reps], tp = new long[reps];
        for (int i = -warm; i < reps; i++) {
            long t0 = System.nanoTime();
            q.setInput(x, mgr);
            q.activate(true, mgr);
            q.backpropGradient(eps, mgr);
            long t1 = System.nanoTime();
            conv.setInput(x, mgr);
            conv.activate(true, mgr);
            conv.backpropGradient(eps, mgr);
            long t2 = System.nanoTime();
            pure.forward(theta, xd, mb, h * w);
            pure.backward(theta, xd, mb, h * w, ud);
            long t3 = System.nanoTime();
            if (i >= 0) {
                tq[i] = t1 - t0;
                tc[i] = t2 - t1;
                tp[i] = t3 - t2;
            }
        }
        double mq = median(tq), mc = median(tc), mp = median(tp);
        System.out.printf("batch %d x %dx%dx%d (%s), quantum L=%d K=%d -> %d channels, threads=%d, %d reps%n", mb, c,
                h, w, dt, layers, circuits, 6, pure.threads(), reps);
        System.out.printf("quantum pointwise DL4J layer fwd+bwd: %.2f ms (median)%n", mq);
        System.out.printf("  of which the plain double[] pass (fwd + bwd, forward recomputed): %.2f ms%n", mp);
        System.out.printf("DL4J 1x1 ConvolutionLayer fwd+bwd:     %.2f ms (median)%n", mc);
        System.out.printf("ratio quantum / 1x1 conv: %.2f%n", mq / mc);
    }

    private static double median(long[] t) {
        long[] s = t.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }
}

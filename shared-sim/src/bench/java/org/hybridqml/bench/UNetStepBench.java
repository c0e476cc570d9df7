package org.hybridqml.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hybridqml.nn.classify.QuantumPointwiseCNNBuilder;
import org.hybridqml.nn.conv.ConvEngine;
import org.hybridqml.nn.unet.QuFeXBottleneck;
import org.hybridqml.nn.unet.UNetBuilder;
import org.hybridqml.qnn.qufex.QuFeXConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Times one training step (forward, backward, Adam update) of the QuFeX paper's PH2 U-Net with the fast
 * plain-Java convolution engine and with DL4J's own layers, the Qu-Net 12-2 (QuFeX bottleneck), and — when
 * {@code python3-torch} is installed — the same U-Net in PyTorch in the same run (script
 * {@code shared-sim/src/bench/python/unet_step_bench.py}, 2 threads), printing the ratios; then the per-layer
 * forward/backward profile of the fast engine.
 *
 * <p>Usage: {@code UNetStepBench [height width channels batch [warmups repeats]]}; without a shape it runs
 * 1×256×256 batch 4 and 3×192×256 batch 8, 3 warm-ups, median of 7. System properties: {@code bench.dl4j=false}
 * skips the (slow) DL4J engine, {@code bench.python} (default {@code /usr/bin/python3}), {@code bench.torchScript}
 * (default: found under {@code src/bench/python} from the working directory), {@code bench.pointwise=false} skips the pointwise CNN's step (quantum against classical pointwise
 * layer, the Fashion-MNIST network), {@code bench.profile=false} skips the
 * profile, {@code bench.qunet=false} the Qu-Net.
 */
public final class UNetStepBench {

    private UNetStepBench() {
    }

    /** @param args see class comment */
    public static void main(String[] args) throws Exception {
        int[][] shapes = args.length >= 4
                ? new int[][]{{arg(args, 0, 256), arg(args, 1, 256), arg(args, 2, 1), arg(args, 3, 4)}}
                : new int[][]{{256, 256, 1, 4}, {192, 256, 3, 8}};
        int warm = arg(args, 4, 3);
        int reps = arg(args, 5, 7);
        boolean dl4j = !"false".equals(System.getProperty("bench.dl4j"));
        System.out.printf("UNetStepBench: %d warm-ups, median of %d; %d cores, conv threads %d; conv kernels %s; "
                        + "loadavg %s; java %s%n", warm, reps, Runtime.getRuntime().availableProcessors(),
                org.hybridqml.nn.conv.ConvThreads.threads(), org.hybridqml.nn.conv.FastConvKernels.describe(),
                Timing.loadAverage(), System.getProperty("java.version"));
        for (int[] s : shapes) {
            int h = s[0];
            int w = s[1];
            int c = s[2];
            int batch = s[3];
            System.out.printf("%n== %dx%dx%d (HxWxC), batch %d ==%n", h, w, c, batch);
            DataSet ds = data(h, w, c, batch, CNN2DFormat.NCHW);
            UNetBuilder unet = new UNetBuilder().input(h, w, c).seed(1);
            double fast = timed("U-Net, FAST engine", unet.engine(ConvEngine.FAST).build(), ds, warm, reps);
            double torch = torchStep(h, w, c, batch, warm, reps);
            QuFeXConfig q = QuFeXConfig.of("12-2");
            try {
                q.checkFits(UNetBuilder.PH2_FILTERS[UNetBuilder.PH2_FILTERS.length - 1], h >> 5, w >> 5);
            } catch (IllegalArgumentException e) {
                System.out.printf("  (%s; Qu-Net timed with 8-2-2 instead)%n", e.getMessage());
                q = QuFeXConfig.of("8-2-2");
            }
            double qunet = "false".equals(System.getProperty("bench.qunet")) ? Double.NaN
                    : timed("Qu-Net " + q.name() + ", FAST engine", new UNetBuilder().input(h, w, c).seed(1)
                    .bottleneck(new QuFeXBottleneck(q)).build(), ds, warm, reps);
            double slow = dl4j ? timed("U-Net, DL4J engine", unet.engine(ConvEngine.DL4J).build(), ds,
                    Math.min(warm, 2), reps) : Double.NaN;
            System.out.printf("  ratios: U-Net FAST / PyTorch %.2f;  Qu-Net %s / U-Net FAST %.2f;  "
                            + "U-Net DL4J / PyTorch %.2f;  DL4J / FAST %.2f%n", fast / torch, q.name(),
                    qunet / fast, slow / torch, slow / fast);
        }
        if (!"false".equals(System.getProperty("bench.pointwise"))) {
            pointwise(warm, reps);
        }
        if (!"false".equals(System.getProperty("bench.profile"))) {
            int[] s = shapes[0];
            UNetBuilder b = new UNetBuilder().input(s[0], s[1], s[2]).seed(1);
            DataSet ds = data(s[0], s[1], s[2], s[3], CNN2DFormat.NCHW);
            timed("U-Net, FAST engine, workspaces NONE", b.workspaceMode(WorkspaceMode.NONE).build(), ds, warm,
                    reps);
            profile(new UNetBuilder().input(s[0], s[1], s[2]).seed(1).build(), ds, reps);
        }
    }

    /**
     * The pointwise CNN of the Fashion-MNIST experiment (28×28×1, conv 8 → max-pool → pointwise 8 → 6 channels
     * (L = 2, K = 2) → conv 64 → max-pool → dense 128 → 10 classes), quantum and classical pointwise layer: the
     * median training step at batch 32 on random images, and the epoch time of the 60,000-image training set that
     * it implies (1,875 steps; the measured epochs also include the data pipeline and a validation pass).
     */
    private static void pointwise(int warmups, int repeats) {
        int warm = Math.max(warmups, 10); // short steps: more warm-ups for the JIT, more repeats for the median
        int reps = Math.max(repeats, 15);
        System.out.printf("%n== pointwise CNN, Fashion-MNIST network, 28x28x1, batch 32 ==%n");
        Nd4j.getRandom().setSeed(5);
        DataSet ds = new DataSet(Nd4j.rand(DataType.FLOAT, 32, 1, 28, 28),
                Nd4j.eye(10).getRows(java.util.stream.IntStream.range(0, 32).map(i -> i % 10).toArray())
                        .castTo(DataType.FLOAT));
        double[] t = new double[2];
        for (int k = 0; k < 2; k++) {
            boolean classical = k == 1;
            MultiLayerNetwork net = new QuantumPointwiseCNNBuilder().width(28).height(28).channels(1).numClasses(10)
                    .conv2Channels(64).denseUnits(128).classical(classical).seed(1).build();
            t[k] = medianSeconds(() -> net.fit(ds), warm, reps);
            System.out.printf("  %-40s %8.4f s/step  %6.1f s per 60k epoch  params %d  load %s%n",
                    classical ? "classical 1x1 pointwise layer" : "quantum pointwise layer (L=2, K=2)", t[k],
                    t[k] * 1875, net.numParams(), Timing.loadAverage());
        }
        System.out.printf("  ratio quantum / classical %.2f%n", t[0] / t[1]);
    }

    private static double timed(String label, ComputationGraph net, DataSet ds, int warm, int reps) {
        double med = medianStepSeconds(net, ds, warm, reps);
        System.out.printf("  %-40s %8.3f s/step  params %d  loss %.4f  load %s%n", label, med, net.numParams(),
                net.score(), Timing.loadAverage());
        return med;
    }

    /** @return the PyTorch step median in seconds, or NaN (with the reason printed) */
    private static double torchStep(int h, int w, int c, int batch, int warm, int reps) {
        String python = System.getProperty("bench.python", "/usr/bin/python3");
        Path script = torchScript();
        if (script == null || !Files.isExecutable(Path.of(python))) {
            System.out.println("  PyTorch not installed (" + python + " or the script not found); skipped");
            return Double.NaN;
        }
        try {
            Process p = new ProcessBuilder(python, script.toString(), "" + h, "" + w, "" + c, "" + batch,
                    "" + warm, "" + reps, "2").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            if (out.contains("No module named 'torch'")) {
                System.out.println("  PyTorch not installed (apt-get install python3-torch); skipped");
                return Double.NaN;
            }
            for (String line : out.split("\\R")) {
                if (line.startsWith("TORCH ")) {
                    double med = Double.NaN;
                    String params = "?";
                    for (String kv : line.split(" ")) {
                        if (kv.startsWith("median_s=")) {
                            med = Double.parseDouble(kv.substring(9));
                        } else if (kv.startsWith("params=")) {
                            params = kv.substring(7);
                        }
                    }
                    System.out.printf("  %-40s %8.3f s/step  params %s  (%s)  load %s%n", "U-Net, PyTorch", med,
                            params, line.substring(6), Timing.loadAverage());
                    return med;
                }
            }
            System.out.println("  PyTorch run failed: " + out.strip());
        } catch (Exception e) {
            System.out.println("  PyTorch run failed: " + e);
        }
        return Double.NaN;
    }

    private static Path torchScript() {
        String prop = System.getProperty("bench.torchScript");
        if (prop != null) {
            return Path.of(prop);
        }
        for (String p : new String[]{"shared-sim/src/bench/python/unet_step_bench.py",
                "src/bench/python/unet_step_bench.py"}) {
            if (Files.isRegularFile(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    private static DataSet data(int h, int w, int c, int batch, CNN2DFormat f) {
        Nd4j.getRandom().setSeed(3);
        long[] xs = f == CNN2DFormat.NCHW ? new long[]{batch, c, h, w} : new long[]{batch, h, w, c};
        long[] ys = f == CNN2DFormat.NCHW ? new long[]{batch, 1, h, w} : new long[]{batch, h, w, 1};
        return new DataSet(Nd4j.rand(DataType.FLOAT, xs), Nd4j.rand(DataType.FLOAT, ys).gt(0.5)
                .castTo(DataType.FLOAT));
    }

    private static double medianStepSeconds(ComputationGraph net, DataSet ds, int warm, int reps) {
        return medianSeconds(() -> net.fit(ds), warm, reps);
    }

    /** @return the median time in seconds of {@code step} over {@code reps} runs after {@code warm} untimed ones */
    private static double medianSeconds(Runnable step, int warm, int reps) {
        for (int i = 0; i < warm; i++) {
            step.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            step.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    /** Per-layer forward and backward times, each layer run alone on its recorded input (median of reps). */
    private static void profile(ComputationGraph net, DataSet ds, int reps) {
        net.fit(ds); // allocates the gradient views that backpropGradient writes into
        Map<String, INDArray> acts = net.feedForward(ds.getFeatures(), true);
        Map<String, List<String>> inputs = net.getConfiguration().getVertexInputs();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        System.out.printf("  per-layer profile, FAST engine (isolated, no workspaces, median of %d), ms:%n", reps);
        System.out.printf("    %-18s %-22s %9s %9s%n", "layer", "output", "forward", "backward");
        double totF = 0;
        double totB = 0;
        List<String> names = new ArrayList<>(acts.keySet());
        for (String name : names) {
            Layer layer = net.getLayer(name);
            if (layer == null) {
                continue;
            }
            INDArray in = acts.get(inputs.get(name).get(0));
            INDArray out = acts.get(name);
            double[] f = new double[reps];
            double[] bw = new double[reps];
            for (int r = 0; r < reps + 1; r++) {
                layer.setInput(in, mgr);
                long t0 = System.nanoTime();
                layer.activate(true, mgr);
                long t1 = System.nanoTime();
                INDArray eps = null;
                if (layer instanceof IOutputLayer) {
                    ((IOutputLayer) layer).setLabels(ds.getLabels());
                } else {
                    eps = Nd4j.onesLike(out);
                }
                long t2 = System.nanoTime();
                layer.backpropGradient(eps, mgr);
                long t3 = System.nanoTime();
                if (r > 0) {
                    f[r - 1] = (t1 - t0) / 1e6;
                    bw[r - 1] = (t3 - t2) / 1e6;
                }
            }
            Arrays.sort(f);
            Arrays.sort(bw);
            totF += f[reps / 2];
            totB += bw[reps / 2];
            System.out.printf("    %-18s %-22s %9.1f %9.1f%n", name, Arrays.toString(out.shape()), f[reps / 2],
                    bw[reps / 2]);
        }
        System.out.printf("    %-18s %-22s %9.1f %9.1f   (sum %.1f ms; merges and Adam not included)%n", "total", "",
                totF, totB, totF + totB);
    }

    private static int arg(String[] a, int i, int d) {
        return a.length > i ? Integer.parseInt(a[i]) : d;
    }

}

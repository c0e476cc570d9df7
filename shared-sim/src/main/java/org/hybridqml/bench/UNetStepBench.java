package org.hybridqml.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hybridqml.nn.unet.UNetBuilder;
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
 * Times one training step (forward, backward, Adam update) of the QuFeX paper's PH2 U-Net on DL4J, and per-layer
 * forward/backward times measured layer by layer in isolation (no workspaces), for the classical-engine-speed
 * issue.
 *
 * <p>Usage: {@code UNetStepBench [height width channels batch warmups repeats]}; default 256 256 1 4 3 7.
 * Prints machine load, then one line per DL4J setting (workspace mode, cache mode, NCHW/NHWC) and the profile;
 * {@code -Dbench.profileOnly=true} prints the profile only.
 */
public final class UNetStepBench {

    private UNetStepBench() {
    }

    /** @param args see class comment */
    public static void main(String[] args) throws Exception {
        int h = arg(args, 0, 256);
        int w = arg(args, 1, 256);
        int c = arg(args, 2, 1);
        int batch = arg(args, 3, 4);
        int warm = arg(args, 4, 3);
        int reps = arg(args, 5, 7);
        System.out.printf("UNetStepBench: PH2 U-Net %dx%dx%d batch %d, %d warm-ups, median of %d; %d cores; "
                        + "loadavg %s; java %s%n", h, w, c, batch, warm, reps,
                Runtime.getRuntime().availableProcessors(), loadAvg(), System.getProperty("java.version"));
        Object[][] settings = {
                {WorkspaceMode.ENABLED, CacheMode.NONE, CNN2DFormat.NCHW},
                {WorkspaceMode.NONE, CacheMode.NONE, CNN2DFormat.NCHW},
                {WorkspaceMode.ENABLED, CacheMode.DEVICE, CNN2DFormat.NCHW},
                {WorkspaceMode.ENABLED, CacheMode.NONE, CNN2DFormat.NHWC},
        };
        double baseline = Double.NaN;
        boolean profileOnly = Boolean.getBoolean("bench.profileOnly");
        for (Object[] s : profileOnly ? new Object[0][] : settings) {
            UNetBuilder b = new UNetBuilder().input(h, w, c).workspaceMode((WorkspaceMode) s[0])
                    .cacheMode((CacheMode) s[1]).format((CNN2DFormat) s[2]).seed(1);
            String label = "workspace " + s[0] + ", cache " + s[1] + ", " + s[2];
            try {
                ComputationGraph net = b.build();
                DataSet ds = data(h, w, c, batch, (CNN2DFormat) s[2]);
                double med = medianStepSeconds(net, ds, warm, reps);
                if (Double.isNaN(baseline)) {
                    baseline = med;
                }
                System.out.printf("  %-45s %8.3f s/step  (%.2fx of first)  params %d  loss %.4f  load %s%n",
                        label, med, med / baseline, net.numParams(), net.score(), loadAvg());
            } catch (RuntimeException e) {
                System.out.printf("  %-45s FAILED: %s%n", label, e);
            }
        }
        profile(new UNetBuilder().input(h, w, c).seed(1).build(), data(h, w, c, batch, CNN2DFormat.NCHW), reps);
    }

    private static DataSet data(int h, int w, int c, int batch, CNN2DFormat f) {
        Nd4j.getRandom().setSeed(3);
        long[] xs = f == CNN2DFormat.NCHW ? new long[]{batch, c, h, w} : new long[]{batch, h, w, c};
        long[] ys = f == CNN2DFormat.NCHW ? new long[]{batch, 1, h, w} : new long[]{batch, h, w, 1};
        return new DataSet(Nd4j.rand(DataType.FLOAT, xs), Nd4j.rand(DataType.FLOAT, ys).gt(0.5)
                .castTo(DataType.FLOAT));
    }

    private static double medianStepSeconds(ComputationGraph net, DataSet ds, int warm, int reps) {
        for (int i = 0; i < warm; i++) {
            net.fit(ds);
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            net.fit(ds);
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
        System.out.printf("  per-layer (isolated, no workspaces, median of %d), ms:%n", reps);
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

    private static String loadAvg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}

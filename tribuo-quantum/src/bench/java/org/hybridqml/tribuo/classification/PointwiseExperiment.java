package org.hybridqml.tribuo.classification;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.IdxFile;
import org.hybridqml.data.ImageDirectory;
import org.hybridqml.nn.classify.QuantumPointwiseCNNBuilder;
import org.hybridqml.nn.classify.QuantumPointwiseCNNNetworkTrainer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quantum vs classical pointwise CNN on Fashion-MNIST, MNIST and the bundled CIFAR-10 subset: test accuracy,
 * parameter counts, seconds per epoch, and forward+backward time of the quantum layer vs the 1x1 convolution it
 * replaces (same input batch, same run). Usage: {@code PointwiseExperiment [--quick] [--only <data set prefix>]
 * [--variants quantum,classical] [--epochs E] [--train N] [--test N] [--conv-channels C] [--circuits K]
 * [--layers L] [--conv2-channels C2] [--dense D]} (defaults: the constants below). Data: Fashion-MNIST
 * training images from /usr/share/datasets/fashion-mnist when installed, else the bundled 10k test file split
 * 8k/2k; MNIST the bundled test file split 8k/2k; CIFAR the bundled train/test folders. Quick mode takes
 * subsets and fewer epochs (see {@link #main}).
 */
public final class PointwiseExperiment {
    /** Peak Adam learning rate of the cosine schedule (0.01 left the quantum CIFAR-10 net at chance). */
    static final double LEARNING_RATE = 0.003;
    static final int CONV_CHANNELS = 8;
    static final int CIRCUITS = 2;
    static final int QUANTUM_LAYERS = 2;
    /** Second-convolution filters and dense width: wider than the library defaults, for Fashion-MNIST. */
    static final int CONV2_CHANNELS = 64;
    static final int DENSE_UNITS = 128;
    static final int FULL_EPOCHS = 4;


    private PointwiseExperiment() {
    }

    private record Data(String name, String source, float[][] trX, int[] trY, float[][] teX, int[] teY,
                        int c, int h, int w) {
    }

    /**
     * Runs the experiment and prints a markdown table.
     *
     * @param args {@code --quick} for the short run (1,500 training / 500 test images per set, 3 epochs)
     * @throws IOException if a data file cannot be read
     */
    public static void main(String[] args) throws IOException {
        List<String> a = Arrays.asList(args);
        boolean quick = a.contains("--quick");
        int nTrain = intFlag(a, "--train", quick ? 1500 : Integer.MAX_VALUE);
        int nTest = intFlag(a, "--test", quick ? 500 : Integer.MAX_VALUE);
        int epochs = intFlag(a, "--epochs", quick ? 3 : FULL_EPOCHS);
        int convChannels = intFlag(a, "--conv-channels", CONV_CHANNELS);
        int circuits = intFlag(a, "--circuits", CIRCUITS);
        int qLayers = intFlag(a, "--layers", QUANTUM_LAYERS);
        int conv2 = intFlag(a, "--conv2-channels", CONV2_CHANNELS);
        int dense = intFlag(a, "--dense", DENSE_UNITS);
        String variants = a.contains("--variants") ? a.get(a.indexOf("--variants") + 1) : "quantum,classical";
        String only = a.contains("--only") ? a.get(a.indexOf("--only") + 1).toLowerCase(java.util.Locale.ROOT) : "";
        // data sets by name, loaded only when selected (--only)
        Map<String, DataLoader> loaders = new LinkedHashMap<>();
        loaders.put("Fashion-MNIST", () -> fashion(nTrain, nTest));
        loaders.put("MNIST", () -> idxSplit("MNIST", BundledDatasets.resolve("mnist", "idx",
                "t10k-images-idx3-ubyte.gz"), BundledDatasets.resolve("mnist", "idx", "t10k-labels-idx1-ubyte.gz"),
                nTrain, nTest, "bundled t10k split 8k/2k"));
        loaders.put("CIFAR-10 subset", () -> cifar(nTrain, nTest));
        QuantumPointwiseCNNBuilder shape = new QuantumPointwiseCNNBuilder().convChannels(convChannels).conv2Channels(conv2).denseUnits(dense)
                .quantumLayers(qLayers).circuits(circuits);
        StringBuilder table = new StringBuilder();
        table.append("| data | train/test | variant | params (pointwise) | test acc | s/epoch | pointwise fwd+bwd ms |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, DataLoader> entry : loaders.entrySet()) {
            if (!entry.getKey().toLowerCase(java.util.Locale.ROOT).startsWith(only)) {
                continue;
            }
            Data d = entry.getValue().load();
            for (boolean classical : new boolean[]{false, true}) {
                if (!variants.contains(classical ? "classical" : "quantum")) {
                    continue;
                }
                QuantumPointwiseCNNBuilder spec = new QuantumPointwiseCNNBuilder().width(d.w).height(d.h).channels(d.c).numClasses(10)
                        .convChannels(convChannels).conv2Channels(conv2).denseUnits(dense).quantumLayers(qLayers)
                        .circuits(circuits).classical(classical);
                QuantumPointwiseCNNNetworkTrainer t = new QuantumPointwiseCNNNetworkTrainer(spec).epochs(epochs).batchSize(32)
                        .learningRate(LEARNING_RATE).seed(42);
                MultiLayerNetwork net = t.train(d.trX, d.trY, null, null);
                double acc = t.accuracy(net, d.teX, d.teY);
                double spe = Arrays.stream(t.epochSeconds()).average().orElse(Double.NaN);
                double ms = layerMillis(net, d, classical);
                String variant = classical ? "classical 1x1" : "quantum L=" + qLayers + " K=" + circuits;
                String row = String.format("| %s (%s) | %d/%d | %s | %d (%d) | %.4f | %.1f | %.1f |%n", d.name,
                        d.source, d.trX.length, d.teX.length, variant, net.numParams(),
                        net.getLayer(QuantumPointwiseCNNBuilder.POINTWISE_LAYER).numParams(), acc, spe, ms);
                table.append(row);
                System.out.print(row);
            }
        }
        System.out.println();
        System.out.println((quick ? "--quick" : "full") + " run, " + epochs + " epochs, batch 32, Adam lr "
                + LEARNING_RATE + " cosine, seed 42; network conv " + shape.convChannels() + " -> pointwise -> conv "
                + shape.conv2Channels() + " -> dense " + shape.denseUnits() + ";\n pointwise time = forward+backward "
                + "of that layer on one batch of 32 (median of 15 after 3 warm-up runs)");
        System.out.print(table);
    }

    /** Loads one data set. */
    @FunctionalInterface
    private interface DataLoader {
        Data load() throws IOException;
    }

    private static Data cifar(int nTrain, int nTest) throws IOException {
        ImageDirectory ctr = ImageDirectory.read(BundledDatasets.resolve("cifar10-jpg-subset", "train"), 3, 0, 0);
        ImageDirectory cte = ImageDirectory.read(BundledDatasets.resolve("cifar10-jpg-subset", "test"), 3, 0, 0);
        int[] trI = shuffled(ctr.images().length, 1, nTrain);
        int[] teI = shuffled(cte.images().length, 2, nTest);
        return new Data("CIFAR-10 subset", "bundled JPEG subset 3000/1000", pick(ctr.images(), trI),
                pick(ctr.labels(), trI), pick(cte.images(), teI), pick(cte.labels(), teI), 3, 32, 32);
    }

    private static int intFlag(List<String> args, String flag, int def) {
        int i = args.indexOf(flag);
        return i < 0 ? def : Integer.parseInt(args.get(i + 1));
    }

    private static double layerMillis(MultiLayerNetwork net, Data d, boolean classical) {
        int[] idx = new int[Math.min(32, d.trX.length)];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        float[] flat = new float[idx.length * d.c * d.h * d.w];
        for (int i = 0; i < idx.length; i++) System.arraycopy(d.trX[i], 0, flat, i * d.trX[i].length, d.trX[i].length);
        INDArray x = Nd4j.create(flat, new long[]{idx.length, d.c, d.h, d.w}, 'c');
        INDArray in = net.feedForwardToLayer(QuantumPointwiseCNNBuilder.POINTWISE_LAYER - 1, x).get(QuantumPointwiseCNNBuilder.POINTWISE_LAYER);
        Layer layer = net.getLayer(QuantumPointwiseCNNBuilder.POINTWISE_LAYER);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        int warmUp = 3, reps = 15;
        double[] ms = new double[reps];
        for (int r = 0; r < warmUp + reps; r++) {
            long t0 = System.nanoTime();
            layer.setInput(in.dup(), mgr);
            INDArray out = layer.activate(true, mgr);
            layer.backpropGradient(Nd4j.onesLike(out), mgr);
            if (r >= warmUp) ms[r - warmUp] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }

    private static Data fashion(int nTrain, int nTest) throws IOException {
        Path sys = Paths.get("/usr/share/datasets/fashion-mnist");
        Path trI = sys.resolve("train-images-idx3-ubyte.gz");
        if (Files.isRegularFile(trI)) {
            IdxFile xi = IdxFile.read(trI);
            IdxFile yi = IdxFile.read(sys.resolve("train-labels-idx1-ubyte.gz"));
            IdxFile xt = IdxFile.read(BundledDatasets.resolve("fashion-mnist", "t10k-images-idx3-ubyte.gz"));
            IdxFile yt = IdxFile.read(BundledDatasets.resolve("fashion-mnist", "t10k-labels-idx1-ubyte.gz"));
            int[] a = shuffled(xi.count(), 1, nTrain);
            int[] b = shuffled(xt.count(), 2, nTest);
            return new Data("Fashion-MNIST", "60k train from " + sys + ", bundled 10k test",
                    pick(images(xi), a), pick(yi.values(), a), pick(images(xt), b), pick(yt.values(), b), 1, 28, 28);
        }
        return idxSplit("Fashion-MNIST", BundledDatasets.resolve("fashion-mnist", "t10k-images-idx3-ubyte.gz"),
                BundledDatasets.resolve("fashion-mnist", "t10k-labels-idx1-ubyte.gz"), nTrain, nTest,
                "training set not installed: bundled t10k split 8k/2k");
    }

    private static Data idxSplit(String name, Path images, Path labels, int nTrain, int nTest, String source)
            throws IOException {
        IdxFile xi = IdxFile.read(images);
        IdxFile yi = IdxFile.read(labels);
        float[][] x = images(xi);
        int[] order = shuffled(x.length, 3, x.length);
        int[] tr = Arrays.copyOfRange(order, 0, Math.min(8000, nTrain));
        int[] te = Arrays.copyOfRange(order, 8000, 8000 + Math.min(2000, nTest));
        return new Data(name, source, pick(x, tr), pick(yi.values(), tr), pick(x, te), pick(yi.values(), te),
                1, 28, 28);
    }

    private static float[][] images(IdxFile f) {
        int n = f.count();
        int len = f.values().length / n;
        float[][] x = new float[n][len];
        for (int i = 0; i < n; i++) for (int j = 0; j < len; j++) x[i][j] = f.values()[i * len + j] / 255f;
        return x;
    }

    private static int[] shuffled(int n, long seed, int limit) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        java.util.Random r = new java.util.Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = o[i]; o[i] = o[j]; o[j] = t;
        }
        return Arrays.copyOf(o, Math.min(n, limit));
    }

    private static float[][] pick(float[][] x, int[] idx) {
        float[][] o = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) o[i] = x[idx[i]];
        return o;
    }

    private static int[] pick(int[] y, int[] idx) {
        int[] o = new int[idx.length];
        for (int i = 0; i < idx.length; i++) o[i] = y[idx[i]];
        return o;
    }
}

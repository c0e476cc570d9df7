package org.hybridqml.nn.classify;

import org.hybridqml.data.ImageShape;
import org.hybridqml.options.OptionValues;
import org.hybridqml.options.QuantumPointwiseCNNOptions;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.hybridqml.qnn.train.EpochEstimate;
import org.hybridqml.sim.Interrupts;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.logging.Logger;

/**
 * Trains a {@link QuantumPointwiseCNNBuilder} network on NCHW float arrays with int labels: mini-batch Adam with a per-epoch
 * cosine-annealed learning rate {@code lr_e = lr * (1 + cos(pi * e / epochs)) / 2}, examples shuffled each
 * epoch with a {@link Random} seeded from the trainer seed (same seed and data give identical parameters).
 * Logs per epoch (java.util.logging, INFO): mean training loss, validation accuracy if validation data is
 * given, seconds; within a long epoch, a progress line (batch count, running loss) every 10 s. A long configuration
 * ({@link EpochEstimate}) logs its estimated time after the first mini-batch.
 *
 * <p>Cancellation: the thread's interrupt flag is checked before every mini-batch; an interrupted training throws
 * {@link org.hybridqml.sim.TrainingInterruptedException} with the flag left set.
 */
public final class QuantumPointwiseCNNNetworkTrainer {

    private static final Logger LOG = Logger.getLogger(QuantumPointwiseCNNNetworkTrainer.class.getName());

    /** Within an epoch, a progress line at most this often. */
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private final QuantumPointwiseCNNBuilder spec;
    private int epochs = 3;
    private int batchSize = 32;
    private double learningRate = 0.01;
    private long seed = 42;
    private double[] epochSeconds = new double[0];

    /** @param spec the network description (its shape is used to check inputs) */
    public QuantumPointwiseCNNNetworkTrainer(QuantumPointwiseCNNBuilder spec) {
        this.spec = spec;
    }

    /**
     * The trainer that values of {@link QuantumPointwiseCNNOptions#SPEC} describe, as the platform adapters build it.
     *
     * @param v       values of {@link QuantumPointwiseCNNOptions#SPEC}
     * @param network the network description from {@link QuantumPointwiseCNNBuilder#fromOptions}
     * @param seed    the seed
     * @return the trainer
     */
    public static QuantumPointwiseCNNNetworkTrainer fromOptions(OptionValues v, QuantumPointwiseCNNBuilder network, long seed) {
        return new QuantumPointwiseCNNNetworkTrainer(network).epochs(v.getInt("epochs")).batchSize(v.getInt("miniBatchSize"))
                .learningRate(v.getDouble("learningRate")).seed(seed);
    }

    /** @param e epochs (&ge; 1) @return this */
    public QuantumPointwiseCNNNetworkTrainer epochs(int e) {
        if (e < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + e);
        this.epochs = e; return this;
    }
    /** @param b mini-batch size (&ge; 1) @return this */
    public QuantumPointwiseCNNNetworkTrainer batchSize(int b) {
        if (b < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + b);
        this.batchSize = b; return this;
    }
    /** @param lr peak learning rate (&gt; 0) @return this */
    public QuantumPointwiseCNNNetworkTrainer learningRate(double lr) {
        if (!(lr > 0)) throw new IllegalArgumentException("learningRate must be > 0, got " + lr);
        this.learningRate = lr; return this;
    }
    /** @param s seed of initialisation and shuffling @return this */
    public QuantumPointwiseCNNNetworkTrainer seed(long s) { this.seed = s; return this; }

    /** @return seconds of each epoch of the last {@link #train} call */
    public double[] epochSeconds() { return epochSeconds.clone(); }

    /**
     * Trains a new network.
     *
     * @param x      images, NCHW flattened: {@code x[i]} has length channels&middot;height&middot;width
     * @param y      labels in [0, numClasses)
     * @param validX optional validation images (may be null)
     * @param validY optional validation labels (may be null)
     * @return the trained network
     * @throws IllegalArgumentException on a wrong image length (expected and actual named), a non-finite pixel, a
     *                                  label out of range, or a class with no example
     */
    public MultiLayerNetwork train(float[][] x, int[] y, float[][] validX, int[] validY) {
        checkData(x, y, true);
        if (validX != null) checkData(validX, validY, false);
        QuantumPointwiseCNNBuilder s = spec.seed(seed).learningRate(learningRate);
        MultiLayerNetwork net = s.build();
        LOG.info(() -> String.format("%s pointwise CNN: %d parameters (pointwise layer %d)",
                spec.isClassical() ? "classical" : "quantum", net.numParams(),
                net.getLayer(QuantumPointwiseCNNBuilder.POINTWISE_LAYER).numParams()));
        int n = x.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Random rnd = new Random(seed);
        epochSeconds = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            double lr = learningRate * (1 + Math.cos(Math.PI * e / epochs)) / 2;
            net.setLearningRate(lr);
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i]; order[i] = order[j]; order[j] = t;
            }
            long t0 = System.nanoTime();
            double lossSum = 0;
            int batches = 0;
            int totalBatches = (n + batchSize - 1) / batchSize;
            EpochEstimate.FirstBatches estimate = new EpochEstimate.FirstBatches(LOG, epochs, totalBatches);
            long lastLog = t0;
            for (int from = 0; from < n; from += batchSize) {
                if (Interrupts.requested()) {
                    Interrupts.check("Pointwise CNN training at epoch " + (e + 1) + ", mini-batch "
                            + (batches + 1) + " of " + totalBatches);
                }
                int to = Math.min(n, from + batchSize);
                int[] idx = java.util.Arrays.copyOfRange(order, from, to);
                net.fit(new DataSet(features(x, idx), oneHot(y, idx)));
                lossSum += net.score();
                batches++;
                if (e == 0) {
                    estimate.afterBatch(batches);
                }
                if (System.nanoTime() - lastLog > PROGRESS_NANOS && batches < totalBatches) {
                    lastLog = System.nanoTime();
                    int ep = e + 1, b = batches;
                    double running = lossSum / batches;
                    LOG.info(() -> String.format("epoch %d/%d: batch %d/%d, loss so far %.4f", ep, epochs, b,
                            totalBatches, running));
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            epochSeconds[e] = secs;
            double loss = lossSum / batches;
            String acc = validX == null ? "" : String.format(", validation accuracy %.4f",
                    accuracy(net, validX, validY));
            int ep = e + 1;
            LOG.info(() -> String.format("epoch %d/%d: lr %.5f, loss %.4f%s, %.1f s", ep, epochs, lr, loss, acc, secs));
        }
        return net;
    }

    /**
     * Class probabilities.
     *
     * @param net a network built by {@link QuantumPointwiseCNNBuilder} with this trainer's image shape
     * @param x   images, NCHW flattened
     * @return probabilities, one row per image
     * @throws IllegalArgumentException if an image has another number of values than the network's shape, or a
     *                                  non-finite value
     */
    public float[][] predictProba(MultiLayerNetwork net, float[][] x) {
        checkImages(x);
        float[][] out = new float[x.length][];
        int b = 256;
        for (int from = 0; from < x.length; from += b) {
            Interrupts.check("Pointwise CNN prediction");
            int to = Math.min(x.length, from + b);
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) idx[i] = from + i;
            INDArray p = net.output(features(x, idx), false);
            for (int i = 0; i < idx.length; i++) out[from + i] = p.getRow(i).toFloatVector();
        }
        return out;
    }

    /**
     * @param net a trained network
     * @param x   images
     * @param y   labels
     * @return fraction of argmax predictions equal to the label
     */
    public double accuracy(MultiLayerNetwork net, float[][] x, int[] y) {
        float[][] p = predictProba(net, x);
        int ok = 0;
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int k = 1; k < p[i].length; k++) if (p[i][k] > p[i][best]) best = k;
            if (best == y[i]) ok++;
        }
        return p.length == 0 ? Double.NaN : (double) ok / p.length;
    }

    private void checkData(float[][] x, int[] y, boolean requireAllClasses) {
        if (x == null || y == null || x.length != y.length) {
            throw new IllegalArgumentException("images and labels must be non-null and of equal length");
        }
        if (x.length == 0) throw new IllegalArgumentException("no training images");
        checkImages(x);
        int[] counts = new int[spec.numClasses()];
        for (int i = 0; i < x.length; i++) {
            if (y[i] < 0 || y[i] >= counts.length) {
                throw new IllegalArgumentException("label " + y[i] + " of image " + i + " outside [0, "
                        + counts.length + ")");
            }
            counts[y[i]]++;
        }
        if (requireAllClasses) {
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] == 0) throw new IllegalArgumentException("class " + k + " has no training example");
            }
        }
    }

    /** Every image has the spec's shape (as a value count) and finite values. */
    private void checkImages(float[][] x) {
        ImageShape shape = new ImageShape(spec.channels(), spec.height(), spec.width());
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null) {
                throw new IllegalArgumentException("image " + i + " is null");
            }
            shape.requireValues("image " + i, x[i].length, "the network's image shape");
            for (int j = 0; j < x[i].length; j++) {
                if (!Float.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("image " + i + " has a non-finite value " + x[i][j]
                            + " at flat index " + j);
                }
            }
        }
    }

    private INDArray features(float[][] x, int[] idx) {
        return toNchw(x, idx, spec.channels(), spec.height(), spec.width());
    }

    static INDArray toNchw(float[][] x, int[] idx, int c, int h, int w) {
        int len = c * h * w;
        float[] flat = new float[idx.length * len];
        for (int i = 0; i < idx.length; i++) System.arraycopy(x[idx[i]], 0, flat, i * len, len);
        return Nd4j.create(flat, new long[]{idx.length, c, h, w}, 'c').castTo(DataType.FLOAT);
    }

    private INDArray oneHot(int[] y, int[] idx) {
        INDArray o = Nd4j.zeros(DataType.FLOAT, idx.length, spec.numClasses());
        for (int i = 0; i < idx.length; i++) o.putScalar(i, y[idx[i]], 1f);
        return o;
    }
}

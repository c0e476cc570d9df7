package org.hybridqml.nn.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hybridqml.data.SegmentationDataset;
import org.hybridqml.nn.unet.UNetBuilder;
import org.hybridqml.qnn.train.EpochEstimate;
import org.hybridqml.sim.Interrupts;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.logging.Logger;

/**
 * Mini-batch training of a U-Net (or Qu-Net) segmenter with the QuFeX paper's protocol (Jain &amp; Kalev,
 * arXiv:2501.13165; authors' code {@code Jain-Naman/QuNet-Ph2/main_*.py}): per-pixel mean BCE, Adam (Keras defaults, lr
 * 1e-3), fixed epochs, shuffled batches, no augmentation.
 *
 * <p>Reproducibility: the network is built from the seed ({@code UNetBuilder.seed}, ND4J's RNG is seeded too)
 * and each epoch's order comes from a {@link SplittableRandom} split from the same seed, so the same seed gives
 * bitwise identical parameters on the same machine and thread count.
 *
 * <p>Long runs and cancellation: a long configuration ({@link EpochEstimate}) logs its estimated time after the first
 * mini-batch; the thread's interrupt flag is checked before every mini-batch (training and validation), and an
 * interrupted training throws {@link org.hybridqml.sim.TrainingInterruptedException} with the flag left set.
 */
public final class SegmentationTrainer {
    private static final Logger LOG = Logger.getLogger(SegmentationTrainer.class.getName());
    /** A progress line within an epoch at most this often (a per-epoch line always). */
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private double learningRate = 1e-3;
    private int batchSize = 18;
    private int epochs = 20;
    private long seed = 42;
    private boolean outputBiasFromPrior = false;
    private SegmentationScorer scorer = SegmentationScorer.pooledHardIoU();
    private java.util.function.Consumer<EpochStats> epochListener = s -> { };

    /** @param lr Adam learning rate @return this */
    public SegmentationTrainer learningRate(double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        }
        this.learningRate = lr;
        return this;
    }

    /** @param b mini-batch size @return this */
    public SegmentationTrainer batchSize(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + b);
        }
        this.batchSize = b;
        return this;
    }

    /** @param e epochs (0 allowed: returns the initial network) @return this */
    public SegmentationTrainer epochs(int e) {
        if (e < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + e);
        }
        this.epochs = e;
        return this;
    }

    /** @param s seed of weights and shuffling @return this */
    public SegmentationTrainer seed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * @param on whether a new network's output bias starts at the training masks' foreground log-odds
     *           ({@link UNetBuilder#setOutputBiasFromPrior}) instead of 0 (default: 0, the Keras default of the QuFeX
     *           authors' code). Measured on DSB2018 over 5 seeds at 6 epochs it sped up one slow-starting Qu-Net
     *           seed and slowed another, so it is not the default (docs/reproduction.md)
     * @return this
     */
    public SegmentationTrainer outputBiasFromPrior(boolean on) {
        this.outputBiasFromPrior = on;
        return this;
    }

    /** @param s validation scorer (default: pooled hard foreground IoU) @return this */
    public SegmentationTrainer scorer(SegmentationScorer s) {
        this.scorer = s;
        return this;
    }

    /** @param listener called after every epoch (progress reporting) @return this */
    public SegmentationTrainer onEpoch(java.util.function.Consumer<EpochStats> listener) {
        this.epochListener = java.util.Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** A trained network and its per-epoch history. */
    public record Result(ComputationGraph network, List<EpochStats> history) {
    }

    /**
     * Builds a network from {@code architecture} (its updater and seed are overridden by this trainer's) and
     * trains it.
     *
     * @param architecture network description; its input size must equal the data's
     * @param train        training data
     * @param validation   validation data, or null
     * @return network and history
     */
    public Result fit(UNetBuilder architecture, SegmentationDataset train, SegmentationDataset validation) {
        if (train.height() != architecture.height() || train.width() != architecture.width()
                || train.channels() != architecture.channels()) {
            throw new IllegalArgumentException("data are " + train.height() + "x" + train.width() + "x"
                    + train.channels() + " but the network expects " + architecture.height() + "x"
                    + architecture.width() + "x" + architecture.channels());
        }
        train.requireDivisibleFor(architecture.depth());
        Nd4j.getRandom().setSeed(seed);
        ComputationGraph net = architecture.updater(UNetBuilder.kerasAdam(learningRate)).seed(seed).build();
        LOG.info(() -> architecture + ": " + net.numParams() + " parameters");
        if (outputBiasFromPrior) {
            double fraction = train.foregroundFraction();
            double bias = UNetBuilder.setOutputBiasFromPrior(net, fraction);
            LOG.fine(() -> String.format(Locale.ROOT, "output bias %.4f (foreground fraction %.4f)", bias, fraction));
        }
        return new Result(net, fit(net, train, validation));
    }

    /**
     * Trains an existing network further.
     *
     * @return per-epoch history
     */
    public List<EpochStats> fit(ComputationGraph net, SegmentationDataset train, SegmentationDataset validation) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<EpochStats> history = new ArrayList<>();
        int n = train.size();
        DataType type = net.params().dataType();
        int totalBatches = (n + batchSize - 1) / batchSize;
        for (int e = 1; e <= epochs; e++) {
            long t0 = System.nanoTime();
            EpochEstimate.FirstBatches estimate = new EpochEstimate.FirstBatches(LOG, epochs, totalBatches);
            int[] order = permutation(n, rng.split());
            double lossSum = 0;
            int batches = 0;
            long lastProgress = t0;
            for (int start = 0; start < n; start += batchSize) {
                if (System.nanoTime() - lastProgress > PROGRESS_NANOS && batches > 0) {
                    lastProgress = System.nanoTime();
                    int ep = e;
                    int b = batches;
                    double running = lossSum / batches;
                    LOG.info(() -> String.format(Locale.ROOT, "epoch %d/%d: batch %d/%d, loss so far %.5f", ep,
                            epochs, b, totalBatches, running));
                }
                if (Interrupts.requested()) {
                    Interrupts.check("Segmentation training at epoch " + e + ", mini-batch " + (batches + 1)
                            + " of " + totalBatches);
                }
                int[] idx = java.util.Arrays.copyOfRange(order, start, Math.min(n, start + batchSize));
                SegmentationDataset b = train.subset(idx);
                net.fit(new DataSet(features(b, type), labels(b, type)));
                lossSum += net.score();
                batches++;
                if (e == 1) {
                    estimate.afterBatch(batches);
                }
            }
            double score = validation == null ? Double.NaN : validate(net, validation);
            double sec = (System.nanoTime() - t0) / 1e9;
            EpochStats s = new EpochStats(e, lossSum / batches, score, sec);
            history.add(s);
            epochListener.accept(s);
            // no "val NaN" without validation data
            LOG.info(() -> String.format(Locale.ROOT, "epoch %d/%d: loss %.5f%s, %.1f s", s.epoch(), epochs,
                    s.meanLoss(), Double.isNaN(s.validationScore()) ? ""
                            : String.format(Locale.ROOT, ", validation %.4f", s.validationScore()), s.seconds()));
        }
        return history;
    }

    /**
     * @return the scorer's value on {@code data}
     */
    public double validate(ComputationGraph net, SegmentationDataset data) {
        return scorer.score(predict(net, data, batchSize), data.masks(), data.size());
    }

    /**
     * Predicted foreground probabilities, N·H·W.
     *
     * @param net       network
     * @param data      images
     * @param batchSize inference batch size
     * @return probabilities
     */
    public static float[] predict(ComputationGraph net, SegmentationDataset data, int batchSize) {
        int hw = data.height() * data.width();
        float[] out = new float[data.size() * hw];
        DataType type = net.params().dataType();
        for (int start = 0; start < data.size(); start += batchSize) {
            Interrupts.check("Segmentation prediction");
            int end = Math.min(data.size(), start + batchSize);
            int[] idx = java.util.stream.IntStream.range(start, end).toArray();
            INDArray p = net.outputSingle(false, features(data.subset(idx), type));
            float[] v = p.castTo(DataType.FLOAT).dup('c').data().asFloat();
            System.arraycopy(v, 0, out, start * hw, (end - start) * hw);
        }
        return out;
    }

    /** @return images as an NCHW array of the given type */
    public static INDArray features(SegmentationDataset d, DataType type) {
        return Nd4j.create(d.images(), new long[]{d.size(), d.channels(), d.height(), d.width()}, 'c')
                .castTo(type);
    }

    /** @return masks as an N1HW array of the given type */
    public static INDArray labels(SegmentationDataset d, DataType type) {
        return Nd4j.create(d.masks(), new long[]{d.size(), 1, d.height(), d.width()}, 'c').castTo(type);
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}

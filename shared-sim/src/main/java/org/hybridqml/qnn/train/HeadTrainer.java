package org.hybridqml.qnn.train;

import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.head.HeadGradients;
import org.hybridqml.qnn.head.HeadPass;
import org.hybridqml.sim.Interrupts;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mini-batch training of a {@link ClassifierHead} (DQC or CDL alike), following Chan et al., arXiv:2405.00156 (authors'
 * code {@code BioIntelligence-Lab/QuMI/src/trainer.py}, {@code src/loops.py}): mean loss, Adam, early stopping on
 * validation loss with the best checkpoint restored.
 *
 * <p>Steps of {@link #fit}: validate the data (shapes, label count vs the head's outputs, 0/1 labels, finite
 * features) and the head ({@link ClassifierHead#checkTrainable}: the simulator's memory guard) before any work;
 * copy the head (the caller's head is never modified) and re-initialise it from the seed; split off a validation
 * part; fit the {@link Standardizer} on the training part only; optionally set the output bias to the label priors;
 * then per epoch shuffle, take Adam steps on mini-batches (the readout parameters, from
 * {@link ClassifierHead#readoutStart()} on, with {@link TrainingConfig#readoutLearningRateScale()} × the learning
 * rate), evaluate the validation loss, log a line (java.util.logging, logger
 * {@code org.hybridqml.qnn.train.HeadTrainer}, level INFO) and stop after {@code patience} epochs without a
 * strictly lower validation loss. The parameters with the lowest validation loss (epoch 0, the initial model,
 * included) are restored.
 *
 * <p>Multi-label: a label that is never positive in the training rows is kept, not dropped. It is left out of the
 * gradient, a warning names it (logger above, level WARNING), and after training its output is made constant
 * ({@link ClassifierHead#setConstantOutput}) at its prior: the log-odds of the clipped frequency 1/(2N) used by the
 * output-bias initialisation, so the model gives it the same small probability 1/(2N) for every input.
 *
 * <p>Long runs: the evaluation of the initial model is timed and, when the configuration is long
 * ({@link EpochEstimate}), {@code epoch 1 of E: about N s per epoch, M min in total} is logged before the first
 * epoch; when that evaluation itself will take 10 s or more (timed on one row first), that is logged before it.
 * Cancellation: the thread's interrupt flag is checked before every mini-batch and evaluation chunk (and by the
 * simulator between passes over large states); an interrupted training throws
 * {@link org.hybridqml.sim.TrainingInterruptedException} with the flag left set.
 *
 * <p>Randomness: one {@link SplittableRandom} from the seed, split in a fixed order into the streams for
 * initialisation, validation split and shuffling; the heads and the simulator are deterministic, so the same seed
 * and data give bitwise identical parameters.
 */
public final class HeadTrainer {

    private static final Logger LOG = Logger.getLogger(HeadTrainer.class.getName());

    private final TrainingConfig config;
    private List<String> labelNames;

    /** @param config the hyper-parameters */
    public HeadTrainer(TrainingConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
    }

    /**
     * Names the labels (or classes) for the trainer's log messages, e.g. the warning about a label that is never
     * positive; without names they are called by index.
     *
     * @param names one name per output of the heads this trainer will fit, or null
     * @return this trainer
     */
    public HeadTrainer labelNames(List<String> names) {
        this.labelNames = names == null ? null : List.copyOf(names);
        return this;
    }

    /** @return the hyper-parameters */
    public TrainingConfig config() {
        return config;
    }

    /**
     * Multi-label training with mean sigmoid binary cross-entropy; the validation part is split off the data.
     *
     * @param head     the head (copied, not modified); its outputs must equal the number of labels
     * @param features [rows][features], finite
     * @param labels   [rows][labels], each 0 or 1
     * @return the trained model
     */
    public TrainedHead fit(ClassifierHead head, double[][] features, int[][] labels) {
        checkAll(head, features, labels, false);
        return train(head, features, toDouble(labels), null, null, Loss.SIGMOID_BINARY_CROSS_ENTROPY);
    }

    /**
     * Multi-label training with an explicit validation set (the configured validation fraction is ignored).
     *
     * @param head        the head (copied)
     * @param features    training features
     * @param labels      training labels, 0/1
     * @param valFeatures validation features
     * @param valLabels   validation labels, 0/1
     * @return the trained model
     */
    public TrainedHead fit(ClassifierHead head, double[][] features, int[][] labels, double[][] valFeatures,
                           int[][] valLabels) {
        checkAll(head, features, labels, false);
        checkAll(head, valFeatures, valLabels, false);
        return train(head, features, toDouble(labels), valFeatures, toDouble(valLabels),
                Loss.SIGMOID_BINARY_CROSS_ENTROPY);
    }

    /**
     * Single-label training with softmax cross-entropy over the head's outputs (one per class).
     *
     * @param head     the head (copied); its outputs must equal the number of classes
     * @param features [rows][features], finite
     * @param classes  the class index of each row, in [0, outputs)
     * @return the trained model
     */
    public TrainedHead fitSingleLabel(ClassifierHead head, double[][] features, int[] classes) {
        int[][] oneHot = oneHot(classes, head.numOutputs());
        checkAll(head, features, oneHot, true);
        return train(head, features, toDouble(oneHot), null, null, Loss.SOFTMAX_CROSS_ENTROPY);
    }

    /**
     * One-hot rows for class indices.
     *
     * @param classes    class indices
     * @param numClasses number of classes
     * @return [rows][numClasses]
     */
    public static int[][] oneHot(int[] classes, int numClasses) {
        if (classes == null) {
            throw new IllegalArgumentException("classes must not be null");
        }
        int[][] y = new int[classes.length][numClasses];
        for (int r = 0; r < classes.length; r++) {
            if (classes[r] < 0 || classes[r] >= numClasses) {
                throw new IllegalArgumentException("Row " + r + " has class index " + classes[r]
                        + ", the head has " + numClasses + " outputs (classes 0.." + (numClasses - 1) + ")");
            }
            y[r][classes[r]] = 1;
        }
        return y;
    }

    private void checkAll(ClassifierHead head, double[][] features, int[][] labels, boolean singleLabel) {
        if (head == null) {
            throw new IllegalArgumentException("head must not be null");
        }
        checkFeatures(features, head.numFeatures());
        checkLabels(labels, features.length, head.numOutputs(), singleLabel);
        head.checkTrainable(config.batchSize());
    }

    static void checkFeatures(double[][] x, int width) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("No examples: need at least one feature row");
        }
        for (int r = 0; r < x.length; r++) {
            if (x[r] == null || x[r].length != width) {
                throw new IllegalArgumentException("Row " + r + " has " + (x[r] == null ? "no" : x[r].length)
                        + " features, the head was built for " + width);
            }
            for (int j = 0; j < width; j++) {
                if (!Double.isFinite(x[r][j])) {
                    throw new IllegalArgumentException("Feature " + j + " of row " + r + " is " + x[r][j]
                            + "; features must be finite (impute or drop missing values first)");
                }
            }
        }
    }

    static void checkLabels(int[][] y, int rows, int outputs, boolean singleLabel) {
        if (y == null || y.length != rows) {
            throw new IllegalArgumentException("Got " + rows + " feature rows but "
                    + (y == null ? "no" : String.valueOf(y.length)) + " label rows");
        }
        for (int r = 0; r < rows; r++) {
            if (y[r] == null || y[r].length != outputs) {
                throw new IllegalArgumentException("Label count mismatch: row " + r + " has "
                        + (y[r] == null ? "no" : y[r].length) + " labels, the head has " + outputs
                        + " outputs (build the head with one output per label)");
            }
            int ones = 0;
            for (int k = 0; k < outputs; k++) {
                if (y[r][k] != 0 && y[r][k] != 1) {
                    throw new IllegalArgumentException("Label " + k + " of row " + r + " is " + y[r][k]
                            + "; labels must be binary (0 or 1)");
                }
                ones += y[r][k];
            }
            if (singleLabel && ones != 1) {
                throw new IllegalArgumentException("Row " + r + " has " + ones + " classes set; single-label "
                        + "targets need exactly one");
            }
        }
    }

    static double[][] toDouble(int[][] y) {
        double[][] d = new double[y.length][];
        for (int r = 0; r < y.length; r++) {
            d[r] = new double[y[r].length];
            for (int k = 0; k < d[r].length; k++) {
                d[r][k] = y[r][k];
            }
        }
        return d;
    }

    private TrainedHead train(ClassifierHead original, double[][] features, double[][] targets,
                              double[][] valFeatures, double[][] valTargets, Loss loss) {
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom initRng = root.split();
        SplittableRandom splitRng = root.split();
        SplittableRandom shuffleRng = root.split();

        ClassifierHead head = original.copy();
        if (config.reinitialize()) {
            head.initialize(initRng);
        }

        double[][] trX = features;
        double[][] trY = targets;
        double[][] vaX = valFeatures;
        double[][] vaY = valTargets;
        if (vaX == null && config.validationFraction() > 0) {
            int n = features.length;
            int[] perm = permutation(n, splitRng);
            int nVal = (int) Math.round(n * config.validationFraction());
            if (nVal < 1 || n - nVal < 1) {
                throw new IllegalArgumentException("Too few examples (" + n + ") for a validation split of "
                        + config.validationFraction() + "; give more data, a validation set, or validationFraction 0");
            }
            int[] val = Arrays.copyOfRange(perm, 0, nVal);
            int[] tr = Arrays.copyOfRange(perm, nVal, n);
            Arrays.sort(val);
            Arrays.sort(tr);
            vaX = rows(features, val);
            vaY = rows(targets, val);
            trX = rows(features, tr);
            trY = rows(targets, tr);
        }

        // A declared label that is never positive in the training data cannot be learned: keep it, take it out of
        // the gradient (so it does not pull the shared layers), and make it predict its prior for every input.
        int[] neverPositive = loss == Loss.SIGMOID_BINARY_CROSS_ENTROPY ? neverPositive(targets) : new int[0];
        if (neverPositive.length > 0) {
            double[] prior = priorBias(targets, loss);
            LOG.warning(() -> neverPositive.length + " of " + targets[0].length + " labels are never positive in the "
                    + targets.length + " training rows and are kept, predicting their prior probability "
                    + String.format(java.util.Locale.ROOT, "%.3g", Loss.sigmoid(prior[neverPositive[0]]))
                    + " for every input: " + describeLabels(neverPositive));
        }

        Standardizer std = Standardizer.fit(trX);
        List<Integer> constant = std.constantFeatures();
        if (!constant.isEmpty()) {
            LOG.warning(() -> constant.size() + " of " + std.numFeatures() + " features are constant on the training "
                    + "data and are set to 0 (ignored): indices " + abbreviate(constant));
        }
        trX = std.transform(trX);
        if (vaX != null) {
            vaX = std.transform(vaX);
        }

        if (config.outputBiasFromPriors()) {
            head.setOutputBias(priorBias(trY, loss));
        }

        LOG.info(() -> "Training " + head.describe() + " on " + features.length + " examples ("
                + (valFeatures == null && config.validationFraction() > 0 ? "validation split "
                + config.validationFraction() : valFeatures != null ? "explicit validation set" : "no validation")
                + "), " + loss + ", " + config);

        double[] params = head.parameters();
        // the readout (the DQC's output Dense) gets its own rate: its ⟨Z⟩ inputs are small, so its weights must
        // grow large, and Adam's step is fixed in weight units
        Adam adam = new Adam(params.length, config.learningRate(), config.beta1(), config.beta2(), config.epsilon(),
                head.readoutStart(), config.readoutLearningRateScale());
        boolean validate = vaX != null;

        warnOfLongInitialEvaluation(head, trX, vaX == null ? 0 : vaX.length);

        long t0 = System.nanoTime();
        double initTrain = evalLoss(head, trX, trY, loss);
        double trainEvalSeconds = (System.nanoTime() - t0) / 1e9;
        double initVal = validate ? evalLoss(head, vaX, vaY, loss) : Double.NaN;
        // a training step costs about three forward passes (forward, backward, update); validation one
        double epochSeconds = 3 * trainEvalSeconds + ((System.nanoTime() - t0) / 1e9 - trainEvalSeconds);
        EpochEstimate.logIfLong(LOG, epochSeconds, config.maxEpochs(), String.format(java.util.Locale.ROOT,
                "from evaluating the initial model in %.2f s; early stopping may end sooner",
                (System.nanoTime() - t0) / 1e9));
        List<TrainingHistory.Epoch> epochs = new java.util.ArrayList<>();
        epochs.add(new TrainingHistory.Epoch(0, initTrain, initVal, (System.nanoTime() - t0) / 1e9));
        log(epochs.get(0));

        double best = initVal;
        double[] bestParams = params.clone();
        int bestEpoch = 0;
        int wait = 0;
        boolean stoppedEarly = false;
        int n = trX.length;
        int bs = config.batchSize();
        int batches = (n + bs - 1) / bs;
        for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
            long start = System.nanoTime();
            long lastProgress = start;
            int[] order = permutation(n, shuffleRng);
            double sum = 0;
            for (int from = 0; from < n; from += bs) {
                if (System.nanoTime() - lastProgress > PROGRESS_NANOS && from > 0) {
                    lastProgress = System.nanoTime();
                    int ep = epoch;
                    int b = from / bs;
                    double running = sum / from;
                    LOG.info(() -> String.format("epoch %d: batch %d/%d, loss so far %.5f", ep, b, batches,
                            running));
                }
                if (Interrupts.requested()) {
                    Interrupts.check("Training " + head.describe() + " at epoch " + epoch + ", mini-batch "
                            + (from / bs + 1) + " of " + batches);
                }
                int to = Math.min(n, from + bs);
                int[] idx = Arrays.copyOfRange(order, from, to);
                double[][] xb = rows(trX, idx);
                double[][] yb = rows(trY, idx);
                HeadPass pass = head.forward(xb);
                double[][] g = new double[idx.length][head.numOutputs()];
                double l = loss.valueAndGradient(pass.logits(), yb, g);
                for (double[] row : g) {
                    for (int k : neverPositive) {
                        row[k] = 0;
                    }
                }
                if (!Double.isFinite(l)) {
                    throw new IllegalStateException("Training diverged at epoch " + epoch + ": loss " + l
                            + "; lower the learning rate");
                }
                sum += l * idx.length;
                HeadGradients grads = head.backward(pass, g);
                adam.step(params, grads.parameters());
            }
            double valLoss = validate ? evalLoss(head, vaX, vaY, loss) : Double.NaN;
            TrainingHistory.Epoch e = new TrainingHistory.Epoch(epoch, sum / n, valLoss,
                    (System.nanoTime() - start) / 1e9);
            epochs.add(e);
            log(e);
            if (!validate) {
                bestEpoch = epoch;
                continue;
            }
            if (valLoss < best) {
                best = valLoss;
                bestEpoch = epoch;
                System.arraycopy(params, 0, bestParams, 0, params.length);
                wait = 0;
            } else if (++wait >= config.patience()) {
                stoppedEarly = epoch < config.maxEpochs();
                break;
            }
        }
        if (validate) {
            System.arraycopy(bestParams, 0, params, 0, params.length);
        }
        if (neverPositive.length > 0) {
            double[] prior = priorBias(targets, loss);
            for (int k : neverPositive) {
                head.setConstantOutput(k, prior[k]);
            }
        }
        int be = bestEpoch;
        LOG.info(() -> "Kept epoch " + be + (validate ? String.format(" (val loss %.5f)", epochs.get(be).valLoss())
                : "") + " of " + (epochs.size() - 1));
        return new TrainedHead(head, std, loss, new TrainingHistory(List.copyOf(epochs), bestEpoch, stoppedEarly));
    }

    /** A progress line within an epoch at most this often (a per-epoch line always). */
    static final long PROGRESS_NANOS = 10_000_000_000L;

    private static void log(TrainingHistory.Epoch e) {
        if (LOG.isLoggable(Level.INFO)) {
            // no "val loss NaN" without a validation split
            String val = Double.isNaN(e.valLoss()) ? "" : String.format(", val loss %.5f", e.valLoss());
            LOG.info(String.format("epoch %d: train loss %.5f%s, %.3f s", e.epoch(), e.trainLoss(), val,
                    e.seconds()));
        }
    }

    /**
     * Warns before a long evaluation of the initial model: times the forward pass of one training row (the second
     * of two, so class loading is mostly left out; it overestimates while the kernels are still being compiled)
     * and, when the rows to evaluate would take {@link EpochEstimate#LONG_EPOCH_SECONDS} or more, logs how long.
     * The probe's logits are discarded: it changes no result.
     */
    private void warnOfLongInitialEvaluation(ClassifierHead head, double[][] trX, int valRows) {
        double[][] one = {trX[0]};
        head.logits(one);
        long t = System.nanoTime();
        head.logits(one);
        double perRow = (System.nanoTime() - t) / 1e9;
        double seconds = perRow * (trX.length + valRows);
        if (seconds >= EpochEstimate.LONG_EPOCH_SECONDS) {
            LOG.info(String.format(java.util.Locale.ROOT, "evaluating the initial model on %d rows: about %.0f s "
                    + "(%.3g s per row)", trX.length + valRows, seconds, perRow));
        }
    }

    private double evalLoss(ClassifierHead head, double[][] x, double[][] y, Loss loss) {
        double sum = 0;
        int chunk = Math.max(config.batchSize(), 256);
        for (int from = 0; from < x.length; from += chunk) {
            Interrupts.check("Evaluating the loss");
            int to = Math.min(x.length, from + chunk);
            double[][] xb = Arrays.copyOfRange(x, from, to);
            double[][] yb = Arrays.copyOfRange(y, from, to);
            sum += loss.value(head.logits(xb), yb) * (to - from);
        }
        return sum / x.length;
    }

    /**
     * The output bias matching the training priors: log-odds per label (sigmoid) or log class frequency (softmax);
     * frequencies are clipped to [1/(2N), 1 − 1/(2N)] so absent or ubiquitous labels stay finite.
     */
    static double[] priorBias(double[][] y, Loss loss) {
        int n = y.length;
        int k = y[0].length;
        double lo = 0.5 / n;
        double[] bias = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (double[] row : y) {
                s += row[j];
            }
            double p = Math.min(1 - lo, Math.max(lo, s / n));
            bias[j] = loss == Loss.SOFTMAX_CROSS_ENTROPY ? Math.log(p) : Math.log(p / (1 - p));
        }
        return bias;
    }

    /** Indices of the label columns with no 1 in any row. */
    static int[] neverPositive(double[][] y) {
        int k = y[0].length;
        boolean[] seen = new boolean[k];
        for (double[] row : y) {
            for (int j = 0; j < k; j++) {
                seen[j] |= row[j] != 0;
            }
        }
        return java.util.stream.IntStream.range(0, k).filter(j -> !seen[j]).toArray();
    }

    private String describeLabels(int[] idx) {
        List<String> names = new java.util.ArrayList<>();
        for (int k : idx) {
            names.add(labelNames != null && k < labelNames.size() ? "'" + labelNames.get(k) + "' (" + k + ")"
                    : "label " + k);
        }
        return abbreviate(names);
    }

    /** A Fisher–Yates permutation of 0..n-1 from {@code rng} (package-private for the tests that replay a run). */
    static int[] permutation(int n, SplittableRandom rng) {
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

    private static double[][] rows(double[][] m, int[] idx) {
        double[][] r = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            r[i] = m[idx[i]];
        }
        return r;
    }

    private static String abbreviate(List<?> l) {
        return l.size() <= 20 ? l.toString() : l.subList(0, 20) + " ... (" + (l.size() - 20) + " more)";
    }
}

package org.hybridqml.demo;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.MultiLabelData;
import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.head.DenseHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.qnn.head.HeadPass;
import org.hybridqml.qnn.train.Adam;
import org.hybridqml.qnn.train.HeadTrainer;
import org.hybridqml.qnn.train.Loss;
import org.hybridqml.qnn.train.TrainedHead;
import org.hybridqml.qnn.train.TrainingConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * DQC vs CDL head on the bundled Mulan emotions split, and the per-step timing of the heads.
 *
 * <p>{@code emotions [seeds]}: trains both heads with {@link TrainingConfig#defaults()} and {@link TrainingConfig#paper()}
 * on emotions-train (20 % held out for early stopping) and prints test macro AUROC.
 * {@code timing [qubits...]}: seconds per training step (batch 32, forward + loss + backward + Adam) of the DQC head
 * with F = 2048 inputs and n = L qubits, and of the CDL head, at 8, 14 and 19 qubits unless given: the mean over
 * at least 3 s of steps after at least 3 s of warm-up, and the time of the first step (JIT compilation included).
 */
public final class DqcHeadDemo {

    private DqcHeadDemo() {
    }

    /**
     * Entry point.
     *
     * @param args {@code emotions [seeds]} or {@code timing [qubits...]}
     * @throws IOException if the bundled data cannot be read
     */
    public static void main(String[] args) throws IOException {
        String mode = args.length == 0 ? "emotions" : args[0];
        if (mode.equals("timing")) {
            int[] qubits = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                    : new int[]{8, 14, 19};
            for (int n : qubits) {
                timing(n);
            }
            return;
        }
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path dir = BundledDatasets.resolve("mulan-multilabel", "emotions");
        MultiLabelData train = MultiLabelData.readMulan(dir.resolve("emotions-train.arff"), dir.resolve("emotions.xml"));
        MultiLabelData test = MultiLabelData.readMulan(dir.resolve("emotions-test.arff"), dir.resolve("emotions.xml"));
        int f = train.numFeatures();
        int l = train.numLabels();
        for (String preset : new String[]{"defaults", "paper"}) {
            for (String kind : new String[]{"CDL", "DQC"}) {
                double sum = 0;
                for (int s = 1; s <= seeds; s++) {
                    TrainingConfig cfg = (preset.equals("paper") ? TrainingConfig.paper() : TrainingConfig.defaults())
                            .withSeed(s);
                    ClassifierHead head = kind.equals("CDL") ? new DenseHead(f, l) : new DressedQuantumHead(f, l);
                    long t0 = System.nanoTime();
                    TrainedHead model = new HeadTrainer(cfg).fit(head, train.features(), train.labels());
                    double auc = macroAuroc(model.scores(test.features()), test.labels());
                    sum += auc;
                    System.out.printf("emotions %-8s %s seed %d: test macro AUROC %.4f, epochs %d (best %d), %.1f s%n",
                            preset, kind, s, auc, model.history().epochsRun(), model.history().bestEpoch(),
                            (System.nanoTime() - t0) / 1e9);
                }
                System.out.printf("emotions %-8s %s mean over %d seed(s): %.4f%n", preset, kind, seeds, sum / seeds);
            }
        }
    }

    private static void timing(int n) {
        int f = 2048;
        int batch = 32;
        SplittableRandom rng = new SplittableRandom(1);
        double[][] x = new double[batch][f];
        double[][] y = new double[batch][n];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < f; j++) {
                x[b][j] = rng.nextGaussian();
            }
            for (int k = 0; k < n; k++) {
                y[b][k] = rng.nextInt(2);
            }
        }
        for (ClassifierHead head : new ClassifierHead[]{new DenseHead(f, n), new DressedQuantumHead(f, n)}) {
            Adam adam = new Adam(head.numParameters(), 1e-3, 0.9, 0.999, 1e-8);
            int warm = n >= 18 ? 1 : 3;
            int minSteps = n >= 18 ? 3 : n >= 12 ? 10 : 30;
            if (head instanceof DenseHead) {
                warm = 50;
                minSteps = 500;
            }
            // warm-up of at least 3 s, so the JIT has compiled the simulator's (SIMD) kernels before timing
            long warmStart = System.nanoTime();
            double firstStep = 0;
            for (int i = 0; i < warm || System.nanoTime() - warmStart < 3_000_000_000L; i++) {
                step(head, adam, x, y);
                if (i == 0) {
                    firstStep = (System.nanoTime() - warmStart) / 1e9;
                }
            }
            int steps = 0;
            long t0 = System.nanoTime();
            while (steps < minSteps || System.nanoTime() - t0 < 3_000_000_000L) {
                step(head, adam, x, y);
                steps++;
            }
            double s = (System.nanoTime() - t0) / 1e9 / steps;
            System.out.printf("%2d qubits/labels, F=%d, batch %d, %s: %.6f s per training step (%d steps, %d threads; "
                            + "first step %.3f s, JIT compilation included)%n", n, f, batch,
                    head instanceof DenseHead ? "CDL" : "DQC", s, steps, Runtime.getRuntime().availableProcessors(),
                    firstStep);
        }
    }

    private static void step(ClassifierHead head, Adam adam, double[][] x, double[][] y) {
        HeadPass pass = head.forward(x);
        double[][] g = Loss.SIGMOID_BINARY_CROSS_ENTROPY.gradient(pass.logits(), y);
        adam.step(head.parameters(), head.backward(pass, g).parameters());
    }

    /**
     * Macro AUROC (mean over labels of the Mann–Whitney AUROC, ties counted half); labels with a single class on the
     * test set are skipped. A private stand-in until {@code org.hybridqml.metrics.MultiLabelMetrics} lands.
     */
    static double macroAuroc(double[][] scores, int[][] labels) {
        double sum = 0;
        int used = 0;
        for (int k = 0; k < labels[0].length; k++) {
            double pos = 0;
            double neg = 0;
            double wins = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i][k] != 1) {
                    continue;
                }
                pos++;
                for (int j = 0; j < labels.length; j++) {
                    if (labels[j][k] == 0) {
                        double d = scores[i][k] - scores[j][k];
                        wins += d > 0 ? 1 : d == 0 ? 0.5 : 0;
                    }
                }
            }
            for (int[] row : labels) {
                neg += row[k] == 0 ? 1 : 0;
            }
            if (pos > 0 && neg > 0) {
                sum += wins / (pos * neg);
                used++;
            }
        }
        return sum / used;
    }
}

package org.hybridqml.qnn.train;

import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.head.DenseHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.sim.StatevectorSimulator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trainer behaviour on small synthetic data: determinism, early stopping, error messages, single-label mode. */
class HeadTrainerTest {

    /** Two informative features, labels = signs of two linear functions, plus noise features. */
    static double[][] features(int n, int f, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][f];
        for (double[] row : x) {
            for (int j = 0; j < f; j++) {
                row[j] = 3 * rng.nextGaussian() + j;
            }
        }
        return x;
    }

    static int[][] labels(double[][] x) {
        int[][] y = new int[x.length][3];
        for (int i = 0; i < x.length; i++) {
            y[i][0] = x[i][0] > 0 ? 1 : 0;
            y[i][1] = x[i][1] - 1 > x[i][0] ? 1 : 0;
            y[i][2] = y[i][0] & y[i][1];
        }
        return y;
    }

    private static final TrainingConfig QUICK = TrainingConfig.defaults().withMaxEpochs(15).withPatience(5);

    @Test
    void sameSeedSameWeightsBitwise() {
        double[][] x = features(120, 5, 1);
        int[][] y = labels(x);
        for (ClassifierHead head : new ClassifierHead[]{new DressedQuantumHead(5, 3), new DenseHead(5, 3)}) {
            TrainedHead a = new HeadTrainer(QUICK.withSeed(7)).fit(head, x, y);
            TrainedHead b = new HeadTrainer(QUICK.withSeed(7)).fit(head, x, y);
            TrainedHead c = new HeadTrainer(QUICK.withSeed(8)).fit(head, x, y);
            assertArrayEquals(a.head().parameters(), b.head().parameters(), 0.0, head.describe());
            assertEquals(a.history().epochs().size(), b.history().epochs().size());
            assertFalse(java.util.Arrays.equals(a.head().parameters(), c.head().parameters()));
        }
    }

    @Test
    void threadCountDoesNotChangeTheResult() {
        double[][] x = features(80, 4, 2);
        int[][] y = labels(x);
        TrainedHead one = new HeadTrainer(QUICK).fit(
                new DressedQuantumHead(4, 3).simulator(new StatevectorSimulator(1)), x, y);
        TrainedHead two = new HeadTrainer(QUICK).fit(
                new DressedQuantumHead(4, 3).simulator(new StatevectorSimulator(2)), x, y);
        assertArrayEquals(one.head().parameters(), two.head().parameters(), 0.0);
    }

    @Test
    void learnsAndRestoresTheBestCheckpoint() {
        double[][] x = features(200, 4, 3);
        int[][] y = labels(x);
        DenseHead head = new DenseHead(4, 3);
        double[] before = head.parameters().clone();
        TrainedHead m = new HeadTrainer(TrainingConfig.defaults().withLearningRate(1e-2)).fit(head, x, y);
        assertArrayEquals(before, head.parameters(), 0.0, "the caller's head must not change");
        TrainingHistory h = m.history();
        assertTrue(h.best().valLoss() < 0.5 * h.initial().valLoss(), h.toString());
        for (TrainingHistory.Epoch e : h.epochs()) {
            assertTrue(e.valLoss() >= h.best().valLoss());
        }
        if (h.stoppedEarly()) {
            assertEquals(h.bestEpoch() + 20, h.epochsRun());
        }
        // the model learned: its loss on all the data is far below the initial training loss
        double all = m.meanLoss(x, y);
        assertTrue(all < 0.5 * h.initial().trainLoss(), "loss " + all);
    }

    @Test
    void paperPresetStartsFromZeroBiasAndPriorsPresetFromLogOdds() {
        double[][] x = features(100, 3, 4);
        int[][] y = labels(x);
        TrainingConfig noTraining = TrainingConfig.defaults().withMaxEpochs(1).withLearningRate(1e-12)
                .withValidationFraction(0);
        TrainedHead m = new HeadTrainer(noTraining).fit(new DenseHead(3, 3), x, y);
        double[] p = m.head().parameters();
        double[] bias = HeadTrainer.priorBias(HeadTrainer.toDouble(y), Loss.SIGMOID_BINARY_CROSS_ENTROPY);
        for (int k = 0; k < 3; k++) {
            assertEquals(bias[k], p[9 + k], 1e-9);
        }
        TrainedHead paper = new HeadTrainer(TrainingConfig.paper().withMaxEpochs(1).withLearningRate(1e-12)
                .withValidationFraction(0)).fit(new DenseHead(3, 3), x, y);
        assertEquals(0.0, paper.head().parameters()[9], 1e-9);
        assertEquals(1, paper.history().bestEpoch());
    }

    @Test
    void singleLabelSoftmax() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 240;
        double[][] x = new double[n][3];
        int[] cls = new int[n];
        for (int i = 0; i < n; i++) {
            cls[i] = i % 3;
            x[i][0] = (cls[i] == 0 ? 2 : -1) + 0.7 * rng.nextGaussian();
            x[i][1] = (cls[i] == 1 ? 2 : -1) + 0.7 * rng.nextGaussian();
            x[i][2] = rng.nextGaussian();
        }
        for (ClassifierHead head : new ClassifierHead[]{new DenseHead(3, 3), new DressedQuantumHead(3, 3)}) {
            TrainedHead m = new HeadTrainer(TrainingConfig.defaults().withLearningRate(1e-2).withMaxEpochs(40))
                    .fitSingleLabel(head, x, cls);
            assertTrue(m.isSingleLabel());
            double[][] p = m.scores(x);
            int correct = 0;
            for (int i = 0; i < n; i++) {
                assertEquals(1.0, p[i][0] + p[i][1] + p[i][2], 1e-12);
                int arg = p[i][0] >= p[i][1] && p[i][0] >= p[i][2] ? 0 : p[i][1] >= p[i][2] ? 1 : 2;
                correct += arg == cls[i] ? 1 : 0;
            }
            assertTrue(correct > 0.85 * n, head.describe() + ": accuracy " + correct + "/" + n);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HeadTrainer(QUICK).fitSingleLabel(new DenseHead(3, 2), x, cls));
        assertTrue(e.getMessage().contains("class index 2") && e.getMessage().contains("2 outputs"), e.getMessage());
    }

    @Test
    void constantFeaturesAreZeroedWithAWarning() {
        double[][] x = features(100, 4, 6);
        for (double[] row : x) {
            row[2] = 5.0;
        }
        int[][] y = labels(x);
        List<String> warnings = new ArrayList<>();
        Logger log = Logger.getLogger(HeadTrainer.class.getName());
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        TrainedHead m;
        try {
            m = new HeadTrainer(QUICK).fit(new DenseHead(4, 3), x, y);
        } finally {
            log.removeHandler(h);
        }
        assertEquals(List.of(2), m.standardizer().constantFeatures());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("constant") && w.contains("[2]")), warnings.toString());
        double[][] probe = {x[0].clone(), x[0].clone()};
        probe[1][2] = 1e6;                                   // the ignored feature has no effect at prediction time
        double[][] s = m.scores(probe);
        assertArrayEquals(s[0], s[1], 0.0);
    }

    @Test
    void clearErrors() {
        double[][] x = features(50, 4, 7);
        int[][] y = labels(x);
        HeadTrainer t = new HeadTrainer(QUICK);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.fit(new DressedQuantumHead(4, 5), x, y));
        assertTrue(e.getMessage().contains("Label count mismatch") && e.getMessage().contains("5 outputs"),
                e.getMessage());

        int[][] bad = labels(x);
        bad[3][1] = 2;
        e = assertThrows(IllegalArgumentException.class, () -> t.fit(new DenseHead(4, 3), x, bad));
        assertTrue(e.getMessage().contains("binary") && e.getMessage().contains("row 3"), e.getMessage());

        double[][] nan = features(50, 4, 7);
        nan[10][2] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> t.fit(new DenseHead(4, 3), nan, y));
        assertTrue(e.getMessage().contains("Feature 2 of row 10") && e.getMessage().contains("NaN"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> t.fit(new DenseHead(5, 3), x, y));
        assertTrue(e.getMessage().contains("4 features") && e.getMessage().contains("built for 5"), e.getMessage());

        DressedQuantumHead big = new DressedQuantumHead(4, 3, 20, 3)
                .simulator(new StatevectorSimulator(2).memoryLimitBytes(1 << 20));
        e = assertThrows(IllegalArgumentException.class, () -> t.fit(big, x, y));
        assertTrue(e.getMessage().contains("20 qubits") && e.getMessage().contains("memory limit"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> new HeadTrainer(QUICK.withValidationFraction(0.5)).fit(new DenseHead(4, 3), new double[][]{x[0]},
                        new int[][]{y[0]}));
        assertTrue(e.getMessage().contains("Too few examples"), e.getMessage());
    }

    @Test
    void explicitValidationSetAndSerialisationRoundTrip() throws Exception {
        double[][] x = features(120, 4, 8);
        int[][] y = labels(x);
        double[][] vx = features(40, 4, 9);
        int[][] vy = labels(vx);
        TrainedHead m = new HeadTrainer(QUICK).fit(new DressedQuantumHead(4, 3, 2, 2), x, y, vx, vy);
        // the restored parameters are the best epoch's: their validation loss is the best recorded one
        assertEquals(m.meanLoss(vx, vy), m.history().best().valLoss(), 1e-12);

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        TrainedHead back;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            back = (TrainedHead) in.readObject();
        }
        assertArrayEquals(m.scores(vx)[5], back.scores(vx)[5], 0.0);
        assertEquals(m.history(), back.history());
    }
}

package org.hybridqml.nn.backbone;

import org.deeplearning4j.util.ModelSerializer;
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.IdxFile;
import org.hybridqml.data.ImageTensor;
import org.hybridqml.qnn.head.DenseHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.qnn.train.HeadTrainer;
import org.hybridqml.qnn.train.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transfer learning end to end on bundled Fashion-MNIST test images: a frozen, randomly initialised small CNN
 * (saved and reloaded) gives features, a DQC head is trained on a 3-label problem derived from the classes, and the
 * pipeline must predict well above chance on held-out images; serialization keeps the backbone by reference.
 */
class BackbonePipelineTest {

    /** Label names: footwear (sandal, sneaker, ankle boot); upper-body garment (T-shirt, pullover, dress, coat,
     * shirt); trouser or dress. A dress carries two labels, a bag none. */
    static final String[] LABELS = {"footwear", "upper body", "trouser/dress"};

    static final int TRAIN = 600;
    static final int TEST = 300;

    @TempDir
    static Path dir;

    static Path modelFile;
    static List<ImageTensor> images = new ArrayList<>();
    static int[][] labels;

    static int[] labelsOf(int fashionClass) {
        return new int[]{
                fashionClass == 5 || fashionClass == 7 || fashionClass == 9 ? 1 : 0,
                fashionClass == 0 || fashionClass == 2 || fashionClass == 3 || fashionClass == 4 || fashionClass == 6
                        ? 1 : 0,
                fashionClass == 1 || fashionClass == 3 ? 1 : 0};
    }

    @BeforeAll
    static void setUp() throws IOException {
        modelFile = dir.resolve("backbone.zip");
        ModelSerializer.writeModel(TestNets.multiLayer(7), modelFile.toFile(), false);
        IdxFile x = IdxFile.read(BundledDatasets.resolve("fashion-mnist", "t10k-images-idx3-ubyte.gz"));
        IdxFile y = IdxFile.read(BundledDatasets.resolve("fashion-mnist", "t10k-labels-idx1-ubyte.gz"));
        int n = TRAIN + TEST;
        labels = new int[n][];
        for (int i = 0; i < n; i++) {
            float[] px = new float[784];
            for (int p = 0; p < 784; p++) {
                px[p] = x.values()[i * 784 + p] / 255f;
            }
            images.add(new ImageTensor(28, 28, 1, px));
            labels[i] = labelsOf(y.values()[i]);
        }
    }

    /** Area under the ROC curve of scores for 0/1 targets (ties count half). */
    static double auroc(double[] s, int[] t) {
        double num = 0;
        long pos = 0;
        long neg = 0;
        for (int i = 0; i < s.length; i++) {
            if (t[i] != 1) {
                continue;
            }
            pos++;
            for (int j = 0; j < s.length; j++) {
                if (t[j] == 0) {
                    num += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        for (int v : t) {
            neg += v == 0 ? 1 : 0;
        }
        return num / (pos * neg);
    }

    static double[] column(double[][] m, int k) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][k];
        }
        return c;
    }

    static int[] column(int[][] m, int k) {
        int[] c = new int[m.length];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i][k];
        }
        return c;
    }

    @Test
    void dqcHeadOnFrozenFeaturesPredictsAboveChance() throws Exception {
        FrozenBackbone backbone = FrozenBackbone.load(modelFile).withFeatureLayer("pool").withBatchSize(128);
        double[] frozen = backbone.parameterSnapshot();
        List<ImageTensor> train = images.subList(0, TRAIN);
        List<ImageTensor> test = images.subList(TRAIN, TRAIN + TEST);
        int[][] yTrain = java.util.Arrays.copyOfRange(labels, 0, TRAIN);
        int[][] yTest = java.util.Arrays.copyOfRange(labels, TRAIN, TRAIN + TEST);

        TrainingConfig cfg = TrainingConfig.defaults().withMaxEpochs(20).withPatience(5).withSeed(3);
        BackbonePipeline dqc = BackbonePipeline.train(backbone, new DressedQuantumHead(216, 3), new HeadTrainer(cfg),
                train, yTrain);
        double[][] p = dqc.predictProbabilities(test);
        assertEquals(TEST, p.length);
        assertEquals(3, p[0].length);
        int[][] pred = dqc.predictLabels(test, 0.5);
        for (int k = 0; k < 3; k++) {
            double auc = auroc(column(p, k), column(yTest, k));
            int correct = 0;
            int ones = 0;
            for (int i = 0; i < TEST; i++) {
                correct += pred[i][k] == yTest[i][k] ? 1 : 0;
                ones += yTest[i][k];
            }
            double acc = correct / (double) TEST;
            double majority = Math.max(ones, TEST - ones) / (double) TEST;
            System.out.printf("DQC label %-14s AUROC %.3f accuracy %.3f (majority %.3f)%n", LABELS[k], auc, acc,
                    majority);
            assertTrue(auc > 0.85, LABELS[k] + ": AUROC " + auc);
            assertTrue(acc > majority + 0.05, LABELS[k] + ": accuracy " + acc + " vs majority " + majority);
        }
        // the classical twin (CDL) on the same features, same recipe: reported for comparison
        BackbonePipeline cdl = BackbonePipeline.train(backbone, new DenseHead(216, 3), new HeadTrainer(cfg), train,
                yTrain);
        double[][] pc = cdl.predictProbabilities(test);
        for (int k = 0; k < 3; k++) {
            double auc = auroc(column(pc, k), column(yTest, k));
            System.out.printf("CDL label %-14s AUROC %.3f%n", LABELS[k], auc);
            assertTrue(auc > 0.85, LABELS[k] + ": CDL AUROC " + auc);
        }
        // the backbone was not changed by extraction or training
        assertArrayEquals(frozen, dqc.backbone().parameterSnapshot(), 0.0);

        // serialization: head in full, backbone by model file path, reloaded on first use
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(dqc);
        }
        assertTrue(bytes.size() < 100_000, "serialized size " + bytes.size());
        BackbonePipeline copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (BackbonePipeline) in.readObject();
        }
        double[][] q = copy.predictProbabilities(test.subList(0, 20));
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(p[i], q[i], 1e-12);
        }
        assertEquals("pool", copy.backbone().featureLayer());
        assertEquals(128, copy.backbone().batchSize());

        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (BackbonePipeline) in.readObject();
        }
        Path moved = dir.resolve("moved.zip");
        Files.move(modelFile, moved);
        try {
            BackbonePipeline orphan = copy;
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> orphan.predictProbabilities(test.subList(0, 1)));
            assertTrue(e.getMessage().contains("backbone.zip"), e.getMessage());
        } finally {
            Files.move(moved, modelFile);
        }
    }

    @Test
    void headWidthMustMatchTheFeatureCount() throws IOException {
        FrozenBackbone backbone = FrozenBackbone.load(modelFile).withFeatureLayer("dense");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackbonePipeline.train(backbone, new DenseHead(216, 3),
                        new HeadTrainer(TrainingConfig.defaults().withMaxEpochs(1)), images.subList(0, 10),
                        java.util.Arrays.copyOfRange(labels, 0, 10)));
        assertTrue(e.getMessage().contains("16 features") && e.getMessage().contains("216"), e.getMessage());
    }
}

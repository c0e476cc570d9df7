package org.hybridqml.qnn.train;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.MultiLabelData;
import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.head.DenseHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DQC (6 qubits = 6 labels) and CDL heads trained with the default recipe on the bundled Mulan emotions split
 * (391 train / 202 test, 72 features): validation loss must fall below its initial value and test macro AUROC must
 * be clearly above chance. A few seconds per head.
 */
class EmotionsTrainingTest {

    private static MultiLabelData train;
    private static MultiLabelData test;

    @BeforeAll
    static void load() throws IOException {
        Path dir = BundledDatasets.resolve("mulan-multilabel", "emotions");
        train = MultiLabelData.readMulan(dir.resolve("emotions-train.arff"), dir.resolve("emotions.xml"));
        test = MultiLabelData.readMulan(dir.resolve("emotions-test.arff"), dir.resolve("emotions.xml"));
    }

    private static double trainAndScore(ClassifierHead head) {
        TrainedHead m = new HeadTrainer(TrainingConfig.defaults().withMaxEpochs(60)).fit(head, train.features(),
                train.labels());
        TrainingHistory h = m.history();
        assertTrue(h.best().valLoss() < h.initial().valLoss() - 0.01,
                head.describe() + ": validation loss " + h.initial().valLoss() + " -> " + h.best().valLoss());
        double auc = macroAuroc(m.scores(test.features()), test.labels());
        System.out.printf("emotions, default recipe, %s: val loss %.4f -> %.4f (epoch %d), test macro AUROC %.4f%n",
                head.describe(), h.initial().valLoss(), h.best().valLoss(), h.bestEpoch(), auc);
        return auc;
    }

    @Test
    void dqcHeadLearnsEmotions() {
        DressedQuantumHead head = new DressedQuantumHead(train.numFeatures(), train.numLabels());
        assertEquals(6, head.numQubits());
        assertTrue(trainAndScore(head) > 0.65);
    }

    @Test
    void cdlHeadLearnsEmotions() {
        assertTrue(trainAndScore(new DenseHead(train.numFeatures(), train.numLabels())) > 0.75);
    }

    /** Mean over labels of the Mann–Whitney AUROC (ties count half). */
    static double macroAuroc(double[][] scores, int[][] labels) {
        double sum = 0;
        int used = 0;
        for (int k = 0; k < labels[0].length; k++) {
            double wins = 0;
            long pos = 0;
            long neg = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i][k] == 1) {
                    pos++;
                    for (int j = 0; j < labels.length; j++) {
                        if (labels[j][k] == 0) {
                            double d = scores[i][k] - scores[j][k];
                            wins += d > 0 ? 1 : d == 0 ? 0.5 : 0;
                        }
                    }
                } else {
                    neg++;
                }
            }
            if (pos > 0 && neg > 0) {
                sum += wins / ((double) pos * neg);
                used++;
            }
        }
        return sum / used;
    }
}

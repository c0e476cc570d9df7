package org.hybridqml.tribuo.multilabel;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.tribuo.multilabel.data.MulanDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.hybridqml.metrics.MultiLabelMetrics;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.multilabel.baseline.ClassifierChainTrainer;
import org.tribuo.multilabel.baseline.IndependentMultiLabelTrainer;
import org.tribuo.multilabel.sgd.objectives.BinaryCrossEntropy;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A binary-relevance logistic baseline (Tribuo's IndependentMultiLabelTrainer over a logistic LinearSGDTrainer)
 * trained on emotions-train and evaluated on emotions-test: the core measures agree with Tribuo's where both
 * define them, and the macro AUROC is in MEKA's range (BR-logistic: 0.81 on this split).
 */
class MultiLabelScoreEvaluatorTest {

    private static MutableDataset<MultiLabel> train;
    private static MutableDataset<MultiLabel> test;
    private static Model<MultiLabel> binaryRelevance;
    private static MultiLabelScoreEvaluation evaluation;

    /** Keeps Tribuo's per-epoch INFO logging quiet (a strong reference, so the level is not lost to GC). */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    private static Trainer<Label> logistic(int epochs) {
        return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), epochs, Trainer.DEFAULT_SEED);
    }

    /**
     * Binary-relevance logistic regression on standardised features (emotions mixes scales from 0.01 to 200). The
     * standardisation wraps the multi-label trainer: inside IndependentMultiLabelTrainer the per-label examples
     * are immutable and cannot be transformed or densified.
     */
    private static Trainer<MultiLabel> binaryRelevanceLogistic() {
        return new TransformTrainer<>(new IndependentMultiLabelTrainer(logistic(10)),
                new TransformationMap(List.of(new MeanStdDevTransformation())), true);
    }

    @BeforeAll
    static void trainBaseline() throws IOException {
        TRIBUO_LOG.setLevel(Level.WARNING);
        long start = System.nanoTime();
        Path d = BundledDatasets.resolve("mulan-multilabel", "emotions");
        train = new MutableDataset<>(new MulanDataSource(d.resolve("emotions-train.arff"), d.resolve("emotions.xml")));
        test = new MutableDataset<>(new MulanDataSource(d.resolve("emotions-test.arff"), d.resolve("emotions.xml")));
        long loaded = System.nanoTime();
        binaryRelevance = binaryRelevanceLogistic().train(train);
        long trained = System.nanoTime();
        evaluation = new MultiLabelScoreEvaluator().evaluate(binaryRelevance, test);
        System.out.printf("load %.2f s, train %.2f s, evaluate %.2f s%n", (loaded - start) / 1e9,
                (trained - loaded) / 1e9, (System.nanoTime() - trained) / 1e9);
        System.out.println("Binary-relevance logistic on emotions (train 391 / test 202):\n" + evaluation);
    }

    @Test
    void bareIndependentModelIsScoredThroughItsBinaryModelsToo() {
        Model<MultiLabel> bare = new IndependentMultiLabelTrainer(logistic(2)).train(train);
        MultiLabelScoreEvaluation e = new MultiLabelScoreEvaluator().evaluate(bare, test);
        assertEquals(MultiLabelScoreEvaluator.ScoreSource.INDEPENDENT_BINARY_MODELS, e.scoreSource());
        assertEquals(e.tribuoHammingLoss(), e.hammingLoss(), 1e-12);
        assertTrue(e.macroAuroc() > 0.5, "unstandardised and barely trained, yet better than chance: "
                + e.macroAuroc());
    }

    @Test
    void binaryRelevanceLogisticReachesMekaLikeMacroAuroc() {
        assertEquals(MultiLabelScoreEvaluator.ScoreSource.INDEPENDENT_BINARY_MODELS, evaluation.scoreSource());
        assertEquals(0, evaluation.report().labelsSkippedForAuroc());
        assertTrue(evaluation.macroAuroc() > 0.7 && evaluation.macroAuroc() < 0.95,
                "macro AUROC " + evaluation.macroAuroc());
        for (double a : evaluation.report().perLabelAuroc()) {
            assertTrue(a > 0.55, "every label is better than chance: " + a);
        }
    }

    @Test
    void hammingLossEqualsFalsePositivesPlusFalseNegativesFromTribuosConfusionCounts() {
        double fromCounts = (evaluation.tribuoEvaluation().fp() + evaluation.tribuoEvaluation().fn()) / (202.0 * 6);
        assertEquals(fromCounts, evaluation.hammingLoss(), 1e-12);
        assertEquals(fromCounts, evaluation.tribuoHammingLoss(), 1e-12);
        assertTrue(evaluation.hammingLoss() > 0.1 && evaluation.hammingLoss() < 0.35, "" + evaluation.hammingLoss());
    }

    @Test
    void jaccardAndMicroF1AgreeWithTribuoWhenNoExampleIsEmpty() {
        // Every emotions-test example has a relevant label, so Tribuo's Jaccard (NaN for empty/empty) is defined.
        assertEquals(evaluation.tribuoEvaluation().jaccardScore(), evaluation.jaccardIndex(), 1e-12);
        assertEquals(evaluation.tribuoEvaluation().microAveragedF1(), evaluation.microF1(), 1e-12);
    }

    @Test
    void columnsFollowTheModelDomainAndScoresArePositiveClassProbabilities() {
        assertEquals(MultiLabelScoreEvaluator.labelOrder(binaryRelevance), evaluation.labelOrder());
        assertEquals(Set.copyOf(evaluation.labelOrder()), Set.of("amazed-suprised", "happy-pleased",
                "relaxing-calm", "quiet-still", "sad-lonely", "angry-aggresive"));
        double[][] scores = evaluation.scores();
        int[][] predicted = evaluation.predicted();
        int[][] truth = evaluation.truth();
        int agree = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int l = 0; l < 6; l++) {
                assertTrue(scores[i][l] >= 0 && scores[i][l] <= 1, "probability");
                if ((scores[i][l] > 0.5 ? 1 : 0) == predicted[i][l]) {
                    agree++;
                }
            }
            // Truth columns match the example's own label set.
            Set<String> names = test.getExample(i).getOutput().getNameSet();
            for (int l = 0; l < 6; l++) {
                assertEquals(names.contains(evaluation.labelOrder().get(l)) ? 1 : 0, truth[i][l]);
            }
        }
        // The binary models predict the positive label exactly when its probability exceeds one half.
        assertEquals(202 * 6, agree);
    }

    @Test
    void labelUnknownToTheModelIsRejectedByName() {
        List<Prediction<MultiLabel>> predictions = new ArrayList<>();
        ArrayExample<MultiLabel> odd = new ArrayExample<>(new MultiLabel(Set.of(new Label("never-seen"))));
        test.getExample(0).forEach(odd::add);
        predictions.add(binaryRelevance.predict(odd));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MultiLabelScoreEvaluator().evaluate(binaryRelevance, predictions, test.getProvenance()));
        assertTrue(e.getMessage().contains("'never-seen'"), e.getMessage());
    }

    /**
     * A model trained without one of the six emotions, scored against the Mulan XML's declared label list: the
     * unseen label is never predicted, has a constant score (AUROC exactly 0.5: every positive ties with every
     * negative) and an F1 of 0, so the macro F1 is the other labels' F1 sum over all six. The default evaluator
     * still refuses the same test set.
     */
    @Test
    void declaredLabelSetCountsLabelsUnseenInTrainingAsNeverPredicted() throws IOException {
        Path d = BundledDatasets.resolve("mulan-multilabel", "emotions");
        List<String> declared = new MulanDataSource(d.resolve("emotions-train.arff"), d.resolve("emotions.xml"))
                .getLabelNames();
        String dropped = declared.get(1);
        MutableDataset<MultiLabel> reduced = new MutableDataset<>(train.getProvenance(), new MultiLabelFactory());
        for (Example<MultiLabel> e : train) {
            Set<Label> kept = new HashSet<>(e.getOutput().getLabelSet());
            kept.removeIf(l -> l.getLabel().equals(dropped));
            ArrayExample<MultiLabel> copy = new ArrayExample<>(new MultiLabel(kept));
            e.forEach(copy::add);
            reduced.add(copy);
        }
        Model<MultiLabel> model = new IndependentMultiLabelTrainer(logistic(2)).train(reduced);
        assertEquals(5, model.getOutputIDInfo().size());
        assertThrows(IllegalArgumentException.class, () -> new MultiLabelScoreEvaluator().evaluate(model, test));

        MultiLabelScoreEvaluation e = new MultiLabelScoreEvaluator(declared).evaluate(model, test);
        assertEquals(declared, e.labelOrder());
        int col = declared.indexOf(dropped);
        int[][] truth = e.truth();
        int[][] predicted = e.predicted();
        double[][] scores = e.scores();
        int positives = 0;
        for (int i = 0; i < truth.length; i++) {
            assertEquals(0, predicted[i][col], "never predicted");
            assertEquals(0.0, scores[i][col], 0.0, "constant score");
            positives += truth[i][col];
        }
        assertTrue(positives > 0 && positives < truth.length, "the test truth holds both classes");
        assertEquals(0.5, e.report().perLabelAuroc()[col], 0.0);
        int[][] seenTruth = new int[truth.length][];
        int[][] seenPredicted = new int[truth.length][];
        for (int i = 0; i < truth.length; i++) {
            seenTruth[i] = withoutColumn(truth[i], col);
            seenPredicted[i] = withoutColumn(predicted[i], col);
        }
        assertEquals(MultiLabelMetrics.macroF1ByLabel(seenTruth, seenPredicted) * 5 / 6, e.report().macroF1(), 1e-12,
                "the unseen label's F1 (precision and recall 0) counts as 0 in the six-label mean");
        assertFalse(e.hasTribuoEvaluation(), "Tribuo rejects a truth label outside the model's domain");
        assertThrows(IllegalStateException.class, e::tribuoEvaluation);
        assertTrue(e.toString().contains("not computed"), e.toString());

        // a declared set that misses one of the model's labels is refused by name
        var missing = assertThrows(IllegalArgumentException.class,
                () -> new MultiLabelScoreEvaluator(declared.subList(2, 6)).evaluate(model, test));
        assertTrue(missing.getMessage().contains("'" + declared.get(0) + "'"), missing.getMessage());
    }

    private static int[] withoutColumn(int[] row, int col) {
        int[] out = new int[row.length - 1];
        for (int j = 0, k = 0; j < row.length; j++) {
            if (j != col) {
                out[k++] = row[j];
            }
        }
        return out;
    }

    @Test
    void nativeMultiLabelModelIsScoredFromItsOutputScores() {
        var sgd = new org.tribuo.multilabel.sgd.linear.LinearSGDTrainer(new BinaryCrossEntropy(),
                new AdaGrad(0.1, 0.1), 10, Trainer.DEFAULT_SEED);
        Model<MultiLabel> model = new TransformTrainer<>(sgd,
                new TransformationMap(List.of(new MeanStdDevTransformation())), true).train(train);
        MultiLabelScoreEvaluation e = new MultiLabelScoreEvaluator().evaluate(model, test);
        System.out.printf("Native multi-label logistic SGD on emotions: macro AUROC %.4f, Hamming loss %.4f%n",
                e.macroAuroc(), e.hammingLoss());
        assertEquals(MultiLabelScoreEvaluator.ScoreSource.PREDICTION_OUTPUT_SCORES, e.scoreSource());
        assertTrue(e.macroAuroc() > 0.7, "macro AUROC " + e.macroAuroc());
        assertEquals(e.tribuoHammingLoss(), e.hammingLoss(), 1e-12);
        // The scores are the sigmoid outputs the model thresholds at one half.
        double[][] scores = e.scores();
        int[][] predicted = e.predicted();
        for (int i = 0; i < scores.length; i++) {
            for (int l = 0; l < scores[i].length; l++) {
                assertEquals(scores[i][l] > 0.5 ? 1 : 0, predicted[i][l], "example " + i + " label " + l);
            }
        }
    }

    @Test
    void emptyTruthWithEmptyPredictionScoresJaccardOneWhereTribuoGivesNaN() {
        List<Prediction<MultiLabel>> predictions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ArrayExample<MultiLabel> noLabels = new ArrayExample<>(new MultiLabel(Set.of()));
            test.getExample(i).forEach(noLabels::add);
            predictions.add(new Prediction<>(new MultiLabel(Set.of()), noLabels.size(), noLabels));
        }
        MultiLabelScoreEvaluation e = new MultiLabelScoreEvaluator().evaluate(binaryRelevance, predictions,
                test.getProvenance());
        assertEquals(1.0, e.jaccardIndex(), 0.0);
        assertEquals(1.0, e.report().subsetAccuracy(), 0.0);
        assertTrue(Double.isNaN(e.tribuoEvaluation().jaccardScore()), "Tribuo divides 0 by 0");
        // No label has a positive in this truth: every AUROC is undefined and skipped.
        assertEquals(6, e.report().labelsSkippedForAuroc());
        assertTrue(Double.isNaN(e.macroAuroc()));
        assertFalse(e.toString().isEmpty());
    }

    @Test
    void modelWhosePredictionsCarryNoScoresIsRejected() {
        // Tribuo's classifier chain, like binary relevance, returns bare label sets without per-label scores.
        Model<MultiLabel> chain = new ClassifierChainTrainer(logistic(1), Trainer.DEFAULT_SEED).train(train);
        var e = assertThrows(IllegalStateException.class,
                () -> new MultiLabelScoreEvaluator().evaluate(chain, test));
        assertTrue(e.getMessage().contains("gives no score for label"), e.getMessage());
    }
}

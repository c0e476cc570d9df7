package org.hybridqml.tribuo.multilabel;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.metrics.MultiLabelMetrics;
import org.hybridqml.qnn.train.TrainingHistory;
import org.hybridqml.tribuo.multilabel.data.MulanDataSource;
import org.hybridqml.tribuo.qnn.HeadType;
import org.hybridqml.tribuo.qnn.OutputBias;
import org.hybridqml.tribuo.qnn.Preset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.baseline.ClassifierChainTrainer;
import org.tribuo.multilabel.baseline.IndependentMultiLabelTrainer;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The experiment of issue 7 on Mulan emotions, scene and yeast with their standard train/test splits: the DQC head
 * (one qubit per label, 3 layers, readout learning rate × 1: the recipe of the documented runs, before the default
 * became 8 layers and × 10) vs its classical twin CDL (same recipe, {@link Preset#DEFAULT}) vs Tribuo's own
 * multi-label baselines — binary relevance ({@link IndependentMultiLabelTrainer}) and a classifier chain
 * ({@link ClassifierChainTrainer}), both over logistic regression ({@link LinearSGDTrainer} with log loss, AdaGrad,
 * 10 epochs) on standardised features. Prints a Markdown table of test macro AUROC, Jaccard index, Hamming loss,
 * micro F1, seconds per epoch and training seconds.
 *
 * <p>Usage: {@code DqcExperiment [--quick] [--datasets emotions,scene,yeast] [--seed n]}.
 * {@code --quick} caps DQC/CDL training at 30 epochs with patience 10 (about 1–10 minutes on 2 cores); the full mode
 * uses the default recipe (≤ 200 epochs, patience 20).
 *
 * <p>Scores: DQC and CDL predictions carry each label's probability; binary relevance is scored through its
 * per-label logistic models ({@link MultiLabelScoreEvaluator}). Tribuo's classifier chain returns bare label sets
 * without scores, so its AUROC (marked †) is computed from its 0/1 decisions — a lower bound of what a scored chain
 * would reach. "s/epoch" for DQC/CDL is the mean wall time of a training epoch (mini-batch updates plus the
 * validation pass); for the baselines it is the training time divided by the 10 SGD epochs (all labels together).
 */
public final class DqcExperiment {

    private static final int BASELINE_EPOCHS = 10;

    /** Quietened loggers, held strongly so that their levels are not lost to garbage collection. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");
    private static final Logger TRAIN_LOG = Logger.getLogger("org.hybridqml.qnn.train");

    private DqcExperiment() {
    }

    /** One row of the result table. */
    private record Row(String dataset, String method, double macroAuroc, boolean aurocFromDecisions, double jaccard,
                       double hamming, double microF1, double secondsPerEpoch, double trainSeconds, String note) {
    }

    /**
     * Runs the experiment.
     *
     * @param args see the class description
     * @throws IOException if a bundled data set cannot be read
     */
    public static void main(String[] args) throws IOException {
        boolean quick = false;
        List<String> datasets = List.of("emotions", "scene", "yeast");
        long seed = Trainer.DEFAULT_SEED;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--datasets" -> datasets = List.of(args[++i].split(","));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + "; usage: DqcExperiment [--quick] [--datasets emotions,scene,yeast] [--seed n]");
            }
        }
        TRIBUO_LOG.setLevel(Level.WARNING);
        TRAIN_LOG.setLevel(Level.WARNING);
        int maxEpochs = quick ? 30 : 0;
        int patience = quick ? 10 : 0;
        System.out.printf("DqcExperiment (%s): DQC/CDL %s, seed %d, %d processors, Java %s%n",
                quick ? "quick" : "full", quick ? "<= 30 epochs, patience 10" : "default recipe (<= 200 epochs, "
                        + "patience 20)", seed, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        List<Row> rows = new ArrayList<>();
        long start = System.nanoTime();
        for (String name : datasets) {
            Path dir = BundledDatasets.resolve("mulan-multilabel", name);
            Path xml = dir.resolve(name + ".xml");
            MutableDataset<MultiLabel> train = new MutableDataset<>(
                    new MulanDataSource(dir.resolve(name + "-train.arff"), xml));
            MutableDataset<MultiLabel> test = new MutableDataset<>(
                    new MulanDataSource(dir.resolve(name + "-test.arff"), xml));
            System.out.printf("%s: %d train / %d test, %d features, %d labels%n", name, train.size(), test.size(),
                    train.getFeatureMap().size(), train.getOutputInfo().size());
            for (HeadType type : HeadType.values()) {
                DressedQuantumCircuitTrainer trainer = new DressedQuantumCircuitTrainer(type, 0, 3, Preset.DEFAULT,
                        0, 1, 32, maxEpochs, patience, 0.2, OutputBias.PRESET, seed);
                long t0 = System.nanoTime();
                DressedQuantumCircuitModel model = trainer.train(train);
                double secs = (System.nanoTime() - t0) / 1e9;
                TrainingHistory h = model.trainedHead().history();
                double perEpoch = h.epochs().stream().skip(1).mapToDouble(TrainingHistory.Epoch::seconds).average()
                        .orElse(Double.NaN);
                MultiLabelScoreEvaluation e = new MultiLabelScoreEvaluator().evaluate(model, test);
                rows.add(new Row(name, type.name(), e.macroAuroc(), false, e.jaccardIndex(), e.hammingLoss(),
                        e.microF1(), perEpoch, secs, "kept epoch " + h.bestEpoch() + " of " + h.epochsRun()));
                System.out.println("  " + format(rows.get(rows.size() - 1)));
            }
            Trainer<Label> logistic = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), BASELINE_EPOCHS,
                    seed);
            TransformationMap standardise = new TransformationMap(List.of(new MeanStdDevTransformation()));

            long t0 = System.nanoTime();
            Model<MultiLabel> br = new TransformTrainer<>(new IndependentMultiLabelTrainer(logistic), standardise,
                    true).train(train);
            double secs = (System.nanoTime() - t0) / 1e9;
            MultiLabelScoreEvaluation e = new MultiLabelScoreEvaluator().evaluate(br, test);
            rows.add(new Row(name, "BR logistic", e.macroAuroc(), false, e.jaccardIndex(), e.hammingLoss(),
                    e.microF1(), secs / BASELINE_EPOCHS, secs, "Tribuo IndependentMultiLabelTrainer"));
            System.out.println("  " + format(rows.get(rows.size() - 1)));

            t0 = System.nanoTime();
            Model<MultiLabel> chain = new TransformTrainer<>(new ClassifierChainTrainer(logistic, seed), standardise,
                    true).train(train);
            secs = (System.nanoTime() - t0) / 1e9;
            rows.add(decisionsOnly(name, "CC logistic", chain, test, secs));
            System.out.println("  " + format(rows.get(rows.size() - 1)));
        }
        System.out.println();
        System.out.println(markdown(rows));
        System.out.printf("%nTotal %.1f s. † AUROC from 0/1 decisions (Tribuo's classifier chain gives no scores).%n",
                (System.nanoTime() - start) / 1e9);
    }

    /** A model without scores: the thresholded measures from its label sets, the AUROC from its decisions. */
    private static Row decisionsOnly(String dataset, String method, Model<MultiLabel> model,
                                     MutableDataset<MultiLabel> test, double trainSeconds) {
        List<String> order = MultiLabelScoreEvaluator.labelOrder(model);
        Map<String, Integer> column = new HashMap<>();
        for (int l = 0; l < order.size(); l++) {
            column.put(order.get(l), l);
        }
        List<Prediction<MultiLabel>> predictions = model.predict(test);
        int n = predictions.size();
        int[][] truth = new int[n][order.size()];
        int[][] predicted = new int[n][order.size()];
        double[][] scores = new double[n][order.size()];
        for (int i = 0; i < n; i++) {
            for (Label l : predictions.get(i).getExample().getOutput().getLabelSet()) {
                truth[i][column.get(l.getLabel())] = 1;
            }
            for (Label l : predictions.get(i).getOutput().getLabelSet()) {
                int c = column.get(l.getLabel());
                predicted[i][c] = 1;
                scores[i][c] = 1;
            }
        }
        return new Row(dataset, method, MultiLabelMetrics.macroAuroc(scores, truth), true,
                MultiLabelMetrics.jaccardIndex(truth, predicted), MultiLabelMetrics.hammingLoss(truth, predicted),
                MultiLabelMetrics.microF1(truth, predicted), trainSeconds / BASELINE_EPOCHS, trainSeconds,
                "Tribuo ClassifierChainTrainer");
    }

    private static String format(Row r) {
        return String.format(Locale.ROOT, "%-12s AUROC %.4f%s Jaccard %.4f Hamming %.4f microF1 %.4f %.3f s/epoch "
                        + "(%.1f s, %s)", r.method(), r.macroAuroc(), r.aurocFromDecisions() ? "†" : " ", r.jaccard(),
                r.hamming(), r.microF1(), r.secondsPerEpoch(), r.trainSeconds(), r.note());
    }

    private static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| data set | method | macro AUROC | Jaccard | Hamming loss | micro F1 | s/epoch | train s | note |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %.4f%s | %.4f | %.4f | %.4f | %.3f | %.1f | %s |%n",
                    r.dataset(), r.method(), r.macroAuroc(), r.aurocFromDecisions() ? "†" : "", r.jaccard(),
                    r.hamming(), r.microF1(), r.secondsPerEpoch(), r.trainSeconds(), r.note()));
        }
        return b.toString();
    }
}

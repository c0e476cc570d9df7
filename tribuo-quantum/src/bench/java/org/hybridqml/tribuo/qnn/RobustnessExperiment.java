package org.hybridqml.tribuo.qnn;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.CsvMatrix;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.sim.noise.NoiseModel;
import org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierModel;
import org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierTrainer;
import org.hybridqml.tribuo.multilabel.DressedQuantumCircuitModel;
import org.hybridqml.tribuo.multilabel.DressedQuantumCircuitTrainer;
import org.hybridqml.tribuo.multilabel.MultiLabelScoreEvaluation;
import org.hybridqml.tribuo.multilabel.MultiLabelScoreEvaluator;
import org.hybridqml.tribuo.multilabel.data.MulanDataSource;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Robustness of trained DQC models to finite shots and noise at prediction time: trains the DQC head once on the
 * bundled Mulan emotions (multi-label, one qubit per label, 3 layers) and on scikit-learn digits (single-label,
 * rows 0..999 train, 1000.. test, 6 qubits, 3 layers), then evaluates each test set with every combination of shots
 * ∈ {100, 1000, 10000, exact} and depolarizing p ∈ {0, 0.001, 0.01, 0.05} after each gate
 * ({@link AbstractHeadModel#withPredictionNoise}, seed 1). Prints a Markdown table: emotions macro AUROC and
 * Jaccard index (labels at probability &ge; 0.5), digits accuracy, the wall time of each evaluation (after one
 * untimed exact evaluation as warm-up) and its ratio to the exact one.
 *
 * <p>Usage: {@code RobustnessExperiment [--epochs n] [--skip-digits]} (default 30 epochs, patience 10).
 */
public final class RobustnessExperiment {

    /** Shots per observable; 0 = exact expectation values (first: the time reference). */
    private static final int[] SHOTS = {0, 100, 1000, 10000};
    /** Depolarizing probabilities after each gate. */
    private static final double[] P = {0, 0.001, 0.01, 0.05};
    /** Quietened loggers, held strongly so that their levels are not lost to garbage collection. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");
    private static final Logger TRAIN_LOG = Logger.getLogger("org.hybridqml.qnn.train");

    private RobustnessExperiment() {
    }

    /**
     * Runs the experiment.
     *
     * @param args see the class description
     * @throws IOException if a bundled data set cannot be read
     */
    public static void main(String[] args) throws IOException {
        int epochs = 30;
        boolean digits = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--skip-digits" -> digits = false;
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + "; usage: RobustnessExperiment [--epochs n] [--skip-digits]");
            }
        }
        TRIBUO_LOG.setLevel(Level.WARNING);
        TRAIN_LOG.setLevel(Level.WARNING);
        System.out.printf("RobustnessExperiment: <= %d epochs, patience 10, %d processors, Java %s%n", epochs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("| data | metric | depolarizing p | shots | value | eval s | x exact |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");

        Path dir = BundledDatasets.resolve("mulan-multilabel", "emotions");
        MutableDataset<MultiLabel> train = new MutableDataset<>(new MulanDataSource(dir.resolve("emotions-train.arff"),
                dir.resolve("emotions.xml")));
        MutableDataset<MultiLabel> test = new MutableDataset<>(new MulanDataSource(dir.resolve("emotions-test.arff"),
                dir.resolve("emotions.xml")));
        DressedQuantumCircuitModel emotions = new DressedQuantumCircuitTrainer(HeadType.DQC, 0, 3, Preset.DEFAULT, 0,
                32, epochs, 10, 0.2, OutputBias.PRESET, 1L).train(train);
        sweep("emotions (6 qubits)", "macro AUROC / Jaccard", emotions, test, m -> {
            MultiLabelScoreEvaluation e = new MultiLabelScoreEvaluator().evaluate(m, test);
            return new double[]{e.macroAuroc(), e.jaccardIndex()};
        });

        if (digits) {
            double[][] rows = CsvMatrix.read(BundledDatasets.resolve("sklearn-digits", "digits.csv.gz"));
            LabelFactory f = new LabelFactory();
            MutableDataset<Label> dTrain = new MutableDataset<>(new SimpleDataSourceProvenance("digits[0,1000)", f), f);
            MutableDataset<Label> dTest = new MutableDataset<>(new SimpleDataSourceProvenance("digits[1000,)", f), f);
            for (int r = 0; r < rows.length; r++) {
                double[] v = rows[r];
                ArrayExample<Label> e = new ArrayExample<>(new Label(String.valueOf((int) v[v.length - 1])));
                for (int p = 0; p < v.length - 1; p++) {
                    if (v[p] != 0) {
                        e.add(String.format(Locale.ROOT, "px%02d", p), v[p]);
                    }
                }
                (r < 1000 ? dTrain : dTest).add(e);
            }
            DressedQuantumCircuitClassifierModel model = new DressedQuantumCircuitClassifierTrainer(HeadType.DQC, 6, 3,
                    Preset.DEFAULT, 0, 32, epochs, 10, 0.2, OutputBias.PRESET, 1L).train(dTrain);
            sweep("digits (6 qubits)", "accuracy", model, dTest,
                    m -> new double[]{new LabelEvaluator().evaluate(m, dTest).accuracy()});
        }
    }

    /** Evaluates every setting of the grid after an untimed warm-up; the exact one first, as the time reference. */
    private static <T extends Output<T>> void sweep(String data, String metric, AbstractHeadModel<T> model,
                                                    MutableDataset<T> test,
                                                    Function<Model<T>, double[]> evaluate) {
        evaluate.apply(model); // warm-up (JIT, simulator plans), not timed
        double exactSeconds = Double.NaN;
        for (double p : P) {
            for (int shots : SHOTS) {
                NoiseModel noise = p == 0 ? NoiseModel.none() : NoiseModel.of(NoiseModel.Channel.DEPOLARIZING, p);
                AbstractHeadModel<T> m = model.withPredictionNoise(new PredictionNoise(noise, shots, 1));
                long t0 = System.nanoTime();
                double[] v = evaluate.apply(m);
                double secs = (System.nanoTime() - t0) / 1e9;
                if (p == 0 && shots == 0) {
                    exactSeconds = secs;
                }
                StringBuilder values = new StringBuilder();
                for (double x : v) {
                    values.append(values.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.4f", x));
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %.2f | %.1f |%n", data, metric,
                        p == 0 ? "0" : String.valueOf(p), shots == 0 ? "exact" : String.valueOf(shots), values, secs,
                        secs / exactSeconds);
            }
        }
        System.out.println("# " + test.size() + " test rows, " + data);
    }
}

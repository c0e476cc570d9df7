package org.hybridqml.tribuo.qnn;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.data.CsvMatrix;
import org.hybridqml.data.SegmentationDataset;
import org.hybridqml.metrics.SegmentationScores;
import org.hybridqml.qnn.PredictionNoise;
import org.hybridqml.sim.noise.NoiseModel;
import org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierModel;
import org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierTrainer;
import org.hybridqml.tribuo.classification.QuantumPointwiseCNNModel;
import org.hybridqml.tribuo.classification.QuantumPointwiseCNNTrainer;
import org.hybridqml.tribuo.multilabel.DressedQuantumCircuitModel;
import org.hybridqml.tribuo.multilabel.DressedQuantumCircuitTrainer;
import org.hybridqml.tribuo.multilabel.MultiLabelScoreEvaluation;
import org.hybridqml.tribuo.multilabel.MultiLabelScoreEvaluator;
import org.hybridqml.tribuo.multilabel.data.MulanDataSource;
import org.hybridqml.tribuo.segmentation.ImageMaskDataSource;
import org.hybridqml.tribuo.segmentation.QuNetModel;
import org.hybridqml.tribuo.segmentation.QuNetTrainer;
import org.hybridqml.tribuo.segmentation.SegmentationFactory;
import org.hybridqml.tribuo.segmentation.SegmentationMask;
import org.hybridqml.tribuo.segmentation.evaluation.SegmentationEvaluator;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * Robustness of trained models to finite shots and noise at prediction time, for the three hybrid methods. Each
 * model is trained once (exact simulation), then its test set is evaluated with every combination of shots and
 * depolarizing p after each gate ({@code withPredictionNoise}, seed 1):
 * <ul>
 *   <li>{@code dqc}: the DQC head (readout learning rate &times; 1, as when the documented table was measured) on
 *       the bundled Mulan emotions (multi-label, one qubit per label, 3 layers; macro AUROC and Jaccard index at
 *       probability &ge; 0.5) and on scikit-learn digits (single-label, rows 0..999 train, 1000.. test, 6 qubits,
 *       3 layers; accuracy), shots &isin; {100, 1000, 10000, exact} &times; p &isin; {0, 0.001, 0.01, 0.05};</li>
 *   <li>{@code qunet}: a Qu-Net (QuFeX bottleneck "4-1", Jain &amp; Kalev, arXiv:2501.13165 Sec. III.B, encoder
 *       filters {8, 16}) on the bundled ISBI-2012 slices resized (nearest) to 128x128 and cut into 64x64 tiles,
 *       slices 0..19 train (80 tiles), slices 20..24 test (20 tiles), 6 epochs, batch 8, Adam 1e-2; mean IoU of
 *       foreground and background, the foreground IoU and the soft IoU ({@link SegmentationEvaluator}),
 *       shots &isin; {100, 1000, exact} &times; p &isin; {0, 0.01, 0.05};</li>
 *   <li>{@code pointwise}: the quantum pointwise CNN (Ning, Li &amp; Chen, arXiv:2412.01241; 1 layer, 1 circuit)
 *       on the 8x8 scikit-learn digits (rows 0..999 train, 6 epochs, batch 32, learning rate 0.01; the first
 *       {@code --pointwise-test} rows from 1000 as the test set, default all 797, fewer when the noisy path, a
 *       density matrix per pooled pixel, is too slow); accuracy and the mean predicted probability of the true
 *       digit (which moves with the noise before the arg-max does), same grid as the Qu-Net.</li>
 * </ul>
 * Prints a Markdown table with the wall time of each evaluation (after one untimed exact evaluation as warm-up) and
 * its ratio to the exact one.
 *
 * <p>Usage: {@code RobustnessExperiment [--methods dqc,qunet,pointwise] [--epochs n] [--skip-digits]
 * [--pointwise-test n]} (default all methods; {@code --epochs}: DQC epochs, default 30 with patience 10;
 * {@code --skip-digits}: DQC on emotions only).
 */
public final class RobustnessExperiment {

    /** DQC grid: shots per observable, 0 = exact expectation values (first: the time reference). */
    private static final int[] DQC_SHOTS = {0, 100, 1000, 10000};
    /** DQC grid: depolarizing probabilities after each gate. */
    private static final double[] DQC_P = {0, 0.001, 0.01, 0.05};
    /** Qu-Net and pointwise grid (smaller: their noisy paths simulate many more circuits per test example). */
    private static final int[] IMAGE_SHOTS = {0, 100, 1000};
    /** Qu-Net and pointwise grid of depolarizing probabilities. */
    private static final double[] IMAGE_P = {0, 0.01, 0.05};
    /** Quietened loggers, held strongly so that their levels are not lost to garbage collection. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");
    private static final Logger TRAIN_LOG = Logger.getLogger("org.hybridqml.qnn.train");
    private static final Logger NN_LOG = Logger.getLogger("org.hybridqml.nn");

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
        int pointwiseTest = Integer.MAX_VALUE;
        List<String> methods = List.of("dqc", "qunet", "pointwise");
        String usage = "; usage: RobustnessExperiment [--methods dqc,qunet,pointwise] [--epochs n] [--skip-digits]"
                + " [--pointwise-test n]";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--skip-digits" -> digits = false;
                case "--pointwise-test" -> pointwiseTest = Integer.parseInt(args[++i]);
                case "--methods" -> methods = Arrays.asList(args[++i].split(","));
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + usage);
            }
        }
        for (String m : methods) {
            if (!List.of("dqc", "qunet", "pointwise").contains(m)) {
                throw new IllegalArgumentException("Unknown method " + m + usage);
            }
        }
        TRIBUO_LOG.setLevel(Level.WARNING);
        TRAIN_LOG.setLevel(Level.WARNING);
        NN_LOG.setLevel(Level.WARNING);
        System.out.printf("RobustnessExperiment: methods %s, DQC <= %d epochs, patience 10, %d processors, Java %s%n",
                methods, epochs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("| data | metric | depolarizing p | shots | value | eval s | x exact |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        if (methods.contains("dqc")) {
            dqc(epochs, digits);
        }
        if (methods.contains("qunet")) {
            qunet();
        }
        if (methods.contains("pointwise")) {
            pointwise(pointwiseTest);
        }
    }

    /** The DQC head on emotions and (unless skipped) digits. */
    private static void dqc(int epochs, boolean digits) throws IOException {
        Path dir = BundledDatasets.resolve("mulan-multilabel", "emotions");
        MutableDataset<MultiLabel> train = new MutableDataset<>(new MulanDataSource(dir.resolve("emotions-train.arff"),
                dir.resolve("emotions.xml")));
        MutableDataset<MultiLabel> test = new MutableDataset<>(new MulanDataSource(dir.resolve("emotions-test.arff"),
                dir.resolve("emotions.xml")));
        DressedQuantumCircuitModel emotions = new DressedQuantumCircuitTrainer(HeadType.DQC, 0, 3, Preset.DEFAULT, 0,
                1, 32, epochs, 10, 0.2, OutputBias.PRESET, 1L).train(train);
        sweep("emotions (6 qubits)", "macro AUROC / Jaccard", DQC_SHOTS, DQC_P, emotions::withPredictionNoise,
                m -> {
                    MultiLabelScoreEvaluation e = new MultiLabelScoreEvaluator().evaluate(m, test);
                    return new double[]{e.macroAuroc(), e.jaccardIndex()};
                }, test.size() + " test rows");

        if (digits) {
            List<MutableDataset<Label>> d = digits("px%02d", Integer.MAX_VALUE);
            DressedQuantumCircuitClassifierModel model = new DressedQuantumCircuitClassifierTrainer(HeadType.DQC, 6, 3,
                    Preset.DEFAULT, 0, 1, 32, epochs, 10, 0.2, OutputBias.PRESET, 1L).train(d.get(0));
            sweep("digits (6 qubits)", "accuracy", DQC_SHOTS, DQC_P, model::withPredictionNoise,
                    m -> new double[]{new LabelEvaluator().evaluate(m, d.get(1)).accuracy()},
                    d.get(1).size() + " test rows");
        }
    }

    /** A small Qu-Net on ISBI-2012 tiles. */
    private static void qunet() throws IOException {
        Path isbi = BundledDatasets.resolve("isbi2012-membrane", "train");
        SegmentationDataset slices = SegmentationDataset.load(isbi.resolve("image"), isbi.resolve("label"), 1, 128,
                128);
        int[] train = IntStream.range(0, slices.size())
                .filter(i -> Integer.parseInt(slices.names().get(i)) < 20).toArray();
        int[] test = IntStream.range(0, slices.size())
                .filter(i -> Integer.parseInt(slices.names().get(i)) >= 20).toArray();
        SegmentationFactory f = new SegmentationFactory();
        MutableDataset<SegmentationMask> tr = new MutableDataset<>(
                ImageMaskDataSource.toExamples(slices.subset(train).tiles(64, 64)),
                new SimpleDataSourceProvenance("ISBI-2012 slices 0-19, 64x64 tiles of 128x128", f), f);
        MutableDataset<SegmentationMask> te = new MutableDataset<>(
                ImageMaskDataSource.toExamples(slices.subset(test).tiles(64, 64)),
                new SimpleDataSourceProvenance("ISBI-2012 slices 20-24, 64x64 tiles of 128x128", f), f);
        long t0 = System.nanoTime();
        QuNetModel model = (QuNetModel) new QuNetTrainer(64, 64, 1, new int[]{8, 16}, "4-1", 6, 8, 1e-2, 1)
                .train(tr);
        System.out.printf(Locale.ROOT, "# Qu-Net 4-1 trained on %d tiles in %.1f s%n", tr.size(),
                (System.nanoTime() - t0) / 1e9);
        sweep("ISBI-2012 Qu-Net 4-1 (64x64)", "mean IoU / fg IoU / soft IoU", IMAGE_SHOTS, IMAGE_P,
                model::withPredictionNoise, m -> {
                    SegmentationScores s = new SegmentationEvaluator().evaluate(m, te).getScores();
                    return new double[]{s.meanIou(), s.iou(), s.softIou()};
                }, te.size() + " test tiles (64x64) from 5 held-out slices, " + tr.size() + " training tiles");
    }

    /** The quantum pointwise CNN on 8x8 digits. */
    private static void pointwise(int testSize) throws IOException {
        List<MutableDataset<Label>> d = digits("%02d", testSize);
        long t0 = System.nanoTime();
        QuantumPointwiseCNNModel model = (QuantumPointwiseCNNModel) new QuantumPointwiseCNNTrainer(8, 8, 1, 1, 1,
                false, 6, 32, 0.01, 1).withInputScale(1 / 16.0).train(d.get(0));
        System.out.printf(Locale.ROOT, "# pointwise CNN trained on %d digits in %.1f s%n", d.get(0).size(),
                (System.nanoTime() - t0) / 1e9);
        sweep("digits pointwise CNN (8x8)", "accuracy / mean p(true)", IMAGE_SHOTS, IMAGE_P,
                model::withPredictionNoise, m -> {
                    LabelEvaluation e = new LabelEvaluator().evaluate(m, d.get(1));
                    double pTrue = e.getPredictions().stream().mapToDouble(p -> p.getOutputScores()
                            .get(p.getExample().getOutput().getLabel()).getScore()).average().orElse(Double.NaN);
                    return new double[]{e.accuracy(), pTrue};
                },
                d.get(1).size() + " test digits (rows 1000..), 1000 training digits");
    }

    /**
     * The bundled scikit-learn digits: rows 0..999 as training set, up to {@code testSize} rows from 1000 as test set.
     *
     * @param featureFormat format of a pixel's feature name from its index 0..63
     * @param testSize      most test rows
     * @return {train, test}
     */
    private static List<MutableDataset<Label>> digits(String featureFormat, int testSize) throws IOException {
        double[][] rows = CsvMatrix.read(BundledDatasets.resolve("sklearn-digits", "digits.csv.gz"));
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> dTrain = new MutableDataset<>(new SimpleDataSourceProvenance("digits[0,1000)", f), f);
        MutableDataset<Label> dTest = new MutableDataset<>(new SimpleDataSourceProvenance("digits[1000,)", f), f);
        for (int r = 0; r < Math.min(rows.length, 1000L + testSize); r++) {
            double[] v = rows[r];
            ArrayExample<Label> e = new ArrayExample<>(new Label(String.valueOf((int) v[v.length - 1])));
            for (int p = 0; p < v.length - 1; p++) {
                if (v[p] != 0) {
                    e.add(String.format(Locale.ROOT, featureFormat, p), v[p]);
                }
            }
            (r < 1000 ? dTrain : dTest).add(e);
        }
        return List.of(dTrain, dTest);
    }

    /**
     * Evaluates every setting of the grid after an untimed warm-up; the exact one first, as the time reference.
     *
     * @param withNoise the trained model's copy predicting under the given noise
     * @param evaluate  the metric values of a model on the test set
     * @param sizes     the test set's size, printed after the rows
     */
    private static <M> void sweep(String data, String metric, int[] shotsGrid, double[] pGrid,
                                  Function<PredictionNoise, M> withNoise, Function<M, double[]> evaluate,
                                  String sizes) {
        evaluate.apply(withNoise.apply(PredictionNoise.exact())); // warm-up (JIT, simulator plans), not timed
        double exactSeconds = Double.NaN;
        for (double p : pGrid) {
            for (int shots : shotsGrid) {
                NoiseModel noise = p == 0 ? NoiseModel.none() : NoiseModel.of(NoiseModel.Channel.DEPOLARIZING, p);
                M m = withNoise.apply(new PredictionNoise(noise, shots, 1));
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
        System.out.println("# " + data + ": " + sizes);
    }
}

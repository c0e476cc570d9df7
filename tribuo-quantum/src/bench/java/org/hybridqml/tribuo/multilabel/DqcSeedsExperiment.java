package org.hybridqml.tribuo.multilabel;

import org.hybridqml.bench.Timing;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.metrics.PCutThreshold;
import org.hybridqml.qnn.head.ClassifierHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.tribuo.multilabel.data.MulanDataSource;
import org.hybridqml.tribuo.qnn.HeadType;
import org.hybridqml.tribuo.qnn.OutputBias;
import org.hybridqml.tribuo.qnn.Preset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The DQC head against its classical twin CDL over several seeds (Chan et al., arXiv:2405.00156), on the Mulan
 * standard train/test splits of the bundled emotions, scene and yeast sets, with the default recipe: test macro
 * AUROC as mean ± SD over the seeds, and the mean predicted label cardinality against the true one (a head that
 * predicts no labels shows 0). Optionally on a subset of the labels, e.g. the rare yeast labels.
 *
 * <p>Usage: {@code DqcSeedsExperiment [--datasets emotions,scene,yeast] [--heads CDL,DQC] [--seeds 5]
 * [--first-seed 1000] [--layers L] [--readout-scale S] [--qubits 0] [--labels Class7,Class8,...] [--threshold T]}; seeds are first-seed, first-seed+1, …;
 * {@code --qubits 0} (the paper) gives the DQC one qubit per label; {@code --layers} and {@code --readout-scale}
 * (the factor on the readout layer's learning rate) default to the default preset's (8 and 10); the paper's circuit
 * depth with the earlier default recipe is {@code --layers 3 --readout-scale 1}. {@code --threshold} is the models'
 * decision threshold (default 0.5); 0 calibrates it per model by PCut1 on the training split, MEKA's default
 * ({@link PCutThreshold}).
 */
public final class DqcSeedsExperiment {

    /** Quietened loggers, held strongly so that their levels are not lost to garbage collection. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");
    private static final Logger TRAIN_LOG = Logger.getLogger("org.hybridqml");

    private DqcSeedsExperiment() {
    }

    /**
     * Runs the experiment.
     *
     * @param args see the class description
     * @throws IOException if a bundled data set cannot be read
     */
    public static void main(String[] args) throws IOException {
        List<String> datasets = List.of("emotions", "scene", "yeast");
        List<String> heads = List.of("CDL", "DQC");
        int seeds = 5;
        long firstSeed = 1000;
        int layers = 0;
        double readoutScale = 0;
        int qubits = 0;
        Set<String> labels = null;
        double threshold = 0.5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--datasets" -> datasets = List.of(args[++i].split(","));
                case "--heads" -> heads = List.of(args[++i].split(","));
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--first-seed" -> firstSeed = Long.parseLong(args[++i]);
                case "--layers" -> layers = Integer.parseInt(args[++i]);
                case "--qubits" -> qubits = Integer.parseInt(args[++i]);
                case "--readout-scale" -> readoutScale = Double.parseDouble(args[++i]);
                case "--labels" -> labels = new HashSet<>(Arrays.asList(args[++i].split(",")));
                case "--threshold" -> threshold = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + "; see the javadoc");
            }
        }
        TRIBUO_LOG.setLevel(Level.WARNING);
        TRAIN_LOG.setLevel(Level.WARNING);
        System.out.printf(Locale.ROOT, "DqcSeedsExperiment: %s, heads %s, seeds %d..%d, DQC layers %s, readout learning rate "
                        + "× %s, qubits %s%s, threshold %s, default recipe; %d processors, load %s%n", datasets, heads, firstSeed,
                firstSeed + seeds - 1, layers == 0 ? "from the preset" : layers,
                readoutScale == 0 ? "from the preset" : readoutScale,
                qubits == 0 ? "one per label" : qubits, labels == null ? "" : ", labels " + labels,
                threshold == 0 ? "PCut1 (calibrated on the training split)" : threshold, Runtime.getRuntime().availableProcessors(), Timing.loadAverage());
        StringBuilder table = new StringBuilder("| data set | head | layers | macro AUROC (mean ± SD) | predicted "
                + "cardinality | true cardinality | s per run |\n|---|---|---|---|---|---|---|\n");
        for (String name : datasets) {
            Path dir = BundledDatasets.resolve("mulan-multilabel", name);
            Path xml = dir.resolve(name + ".xml");
            MutableDataset<MultiLabel> train = keep(new MutableDataset<>(
                    new MulanDataSource(dir.resolve(name + "-train.arff"), xml)), labels);
            MutableDataset<MultiLabel> test = keep(new MutableDataset<>(
                    new MulanDataSource(dir.resolve(name + "-test.arff"), xml)), labels);
            for (String head : heads) {
                HeadType type = HeadType.valueOf(head);
                double[] auroc = new double[seeds];
                double predicted = 0;
                double truth = 0;
                double seconds = 0;
                ClassifierHead lastHead = null;
                for (int s = 0; s < seeds; s++) {
                    long t0 = System.nanoTime();
                    DressedQuantumCircuitTrainer trainer = new DressedQuantumCircuitTrainer(type, qubits, layers,
                            Preset.DEFAULT, 0, readoutScale, 32, 0, 0, 0.2, OutputBias.PRESET, firstSeed + s).withThreshold(threshold);
                    DressedQuantumCircuitModel model = trainer.train(train);
                    MultiLabelScoreEvaluation e = new MultiLabelScoreEvaluator().evaluate(model, test);
                    double sec = (System.nanoTime() - t0) / 1e9;
                    auroc[s] = e.macroAuroc();
                    lastHead = model.trainedHead().head();
                    double p = PCutThreshold.labelCardinality(e.predicted());
                    truth = PCutThreshold.labelCardinality(e.truth());
                    predicted += p / seeds;
                    seconds += sec / seeds;
                    System.out.printf(Locale.ROOT, "  %s %s seed %d: macro AUROC %.4f, predicted cardinality %.3f "
                                    + "(true %.3f), threshold %.4f, kept epoch %d of %d, %.1f s%n", name, head, firstSeed + s,
                            auroc[s], p, truth, model.threshold(), model.trainedHead().history().bestEpoch(),
                            model.trainedHead().history().epochsRun(), sec);
                }
                double mean = Arrays.stream(auroc).average().orElse(Double.NaN);
                double sd = Math.sqrt(Arrays.stream(auroc).map(a -> (a - mean) * (a - mean)).sum()
                        / Math.max(1, seeds - 1));
                table.append(String.format(Locale.ROOT, "| %s%s | %s | %s | %.4f ± %.4f | %.3f | %.3f | %.1f |%n",
                        name, labels == null ? "" : " (subset)", head, type == HeadType.DQC ? "" + ((DressedQuantumHead) lastHead).layers() : "–", mean,
                        sd, predicted, truth, seconds));
            }
        }
        System.out.println();
        System.out.print(table);
        System.out.println("load at the end: " + Timing.loadAverage());
    }

    /**
     * The data set with only the given labels (null: unchanged); also used by the rare-label threshold tests.
     *
     * @param data   the data set
     * @param labels the label names to keep, or null
     * @return a copy with the other labels removed from every example, or {@code data}
     */
    static MutableDataset<MultiLabel> keep(MutableDataset<MultiLabel> data, Set<String> labels) {
        if (labels == null) {
            return data;
        }
        MutableDataset<MultiLabel> out = new MutableDataset<>(data.getProvenance(), new MultiLabelFactory());
        for (Example<MultiLabel> e : data) {
            Set<Label> kept = new HashSet<>();
            for (Label l : e.getOutput().getLabelSet()) {
                if (labels.contains(l.getLabel())) {
                    kept.add(l);
                }
            }
            ArrayExample<MultiLabel> copy = new ArrayExample<>(new MultiLabel(kept));
            for (Feature f : e) {
                copy.add(f.getName(), f.getValue());
            }
            out.add(copy);
        }
        return out;
    }


}

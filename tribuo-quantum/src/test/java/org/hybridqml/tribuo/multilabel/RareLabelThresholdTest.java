package org.hybridqml.tribuo.multilabel;

import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.metrics.MultiLabelMetrics;
import org.hybridqml.metrics.PCutThreshold;
import org.hybridqml.tribuo.multilabel.data.MulanDataSource;
import org.hybridqml.tribuo.qnn.HeadType;
import org.hybridqml.tribuo.qnn.Preset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.test.Helpers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision threshold on the six rarest labels of Mulan yeast (Class7-11, Class14), where the DQC head of Chan et
 * al. (arXiv:2405.00156) with the default recipe has probabilities that never reach 0.5: with the trainer's threshold
 * 0 (PCut1, MEKA's default) both the DQC and the CDL predict labels on the test split, at most three times the
 * training label cardinality; the 0.5 cardinalities of the same models are printed, not asserted. The calibrated
 * threshold survives Java and protobuf serialisation and shows in toString and the provenance.
 */
class RareLabelThresholdTest {

    /** The six rarest yeast labels, as in DqcSeedsExperiment's {@code --labels}. */
    static final Set<String> RARE_YEAST = Set.of("Class7", "Class8", "Class9", "Class10", "Class11", "Class14");

    /** Keeps the per-epoch training log quiet (strong reference, so the level sticks). */
    private static final Logger TRAIN_LOG = Logger.getLogger("org.hybridqml.qnn.train");

    private static final long SEED = 1000L;

    /** The default recipe's own epoch budget and early stopping (0 = the preset's); a run takes seconds. */
    private static final int MAX_EPOCHS = 0;

    private static MutableDataset<MultiLabel> train;
    private static MutableDataset<MultiLabel> test;
    private static double trainCardinality;

    @BeforeAll
    static void load() throws IOException {
        TRAIN_LOG.setLevel(Level.WARNING);
        Path d = BundledDatasets.resolve("mulan-multilabel", "yeast");
        train = DqcSeedsExperiment.keep(new MutableDataset<>(
                new MulanDataSource(d.resolve("yeast-train.arff"), d.resolve("yeast.xml"))), RARE_YEAST);
        test = DqcSeedsExperiment.keep(new MutableDataset<>(
                new MulanDataSource(d.resolve("yeast-test.arff"), d.resolve("yeast.xml"))), RARE_YEAST);
        assertEquals(6, train.getOutputIDInfo().size());
        int[][] y = new int[train.size()][6];
        int i = 0;
        for (var e : train) {
            for (var l : e.getOutput().getLabelSet()) {
                y[i][train.getOutputIDInfo().getID(new MultiLabel(l.getLabel()))] = 1;
            }
            i++;
        }
        trainCardinality = PCutThreshold.labelCardinality(y);
    }

    private static DressedQuantumCircuitModel trainCalibrated(HeadType type) {
        long t0 = System.nanoTime();
        DressedQuantumCircuitModel model = new DressedQuantumCircuitTrainer(type, Preset.DEFAULT, MAX_EPOCHS, SEED)
                .withThreshold(0).train(train);
        System.out.printf("rare yeast %s: trained in %.1f s%n", type, (System.nanoTime() - t0) / 1e9);
        return model;
    }

    private static void predictsLabelsWithPCut1(HeadType type) {
        DressedQuantumCircuitModel model = trainCalibrated(type);
        MultiLabelScoreEvaluation e = new MultiLabelScoreEvaluator().evaluate(model, test);
        double atHalf = PCutThreshold.labelCardinality(MultiLabelMetrics.threshold(e.scores(), 0.5));
        double calibrated = PCutThreshold.labelCardinality(e.predicted());
        System.out.printf("rare yeast %s seed %d: training cardinality %.3f; test predicted cardinality %.3f at "
                        + "threshold 0.5, %.3f at PCut1 threshold %.4f (true %.3f); %s%n", type, SEED,
                trainCardinality, atHalf, calibrated, model.threshold(),
                PCutThreshold.labelCardinality(e.truth()), model.toString().lines().findFirst().orElse(""));
        assertTrue(model.thresholdCalibrated());
        assertTrue(calibrated > 0, type + " predicts no label with the PCut1 threshold " + model.threshold());
        assertTrue(calibrated <= 3 * trainCardinality, type + " predicted cardinality " + calibrated
                + " exceeds three times the training cardinality " + trainCardinality);
        assertTrue(model.toString().contains("(PCut1 on the training data)"), model.toString());
        assertEquals(new DoubleProvenance(DressedQuantumCircuitTrainer.PCUT1_PROVENANCE, model.threshold()),
                model.getProvenance().getInstanceProvenance().getMap().get(DressedQuantumCircuitTrainer.PCUT1_PROVENANCE));
        Model<MultiLabel> viaProto = Helpers.testModelProtoSerialization(model, MultiLabel.class, test);
        DressedQuantumCircuitModel viaJava = DressedQuantumCircuitTrainerTest.javaRoundTrip(model);
        for (DressedQuantumCircuitModel copy : new DressedQuantumCircuitModel[]{
                (DressedQuantumCircuitModel) viaProto, viaJava}) {
            assertEquals(model.threshold(), copy.threshold(), 0.0);
            assertTrue(copy.thresholdCalibrated());
            assertEquals(model.getProvenance(), copy.getProvenance());
        }
    }

    @Test
    void dqcPredictsRareLabelsWithPCut1() {
        predictsLabelsWithPCut1(HeadType.DQC);
    }

    @Test
    void cdlPredictsRareLabelsWithPCut1() {
        predictsLabelsWithPCut1(HeadType.CDL);
    }
}

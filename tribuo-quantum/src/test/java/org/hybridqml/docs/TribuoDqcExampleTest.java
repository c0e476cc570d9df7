package org.hybridqml.docs;

// snippet-start imports
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.tribuo.multilabel.DressedQuantumCircuitModel;
import org.hybridqml.tribuo.multilabel.DressedQuantumCircuitTrainer;
import org.hybridqml.tribuo.multilabel.MultiLabelScoreEvaluation;
import org.hybridqml.tribuo.multilabel.MultiLabelScoreEvaluator;
import org.hybridqml.tribuo.multilabel.data.MulanDataSource;
import org.hybridqml.tribuo.qnn.HeadType;
import org.hybridqml.tribuo.qnn.Preset;
import org.hybridqml.tribuo.qnn.QuantumModelFiles;
import org.tribuo.Model;
import org.tribuo.MutableDataset;

import java.nio.file.Path;
// snippet-end imports
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.multilabel.MultiLabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Tribuo DQC example of {@code docs/tribuo.md} (dressed quantum circuit head, Chan et al., arXiv:2405.00156):
 * Mulan emotions, its standard train/test split, macro AUROC on the test split, and the model file round trip
 * quoted in {@code docs/model-files.md}.
 */
class TribuoDqcExampleTest {

    @Test
    void dqcOnEmotionsScoredOnTheTestSplit(@TempDir Path dir) throws Exception {
        // snippet-start dqc
        Path emotions = BundledDatasets.root().resolve("mulan-multilabel/emotions");   // the repository's datasets/
        var train = new MutableDataset<>(new MulanDataSource(emotions.resolve("emotions-train.arff"),
                emotions.resolve("emotions.xml")));
        var test = new MutableDataset<>(new MulanDataSource(emotions.resolve("emotions-test.arff"),
                emotions.resolve("emotions.xml")));

        // one qubit per label (6); the default preset: 8 layers, lr 3e-3 (x10 for the readout layer),
        // early stopping, at most 30 epochs
        var trainer = new DressedQuantumCircuitTrainer(HeadType.DQC, Preset.DEFAULT, 30, 12345L);
        DressedQuantumCircuitModel model = trainer.train(train);
        MultiLabelScoreEvaluation eval = new MultiLabelScoreEvaluator().evaluate(model, test);
        System.out.printf("macro AUROC %.3f, Jaccard %.3f, Hamming loss %.3f%n",
                eval.macroAuroc(), eval.jaccardIndex(), eval.hammingLoss());
        // snippet-end dqc

        // Chance-level scores give macro AUROC 0.5.
        assertTrue(eval.macroAuroc() > 0.65, "macro AUROC " + eval.macroAuroc());
        Path file = dir.resolve("dqc.model");

        // snippet-start save-load
        model.serializeToFile(file);                          // checksummed Tribuo protobuf
        Model<?> loaded = QuantumModelFiles.load(file);       // or QuantumModelFiles.load(bytes, "resource name")
        // snippet-end save-load

        @SuppressWarnings("unchecked")
        Model<MultiLabel> back = (Model<MultiLabel>) loaded;
        assertEquals(model.predict(test.getExample(0)).getOutput(), back.predict(test.getExample(0)).getOutput());
    }
}

package org.hybridqml.tribuo;

import org.hybridqml.CancelAfterStart;
import org.hybridqml.data.BundledDatasets;
import org.hybridqml.nn.classify.QuantumPointwiseCNNNetworkTrainer;
import org.hybridqml.nn.train.SegmentationTrainer;
import org.hybridqml.qnn.train.HeadTrainer;
import org.hybridqml.sim.TrainingInterruptedException;
import org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierTrainer;
import org.hybridqml.tribuo.classification.QuantumPointwiseCNNTrainer;
import org.hybridqml.tribuo.multilabel.DressedQuantumCircuitTrainer;
import org.hybridqml.tribuo.qnn.HeadType;
import org.hybridqml.tribuo.qnn.OutputBias;
import org.hybridqml.tribuo.qnn.Preset;
import org.hybridqml.tribuo.segmentation.ImageMaskDataSource;
import org.hybridqml.tribuo.segmentation.QuNetTrainer;
import org.hybridqml.tribuo.segmentation.SegmentationMask;
import org.junit.jupiter.api.Test;
import org.tribuo.dataset.DatasetView;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.IDXDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cancelling a Tribuo training ({@code Future.cancel(true)} on the thread running {@code Trainer.train}) ends it
 * within 2 s with a {@link TrainingInterruptedException}: the multi-label DQC trainer with a 20-qubit head (inside
 * its single long mini-batch), the single-label DQC trainer, the quantum pointwise CNN trainer and the Qu-Net
 * trainer.
 */
class TrainerCancellationTest {

    private static final String HEAD_LOG = HeadTrainer.class.getName();

    @Test
    void cancellingA20QubitMultiLabelDqcTrainingStopsWithinTwoSeconds() throws Exception {
        MultiLabelFactory factory = new MultiLabelFactory();
        MutableDataset<MultiLabel> data = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic", factory),
                factory);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 4; i++) {
            Set<Label> labels = new HashSet<>();
            labels.add(new Label(i % 2 == 0 ? "a" : "b"));
            ArrayExample<MultiLabel> e = new ArrayExample<>(new MultiLabel(labels));
            for (int f = 0; f < 4; f++) {
                e.add("f" + f, rng.nextGaussian() + 0.1);
            }
            data.add(e);
        }
        DressedQuantumCircuitTrainer trainer = new DressedQuantumCircuitTrainer(HeadType.DQC, 20, 2, Preset.DEFAULT,
                0, 4, 1000, 1000, 0, OutputBias.PRESET, 7L);
        CancelAfterStart r = CancelAfterStart.run(HEAD_LOG, m -> m.startsWith("epoch 0:"), 300,
                () -> trainer.train(data));
        r.assertStopped("Tribuo 20-qubit DQC", TrainingInterruptedException.class, 2.0);
        assertTrue(r.flagSet, "interrupt flag left set");
        assertTrue(r.log.stream().anyMatch(m -> m.startsWith("epoch 1 of 1000: about ")), "estimate: " + r.log);
    }

    @Test
    void cancellingASingleLabelDqcTrainingStopsWithinTwoSeconds() throws Exception {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic", factory),
                factory);
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 3000; i++) {
            ArrayExample<Label> e = new ArrayExample<>(new Label("c" + (i % 3)));
            for (int f = 0; f < 4; f++) {
                e.add("f" + f, rng.nextGaussian() + (i % 3 == f ? 1 : 0));
            }
            data.add(e);
        }
        DressedQuantumCircuitClassifierTrainer trainer = new DressedQuantumCircuitClassifierTrainer(HeadType.DQC, 0,
                3, Preset.DEFAULT, 0, 8, 500, 500, 0.2, OutputBias.PRESET, 7L);
        CancelAfterStart r = CancelAfterStart.run(HEAD_LOG, m -> m.startsWith("epoch 0:"), 300,
                () -> trainer.train(data));
        r.assertStopped("Tribuo single-label DQC", TrainingInterruptedException.class, 2.0);
    }

    @Test
    void cancellingAQuantumPointwiseCnnTrainingStopsWithinTwoSeconds() throws Exception {
        IDXDataSource<Label> source = new IDXDataSource<>(
                BundledDatasets.resolve("fashion-mnist", "t10k-images-idx3-ubyte.gz"),
                BundledDatasets.resolve("fashion-mnist", "t10k-labels-idx1-ubyte.gz"), new LabelFactory());
        MutableDataset<Label> all = new MutableDataset<>(source);
        int[] rows = new int[600];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        DatasetView<Label> train = new DatasetView<>(all, rows, "train");
        QuantumPointwiseCNNTrainer trainer = new QuantumPointwiseCNNTrainer(28, 28, 1, 1, 2, false, 100, 8, 0.003, 1)
                .withInputScale(1 / 255.0);
        CancelAfterStart r = CancelAfterStart.run(QuantumPointwiseCNNNetworkTrainer.class.getName(),
                m -> m.contains("pointwise CNN:"), 1000, () -> trainer.train(train));
        r.assertStopped("Tribuo quantum pointwise CNN", TrainingInterruptedException.class, 2.0);
    }

    @Test
    void cancellingAQuNetTrainingStopsWithinTwoSeconds() throws Exception {
        Path root = BundledDatasets.resolve("isbi2012-membrane", "train");
        MutableDataset<SegmentationMask> data = new MutableDataset<>(
                new ImageMaskDataSource(root.resolve("image"), root.resolve("label"), 1, 32, 32));
        QuNetTrainer trainer = new QuNetTrainer(32, 32, 1, new int[]{4, 8}, "4-1", 200, 2, 1e-2, 3);
        CancelAfterStart r = CancelAfterStart.run(SegmentationTrainer.class.getName(),
                m -> m.contains("parameters"), 1000, () -> trainer.train(data));
        r.assertStopped("Tribuo Qu-Net", TrainingInterruptedException.class, 2.0);
    }
}

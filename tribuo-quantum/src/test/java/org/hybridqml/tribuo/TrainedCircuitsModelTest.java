package org.hybridqml.tribuo;

import org.hybridqml.data.BundledDatasets;
import org.hybridqml.qnn.HasTrainedCircuits;
import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.sim.draw.CircuitDrawing;
import org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierModel;
import org.hybridqml.tribuo.classification.DressedQuantumCircuitClassifierTrainer;
import org.hybridqml.tribuo.classification.FashionSample;
import org.hybridqml.tribuo.classification.QuantumPointwiseCNNModel;
import org.hybridqml.tribuo.classification.QuantumPointwiseCNNTrainer;
import org.hybridqml.tribuo.multilabel.DressedQuantumCircuitModel;
import org.hybridqml.tribuo.multilabel.DressedQuantumCircuitTrainer;
import org.hybridqml.tribuo.qnn.HeadType;
import org.hybridqml.tribuo.qnn.OutputBias;
import org.hybridqml.tribuo.qnn.Preset;
import org.hybridqml.tribuo.segmentation.ImageMaskDataSource;
import org.hybridqml.tribuo.segmentation.QuNetModel;
import org.hybridqml.tribuo.segmentation.QuNetTrainer;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.dataset.DatasetView;
import org.tribuo.impl.ArrayExample;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Tribuo model of the module shows its trained circuits: {@code trainedCircuits()}, {@code drawCircuits()}
 * (the Unicode "Trained circuit(s)" section with the trained angles bound) and a {@code toString} ending with it.
 */
class TrainedCircuitsModelTest {

    /** The model's drawings are {@link TrainedCircuit#describeAll} of its circuits and end its description. */
    private static void assertDrawn(HasTrainedCircuits model, List<String> names) {
        List<TrainedCircuit> circuits = model.trainedCircuits();
        assertEquals(names, circuits.stream().map(TrainedCircuit::name).toList());
        String section = model.drawCircuits();
        assertEquals(TrainedCircuit.describeAll(circuits, CircuitDrawing.Style.UNICODE), section);
        assertTrue(model.toString().endsWith("\n" + section), model.toString());
        for (TrainedCircuit c : circuits) {
            String drawing = c.drawing(CircuitDrawing.Style.UNICODE);
            assertTrue(section.contains(drawing) && drawing.contains("q0:"), section);
            assertTrue(drawing.contains(String.format(Locale.ROOT, "%.3f", c.parameters()[0])), drawing);
        }
    }

    @Test
    void dqcModelsDrawTheTrainedHeadCircuit() {
        Random r = new Random(4);
        LabelFactory lf = new LabelFactory();
        MutableDataset<Label> single = new MutableDataset<>(new SimpleDataSourceProvenance("tiny", lf), lf);
        MultiLabelFactory mf = new MultiLabelFactory();
        MutableDataset<MultiLabel> multi = new MutableDataset<>(new SimpleDataSourceProvenance("tiny", mf), mf);
        for (int i = 0; i < 24; i++) {
            double a = r.nextDouble(), b = r.nextDouble();
            ArrayExample<Label> e = new ArrayExample<>(new Label(a > 0.5 ? "yes" : "no"));
            e.add("a", a);
            e.add("b", b);
            single.add(e);
            ArrayExample<MultiLabel> m = new ArrayExample<>(new MultiLabel(i % 3 == 0 ? Set.of(new Label("x"))
                    : i % 3 == 1 ? Set.of(new Label("y")) : Set.of(new Label("x"), new Label("y"))));
            m.add("a", a);
            m.add("b", b);
            multi.add(m);
        }
        DressedQuantumCircuitClassifierModel classifier = new DressedQuantumCircuitClassifierTrainer(HeadType.DQC, 2,
                1, Preset.DEFAULT, 1e-2, 32, 2, 0, 0.2, OutputBias.PRESET, 11L).train(single);
        assertDrawn(classifier, List.of("DQC head"));
        assertTrue(classifier.toString().contains(String.format(Locale.ROOT, "RY(%.3f)",
                classifier.trainedCircuits().get(0).parameters()[0])), classifier.toString());
        DressedQuantumCircuitModel multiLabel = new DressedQuantumCircuitTrainer(HeadType.DQC, 2, 1, Preset.DEFAULT,
                1e-2, 32, 2, 0, 0.2, OutputBias.PRESET, 11L).train(multi);
        assertDrawn(multiLabel, List.of("DQC head"));
        DressedQuantumCircuitClassifierModel cdl = new DressedQuantumCircuitClassifierTrainer(HeadType.CDL, 2, 1,
                Preset.DEFAULT, 1e-2, 32, 2, 0, 0.2, OutputBias.PRESET, 11L).train(single);
        assertEquals(List.of(), cdl.trainedCircuits());
        assertEquals("", cdl.drawCircuits());
        assertFalse(cdl.toString().contains("Trained circuit"), cdl.toString());
    }

    @Test
    void pointwiseCnnModelDrawsItsKCircuits() throws Exception {
        DatasetView<Label> train = FashionSample.first(FashionSample.all(), 32);
        QuantumPointwiseCNNModel quantum = new QuantumPointwiseCNNTrainer(28, 28, 1, 1, 2, false, 1, 32, 0.01, 1)
                .withInputScale(1 / 255.0).train(train);
        assertDrawn(quantum, List.of("pointwise circuit 1", "pointwise circuit 2"));
        QuantumPointwiseCNNModel classical = new QuantumPointwiseCNNTrainer(28, 28, 1, 1, 2, true, 1, 32, 0.01, 1)
                .withInputScale(1 / 255.0).train(train);
        assertEquals(List.of(), classical.trainedCircuits());
        assertFalse(classical.toString().contains("Trained circuit"), classical.toString());
    }

    @Test
    void quNetModelDrawsItsQuFeXFilter() throws Exception {
        Path root = BundledDatasets.resolve("isbi2012-membrane", "train");
        MutableDataset<org.hybridqml.tribuo.segmentation.SegmentationMask> data = new MutableDataset<>(
                new ImageMaskDataSource(root.resolve("image"), root.resolve("label"), 1, 32, 32));
        QuNetModel qunet = (QuNetModel) new QuNetTrainer(32, 32, 1, new int[]{4, 8}, "4-1", 1, 8, 1e-2, 3)
                .train(data);
        assertDrawn(qunet, List.of("QuFeX filter 1 (PQC1)"));
        assertTrue(qunet.toString().startsWith("QuNetModel("), qunet.toString());
        System.out.println(qunet);
    }
}

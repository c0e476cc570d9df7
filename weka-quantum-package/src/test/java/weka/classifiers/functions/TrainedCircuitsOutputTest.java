package weka.classifiers.functions;

import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.sim.draw.CircuitDrawing;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SelectedTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model output of the trained classifiers shows their trained circuits: the "Trained circuit(s)" section is
 * {@link TrainedCircuit#describeAll} of {@code trainedCircuits()} in ASCII, with the trained angles bound.
 */
class TrainedCircuitsOutputTest {

    /** Random numeric data with a two-valued class that depends on the first attribute. */
    private static Instances data(int attributes, int rows, long seed) {
        ArrayList<Attribute> atts = new ArrayList<>();
        for (int a = 0; a < attributes; a++) {
            atts.add(new Attribute("a" + a));
        }
        atts.add(new Attribute("class", List.of("no", "yes")));
        Instances d = new Instances("tiny", atts, rows);
        d.setClassIndex(attributes);
        Random r = new Random(seed);
        for (int i = 0; i < rows; i++) {
            double[] v = new double[attributes + 1];
            for (int a = 0; a < attributes; a++) {
                v[a] = r.nextDouble();
            }
            v[attributes] = v[0] > 0.5 ? 1 : 0;
            d.add(new DenseInstance(1, v));
        }
        return d;
    }

    /** Checks that the output holds the section and that the section draws the trained angles. */
    private static void assertShowsCircuits(String output, List<TrainedCircuit> circuits) {
        String section = TrainedCircuit.describeAll(circuits, CircuitDrawing.Style.ASCII);
        assertTrue(output.contains("\n" + section), output);
        for (TrainedCircuit c : circuits) {
            String drawing = c.drawing(CircuitDrawing.Style.ASCII);
            assertTrue(output.contains(c.name() + " (") && output.contains(drawing), output);
            assertTrue(drawing.contains("q0:"), drawing);
            assertTrue(drawing.contains(String.format(Locale.ROOT, "%.3f", c.parameters()[0])), drawing);
            assertTrue(drawing.lines().allMatch(l -> l.length() <= CircuitDrawing.DEFAULT_MAX_WIDTH), drawing);
        }
    }

    @Test
    void dqcOutputDrawsTheTrainedHeadCircuit() throws Exception {
        DressedQuantumCircuitClassifier c = new DressedQuantumCircuitClassifier();
        c.setNumQubits(2);
        c.setNumLayers(1);
        c.setMaxEpochs(3);
        c.buildClassifier(data(3, 20, 1));
        List<TrainedCircuit> circuits = c.trainedCircuits();
        assertEquals(1, circuits.size());
        assertEquals("DQC head", circuits.get(0).name());
        System.out.println(c);
        assertTrue(c.toString().startsWith("DressedQuantumCircuitClassifier\n"), c.toString());
        assertShowsCircuits(c.toString(), circuits);
        // RY(w) with the first trained weight on wire 0, as the ASCII drawing writes a bound angle
        assertTrue(c.toString().contains(String.format(Locale.ROOT, "RY(%.3f)", circuits.get(0).parameters()[0])),
                c.toString());

        DressedQuantumCircuitClassifier cdl = new DressedQuantumCircuitClassifier();
        cdl.setHeadType(new SelectedTag("CDL", DressedQuantumCircuitClassifier.TAGS_HEAD));
        cdl.setMaxEpochs(3);
        cdl.buildClassifier(data(3, 20, 1));
        assertEquals(List.of(), cdl.trainedCircuits());
        assertFalse(cdl.toString().contains("Trained circuit"), cdl.toString());
    }

    @Test
    void pointwiseCnnOutputDrawsEveryPointwiseCircuit() throws Exception {
        QuantumPointwiseCNN c = new QuantumPointwiseCNN();
        c.setImageWidth(4);
        c.setImageHeight(4);
        c.setConvChannels(4);
        c.setCircuits(2);
        c.setQuantumLayers(1);
        c.setEpochs(1);
        c.setMiniBatchSize(8);
        c.buildClassifier(data(16, 20, 2));
        List<TrainedCircuit> circuits = c.trainedCircuits();
        assertEquals(List.of("pointwise circuit 1", "pointwise circuit 2"),
                circuits.stream().map(TrainedCircuit::name).toList());
        assertTrue(c.toString().contains("Trained circuits\n"), c.toString());
        assertShowsCircuits(c.toString(), circuits);
    }

    @Test
    void quNetOutputDrawsTheTrainedQuFeXFilter() throws Exception {
        QuNetSegmenter seg = QuNetSegmenterTest.segmenter();
        seg.setEpochs(1);
        seg.buildClassifier(QuNetSegmenterTest.pixels("0", "1"));
        List<TrainedCircuit> circuits = seg.trainedCircuits();
        assertEquals(List.of("QuFeX filter 1 (PQC1)"), circuits.stream().map(TrainedCircuit::name).toList());
        assertShowsCircuits(seg.toString(), circuits);
    }
}

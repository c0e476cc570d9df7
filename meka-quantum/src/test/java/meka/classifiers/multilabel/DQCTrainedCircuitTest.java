package meka.classifiers.multilabel;

import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.sim.draw.CircuitDrawing;
import org.junit.jupiter.api.Test;
import weka.core.Instances;
import weka.core.SelectedTag;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MEKA DQC model string shows the trained head circuit, drawn in ASCII with the trained angles bound. */
class DQCTrainedCircuitTest {

    @Test
    void modelStringDrawsTheTrainedCircuit() throws Exception {
        Instances d = DQCTest.loadMusic();
        DQC h = new DQC();
        h.setNumQubits(2);
        h.setNumLayers(1);
        h.setMaxEpochs(2);
        h.buildClassifier(d);
        List<TrainedCircuit> circuits = h.trainedCircuits();
        assertEquals(1, circuits.size());
        TrainedCircuit tc = circuits.get(0);
        assertEquals("DQC head", tc.name());
        assertEquals(2, tc.circuit().numQubits());
        String model = h.getModel();
        assertTrue(model.startsWith("DQC multi-label classifier (6 labels)\n"), model);
        assertTrue(model.endsWith("\n" + TrainedCircuit.describeAll(circuits, CircuitDrawing.Style.ASCII)), model);
        String drawing = tc.drawing(CircuitDrawing.Style.ASCII);
        assertTrue(model.contains(drawing) && drawing.contains("q0:"), model);
        assertTrue(drawing.contains(String.format(Locale.ROOT, "RY(%.3f)", tc.parameters()[0])), drawing);

        DQC cdl = new DQC();
        cdl.setHeadType(new SelectedTag("CDL", DQC.TAGS_HEAD));
        cdl.setMaxEpochs(2);
        cdl.buildClassifier(d);
        assertEquals(List.of(), cdl.trainedCircuits());
        assertFalse(cdl.getModel().contains("Trained circuit"), cdl.getModel());
    }
}

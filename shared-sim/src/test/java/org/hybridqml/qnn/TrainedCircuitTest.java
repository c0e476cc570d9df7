package org.hybridqml.qnn;

import org.hybridqml.circuits.StronglyEntanglingLayers;
import org.hybridqml.qnn.head.DenseHead;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.qnn.qufex.QuFeXConfig;
import org.hybridqml.qnn.qufex.QuFeXFeatureExtractor;
import org.hybridqml.qnn.train.Loss;
import org.hybridqml.qnn.train.TrainedHead;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.draw.CircuitDrawing;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TrainedCircuit} and the engine-neutral models' {@code trainedCircuits}: values, slicing, drawings. */
class TrainedCircuitTest {

    /**
     * Known answer: the DQC head's trained circuit, simulated on the angles tanh(W_in·x + b_in)·π/2 and read out by
     * W_out·⟨Z⟩ + b_out (Chan et al., arXiv:2405.00156, the dressed circuit), reproduces the head's own logits.
     */
    @Test
    void dqcHeadCircuitReproducesTheHeadsLogits() {
        int features = 3, outputs = 2, n = 3, layers = 2;
        DressedQuantumHead head = new DressedQuantumHead(features, outputs, n, layers);
        head.initialize(new SplittableRandom(11));
        List<TrainedCircuit> circuits = head.trainedCircuits();
        assertEquals(1, circuits.size());
        TrainedCircuit tc = circuits.get(0);
        assertEquals("DQC head", tc.name());
        assertSame(head.circuit(), tc.circuit());
        double[] p = head.parameters();
        int wOff = head.circuitWeightOffset();
        assertArrayEquals(Arrays.copyOfRange(p, wOff, wOff + layers * n), tc.parameters());

        double[][] x = {{0.3, -1.2, 0.8}, {-0.5, 0.1, 2.0}};
        double[][] angles = new double[x.length][n];
        for (int b = 0; b < x.length; b++) {
            for (int i = 0; i < n; i++) {
                double pre = p[features * n + i];
                for (int f = 0; f < features; f++) {
                    pre += p[i * features + f] * x[b][f];
                }
                angles[b][i] = Math.tanh(pre) * Math.PI / 2;
            }
        }
        double[][] z = new StatevectorSimulator(1).expectations(tc.circuit(), tc.parameters(), angles);
        int outOff = wOff + layers * n;
        double[][] expected = head.logits(x);
        for (int b = 0; b < x.length; b++) {
            for (int l = 0; l < outputs; l++) {
                double logit = p[outOff + outputs * n + l];
                for (int i = 0; i < n; i++) {
                    logit += p[outOff + l * n + i] * z[b][i];
                }
                assertEquals(expected[b][l], logit, 1e-12, "example " + b + ", output " + l);
            }
        }
    }

    @Test
    void drawingBindsTheTrainedAnglesAndKeepsInputsSymbolic() {
        DressedQuantumHead head = new DressedQuantumHead(2, 2, 2, 1);
        head.initialize(new SplittableRandom(3));
        TrainedCircuit tc = head.trainedCircuits().get(0);
        String ascii = tc.drawing(CircuitDrawing.Style.ASCII);
        assertEquals(CircuitDrawing.text(tc.circuit(), tc.parameters(), null, CircuitDrawing.Style.ASCII,
                CircuitDrawing.DEFAULT_MAX_WIDTH), ascii);
        assertTrue(ascii.contains("q0:"), ascii);
        assertTrue(ascii.contains(String.format(Locale.ROOT, "%.3f", tc.parameters()[0])), ascii);
        assertTrue(ascii.contains("x0"), ascii);
        assertTrue(ascii.chars().allMatch(c -> c < 128), ascii);
        String section = TrainedCircuit.describeAll(List.of(tc), CircuitDrawing.Style.UNICODE);
        assertTrue(section.startsWith("Trained circuit\n"), section);
        assertTrue(section.contains("DQC head (2 qubits, 2 trained parameters):\n"
                + tc.drawing(CircuitDrawing.Style.UNICODE)), section);
        assertEquals("", TrainedCircuit.describeAll(List.of(), CircuitDrawing.Style.ASCII));
        assertEquals("\n" + section, TrainedCircuit.descriptionSuffix(List.of(tc), CircuitDrawing.Style.UNICODE));
        assertEquals("", TrainedCircuit.descriptionSuffix(List.of(), CircuitDrawing.Style.UNICODE));
        assertEquals(section, head.drawCircuits());
    }

    @Test
    void parametersAreCopiedAndTheirCountChecked() {
        Circuit c = StronglyEntanglingLayers.circuit(4, 1);
        double[] p = new double[c.numParameters()];
        TrainedCircuit tc = new TrainedCircuit("c", c, p);
        p[0] = 1;
        assertEquals(0.0, tc.parameters()[0]);
        tc.parameters()[1] = 2;
        assertEquals(0.0, tc.parameters()[1]);
        assertNotSame(tc.parameters(), tc.parameters());
        assertEquals(tc, new TrainedCircuit("c", c, new double[c.numParameters()]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainedCircuit("short", c, new double[c.numParameters() - 1]));
        assertTrue(e.getMessage().contains("needs " + c.numParameters() + " parameters"), e.getMessage());
    }

    /** K circuits with separate weights: circuit k gets the k-th slice of 3·L·n (arXiv:2412.01241). */
    @Test
    void pointwiseConvHasOneCircuitPerSlice() {
        QuantumPointwiseConv conv = new QuantumPointwiseConv(8, 2, 3, 1);
        double[] p = new double[conv.numParameters()];
        for (int i = 0; i < p.length; i++) {
            p[i] = 0.01 * i;
        }
        List<TrainedCircuit> circuits = conv.trainedCircuits(p);
        assertEquals(3, circuits.size());
        int per = 3 * 2 * conv.qubits();
        for (int k = 0; k < 3; k++) {
            TrainedCircuit tc = circuits.get(k);
            assertEquals("pointwise circuit " + (k + 1), tc.name());
            assertSame(conv.circuit(), tc.circuit());
            assertArrayEquals(Arrays.copyOfRange(p, k * per, (k + 1) * per), tc.parameters());
        }
        assertThrows(IllegalArgumentException.class, () -> conv.trainedCircuits(new double[p.length - 1]));
    }

    @Test
    void quFeXExtractorHasOneCircuitPerFilter() {
        QuFeXFeatureExtractor ex = new QuFeXFeatureExtractor(QuFeXConfig.of("4-2"), new StatevectorSimulator(1));
        double[] p = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
        List<TrainedCircuit> circuits = ex.trainedCircuits(p);
        assertEquals(List.of("QuFeX filter 1 (PQC1)", "QuFeX filter 2 (PQC2)"),
                circuits.stream().map(TrainedCircuit::name).toList());
        assertArrayEquals(new double[]{0.1, 0.2, 0.3, 0.4}, circuits.get(0).parameters());
        assertArrayEquals(new double[]{0.5, 0.6, 0.7, 0.8}, circuits.get(1).parameters());
        assertThrows(IllegalArgumentException.class, () -> ex.trainedCircuits(new double[4]));
    }

    @Test
    void trainedHeadShowsTheDqcCircuitAndNothingForTheClassicalHead() {
        DressedQuantumHead dqc = new DressedQuantumHead(2, 2, 2, 1);
        TrainedHead quantum = new TrainedHead(dqc, null, Loss.SOFTMAX_CROSS_ENTROPY, null);
        assertEquals(dqc.trainedCircuits(), quantum.trainedCircuits());
        assertEquals(List.of(), new TrainedHead(new DenseHead(2, 2), null, Loss.SOFTMAX_CROSS_ENTROPY, null).trainedCircuits());
    }
}

package org.hybridqml.sim.qasm;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.circuits.QuFeXCircuits;
import org.hybridqml.circuits.StronglyEntanglingLayers;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Export, import, simulate: the papers' circuits with random parameters and inputs give the same expectation values
 * after a trip through OpenQASM 2.0, and the exported state preparation reproduces the amplitude embedding.
 */
class OpenQasmRoundTripTest {

    private static final double TOL = 1e-12;
    private final StatevectorSimulator sim = new StatevectorSimulator(1);

    private static double[] random(SplittableRandom rng, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return v;
    }

    /** The papers' circuits: QuFeX PQC1/PQC2 (arXiv:2501.13165), DQC (arXiv:2405.00156), pointwise (arXiv:2412.01241). */
    private static List<Circuit> paperCircuits() {
        return List.of(QuFeXCircuits.pqc1(4), QuFeXCircuits.pqc2(4), QuFeXCircuits.pqc2(6),
                DressedQuantumCircuit.circuit(3, DressedQuantumCircuit.PAPER_LAYERS),
                DressedQuantumCircuit.circuit(1, 2),
                StronglyEntanglingLayers.circuit(1, 1), StronglyEntanglingLayers.circuit(3, 2),
                StronglyEntanglingLayers.circuit(5, 2), StronglyEntanglingLayers.circuit(16, 3));
    }

    private double[] expectations(Circuit c, double[] params, double[] input) {
        return sim.expectations(c, params, new double[][]{input})[0];
    }

    @Test
    void paperCircuitsKeepTheirExpectationValues() {
        SplittableRandom rng = new SplittableRandom(20261207L);
        for (Circuit c : paperCircuits()) {
            for (int trial = 0; trial < 3; trial++) {
                double[] params = random(rng, c.numParameters(), -Math.PI, Math.PI);
                double[] input = random(rng, c.numInputs(), -1.0, 1.0);
                double[] want = expectations(c, params, input);
                for (boolean measure : new boolean[]{true, false}) {
                    String qasm = OpenQasmExporter.toQasm2(c, params, input, measure);
                    Circuit back = OpenQasmImporter.fromQasm2(qasm);
                    double[] got = expectations(back, new double[0], new double[0]);
                    assertEquals(want.length, got.length, c.toString());
                    for (int k = 0; k < want.length; k++) {
                        assertEquals(want[k], got[k], TOL, c + " measure=" + measure + " output " + k);
                    }
                }
            }
        }
    }

    /** Re-exporting an imported program gives the same program (the embedding's comment lines aside). */
    @Test
    void exportImportExportIsIdentical() {
        SplittableRandom rng = new SplittableRandom(7L);
        for (Circuit c : paperCircuits()) {
            double[] params = random(rng, c.numParameters(), -Math.PI, Math.PI);
            double[] input = random(rng, c.numInputs(), -1.0, 1.0);
            for (boolean measure : new boolean[]{true, false}) {
                String first = OpenQasmExporter.toQasm2(c, params, input, measure);
                Circuit back = OpenQasmImporter.fromQasm2(first);
                String second = OpenQasmExporter.toQasm2(back, new double[0], new double[0], measure);
                // measured X observables: the first program's basis-change h gates come back as gates
                assertEquals(c.amplitudeEmbedding() == null ? first : withoutEmbeddingComments(first), second,
                        c.toString());
                assertEquals(second, OpenQasmExporter.toQasm2(OpenQasmImporter.fromQasm2(second), null, null,
                        measure));
            }
        }
    }

    private static String withoutEmbeddingComments(String qasm) {
        StringBuilder sb = new StringBuilder();
        for (String line : qasm.split("\n")) {
            if (!line.startsWith("// amplitude embedding") && !line.equals("// circuit")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** The exported preparation gives the embedded state itself (signs and zero padding included), to 1e-12. */
    @Test
    void statePreparationReproducesTheAmplitudeEmbedding() {
        SplittableRandom rng = new SplittableRandom(11L);
        for (int n = 1; n <= 10; n++) {
            for (int length : new int[]{1, (1 << n) - 1, 1 << n, (1 << (n - 1)) + 1}) {
                if (length < 1 || length > (1 << n)) {
                    continue;
                }
                Circuit c = Circuit.builder(n).amplitudeEmbedding(length).expectZAll().build();
                double[] x = random(rng, length, -2.0, 2.0);
                if (length > 2) {
                    x[1] = 0.0;
                    x[length - 1] = -0.0;
                }
                assertSameState(c, x);
            }
        }
        // one non-zero amplitude, negative: every other branch is empty
        Circuit c = Circuit.builder(3).amplitudeEmbedding(1, 8).expectZAll().build();
        double[] x = new double[9];
        x[0] = 5.0;
        x[6] = -3.0;
        assertSameState(c, x);
    }

    private void assertSameState(Circuit c, double[] x) {
        double[][] want = sim.finalState(c, new double[0], x);
        Circuit back = OpenQasmImporter.fromQasm2(OpenQasmExporter.toQasm2(c, null, x));
        double[][] got = sim.finalState(back, new double[0], new double[0]);
        for (int i = 0; i < want[0].length; i++) {
            assertEquals(want[0][i], got[0][i], TOL, "re " + i + " of " + c);
            assertEquals(want[1][i], got[1][i], TOL, "im " + i + " of " + c);
        }
    }

    /** An embedding that does not start at feature 0, followed by gates that read other features. */
    @Test
    void embeddingWithAngleInputsAfterIt() {
        Circuit c = Circuit.builder(2).numInputs(6).amplitudeEmbedding(2, 3)
                .ry(0, Angle.input(0, Math.PI)).rz(1, Angle.input(5, 0.5)).h(1).cnot(1, 0).expectZAll().expectX(1)
                .build();
        double[] input = {0.3, 9.0, -0.4, 0.1, 0.7, -1.2};
        double[] want = expectations(c, new double[0], input);
        double[] got = expectations(OpenQasmImporter.fromQasm2(OpenQasmExporter.toQasm2(c, null, input, false)),
                new double[0], new double[0]);
        for (int k = 0; k < want.length; k++) {
            assertEquals(want[k], got[k], TOL, "output " + k);
        }
    }
}

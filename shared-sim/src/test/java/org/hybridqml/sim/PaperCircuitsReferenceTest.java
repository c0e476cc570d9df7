package org.hybridqml.sim;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.circuits.QuFeXCircuits;
import org.hybridqml.circuits.StronglyEntanglingLayers;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.reference.DenseReference;
import org.hybridqml.sim.reference.RandomCircuits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine on the papers' circuits (QuFeX PQC1/PQC2, strongly entangling layers, dressed quantum circuit) against
 * the dense reference, and its adjoint gradients against the parameter-shift rule, with inputs such as the circuits
 * see in training (pixels in [0, 1]).
 */
class PaperCircuitsReferenceTest {

    private static List<Circuit> paperCircuits() {
        List<Circuit> list = new ArrayList<>();
        for (int n = 2; n <= 6; n += 2) {
            list.add(QuFeXCircuits.pqc1(n));
            list.add(QuFeXCircuits.pqc2(n));
        }
        for (int n = 1; n <= 5; n++) {
            list.add(DressedQuantumCircuit.circuit(n, DressedQuantumCircuit.PAPER_LAYERS));
        }
        for (int channels : new int[]{2, 3, 4, 8, 16}) {
            list.add(StronglyEntanglingLayers.circuit(channels, 2));
        }
        return list;
    }

    private static double[][] pixelInputs(SplittableRandom rng, int batch, int len) {
        double[][] x = new double[batch][len];
        for (double[] row : x) {
            for (int f = 0; f < len; f++) {
                row[f] = 0.05 + 0.9 * rng.nextDouble();
            }
        }
        return x;
    }

    @Test
    void paperCircuitsMatchReference() {
        SplittableRandom rng = new SplittableRandom(501);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        for (Circuit c : paperCircuits()) {
            double[] params = RandomCircuits.vector(rng, c.numParameters());
            double[][] inputs = pixelInputs(rng, 3, c.numInputs());
            double[][] e = sim.expectations(c, params, inputs);
            for (int b = 0; b < inputs.length; b++) {
                assertArrayEquals(DenseReference.expectations(c, params, inputs[b]), e[b], 1e-10, c::toString);
            }
        }
    }

    @Test
    void paperCircuitGradientsEqualParameterShiftOrFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(502);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        for (Circuit c : paperCircuits()) {
            double[] params = RandomCircuits.vector(rng, c.numParameters());
            double[][] inputs = pixelInputs(rng, 2, c.numInputs());
            double[][] up = RandomCircuits.matrix(rng, 2, c.observables().size());
            ValueAndGradient adj = sim.valueAndGradient(c, params, inputs, up);
            if (c.amplitudeEmbedding() == null) {
                ValueAndGradient ps = ParameterShift.valueAndGradient(sim, c, params, inputs, up);
                assertArrayEquals(ps.parameterGradient(), adj.parameterGradient(), 1e-9, c::toString);
                for (int b = 0; b < 2; b++) {
                    assertArrayEquals(ps.inputGradient()[b], adj.inputGradient()[b], 1e-9, c::toString);
                }
            } else {
                // central differences (6-point, h = 1e-3) on the parameters
                double h = 1e-3;
                double[] off = {-3, -2, -1, 1, 2, 3};
                double[] w = {-1, 9, -45, 45, -9, 1};
                for (int i = 0; i < params.length; i++) {
                    double d = 0;
                    for (int j = 0; j < off.length; j++) {
                        double[] q = params.clone();
                        q[i] += off[j] * h;
                        double[][] e = sim.expectations(c, q, inputs);
                        for (int b = 0; b < 2; b++) {
                            for (int k = 0; k < up[b].length; k++) {
                                d += w[j] * up[b][k] * e[b][k];
                            }
                        }
                    }
                    assertEquals(d / (60 * h), adj.parameterGradient()[i], 1e-7,
                            c::toString);
                }
            }
        }
    }
}

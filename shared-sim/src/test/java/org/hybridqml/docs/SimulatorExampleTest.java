package org.hybridqml.docs;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.sim.ParameterShift;
// snippet-start imports
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.ValueAndGradient;
import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;
// snippet-end imports
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The simulator examples of {@code docs/simulator-usage.md}: build a circuit, compute expectation values and
 * adjoint gradients, and check them against closed forms and the parameter-shift rule.
 */
class SimulatorExampleTest {

    @Test
    void buildRunAndDifferentiateACircuit() {
        // snippet-start circuit
        // 2 qubits: RY(pi * x_i) embeds input feature i on wire i, then a trainable RX and a CNOT; read <Z> of both
        Circuit c = Circuit.builder(2)
                .angleEmbedding(Gate.RY, 0, 2, Math.PI)
                .rx(0, Angle.param(0))
                .cnot(0, 1)
                .expectZ(0, 1)
                .build();
        double[] params = {0.3};                                   // one trainable angle
        double[][] inputs = {{0.25, 0.5}, {1.0, 0.0}};             // a batch of two samples, two features each

        StatevectorSimulator sim = new StatevectorSimulator();     // all cores; results are the same for any count
        double[][] z = sim.expectations(c, params, inputs);        // [sample][observable]: <Z0>, <Z1>

        // gradients of L = sum over samples of <Z0> + <Z1>: the upstream dL/d<Z_k> is 1 for every output
        double[][] upstream = {{1, 1}, {1, 1}};
        ValueAndGradient g = sim.valueAndGradient(c, params, inputs, upstream);
        double[] dLdTheta = g.parameterGradient();                 // summed over the batch
        double[][] dLdX = g.inputGradient();                       // per sample and feature
        // snippet-end circuit

        // <Z0> = cos(pi x0) cos(theta); after the CNOT <Z1> = <Z0 Z1> before it = cos(pi x0) cos(theta) cos(pi x1)
        for (int s = 0; s < inputs.length; s++) {
            double a = Math.cos(Math.PI * inputs[s][0]) * Math.cos(params[0]);
            assertEquals(a, z[s][0], 1e-12);
            assertEquals(a * Math.cos(Math.PI * inputs[s][1]), z[s][1], 1e-12);
        }
        ValueAndGradient shift = ParameterShift.valueAndGradient(sim, c, params, inputs, upstream);
        assertEquals(shift.parameterGradient()[0], dLdTheta[0], 1e-10);
        for (int s = 0; s < inputs.length; s++) {
            for (int f = 0; f < 2; f++) {
                assertEquals(shift.inputGradient()[s][f], dLdX[s][f], 1e-10);
            }
        }
    }

    @Test
    void runThePapersDressedQuantumCircuit() {
        // snippet-start papers-circuit
        // the circuit of the DQC head (Chan et al., arXiv:2405.00156): H + RY(x_i) on every wire, then 3 layers
        // of RY(w) on every wire + a CNOT ring, <Z> of every wire
        Circuit dqc = DressedQuantumCircuit.circuit(4, 3);
        double[] weights = new double[dqc.numParameters()];
        double[][] x = {new double[dqc.numInputs()]};
        double[][] z = new StatevectorSimulator().expectations(dqc, weights, x);
        System.out.println(dqc.numQubits() + " qubits, " + dqc.numParameters() + " weights, <Z> = "
                + java.util.Arrays.toString(z[0]));
        // snippet-end papers-circuit

        // with every angle 0 the state is H|0>^n (the CNOT ring permutes basis states of |+>^n): every <Z_i> is 0
        assertEquals(4, z[0].length);
        for (double v : z[0]) {
            assertEquals(0.0, v, 1e-12);
        }
    }
}

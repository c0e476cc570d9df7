package org.hybridqml.sim;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.sim.circuit.Circuit;

/**
 * Run by {@link VectorKernelsTest} in a child JVM started without {@code jdk.incubator.vector}: prints the kernels in
 * use, then the expectation values of a fixed 14-qubit DQC sample, one exact double (hex) per line.
 */
public final class ScalarJvmProbe {

    private ScalarJvmProbe() {
    }

    /**
     * Entry point.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        System.out.println(StatevectorSimulator.kernels());
        for (double e : expectations()) {
            System.out.println(Double.toHexString(e));
        }
    }

    /** The probe's values: ⟨Z⟩ of every wire of a 14-qubit, 2-layer DQC at fixed parameters and input. */
    static double[] expectations() {
        Circuit c = DressedQuantumCircuit.circuit(14, 2);
        double[] params = new double[c.numParameters()];
        for (int i = 0; i < params.length; i++) {
            params[i] = 0.1 + 0.37 * i;
        }
        double[] input = new double[c.numInputs()];
        for (int i = 0; i < input.length; i++) {
            input[i] = Math.sin(1.3 * i);
        }
        return new StatevectorSimulator(1).expectations(c, params, new double[][]{input})[0];
    }
}

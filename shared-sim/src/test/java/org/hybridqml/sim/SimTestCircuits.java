package org.hybridqml.sim;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;

import java.util.SplittableRandom;

/** Random circuits and vectors shared by the simulator's engine tests. */
final class SimTestCircuits {

    private SimTestCircuits() {
    }

    /**
     * A random circuit over every gate (or only the real ones), with parameter, input and constant angles, random Z/X
     * readouts, and an optional amplitude embedding of the first {@code ampLength} inputs.
     */
    static Circuit randomCircuit(SplittableRandom rng, int n, int numOps, int numParams, int numInputs,
                                 boolean realOnly, int ampLength) {
        Circuit.Builder b = Circuit.builder(n).numParameters(numParams).numInputs(numInputs);
        if (ampLength > 0) {
            b.amplitudeEmbedding(ampLength);
        }
        Gate[] single = realOnly ? new Gate[]{Gate.H, Gate.X, Gate.Z, Gate.RY}
                : new Gate[]{Gate.H, Gate.X, Gate.Y, Gate.Z, Gate.S, Gate.T, Gate.RX, Gate.RY, Gate.RZ, Gate.ROT,
                Gate.PHASE_SHIFT};
        Gate[] two = {Gate.CNOT, Gate.CZ, Gate.SWAP};
        for (int i = 0; i < numOps; i++) {
            if (n > 1 && rng.nextInt(3) == 0) {
                int a = rng.nextInt(n);
                int c = (a + 1 + rng.nextInt(n - 1)) % n;
                b.gate(two[rng.nextInt(two.length)], new int[]{a, c});
            } else {
                Gate g = single[rng.nextInt(single.length)];
                Angle[] angles = new Angle[g.numAngles()];
                for (int k = 0; k < angles.length; k++) {
                    int src = rng.nextInt(3);
                    angles[k] = src == 0 ? Angle.param(rng.nextInt(numParams), 0.5 + rng.nextDouble())
                            : src == 1 && numInputs > 0 ? Angle.input(rng.nextInt(numInputs), Math.PI)
                            : Angle.constant(rng.nextDouble() * 6);
                }
                b.gate(g, new int[]{rng.nextInt(n)}, angles);
            }
        }
        for (int w = 0; w < n; w++) {
            if (rng.nextBoolean()) {
                b.expectZ(w);
            } else {
                b.expectX(w);
            }
        }
        return b.build();
    }

    static double[] randomVector(SplittableRandom rng, int len) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = rng.nextDouble() * 2 - 1;
        }
        return v;
    }

    static Circuit randomCircuit(SplittableRandom rng, int n, int numOps, int numParams, int numInputs,
                                 boolean realOnly) {
        return randomCircuit(rng, n, numOps, numParams, numInputs, realOnly, 0);
    }
}

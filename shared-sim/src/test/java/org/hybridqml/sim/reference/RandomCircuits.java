package org.hybridqml.sim.reference;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/** Seeded random circuits for the reference comparisons. */
public final class RandomCircuits {

    /** Every gate. */
    public static final Gate[] ALL_GATES = Gate.values();
    /** The gates that keep a real state real. */
    public static final Gate[] REAL_GATES = {Gate.H, Gate.X, Gate.Z, Gate.RY, Gate.CNOT, Gate.CZ, Gate.SWAP};

    private RandomCircuits() {
    }

    /**
     * A random circuit. Every gate of {@code gates} that fits the register occurs at least once (in random order),
     * followed by {@code extraOps} random ones. Angles mix parameters (with scales), inputs (with scales) and
     * constants, so parameters and inputs are typically shared by several gates. Observables are random Z and X on
     * random wires (repeats allowed).
     *
     * @param rng       random source
     * @param n         qubits
     * @param extraOps  random operations after the one-of-each prefix
     * @param numParams parameters to draw from (&ge; 1)
     * @param numInputs angle inputs to draw from (0 for none)
     * @param amplitude whether to start with an amplitude embedding (random length 1..2^n, random offset, possibly
     *                  overlapping the angle inputs)
     * @param gates     the gate set
     * @return the circuit
     */
    public static Circuit random(SplittableRandom rng, int n, int extraOps, int numParams, int numInputs,
                                 Gate[] gates, boolean amplitude) {
        Circuit.Builder b = Circuit.builder(n).numParameters(numParams).numInputs(numInputs);
        if (amplitude) {
            int len = 1 + rng.nextInt(1 << n);
            int first = rng.nextInt(Math.max(1, numInputs + 1));
            b.amplitudeEmbedding(first, len);
        }
        List<Gate> prefix = new ArrayList<>();
        for (Gate g : gates) {
            if (g.numWires() <= n) {
                prefix.add(g);
            }
        }
        Collections.shuffle(prefix, new Random(rng.nextLong()));
        for (Gate g : prefix) {
            addGate(b, rng, g, n, numParams, numInputs);
        }
        for (int i = 0; i < extraOps; i++) {
            Gate g;
            do {
                g = gates[rng.nextInt(gates.length)];
            } while (g.numWires() > n);
            addGate(b, rng, g, n, numParams, numInputs);
        }
        int numObs = 1 + rng.nextInt(n + 1);
        for (int k = 0; k < numObs; k++) {
            int w = rng.nextInt(n);
            if (rng.nextBoolean()) {
                b.expectZ(w);
            } else {
                b.expectX(w);
            }
        }
        return b.build();
    }

    private static void addGate(Circuit.Builder b, SplittableRandom rng, Gate g, int n, int numParams, int numInputs) {
        int[] wires;
        if (g.numWires() == 1) {
            wires = new int[]{rng.nextInt(n)};
        } else {
            int a = rng.nextInt(n);
            int c = (a + 1 + rng.nextInt(n - 1)) % n;
            wires = new int[]{a, c};
        }
        Angle[] angles = new Angle[g.numAngles()];
        for (int k = 0; k < angles.length; k++) {
            angles[k] = randomAngle(rng, numParams, numInputs);
        }
        b.gate(g, wires, angles);
    }

    /**
     * @param rng       random source
     * @param numParams parameters to draw from
     * @param numInputs inputs to draw from (0 for none)
     * @return a parameter, input or constant angle with a random scale
     */
    public static Angle randomAngle(SplittableRandom rng, int numParams, int numInputs) {
        int src = rng.nextInt(3);
        double scale = rng.nextBoolean() ? 1.0 : (rng.nextBoolean() ? -1 : 1) * (0.3 + 1.7 * rng.nextDouble());
        if (src == 0 || (src == 1 && numInputs == 0)) {
            return Angle.param(rng.nextInt(numParams), scale);
        } else if (src == 1) {
            return Angle.input(rng.nextInt(numInputs), rng.nextInt(4) == 0 ? Math.PI : scale);
        }
        return Angle.constant(rng.nextDouble() * 4 * Math.PI - 2 * Math.PI);
    }

    /**
     * @param rng random source
     * @param len length
     * @return entries uniform in [-2, 2)
     */
    public static double[] vector(SplittableRandom rng, int len) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = rng.nextDouble() * 4 - 2;
        }
        return v;
    }

    /**
     * @param rng  random source
     * @param rows rows
     * @param cols columns
     * @return a random matrix
     */
    public static double[][] matrix(SplittableRandom rng, int rows, int cols) {
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) {
            m[i] = vector(rng, cols);
        }
        return m;
    }
}

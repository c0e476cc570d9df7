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

    /** Shapes that stress specific engine optimisations. */
    public enum Shape {
        /** Only single-qubit gates: a product state throughout. */
        PRODUCT_ONLY,
        /** A long single-qubit prefix, then a few entangling gates mixed with more single-qubit gates. */
        LONG_PRODUCT_PREFIX,
        /** Runs of CNOT/SWAP/CZ/X (permutation-like gates) with occasional rotations. */
        PERMUTATION_RUNS,
        /** All gates confined to a window of 2–4 adjacent wires at the top or the bottom of the register. */
        WIRE_WINDOW
    }

    private static final Gate[] SINGLE = {Gate.H, Gate.X, Gate.Y, Gate.Z, Gate.S, Gate.T, Gate.RX, Gate.RY, Gate.RZ,
            Gate.ROT, Gate.PHASE_SHIFT};
    private static final Gate[] SINGLE_REAL = {Gate.H, Gate.X, Gate.Z, Gate.RY};
    private static final Gate[] PERMUTATION_LIKE = {Gate.CNOT, Gate.SWAP, Gate.CNOT, Gate.SWAP, Gate.CZ, Gate.X};

    /**
     * A random circuit of a given {@link Shape}, with 3 parameters and 2 angle inputs.
     *
     * @param rng       random source
     * @param n         qubits
     * @param shape     shape
     * @param real      only real gates
     * @param amplitude start with an amplitude embedding
     * @return the circuit
     */
    public static Circuit structured(SplittableRandom rng, int n, Shape shape, boolean real, boolean amplitude) {
        Circuit.Builder b = Circuit.builder(n).numParameters(3).numInputs(2);
        if (amplitude) {
            b.amplitudeEmbedding(rng.nextInt(2), 1 + rng.nextInt(1 << n));
        }
        Gate[] single = real ? SINGLE_REAL : SINGLE;
        int lo = 0;
        int hi = n;
        if (shape == Shape.WIRE_WINDOW) {
            int width = Math.min(n, 2 + rng.nextInt(3));
            lo = rng.nextBoolean() ? 0 : n - width;
            hi = lo + width;
        }
        int ops = 10 + rng.nextInt(30);
        for (int i = 0; i < ops; i++) {
            Gate g;
            switch (shape) {
                case PRODUCT_ONLY:
                    g = single[rng.nextInt(single.length)];
                    break;
                case LONG_PRODUCT_PREFIX:
                    g = i < ops * 2 / 3 || rng.nextBoolean() ? single[rng.nextInt(single.length)] : Gate.CNOT;
                    break;
                case PERMUTATION_RUNS:
                    g = rng.nextInt(4) == 0 ? single[rng.nextInt(single.length)]
                            : PERMUTATION_LIKE[rng.nextInt(PERMUTATION_LIKE.length)];
                    break;
                default:
                    g = rng.nextInt(3) == 0 ? new Gate[]{Gate.CNOT, Gate.CZ, Gate.SWAP}[rng.nextInt(3)]
                            : single[rng.nextInt(single.length)];
            }
            if (g.numWires() > hi - lo) {
                g = single[rng.nextInt(single.length)];
            }
            int[] wires;
            if (g.numWires() == 1) {
                wires = new int[]{lo + rng.nextInt(hi - lo)};
            } else {
                int a = lo + rng.nextInt(hi - lo);
                int c = lo + (a - lo + 1 + rng.nextInt(hi - lo - 1)) % (hi - lo);
                wires = new int[]{a, c};
            }
            Angle[] angles = new Angle[g.numAngles()];
            for (int k = 0; k < angles.length; k++) {
                angles[k] = randomAngle(rng, 3, 2);
            }
            b.gate(g, wires, angles);
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
}

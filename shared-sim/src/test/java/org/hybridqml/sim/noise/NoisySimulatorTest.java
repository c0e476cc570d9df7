package org.hybridqml.sim.noise;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.circuits.QuFeXCircuits;
import org.hybridqml.circuits.StronglyEntanglingLayers;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.reference.RandomCircuits;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NoisySimulator}: closed-form results of each channel (derived in the comments from the Kraus operators of
 * {@link NoiseModel}), p = 0 against the exact statevector on the papers' circuits and random circuits, trajectories
 * against the density matrix, shot statistics, seeds, thread independence, and argument errors.
 */
class NoisySimulatorTest {

    private static final double[] ANGLES = {0.0, 0.3, 1.1, Math.PI / 2, 2.5, Math.PI};

    private static double[][] column(double... values) {
        double[][] x = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            x[i][0] = values[i];
        }
        return x;
    }

    private static double[][] dm(Circuit c, double[] params, double[][] inputs, String spec) {
        return new NoisySimulator(2).method(NoisySimulator.Method.DENSITY_MATRIX)
                .expectations(c, params, inputs, NoiseModel.parse(spec), 0, 1L);
    }

    /** RX(θ)|0⟩ has Bloch vector (0, −sin θ, cos θ); RY(θ)|0⟩ has (sin θ, 0, cos θ). */
    private static Circuit oneQubit(boolean ry) {
        Circuit.Builder b = Circuit.builder(1).numInputs(1);
        return (ry ? b.ry(0, Angle.input(0, 1.0)) : b.rx(0, Angle.input(0, 1.0))).expectZ(0).expectX(0).build();
    }

    @Test
    void singleQubitChannelsMatchClosedForms() {
        double[][] thetas = column(ANGLES);
        for (double p : new double[]{0.0, 0.01, 0.2, 0.75, 1.0}) {
            double[][] depRx = dm(oneQubit(false), new double[0], thetas, "depolarizing:" + p);
            double[][] flipRx = dm(oneQubit(false), new double[0], thetas, "bitflip:" + p);
            double[][] dampRx = dm(oneQubit(false), new double[0], thetas, "amplitude-damping:" + p);
            double[][] depRy = dm(oneQubit(true), new double[0], thetas, "depolarizing:" + p);
            double[][] flipRy = dm(oneQubit(true), new double[0], thetas, "bitflip:" + p);
            double[][] dampRy = dm(oneQubit(true), new double[0], thetas, "amplitude-damping:" + p);
            for (int i = 0; i < ANGLES.length; i++) {
                double c = Math.cos(ANGLES[i]);
                double s = Math.sin(ANGLES[i]);
                String at = "p=" + p + " θ=" + ANGLES[i];
                // depolarizing: (1−p)ρ + p/3(XρX + YρY + ZρZ); each Pauli keeps its own component and flips the
                // other two, so r → (1 − p − p/3)·r = (1 − 4p/3)·r
                assertEquals((1 - 4 * p / 3) * c, depRx[i][0], 1e-12, "depolarizing <Z> after RX, " + at);
                assertEquals((1 - 4 * p / 3) * s, depRy[i][1], 1e-12, "depolarizing <X> after RY, " + at);
                // bit flip: XZX = −Z, so <Z> → (1 − 2p)<Z>; X commutes with X, so <X> is kept
                assertEquals((1 - 2 * p) * c, flipRx[i][0], 1e-12, "bit flip <Z> after RX, " + at);
                assertEquals(s, flipRy[i][1], 1e-12, "bit flip <X> after RY, " + at);
                // amplitude damping: ρ11 → (1−γ)ρ11, ρ00 → ρ00 + γρ11, ρ01 → √(1−γ)ρ01, so
                // <Z> → <Z> + 2γρ11 = γ + (1−γ)cos θ, and <X> = 2 Re ρ01 → √(1−γ) sin θ
                assertEquals(p + (1 - p) * c, dampRx[i][0], 1e-12, "amplitude damping <Z> after RX, " + at);
                assertEquals(Math.sqrt(1 - p) * s, dampRy[i][1], 1e-12, "amplitude damping <X> after RY, " + at);
            }
        }
        // amplitude damping after X: <Z> = −1 + 2γ
        Circuit x = Circuit.builder(1).x(0).expectZ(0).build();
        for (double g : new double[]{0.0, 0.05, 0.5, 1.0}) {
            assertEquals(-1 + 2 * g, dm(x, new double[0], new double[][]{{}}, "amplitude-damping:" + g)[0][0], 1e-12);
        }
    }

    /**
     * Wire 0: RX(x0), RX(x1); wire 1: X. Greedy moments: {RX(x0) on 0, X on 1}, {RX(x1) on 0}. After each gate wire 0
     * gets the channel twice and wire 1 once; after each layer both wires get it twice (the idle wire 1 too).
     */
    @Test
    void gateAndLayerPlacementDiffer() {
        Circuit c = Circuit.builder(2).numInputs(2).rx(0, Angle.input(0, 1.0)).rx(0, Angle.input(1, 1.0)).x(1)
                .expectZ(0, 1).build();
        double[][] in = {{0.4, 0.9}, {1.3, -0.2}};
        double p = 0.07;
        double[][] gate = dm(c, new double[0], in, "bitflip:" + p + "@gate");
        double[][] layer = dm(c, new double[0], in, "bitflip:" + p + "@layer");
        for (int b = 0; b < in.length; b++) {
            // the bit flip commutes with RX, so the two flips on wire 0 act after RX(x0 + x1)
            double z0 = (1 - 2 * p) * (1 - 2 * p) * Math.cos(in[b][0] + in[b][1]);
            assertEquals(z0, gate[b][0], 1e-12);
            assertEquals(z0, layer[b][0], 1e-12);
            assertEquals(-(1 - 2 * p), gate[b][1], 1e-12);
            assertEquals(-(1 - 2 * p) * (1 - 2 * p), layer[b][1], 1e-12);
        }
        // amplitude damping k times after X: 1 − <Z> → (1−γ)(1 − <Z>), so <Z> = 1 − 2(1−γ)^k
        double g = 0.1;
        assertEquals(1 - 2 * (1 - g), dm(c, new double[0], in, "amplitude-damping:" + g + "@gate")[0][1], 1e-12);
        assertEquals(1 - 2 * (1 - g) * (1 - g), dm(c, new double[0], in, "amplitude-damping:" + g + "@layer")[0][1],
                1e-12);
    }

    /** X(0), CNOT(0 → 1), bit flip after each gate on the wires it touches: <Z0> = <Z1> = −(1 − 2p)². */
    @Test
    void twoQubitGatesGetTheChannelOnBothWires() {
        Circuit c = Circuit.builder(2).x(0).cnot(0, 1).expectZ(0, 1).build();
        double p = 0.12;
        double[][] e = dm(c, new double[0], new double[][]{{}}, "bitflip:" + p);
        assertEquals(-(1 - 2 * p) * (1 - 2 * p), e[0][0], 1e-12);
        assertEquals(-(1 - 2 * p) * (1 - 2 * p), e[0][1], 1e-12);
    }

    private static List<Circuit> paperCircuits() {
        return List.of(QuFeXCircuits.pqc1(4), QuFeXCircuits.pqc2(4),
                DressedQuantumCircuit.circuit(4, DressedQuantumCircuit.PAPER_LAYERS),
                // the amplitude-embedded pointwise-convolution circuit, with and without zero padding
                StronglyEntanglingLayers.circuit(16, 2), StronglyEntanglingLayers.circuit(5, 3));
    }

    @Test
    void zeroNoiseEqualsTheStatevectorOnPaperAndRandomCircuits() {
        SplittableRandom rng = new SplittableRandom(71);
        StatevectorSimulator sv = new StatevectorSimulator(2);
        List<Circuit> circuits = new java.util.ArrayList<>(paperCircuits());
        for (int n = 1; n <= 5; n++) {
            circuits.add(RandomCircuits.random(rng, n, 20, 3, 2, RandomCircuits.ALL_GATES, n % 2 == 0));
        }
        for (Circuit c : circuits) {
            double[] params = RandomCircuits.vector(rng, c.numParameters());
            double[][] inputs = RandomCircuits.matrix(rng, 4, c.numInputs());
            double[][] exact = sv.expectations(c, params, inputs);
            for (NoiseModel none : new NoiseModel[]{NoiseModel.none(), NoiseModel.parse("amplitude-damping:0@layer")}) {
                double[][] byDm = new NoisySimulator(2).method(NoisySimulator.Method.DENSITY_MATRIX)
                        .expectations(c, params, inputs, none, 0, 5L);
                double[][] byTraj = new NoisySimulator(2).method(NoisySimulator.Method.TRAJECTORIES).trajectories(3)
                        .expectations(c, params, inputs, none, 0, 5L);
                for (int b = 0; b < inputs.length; b++) {
                    assertArrayEquals(exact[b], byDm[b], 1e-12, "density matrix, " + c);
                    assertArrayEquals(exact[b], byTraj[b], 1e-12, "trajectories, " + c);
                }
            }
            // the density matrix itself is |ψ⟩⟨ψ|, imaginary parts included
            double[][] psi = sv.finalState(c, params, inputs[0]);
            double[][] rho = new NoisySimulator(1).densityMatrix(c, params, inputs[0], NoiseModel.none());
            int dim = psi[0].length;
            for (int r = 0; r < dim; r++) {
                for (int col = 0; col < dim; col++) {
                    assertEquals(psi[0][r] * psi[0][col] + psi[1][r] * psi[1][col], rho[0][r * dim + col], 1e-12);
                    assertEquals(psi[1][r] * psi[0][col] - psi[0][r] * psi[1][col], rho[1][r * dim + col], 1e-12);
                }
            }
        }
    }

    /** AUTO with no noise is the statevector simulator itself: the same bits, exact and sampled. */
    @Test
    void noiseFreeAutoDelegatesToTheStatevector() {
        Circuit c = DressedQuantumCircuit.circuit(3, 2);
        SplittableRandom rng = new SplittableRandom(3);
        double[] params = RandomCircuits.vector(rng, c.numParameters());
        double[][] inputs = RandomCircuits.matrix(rng, 5, c.numInputs());
        StatevectorSimulator sv = new StatevectorSimulator(1);
        NoisySimulator noisy = new NoisySimulator(2);
        double[][] exact = sv.expectations(c, params, inputs);
        double[][] sampled = sv.sampledExpectations(c, params, inputs, 300, new SplittableRandom(42));
        for (int b = 0; b < inputs.length; b++) {
            assertArrayEquals(exact[b], noisy.expectations(c, params, inputs, NoiseModel.none(), 0, 9)[b], 0.0);
            assertArrayEquals(sampled[b], noisy.expectations(c, params, inputs, NoiseModel.none(), 300, 42)[b], 0.0);
        }
    }

    /** Tolerance of 5 standard errors of a mean of m draws of a ±1-bounded variable with mean μ: Var ≤ 1 − μ². */
    private static double fiveSigma(double mu, long m) {
        return 5 * Math.sqrt(Math.max(1 - mu * mu, 1e-4) / m) + 1e-12;
    }

    @Test
    void trajectoriesConvergeToTheDensityMatrix() {
        SplittableRandom rng = new SplittableRandom(13);
        int trajectories = 2000;
        boolean noiseVisible = false;
        for (Circuit c : new Circuit[]{DressedQuantumCircuit.circuit(3, 2), QuFeXCircuits.pqc2(4),
                StronglyEntanglingLayers.circuit(5, 2)}) {
            double[] params = RandomCircuits.vector(rng, c.numParameters());
            double[][] inputs = RandomCircuits.matrix(rng, 3, c.numInputs());
            double[][] exact = new StatevectorSimulator(1).expectations(c, params, inputs);
            for (String spec : new String[]{"amplitude-damping:0.1", "depolarizing:0.05@layer", "bitflip:0.08"}) {
                NoiseModel noise = NoiseModel.parse(spec);
                double[][] rho = new NoisySimulator(2).method(NoisySimulator.Method.DENSITY_MATRIX)
                        .expectations(c, params, inputs, noise, 0, 0L);
                double[][] traj = new NoisySimulator(2).method(NoisySimulator.Method.TRAJECTORIES)
                        .trajectories(trajectories).expectations(c, params, inputs, noise, 0, 2024L);
                for (int b = 0; b < inputs.length; b++) {
                    for (int k = 0; k < rho[b].length; k++) {
                        double tol = fiveSigma(rho[b][k], trajectories);
                        assertEquals(rho[b][k], traj[b][k], tol, spec + " " + c + " sample " + b + " obs " + k);
                        noiseVisible |= Math.abs(rho[b][k] - exact[b][k]) > tol;
                    }
                }
            }
        }
        assertTrue(noiseVisible, "the noise moves some expectation by more than the tolerance");
    }

    @Test
    void densityMatrixStaysATraceOneHermitianMatrix() {
        SplittableRandom rng = new SplittableRandom(29);
        Circuit c = RandomCircuits.random(rng, 3, 25, 3, 2, RandomCircuits.ALL_GATES, true);
        double[][] rho = new NoisySimulator(1).densityMatrix(c, RandomCircuits.vector(rng, c.numParameters()),
                RandomCircuits.matrix(rng, 1, c.numInputs())[0], NoiseModel.parse("amplitude-damping:0.2@layer"));
        int dim = 8;
        double trace = 0;
        for (int r = 0; r < dim; r++) {
            trace += rho[0][r * dim + r];
            assertTrue(rho[0][r * dim + r] >= -1e-15, "non-negative diagonal");
            for (int col = 0; col < dim; col++) {
                assertEquals(rho[0][r * dim + col], rho[0][col * dim + r], 1e-14);
                assertEquals(rho[1][r * dim + col], -rho[1][col * dim + r], 1e-14);
            }
        }
        assertEquals(1.0, trace, 1e-13);
    }

    @Test
    void shotEstimatesAreSeededUnbiasedAndOnTheShotGrid() {
        Circuit c = DressedQuantumCircuit.circuit(3, 2);
        SplittableRandom rng = new SplittableRandom(5);
        double[] params = RandomCircuits.vector(rng, c.numParameters());
        double[][] inputs = RandomCircuits.matrix(rng, 2, c.numInputs());
        NoiseModel noise = NoiseModel.parse("depolarizing:0.04");
        int shots = 100;
        int seeds = 200;
        for (NoisySimulator.Method m : new NoisySimulator.Method[]{NoisySimulator.Method.DENSITY_MATRIX,
                NoisySimulator.Method.TRAJECTORIES}) {
            NoisySimulator sim = new NoisySimulator(2).method(m);
            double[][] exact = new NoisySimulator(2).method(NoisySimulator.Method.DENSITY_MATRIX)
                    .expectations(c, params, inputs, noise, 0, 0L);
            double[][] mean = new double[inputs.length][exact[0].length];
            for (int seed = 0; seed < seeds; seed++) {
                double[][] e = sim.expectations(c, params, inputs, noise, shots, seed);
                for (int b = 0; b < inputs.length; b++) {
                    for (int k = 0; k < e[b].length; k++) {
                        // (N₊ − N₋)/N with integer counts
                        double plus = (e[b][k] * shots + shots) / 2;
                        assertEquals(Math.rint(plus), plus, 1e-9, "on the 2/N grid");
                        mean[b][k] += e[b][k] / seeds;
                    }
                }
            }
            for (int b = 0; b < inputs.length; b++) {
                for (int k = 0; k < exact[b].length; k++) {
                    assertEquals(exact[b][k], mean[b][k], fiveSigma(exact[b][k], (long) shots * seeds),
                            m + " sample " + b + " obs " + k);
                }
            }
            double[][] a = sim.expectations(c, params, inputs, noise, shots, 77L);
            double[][] again = sim.expectations(c, params, inputs, noise, shots, 77L);
            double[][] other = sim.expectations(c, params, inputs, noise, shots, 78L);
            boolean differs = false;
            for (int b = 0; b < inputs.length; b++) {
                assertArrayEquals(a[b], again[b], 0.0, "same seed, same bits");
                differs |= !java.util.Arrays.equals(a[b], other[b]);
            }
            assertTrue(differs, "another seed gives other outcomes");
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Circuit c = QuFeXCircuits.pqc1(4);
        SplittableRandom rng = new SplittableRandom(8);
        double[] params = RandomCircuits.vector(rng, c.numParameters());
        double[][] inputs = RandomCircuits.matrix(rng, 7, c.numInputs());
        NoiseModel noise = NoiseModel.parse("amplitude-damping:0.05@layer");
        for (NoisySimulator.Method m : NoisySimulator.Method.values()) {
            for (int shots : new int[]{0, 50}) {
                double[][] one = new NoisySimulator(1).method(m).trajectories(40)
                        .expectations(c, params, inputs, noise, shots, 123L);
                double[][] three = new NoisySimulator(3).method(m).trajectories(40)
                        .expectations(c, params, inputs, noise, shots, 123L);
                for (int b = 0; b < inputs.length; b++) {
                    assertArrayEquals(one[b], three[b], 0.0, m + ", shots " + shots + ", sample " + b);
                }
            }
        }
    }

    @Test
    void argumentErrorsSayWhatIsExpected() {
        Circuit small = DressedQuantumCircuit.circuit(2, 1);
        double[] params = new double[small.numParameters()];
        double[][] inputs = new double[1][small.numInputs()];
        NoisySimulator sim = new NoisySimulator(1);
        NoiseModel noise = NoiseModel.parse("bitflip:0.1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sim.expectations(small, params, inputs, noise, -1, 0L));
        assertTrue(e.getMessage().contains("shots must be >= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sim.expectations(small, params, inputs, null, 0, 0L));
        assertTrue(e.getMessage().contains("NoiseModel.none()"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> sim.expectations(small, new double[1], inputs, noise, 0, 0L));
        assertTrue(e.getMessage().contains("trainable parameters"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sim.trajectories(0));
        assertThrows(IllegalArgumentException.class, () -> new NoisySimulator(0));

        Circuit big = Circuit.builder(13).h(0).cnot(0, 12).expectZ(12).build();
        NoisySimulator dmSim = new NoisySimulator(1).method(NoisySimulator.Method.DENSITY_MATRIX);
        e = assertThrows(IllegalArgumentException.class,
                () -> dmSim.expectations(big, new double[0], new double[][]{{}}, noise, 0, 0L));
        assertTrue(e.getMessage().contains("at most 12 qubits") && e.getMessage().contains("13"), e.getMessage());
        // AUTO takes trajectories there. H then CNOT(0 → 12) leaves wire 12 maximally mixed, and a bit flip keeps it
        // so: every trajectory ends with <Z12> = 0 exactly
        NoisySimulator auto = new NoisySimulator(1).trajectories(4);
        assertEquals(NoisySimulator.Method.TRAJECTORIES, auto.engineFor(big));
        assertEquals(0.0, auto.expectations(big, new double[0], new double[][]{{}}, noise, 0, 0L)[0][0], 1e-12);
    }
}

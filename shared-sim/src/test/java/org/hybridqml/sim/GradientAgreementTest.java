package org.hybridqml.sim;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;
import org.hybridqml.sim.reference.DenseReference;
import org.hybridqml.sim.reference.RandomCircuits;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adjoint-method gradients (parameters summed over the batch, inputs per sample) against the parameter-shift rule
 * and against central finite differences, to 1e-7.
 *
 * <p>Finite differences use the 6-point central stencil
 * f'(x) ≈ [−f(x−3h) + 9f(x−2h) − 45f(x−h) + 45f(x+h) − 9f(x+2h) + f(x+3h)]/(60h) with h = 1e-3: truncation error
 * h⁶·f⁽⁷⁾/140 ≈ 1e-18·f⁽⁷⁾ (trig polynomials whose frequencies are sums of a handful of angle scales, so f⁽⁷⁾ stays
 * far below 1e7 here) and rounding error ≈ 1e-16·|L|/h ≈ 1e-12, both well inside the 1e-7 tolerance. A plain
 * two-point difference with h = 1e-5 would have truncation error h²·f'''/6 of order 1e-8…1e-7 on these circuits.
 */
class GradientAgreementTest {

    private static final double TOL = 1e-7;
    private static final double H = 1e-3;
    private static final double[] STENCIL_OFFSETS = {-3, -2, -1, 1, 2, 3};
    private static final double[] STENCIL_WEIGHTS = {-1, 9, -45, 45, -9, 1};

    private final StatevectorSimulator sim = new StatevectorSimulator(2);

    private static double derivative(ToDoubleFunction<Double> f, double x) {
        double s = 0;
        for (int i = 0; i < STENCIL_OFFSETS.length; i++) {
            s += STENCIL_WEIGHTS[i] * f.applyAsDouble(x + STENCIL_OFFSETS[i] * H);
        }
        return s / (60 * H);
    }

    /** L = Σ_b Σ_k up[b][k]·⟨O_k⟩_b. */
    private static double loss(double[][] expectations, double[][] up) {
        double l = 0;
        for (int b = 0; b < up.length; b++) {
            for (int k = 0; k < up[b].length; k++) {
                l += up[b][k] * expectations[b][k];
            }
        }
        return l;
    }

    /** Finite-difference gradient of L through the engine's expectations: {params} followed by one row per sample. */
    private double[][] finiteDifferences(Circuit c, double[] params, double[][] inputs, double[][] up) {
        double[][] out = new double[1 + inputs.length][];
        out[0] = new double[params.length];
        for (int i = 0; i < params.length; i++) {
            final int pi = i;
            out[0][i] = derivative(v -> {
                double[] p = params.clone();
                p[pi] = v;
                return loss(sim.expectations(c, p, inputs), up);
            }, params[i]);
        }
        for (int b = 0; b < inputs.length; b++) {
            out[1 + b] = new double[inputs[b].length];
            for (int f = 0; f < inputs[b].length; f++) {
                final int bb = b;
                final int ff = f;
                double[][] one = {inputs[b].clone()};
                double[][] upOne = {up[b]};
                out[1 + b][f] = derivative(v -> {
                    one[0][ff] = v;
                    return loss(sim.expectations(c, params, one), upOne);
                }, inputs[bb][ff]);
            }
        }
        return out;
    }

    private static void assertGradient(double[] expected, double[] actual, String what, Circuit c) {
        assertArrayEquals(expected, actual, TOL, () -> what + " of " + c + "\n" + c.operations());
    }

    /** Inputs bounded away from zero so an amplitude embedding's normalisation stays smooth under the stencil. */
    private static double[][] inputsAwayFromZero(SplittableRandom rng, int batch, int len) {
        double[][] x = new double[batch][len];
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < len; f++) {
                x[b][f] = (rng.nextBoolean() ? 1 : -1) * (0.3 + 1.5 * rng.nextDouble());
            }
        }
        return x;
    }

    private void assertAdjointMatchesShiftAndFd(Circuit c, SplittableRandom rng, int batch, boolean shift) {
        double[] params = RandomCircuits.vector(rng, c.numParameters());
        double[][] inputs = inputsAwayFromZero(rng, batch, c.numInputs());
        double[][] up = RandomCircuits.matrix(rng, batch, c.observables().size());
        ValueAndGradient adj = sim.valueAndGradient(c, params, inputs, up);
        assertEquals(c.numParameters(), adj.parameterGradient().length);
        assertEquals(batch, adj.inputGradient().length);
        double[][] e = sim.expectations(c, params, inputs);
        for (int b = 0; b < batch; b++) {
            assertArrayEquals(e[b], adj.expectations()[b], 1e-12, "valueAndGradient's expectations");
            assertEquals(c.numInputs(), adj.inputGradient()[b].length);
        }
        double[][] fd = finiteDifferences(c, params, inputs, up);
        assertGradient(fd[0], adj.parameterGradient(), "adjoint vs finite-difference parameter gradient", c);
        for (int b = 0; b < batch; b++) {
            assertGradient(fd[1 + b], adj.inputGradient()[b], "adjoint vs FD input gradient, sample " + b, c);
        }
        if (shift) {
            ValueAndGradient ps = ParameterShift.valueAndGradient(sim, c, params, inputs, up);
            assertGradient(ps.parameterGradient(), adj.parameterGradient(), "adjoint vs shift parameter gradient", c);
            for (int b = 0; b < batch; b++) {
                assertGradient(ps.inputGradient()[b], adj.inputGradient()[b], "adjoint vs shift input gradient", c);
            }
        }
    }

    @Test
    void adjointEqualsParameterShiftAndFiniteDifferencesOnRandomCircuits() {
        SplittableRandom rng = new SplittableRandom(201);
        for (int trial = 0; trial < 80; trial++) {
            int n = 1 + trial % 5;
            Circuit c = RandomCircuits.random(rng, n, 10 + rng.nextInt(15), 1 + rng.nextInt(4), 1 + rng.nextInt(3),
                    RandomCircuits.ALL_GATES, false);
            assertAdjointMatchesShiftAndFd(c, rng, 1 + rng.nextInt(3), true);
        }
    }

    @Test
    void adjointEqualsParameterShiftAndFiniteDifferencesOnRealCircuits() {
        SplittableRandom rng = new SplittableRandom(202);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + trial % 5;
            Circuit c = RandomCircuits.random(rng, n, 10 + rng.nextInt(15), 1 + rng.nextInt(3), 1 + rng.nextInt(3),
                    RandomCircuits.REAL_GATES, false);
            assertTrue(c.isReal());
            assertAdjointMatchesShiftAndFd(c, rng, 2, true);
        }
    }

    @Test
    void sharedParametersAndRepeatedScaledInputsAccumulateOverEveryOccurrence() {
        // θ0 drives RX, RY, RZ, PhaseShift and all three Rot angles with different scales; x0 drives four gates with
        // different scales, x1 two; θ2 is declared but unused and must get exactly zero.
        Circuit c = Circuit.builder(3).numParameters(3)
                .h(0).h(1).h(2)
                .rx(0, Angle.param(0, 0.5)).ry(1, Angle.param(0, -1.3)).rz(2, Angle.param(0, 2.0))
                .cnot(0, 1).cz(1, 2)
                .rot(1, Angle.param(0, 0.7), Angle.param(0), Angle.param(0, -0.4))
                .phaseShift(0, Angle.param(0, 1.1))
                .ry(0, Angle.input(0, Math.PI)).rx(1, Angle.input(0, -0.5)).swap(0, 2)
                .rot(2, Angle.input(0, 1.5), Angle.input(1, 0.9), Angle.param(1))
                .rz(1, Angle.input(0, 0.25)).ry(2, Angle.input(1, -2))
                .cnot(2, 0).rx(0, Angle.param(1, 3.0))
                .expectZ(0, 1, 2).expectX(0, 2)
                .build();
        assertEquals(3, c.numParameters());
        SplittableRandom rng = new SplittableRandom(203);
        for (int rep = 0; rep < 3; rep++) {
            assertAdjointMatchesShiftAndFd(c, rng, 3, true);
        }
        ValueAndGradient g = sim.valueAndGradient(c, new double[]{0.3, -0.2, 0.9}, new double[][]{{0.4, 0.1}},
                new double[][]{{1, 1, 1, 1, 1}});
        assertEquals(0.0, g.parameterGradient()[2], 0.0, "an unused parameter has zero gradient");
    }

    @Test
    void unusedDeclaredInputsGetExactlyZeroGradient() {
        // features 0..2 amplitude-embedded, 3 drives an RX, 4 and 5 are declared but read by nothing
        Circuit c = Circuit.builder(2).numInputs(6).amplitudeEmbedding(0, 3).rx(1, Angle.input(3, 0.7)).cnot(0, 1)
                .ry(0, Angle.param(0)).expectZ(0, 1).expectX(1).build();
        assertEquals(6, c.numInputs());
        ValueAndGradient g = sim.valueAndGradient(c, new double[]{0.4},
                new double[][]{{0.3, -1.2, 0.8, 0.5, 7, -7}, {1, 1, 1, 1, 1, 1}}, new double[][]{{1, -2, 0.5}, {1, 1, 1}});
        for (int b = 0; b < 2; b++) {
            assertEquals(0.0, g.inputGradient()[b][4], 0.0, "unused feature 4");
            assertEquals(0.0, g.inputGradient()[b][5], 0.0, "unused feature 5");
            assertTrue(g.inputGradient()[b][3] != 0.0, "feature 3 is used");
        }
    }

    @Test
    void gradientOfZAfterRxIsMinusSine() {
        Circuit c = Circuit.builder(1).rx(0, Angle.param(0, 2.0)).ry(0, Angle.input(0, 3.0)).expectZ(0).build();
        for (double t : new double[]{-1.1, 0.2, 2.5}) {
            for (double x : new double[]{-0.3, 0.7}) {
                // <Z> = cos(2t)·cos(3x)
                ValueAndGradient g = sim.valueAndGradient(c, new double[]{t}, new double[][]{{x}},
                        new double[][]{{1.5}});
                assertEquals(Math.cos(2 * t) * Math.cos(3 * x), g.expectations()[0][0], 1e-14);
                assertEquals(1.5 * -2 * Math.sin(2 * t) * Math.cos(3 * x), g.parameterGradient()[0], 1e-13);
                assertEquals(1.5 * -3 * Math.cos(2 * t) * Math.sin(3 * x), g.inputGradient()[0][0], 1e-13);
            }
        }
    }

    @Test
    void amplitudeEmbeddedInputGradientsEqualFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(204);
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + trial % 4;
            Circuit c = RandomCircuits.random(rng, n, 6 + rng.nextInt(12), 1 + rng.nextInt(3), rng.nextInt(3),
                    trial % 3 == 0 ? RandomCircuits.REAL_GATES : RandomCircuits.ALL_GATES, true);
            assertAdjointMatchesShiftAndFd(c, rng, 1 + rng.nextInt(2), false);
        }
    }

    @Test
    void amplitudeEmbeddingGradientOfKnownCircuit() {
        // x = (a, b) embedded, <Z> = (a² − b²)/(a² + b²): d/da = 4ab²/(a²+b²)², d/db = −4a²b/(a²+b²)².
        Circuit c = Circuit.builder(1).amplitudeEmbedding(2).expectZ(0).build();
        double a = 0.6;
        double b = -1.7;
        double n2 = a * a + b * b;
        ValueAndGradient g = sim.valueAndGradient(c, new double[0], new double[][]{{a, b}}, new double[][]{{1}});
        assertEquals((a * a - b * b) / n2, g.expectations()[0][0], 1e-14);
        assertArrayEquals(new double[]{4 * a * b * b / (n2 * n2), -4 * a * a * b / (n2 * n2)}, g.inputGradient()[0],
                1e-13);
    }

    @Test
    void adjointEqualsFiniteDifferencesOfTheReferenceSimulator() {
        // Fully independent of the engine's forward pass: FD through the dense reference.
        SplittableRandom rng = new SplittableRandom(205);
        for (int trial = 0; trial < 8; trial++) {
            int n = 1 + trial % 3;
            Circuit c = RandomCircuits.random(rng, n, 8, 2, 2, RandomCircuits.ALL_GATES, trial % 2 == 1);
            double[] params = RandomCircuits.vector(rng, c.numParameters());
            double[][] inputs = inputsAwayFromZero(rng, 1, c.numInputs());
            double[] up = RandomCircuits.vector(rng, c.observables().size());
            ValueAndGradient adj = sim.valueAndGradient(c, params, inputs, new double[][]{up});
            for (int i = 0; i < params.length; i++) {
                final int pi = i;
                double d = derivative(v -> {
                    double[] p = params.clone();
                    p[pi] = v;
                    return dot(up, DenseReference.expectations(c, p, inputs[0]));
                }, params[i]);
                assertEquals(d, adj.parameterGradient()[i], TOL, "parameter " + i + " of " + c.operations());
            }
            for (int f = 0; f < inputs[0].length; f++) {
                final int ff = f;
                double d = derivative(v -> {
                    double[] x = inputs[0].clone();
                    x[ff] = v;
                    return dot(up, DenseReference.expectations(c, params, x));
                }, inputs[0][f]);
                assertEquals(d, adj.inputGradient()[0][f], TOL, "input " + f + " of " + c + " " + c.operations());
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void parameterShiftRefusesAmplitudeEmbeddedCircuits() {
        Circuit c = Circuit.builder(2).amplitudeEmbedding(3).ry(0, Angle.param(0)).expectZ(0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterShift.valueAndGradient(
                sim, c, new double[]{0.1}, new double[][]{{1, 2, 3}}, new double[][]{{1}}));
        assertTrue(e.getMessage().toLowerCase().contains("amplitude"), e.getMessage());
    }

    @Test
    void gradientsBeyondTheCacheBlockEqualFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(206);
        Circuit c = RandomCircuits.random(rng, 14, 4, 2, 2, new Gate[]{Gate.RX, Gate.ROT, Gate.CNOT, Gate.SWAP,
                Gate.PHASE_SHIFT, Gate.RY, Gate.CZ}, false);
        assertAdjointMatchesShiftAndFd(c, rng, 1, true);
    }

    @Test
    void adjointEqualsParameterShiftAtIdentityAndCliffordAngles() {
        // A gate whose angle is exactly 0 is the identity, but its derivative is not zero: an engine that drops or
        // fuses such gates must still differentiate through them.
        double[] special = {0, Math.PI, -Math.PI, 2 * Math.PI, Math.PI / 2};
        SplittableRandom rng = new SplittableRandom(207);
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + trial % 4;
            Circuit c = RandomCircuits.random(rng, n, 5 + rng.nextInt(15), 1 + rng.nextInt(3), 1 + rng.nextInt(3),
                    trial % 3 == 0 ? RandomCircuits.REAL_GATES : RandomCircuits.ALL_GATES, false);
            double[] params = new double[c.numParameters()];
            for (int i = 0; i < params.length; i++) {
                params[i] = special[rng.nextInt(special.length)];
            }
            double[][] inputs = new double[2][c.numInputs()];
            for (double[] row : inputs) {
                for (int f = 0; f < row.length; f++) {
                    row[f] = rng.nextInt(2);
                }
            }
            double[][] up = RandomCircuits.matrix(rng, 2, c.observables().size());
            ValueAndGradient adj = sim.valueAndGradient(c, params, inputs, up);
            ValueAndGradient ps = ParameterShift.valueAndGradient(sim, c, params, inputs, up);
            assertGradient(ps.parameterGradient(), adj.parameterGradient(), "parameter gradient at special angles", c);
            double[][] fd = finiteDifferences(c, params, inputs, up);
            assertGradient(fd[0], adj.parameterGradient(), "FD parameter gradient at special angles", c);
            for (int b = 0; b < 2; b++) {
                assertGradient(ps.inputGradient()[b], adj.inputGradient()[b], "input gradient at 0/1 inputs", c);
                assertGradient(fd[1 + b], adj.inputGradient()[b], "FD input gradient at 0/1 inputs", c);
            }
        }
        // the simplest instance: RX(θ)|0>, then RY(π/2), then RZ(φ) gives <X> = cos(θ − φ). At φ = 0 the RZ is the
        // identity, yet d<X>/dφ = sin(θ − φ) = 1 at θ = π/2.
        Circuit c2 = Circuit.builder(1).rx(0, Angle.param(0)).ry(0, Angle.constant(Math.PI / 2)).rz(0, Angle.param(1))
                .expectX(0).build();
        ValueAndGradient g2 = sim.valueAndGradient(c2, new double[]{Math.PI / 2, 0}, new double[][]{{}},
                new double[][]{{1}});
        assertEquals(0.0, g2.expectations()[0][0], 1e-15);
        assertArrayEquals(new double[]{-1, 1}, g2.parameterGradient(), 1e-14);
    }

    @Test
    void adjointEqualsShiftAndFiniteDifferencesOnStructuredCircuits() {
        // product-only and product-prefix circuits (whose gradients an engine may take from per-wire environments),
        // permutation runs, and wire windows; amplitude-embedded variants against finite differences only
        SplittableRandom rng = new SplittableRandom(208);
        for (RandomCircuits.Shape shape : RandomCircuits.Shape.values()) {
            for (int trial = 0; trial < 16; trial++) {
                int n = 1 + trial % 5;
                boolean amplitude = trial % 4 == 3;
                Circuit c = RandomCircuits.structured(rng, n, shape, trial % 3 == 0, amplitude);
                assertAdjointMatchesShiftAndFd(c, rng, 2, !amplitude);
            }
        }
    }

    @Test
    void structuredGradientsOnBlockedRegistersEqualParameterShift() {
        SplittableRandom rng = new SplittableRandom(209);
        for (RandomCircuits.Shape shape : new RandomCircuits.Shape[]{RandomCircuits.Shape.LONG_PRODUCT_PREFIX,
                RandomCircuits.Shape.WIRE_WINDOW}) {
            Circuit c = RandomCircuits.structured(rng, 14, shape, false, false);
            double[] params = RandomCircuits.vector(rng, c.numParameters());
            double[][] inputs = RandomCircuits.matrix(rng, 1, c.numInputs());
            double[][] up = RandomCircuits.matrix(rng, 1, c.observables().size());
            ValueAndGradient adj = sim.valueAndGradient(c, params, inputs, up);
            ValueAndGradient ps = ParameterShift.valueAndGradient(sim, c, params, inputs, up);
            assertGradient(ps.parameterGradient(), adj.parameterGradient(), "parameter gradient", c);
            assertGradient(ps.inputGradient()[0], adj.inputGradient()[0], "input gradient", c);
        }
    }
}

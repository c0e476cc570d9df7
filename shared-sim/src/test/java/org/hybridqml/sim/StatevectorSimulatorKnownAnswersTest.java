package org.hybridqml.sim;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Textbook answers the engine must reproduce without any reference simulator. */
class StatevectorSimulatorKnownAnswersTest {

    private static final double EPS = 1e-14;
    private static final double R = 1 / Math.sqrt(2);
    private static final double[] NONE = new double[0];
    private final StatevectorSimulator sim = new StatevectorSimulator(1);

    private static void assertState(double[] re, double[] im, double[][] state) {
        assertArrayEquals(re, state[0], EPS, "real parts");
        assertArrayEquals(im, state[1], EPS, "imaginary parts");
    }

    @Test
    void bellStateHasAmplitudesOneOverRootTwoAndZeroExpectations() {
        Circuit c = Circuit.builder(2).h(0).cnot(0, 1).expectZ(0, 1).expectX(0, 1).build();
        assertState(new double[]{R, 0, 0, R}, new double[4], sim.finalState(c, NONE, NONE));
        assertArrayEquals(new double[]{0, 0, 0, 0}, sim.expectations(c, NONE, new double[][]{NONE})[0], EPS);
    }

    @Test
    void ghzStatesHaveTwoAmplitudesAndZeroZExpectations() {
        for (int n = 3; n <= 6; n++) {
            Circuit.Builder b = Circuit.builder(n).h(0);
            for (int w = 0; w + 1 < n; w++) {
                b.cnot(w, w + 1);
            }
            Circuit c = b.expectZAll().build();
            double[] re = new double[1 << n];
            re[0] = R;
            re[(1 << n) - 1] = R;
            assertState(re, new double[1 << n], sim.finalState(c, NONE, NONE));
            assertArrayEquals(new double[n], sim.expectations(c, NONE, new double[][]{NONE})[0], EPS, "GHZ " + n);
        }
    }

    @Test
    void zAfterRxIsCosineOfAngleFromParameterOrScaledInput() {
        Circuit p = Circuit.builder(1).rx(0, Angle.param(0)).expectZ(0).build();
        Circuit x = Circuit.builder(1).rx(0, Angle.input(0, Math.PI)).expectZ(0).build();
        for (double t : new double[]{-2.2, 0, 0.25, 1, Math.PI, 4.4}) {
            assertEquals(Math.cos(t), sim.expectations(p, new double[]{t}, new double[][]{NONE})[0][0], EPS);
            assertEquals(Math.cos(Math.PI * t), sim.expectations(x, NONE, new double[][]{{t}})[0][0], EPS);
        }
    }

    @Test
    void xOnWireZeroOfThreeQubitsIsBasisIndexFour() {
        double[] re = new double[8];
        re[4] = 1;
        assertState(re, new double[8], sim.finalState(Circuit.builder(3).x(0).expectZ(0).build(), NONE, NONE));
        double[] e = sim.expectations(Circuit.builder(3).x(0).expectZAll().build(), NONE, new double[][]{NONE})[0];
        assertArrayEquals(new double[]{-1, 1, 1}, e, EPS);
    }

    @Test
    void cnotUsesFirstWireAsControl() {
        double[] re = new double[4];
        re[3] = 1;
        assertState(re, new double[4], sim.finalState(Circuit.builder(2).x(0).cnot(0, 1).expectZ(0).build(),
                NONE, NONE));
        re = new double[4];
        re[2] = 1;
        assertState(re, new double[4], sim.finalState(Circuit.builder(2).x(0).cnot(1, 0).expectZ(0).build(),
                NONE, NONE));
    }

    @Test
    void yAndSAndTGiveTheirPhases() {
        // Y|0> = i|1>
        assertState(new double[]{0, 0}, new double[]{0, 1},
                sim.finalState(Circuit.builder(1).y(0).expectZ(0).build(), NONE, NONE));
        // S H|0> = (|0> + i|1>)/√2, T H|0> = (|0> + e^{iπ/4}|1>)/√2
        assertState(new double[]{R, 0}, new double[]{0, R},
                sim.finalState(Circuit.builder(1).h(0).s(0).expectZ(0).build(), NONE, NONE));
        assertState(new double[]{R, 0.5}, new double[]{0, 0.5},
                sim.finalState(Circuit.builder(1).h(0).t(0).expectZ(0).build(), NONE, NONE));
    }

    @Test
    void rzHasPhasesMinusAndPlusHalfAngle() {
        double t = 0.9;
        double[][] s = sim.finalState(Circuit.builder(1).h(0).rz(0, Angle.param(0)).expectX(0).build(),
                new double[]{t}, NONE);
        assertState(new double[]{R * Math.cos(t / 2), R * Math.cos(t / 2)},
                new double[]{-R * Math.sin(t / 2), R * Math.sin(t / 2)}, s);
    }

    @Test
    void amplitudeEmbeddingOfThreeFourIsPointSixPointEight() {
        Circuit c = Circuit.builder(1).amplitudeEmbedding(2).expectZ(0).expectX(0).build();
        assertState(new double[]{0.6, 0.8}, new double[2], sim.finalState(c, NONE, new double[]{3, 4}));
        assertArrayEquals(new double[]{0.36 - 0.64, 2 * 0.6 * 0.8},
                sim.expectations(c, NONE, new double[][]{{3, 4}})[0], EPS);
    }

    @Test
    void amplitudeEmbeddingOfThreeVectorOnTwoQubitsIsZeroPadded() {
        Circuit c = Circuit.builder(2).amplitudeEmbedding(3).expectZ(0, 1).build();
        assertState(new double[]{1 / 3.0, 2 / 3.0, -2 / 3.0, 0}, new double[4],
                sim.finalState(c, NONE, new double[]{1, 2, -2}));
        // <Z0> = |a00|²+|a01|² − |a10|²−|a11|² = 5/9 − 4/9; <Z1> = 1/9 − 4/9 + 4/9 = 1/9
        assertArrayEquals(new double[]{1 / 9.0, 1 / 9.0}, sim.expectations(c, NONE, new double[][]{{1, 2, -2}})[0],
                EPS);
    }

    @Test
    void amplitudeEmbeddingReadsItsFeatureRangeOnly() {
        Circuit c = Circuit.builder(2).amplitudeEmbedding(2, 3).ry(1, Angle.input(0, 1.0)).expectZ(0).build();
        assertEquals(5, c.numInputs(), "features 2..4 are embedded");
        double[][] s = sim.finalState(c, NONE, new double[]{0, 100, 2, 1, 2});
        // start (2,1,2,0)/3, then RY(0) = identity on wire 1
        assertState(new double[]{2 / 3.0, 1 / 3.0, 2 / 3.0, 0}, new double[4], s);
    }

    /*
     * The spec refuses only zero or non-finite vectors, so any finite non-zero (3s, 4s) must embed as (0.6, 0.8).
     * A naive sqrt(Σx²) overflows to ∞ for s ≳ 1e154 (giving a zero "state") and underflows for s ≲ 1e-154.
     */
    private void assertEmbedsAsPointSixPointEight(double... scales) {
        Circuit c = Circuit.builder(1).amplitudeEmbedding(2).expectZ(0).build();
        for (double s : scales) {
            double[] x = {3 * s, 4 * s};
            double[][] state = sim.finalState(c, NONE, x);
            assertArrayEquals(new double[]{0.6, 0.8}, state[0], 1e-15, "amplitudes for scale " + s);
            assertEquals(0.36 - 0.64, sim.expectations(c, NONE, new double[][]{x})[0][0], 1e-15, "<Z> for scale " + s);
        }
    }

    @Test
    void amplitudeEmbeddingOfOrdinaryMagnitudesIsScaleInvariant() {
        assertEmbedsAsPointSixPointEight(1e-100, 1e-3, 1, 1e3, 1e100);
    }

    @Test
    void amplitudeEmbeddingOfHugeFiniteVectorIsNormalisedNotZeroed() {
        assertEmbedsAsPointSixPointEight(1e155, 1e200, 1e300);
    }

    @Test
    void amplitudeEmbeddingOfTinyNonZeroVectorIsNormalised() {
        assertEmbedsAsPointSixPointEight(1e-160, 1e-200, 1e-300);
    }

    @Test
    void emptyCircuitReadsTheInitialState() {
        assertArrayEquals(new double[]{1, 1, 1, 0}, sim.expectations(Circuit.builder(3).expectZAll().expectX(1).build(),
                NONE, new double[][]{NONE})[0], 0.0);
    }
}

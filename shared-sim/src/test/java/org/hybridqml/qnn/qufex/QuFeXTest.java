package org.hybridqml.qnn.qufex;

import org.hybridqml.circuits.QuFeXCircuits;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.ValueAndGradient;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.reference.DenseReference;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The QuFeX circuits, configurations and the patch/residual feature extractor. */
class QuFeXTest {

    private final StatevectorSimulator sim = new StatevectorSimulator(2);

    @Test
    void pqc1WithZeroWeightsActsOnBinaryPatchesAsTheCnotNetwork() {
        // With a = b = c = d = 0 the rotations are identities and RY(π·x) maps bit x to |x⟩: the circuit is the
        // classical map U1: b1^=b0, b3^=b2, b2^=b1; U2: b2^=b0 (CZs only add phases). Input 1000 → 1100 → 1100
        // → 1110 → 1100, so ⟨Z⟩ = (−1, −1, +1, +1).
        Circuit c = QuFeXCircuits.pqc1(4);
        double[][] e = sim.expectations(c, new double[4], new double[][]{{1, 0, 0, 0}, {0, 0, 1, 1}, {0, 0, 0, 0}});
        assertArrayEquals(new double[]{-1, -1, 1, 1}, e[0], 1e-12);
        // 0011: b3 ^= b2 → 0010; b2 ^= b1 → 0010; b2 ^= b0 → 0010
        assertArrayEquals(new double[]{1, 1, -1, 1}, e[1], 1e-12);
        assertArrayEquals(new double[]{1, 1, 1, 1}, e[2], 1e-12);
    }

    @Test
    void fourQubitCircuitsMatchTheDenseReferenceInValuesAndGradients() {
        SplittableRandom rng = new SplittableRandom(11);
        for (Circuit c : new Circuit[]{QuFeXCircuits.pqc1(4), QuFeXCircuits.pqc2(4)}) {
            assertEquals(4, c.numParameters());
            double[] params = {rng.nextDouble() * 6, rng.nextDouble() * 6, rng.nextDouble() * 6, rng.nextDouble() * 6};
            double[] x = {0.1, 0.7, 0.35, 0.9};
            double[] ref = DenseReference.expectations(c, params, x);
            double[][] ours = sim.expectations(c, params, new double[][]{x});
            assertArrayEquals(ref, ours[0], 1e-12);
            double[] up = {0.3, -1.1, 0.5, 0.8};
            ValueAndGradient g = sim.valueAndGradient(c, params, new double[][]{x}, new double[][]{up});
            double h = 1e-5;
            for (int p = 0; p < 4; p++) {
                double[] pp = params.clone();
                double[] pm = params.clone();
                pp[p] += h;
                pm[p] -= h;
                double fd = (dot(up, DenseReference.expectations(c, pp, x)) - dot(up, DenseReference.expectations(c, pm, x)))
                        / (2 * h);
                assertEquals(fd, g.parameterGradient()[p], 1e-8, "parameter " + p);
            }
            for (int i = 0; i < 4; i++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[i] += h;
                xm[i] -= h;
                double fd = (dot(up, DenseReference.expectations(c, params, xp)) - dot(up, DenseReference.expectations(c, params, xm)))
                        / (2 * h);
                assertEquals(fd, g.inputGradient()[0][i], 1e-8, "input " + i);
            }
        }
    }

    @Test
    void pairListsFollowTheAuthorsCode() {
        // Pair lists of the authors' code (Jain-Naman/QuNet-Ph2/models/qunet_*.py), n=8:
        // U1 (0,1),(2,3),(4,5),(6,7),(1,2),(3,4),(5,6); V1 4 CZs; U2 (0,2),(4,6),(2,4); V2 (0,2),(4,6)
        String ops = QuFeXCircuits.pqc1(8).operations().toString();
        assertTrue(ops.contains("CNOT[0, 1], RX[θ0][2], RZ[θ1][3], CNOT[2, 3]"), ops);
        assertTrue(ops.contains("CNOT[5, 6], CZ[0, 1], CZ[2, 3], CZ[4, 5], CZ[6, 7], RX[θ2][0], RY[θ3][2], CNOT[0, 2], "
                + "RX[θ2][4], RY[θ3][6], CNOT[4, 6], RX[θ2][2], RY[θ3][4], CNOT[2, 4], CZ[0, 2], CZ[4, 6]"), ops);
        assertEquals(QuFeXCircuits.pqc2(12).observables().size(), 12);
    }

    @Test
    void namedConfigurationsUseTheAuthorsPatchShapes() {
        assertEquals(new QuFeXConfig(2, 2, 1, 1), QuFeXConfig.of("4-1"));
        assertEquals(new QuFeXConfig(2, 2, 1, 2), QuFeXConfig.of("4-2"));
        assertEquals(new QuFeXConfig(3, 2, 1, 1), QuFeXConfig.of("6-1"));
        assertEquals(new QuFeXConfig(2, 2, 2, 1), QuFeXConfig.of("8-1-2"));
        assertEquals(new QuFeXConfig(3, 4, 1, 1), QuFeXConfig.of("12-1"));
        assertEquals(new QuFeXConfig(3, 4, 1, 2), QuFeXConfig.of("12-2"));
        assertEquals("12-2", QuFeXConfig.of("12-2").name());
        assertEquals(16, QuFeXConfig.of("12-2").outputChannels(8));
    }

    @Test
    void invalidCombinationsSayWhichConditionFails() {
        var notDivisible = assertThrows(IllegalArgumentException.class, () -> QuFeXConfig.of("8-1-2").checkFits(3, 4, 4));
        assertTrue(notDivisible.getMessage().contains("not divisible into groups of 2"), notDivisible.getMessage());
        var noTile = assertThrows(IllegalArgumentException.class, () -> QuFeXConfig.of("12-1").checkFits(8, 6, 6));
        assertTrue(noTile.getMessage().contains("3x4 patches do not tile the 6x6 bottleneck"), noTile.getMessage());
        var odd = assertThrows(IllegalArgumentException.class, () -> new QuFeXConfig(3, 1, 1, 1));
        assertTrue(odd.getMessage().contains("3 qubits"), odd.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new QuFeXConfig(2, 2, 1, 3));
    }

    @Test
    void extractorWritesEachPatchsExpectationsBackPlusTheInput() {
        QuFeXConfig cfg = QuFeXConfig.of("8-2-2"); // 2×2 patches of 2 maps, 2 filters
        QuFeXFeatureExtractor ex = new QuFeXFeatureExtractor(cfg, sim);
        int b = 1, c = 2, h = 2, w = 4;
        double[] x = random(new SplittableRandom(3), b * c * h * w);
        double[] params = random(new SplittableRandom(4), 8);
        double[] out = ex.forward(x, b, c, h, w, params);
        assertEquals(b * 4 * h * w, out.length);
        // second patch (columns 2..3), flattened (row, col, map) with map fastest
        double[] patch = new double[8];
        int k = 0;
        for (int r = 0; r < 2; r++) {
            for (int col = 2; col < 4; col++) {
                for (int m = 0; m < 2; m++) {
                    patch[k++] = x[(m * h + r) * w + col];
                }
            }
        }
        double[] q2 = sim.expectations(QuFeXCircuits.pqc2(8), java.util.Arrays.copyOfRange(params, 4, 8),
                new double[][]{patch})[0];
        // filter 2 block starts at channel 2; value (map 1, row 1, col 3) is patch entry (1·2 + 1)·2 + 1 = 7
        assertEquals(x[(1 * h + 1) * w + 3] + q2[7], out[((2 + 1) * h + 1) * w + 3], 1e-12);
    }

    @Test
    void extractorGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(5);
        for (String name : new String[]{"4-1", "4-2", "8-1-2"}) {
            QuFeXConfig cfg = QuFeXConfig.of(name);
            QuFeXFeatureExtractor ex = new QuFeXFeatureExtractor(cfg, sim);
            int b = 2, c = 2, h = 2, w = 4;
            double[] x = random(rng, b * c * h * w);
            double[] params = random(rng, cfg.numParameters());
            double[] g = random(rng, b * cfg.outputChannels(c) * h * w);
            double[][] grads = ex.backward(x, b, c, h, w, params, g);
            double eps = 1e-6;
            for (int i = 0; i < x.length; i++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[i] += eps;
                xm[i] -= eps;
                double fd = (dot(g, ex.forward(xp, b, c, h, w, params)) - dot(g, ex.forward(xm, b, c, h, w, params))) / (2 * eps);
                assertEquals(fd, grads[0][i], 1e-7, name + " input " + i);
            }
            for (int p = 0; p < params.length; p++) {
                double[] pp = params.clone();
                double[] pm = params.clone();
                pp[p] += eps;
                pm[p] -= eps;
                double fd = (dot(g, ex.forward(x, b, c, h, w, pp)) - dot(g, ex.forward(x, b, c, h, w, pm))) / (2 * eps);
                assertEquals(fd, grads[1][p], 1e-7, name + " parameter " + p);
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

    private static double[] random(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble() * 2 - 1;
        }
        return v;
    }
}

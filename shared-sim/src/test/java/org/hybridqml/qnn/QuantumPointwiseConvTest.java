package org.hybridqml.qnn;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast path of {@link QuantumPointwiseConv} against the gate-by-gate simulator, known answers pinning the
 * strongly-entangling-layers convention, all-zero pixels, thread independence and argument checks.
 */
class QuantumPointwiseConvTest {

    private static double[] random(SplittableRandom rng, int len, double lo, double hi) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return v;
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + " [" + i + "]");
        }
    }

    @Test
    void fastPathMatchesGateByGateSimulator() {
        SplittableRandom rng = new SplittableRandom(6);
        int[] channelCounts = {3, 4, 8, 5};
        for (int c : channelCounts) {
            for (int l = 1; l <= 3; l++) {
                for (int k = 1; k <= 2; k++) {
                    QuantumPointwiseConv conv = new QuantumPointwiseConv(c, l, k, 2);
                    int batch = 2, spatial = 7;
                    double[] params = random(rng, conv.numParameters(), 0, 2 * Math.PI);
                    double[] x = random(rng, batch * c * spatial, -1, 1);
                    // one all-zero pixel
                    for (int ch = 0; ch < c; ch++) {
                        x[(1 * c + ch) * spatial + 3] = 0.0;
                    }
                    double[] up = random(rng, batch * conv.outputChannels() * spatial, -1, 1);
                    double[][] ref = conv.referenceValueAndGradient(params, x, batch, spatial, up);
                    String tag = "C=" + c + " L=" + l + " K=" + k;
                    assertClose(ref[0], conv.forward(params, x, batch, spatial), 1e-10, tag + " values");
                    QuantumPointwiseConv.Gradients g = conv.backward(params, x, batch, spatial, up);
                    assertClose(ref[1], g.inputGradient(), 1e-10, tag + " input gradient");
                    assertClose(ref[2], g.parameterGradient(), 1e-10, tag + " parameter gradient");
                }
            }
        }
    }

    @Test
    void manyPixelsAndThreadCountDoNotChangeResults() {
        SplittableRandom rng = new SplittableRandom(7);
        int c = 6, batch = 3, spatial = 150; // several tiles and chunks, a partial last tile
        QuantumPointwiseConv one = new QuantumPointwiseConv(c, 2, 2, 1);
        QuantumPointwiseConv three = new QuantumPointwiseConv(c, 2, 2, 3);
        double[] params = random(rng, one.numParameters(), 0, 2 * Math.PI);
        double[] x = random(rng, batch * c * spatial, -1, 1);
        double[] up = random(rng, batch * one.outputChannels() * spatial, -1, 1);
        double[] y1 = one.forward(params, x, batch, spatial);
        assertArrayEquals(y1, three.forward(params, x, batch, spatial));
        QuantumPointwiseConv.Gradients g1 = one.backward(params, x, batch, spatial, up);
        QuantumPointwiseConv.Gradients g3 = three.backward(params, x, batch, spatial, up);
        assertArrayEquals(g1.inputGradient(), g3.inputGradient());
        assertArrayEquals(g1.parameterGradient(), g3.parameterGradient());
        double[][] ref = one.referenceValueAndGradient(params, x, batch, spatial, up);
        assertClose(ref[0], y1, 1e-10, "values");
        assertClose(ref[1], g1.inputGradient(), 1e-10, "input gradient");
        assertClose(ref[2], g1.parameterGradient(), 1e-9, "parameter gradient");
    }

    // ------------------------------------------------------------------ known answers (3 qubits)

    /** ⟨Z⟩ values of one pixel with basis-state input |index⟩ and the given weights, C = 8 channels. */
    private static double[] zOfBasis(int index, int layers, double[] params) {
        QuantumPointwiseConv conv = new QuantumPointwiseConv(8, layers, 1, 1);
        double[] x = new double[8];
        x[index] = 2.5; // normalisation removes the scale
        return conv.forward(params, x, 1, 1);
    }

    @Test
    void knownAnswerCnotOrderAndRanges() {
        // one layer, zero weights: CNOT(0→1), CNOT(1→2), CNOT(2→0) in that order; wire 0 is the top bit.
        // |100⟩ → |110⟩ → |111⟩ → |011⟩: ⟨Z⟩ = (+1, −1, −1). (Reversed order would give (−1, −1, +1).)
        assertArrayEquals(new double[]{1, -1, -1}, zOfBasis(4, 1, new double[9]), 1e-14);
        // two layers: layer 1 has range r = (1 mod 2) + 1 = 2: CNOT(0→2), CNOT(1→0), CNOT(2→1).
        // |011⟩ → |011⟩ → |111⟩ → |101⟩: ⟨Z⟩ = (−1, +1, −1). (Range 1 again would give (+1, −1, +1).)
        assertArrayEquals(new double[]{-1, 1, -1}, zOfBasis(4, 2, new double[18]), 1e-14);
        // three layers: layer 2 has range (2 mod 2) + 1 = 1 again: |101⟩ → |111⟩ → |110⟩ → |110⟩.
        assertArrayEquals(new double[]{-1, -1, 1}, zOfBasis(4, 3, new double[27]), 1e-14);
    }

    @Test
    void knownAnswerRotAngles() {
        // Rot(φ, θ, ω) = RZ(ω)RY(θ)RZ(φ) on |0⟩ gives ⟨Z⟩ = cos θ for any φ, ω; the parameter of (layer 0, wire i,
        // angle r) is at (0·3 + i)·3 + r. θ = π on wire 0 flips it: |000⟩ → |100⟩ → (CNOTs) |011⟩.
        double[] w = new double[9];
        w[0] = 0.7;
        w[1] = Math.PI;
        w[2] = -1.3;
        assertArrayEquals(new double[]{1, -1, -1}, zOfBasis(0, 1, w), 1e-14);
        // θ = π on wire 2 only: |001⟩ → CNOT(2→0) → |101⟩: ⟨Z⟩ = (−1, +1, −1).
        w = new double[9];
        w[7] = Math.PI;
        assertArrayEquals(new double[]{-1, 1, -1}, zOfBasis(0, 1, w), 1e-14);
        // θ = a on wire 1, others zero: RY(a) on wire 1 gives cos(a/2)|000⟩ + sin(a/2)|010⟩; CNOT(1→2) makes
        // cos|000⟩ + sin|011⟩, CNOT(2→0) makes cos|000⟩ + sin|111⟩: ⟨Z⟩ = (cos a, cos a, cos a).
        double a = 0.9;
        w = new double[9];
        w[4] = a;
        assertArrayEquals(new double[]{Math.cos(a), Math.cos(a), Math.cos(a)}, zOfBasis(0, 1, w), 1e-14);
    }

    @Test
    void knownAnswerAgainstIndependentDenseConstruction() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int c : new int[]{8, 5}) {
            for (int layers = 1; layers <= 3; layers++) {
                QuantumPointwiseConv conv = new QuantumPointwiseConv(c, layers, 1, 1);
                double[] w = random(rng, conv.numParameters(), -Math.PI, Math.PI);
                double[] x = random(rng, c, -1, 1);
                double[] expected = DenseSel3.expectZ(w, layers, x);
                assertClose(expected, conv.forward(w, x, 1, 1), 1e-12, "C=" + c + " L=" + layers);
            }
        }
    }

    /** An independent 8×8 dense-matrix construction of 3-qubit strongly entangling layers (PennyLane conventions). */
    static final class DenseSel3 {
        // complex 8×8 matrices as [re, im][row][col]
        static double[][][] identity() {
            double[][][] m = new double[2][8][8];
            for (int i = 0; i < 8; i++) {
                m[0][i][i] = 1;
            }
            return m;
        }

        static double[][][] mul(double[][][] a, double[][][] b) {
            double[][][] c = new double[2][8][8];
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 8; j++) {
                    for (int k = 0; k < 8; k++) {
                        c[0][i][j] += a[0][i][k] * b[0][k][j] - a[1][i][k] * b[1][k][j];
                        c[1][i][j] += a[0][i][k] * b[1][k][j] + a[1][i][k] * b[0][k][j];
                    }
                }
            }
            return c;
        }

        /** Single-qubit 2×2 complex gate g = [re, im][2][2] on wire w, as I⊗…⊗g⊗…⊗I (wire 0 = most significant). */
        static double[][][] embed(double[][][] g, int wire) {
            double[][][] m = new double[2][8][8];
            int shift = 2 - wire;
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 8; j++) {
                    if ((i & ~(1 << shift)) != (j & ~(1 << shift))) {
                        continue;
                    }
                    int bi = (i >> shift) & 1, bj = (j >> shift) & 1;
                    m[0][i][j] = g[0][bi][bj];
                    m[1][i][j] = g[1][bi][bj];
                }
            }
            return m;
        }

        static double[][][] rot(double phi, double theta, double omega) {
            // RZ(ω)·RY(θ)·RZ(φ), written out:
            // [[e^{-i(φ+ω)/2} cos(θ/2), −e^{i(φ−ω)/2} sin(θ/2)], [e^{−i(φ−ω)/2} sin(θ/2), e^{i(φ+ω)/2} cos(θ/2)]]
            double c = Math.cos(theta / 2), s = Math.sin(theta / 2);
            double p = (phi + omega) / 2, q = (phi - omega) / 2;
            return new double[][][]{
                    {{Math.cos(p) * c, -Math.cos(q) * s}, {Math.cos(q) * s, Math.cos(p) * c}},
                    {{-Math.sin(p) * c, -Math.sin(q) * s}, {-Math.sin(q) * s, Math.sin(p) * c}}};
        }

        static double[][][] cnot(int control, int target) {
            double[][][] m = new double[2][8][8];
            for (int j = 0; j < 8; j++) {
                int i = ((j >> (2 - control)) & 1) == 1 ? j ^ (1 << (2 - target)) : j;
                m[0][i][j] = 1;
            }
            return m;
        }

        static double[] expectZ(double[] w, int layers, double[] x) {
            double[][][] u = identity();
            for (int l = 0; l < layers; l++) {
                for (int i = 0; i < 3; i++) {
                    int p = (l * 3 + i) * 3;
                    u = mul(embed(rot(w[p], w[p + 1], w[p + 2]), i), u);
                }
                int r = l % 2 + 1;
                for (int i = 0; i < 3; i++) {
                    u = mul(cnot(i, (i + r) % 3), u);
                }
            }
            double norm = 0;
            for (double v : x) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            double[] pr = new double[8];
            for (int i = 0; i < 8; i++) {
                double re = 0, im = 0;
                for (int j = 0; j < x.length; j++) {
                    re += u[0][i][j] * x[j] / norm;
                    im += u[1][i][j] * x[j] / norm;
                }
                pr[i] = re * re + im * im;
            }
            double[] z = new double[3];
            for (int q = 0; q < 3; q++) {
                for (int i = 0; i < 8; i++) {
                    z[q] += ((i >> (2 - q)) & 1) == 0 ? pr[i] : -pr[i];
                }
            }
            return z;
        }
    }

    // ------------------------------------------------------------------ zero pixels, sizes

    @Test
    void allZeroPixelBehavesLikeBasisStateZeroWithZeroInputGradient() {
        SplittableRandom rng = new SplittableRandom(3);
        QuantumPointwiseConv conv = new QuantumPointwiseConv(4, 2, 2, 1);
        double[] w = random(rng, conv.numParameters(), 0, 2 * Math.PI);
        double[] zero = new double[4];
        double[] e0 = {1e-3, 0, 0, 0};
        double[] y0 = conv.forward(w, zero, 1, 1);
        assertArrayEquals(conv.forward(w, e0, 1, 1), y0, 1e-15);
        for (double v : y0) {
            assertTrue(Double.isFinite(v));
        }
        double[] up = random(rng, conv.outputChannels(), -1, 1);
        QuantumPointwiseConv.Gradients g0 = conv.backward(w, zero, 1, 1, up);
        assertArrayEquals(new double[4], g0.inputGradient());
        assertArrayEquals(conv.backward(w, e0, 1, 1, up).parameterGradient(), g0.parameterGradient(), 1e-15);
    }

    @Test
    void wrongSizesAreRejectedWithMessages() {
        QuantumPointwiseConv conv = new QuantumPointwiseConv(4, 1, 2, 1);
        double[] w = new double[conv.numParameters()];
        assertEquals(12, w.length);
        assertEquals(4, conv.outputChannels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(new double[5], new double[8], 1, 2));
        assertTrue(e.getMessage().contains("12 parameters"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> conv.forward(w, new double[7], 1, 2));
        assertTrue(e.getMessage().contains("8 values, got 7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> conv.backward(w, new double[8], 1, 2, new double[7]));
        assertTrue(e.getMessage().contains("Upstream gradient"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> conv.forward(w, new double[0], 0, 2));
        assertTrue(e.getMessage().contains("batch"), e.getMessage());
        double[] nan = new double[8];
        nan[3] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> conv.forward(w, nan, 1, 2));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
        double[] badW = w.clone();
        badW[2] = Double.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> conv.forward(badW, new double[8], 1, 2));
        e = assertThrows(IllegalArgumentException.class, () -> new QuantumPointwiseConv(0, 1, 1));
        assertTrue(e.getMessage().contains("input channels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new QuantumPointwiseConv(4, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new QuantumPointwiseConv(4, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new QuantumPointwiseConv(4, 1, 1, 0));
    }
}

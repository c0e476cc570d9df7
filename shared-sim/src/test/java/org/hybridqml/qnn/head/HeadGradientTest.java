package org.hybridqml.qnn.head;

import org.hybridqml.sim.StatevectorSimulator;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole-head gradient checks: {@link ClassifierHead#backward} against central finite differences on every
 * parameter and every input feature, for DQC heads (n = L, n ≠ L both ways, a single qubit) and the CDL head, plus
 * a negative control showing the checker catches a wrong component.
 */
class HeadGradientTest {

    private static double[][] random(SplittableRandom rng, int rows, int cols, double scale) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = scale * (2 * rng.nextDouble() - 1);
            }
        }
        return m;
    }

    /** Random parameters including non-zero biases, so no term of the gradient is trivially zero. */
    private static void randomize(ClassifierHead head, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        head.initialize(rng);
        double[] p = head.parameters();
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) {
                p[i] = 0.3 * (2 * rng.nextDouble() - 1);
            }
        }
    }

    private static void checkHead(ClassifierHead head, long seed) {
        randomize(head, seed);
        SplittableRandom rng = new SplittableRandom(seed + 100);
        double[][] x = random(rng, 3, head.numFeatures(), 1.5);
        double[][] r = random(rng, 3, head.numOutputs(), 1.0);
        HeadGradients g = head.backward(head.forward(x), r);

        double[] numP = GradientChecker.numericParameterGradient(head, x, r);
        GradientChecker.Result rp = GradientChecker.compare(g.parameters(), numP);
        assertTrue(rp.ok(), head.describe() + ": parameter " + rp.index() + " relative error " + rp.error()
                + " (analytic " + g.parameters()[rp.index()] + ", numeric " + numP[rp.index()] + ")");

        double[] numX = GradientChecker.numericFeatureGradient(head, x, r);
        double[] anaX = GradientChecker.flatten(g.features());
        GradientChecker.Result rx = GradientChecker.compare(anaX, numX);
        assertTrue(rx.ok(), head.describe() + ": input " + rx.index() + " relative error " + rx.error());
        System.out.printf("gradient check %s: worst relative error %.2e over %d parameters, %.2e over %d inputs%n",
                head.describe(), rp.error(), numP.length, rx.error(), numX.length);
    }

    @Test
    void dqcHeadQubitsEqualLabels() {
        checkHead(new DressedQuantumHead(5, 4), 1);
    }

    @Test
    void dqcHeadFewerQubitsThanLabels() {
        checkHead(new DressedQuantumHead(4, 5, 3, 2), 2);
    }

    @Test
    void dqcHeadMoreQubitsThanLabels() {
        checkHead(new DressedQuantumHead(3, 2, 5, 1).simulator(new StatevectorSimulator(2)), 3);
    }

    @Test
    void dqcHeadSingleQubit() {
        checkHead(new DressedQuantumHead(2, 1, 1, 3), 4);
    }

    @Test
    void cdlHead() {
        checkHead(new DenseHead(6, 4), 5);
    }

    @Test
    void checkerFlagsAWrongComponent() {
        DressedQuantumHead head = new DressedQuantumHead(4, 3);
        randomize(head, 7);
        SplittableRandom rng = new SplittableRandom(8);
        double[][] x = random(rng, 2, 4, 1.0);
        double[][] r = random(rng, 2, 3, 1.0);
        double[] analytic = head.backward(head.forward(x), r).parameters();
        double[] numeric = GradientChecker.numericParameterGradient(head, x, r);
        assertTrue(GradientChecker.compare(analytic, numeric).ok());

        int victim = head.circuitWeightOffset() + 1;      // a circuit weight
        double[] wrong = analytic.clone();
        wrong[victim] += 1e-4 * Math.max(1, Math.abs(wrong[victim]));
        GradientChecker.Result res = GradientChecker.compare(wrong, numeric);
        assertFalse(res.ok(), "checker must flag the perturbed component");
        assertEquals(victim, res.index());

        double[] dropped = analytic.clone();               // a term forgotten: the gradient of one input weight zeroed
        dropped[0] = 0;
        assertFalse(GradientChecker.compare(dropped, numeric).ok());
    }

    @Test
    void forwardIsDeterministicAndCopiesAreIndependent() {
        DressedQuantumHead head = new DressedQuantumHead(4, 3);
        double[][] x = random(new SplittableRandom(9), 5, 4, 1.0);
        DressedQuantumHead copy = head.copy();
        assertArrayEquals(head.logits(x)[2], copy.logits(x)[2], 0.0);
        copy.parameters()[0] += 1;
        assertFalse(head.parameters()[0] == copy.parameters()[0]);
        assertEquals(3 * 4 + 3 + 3 * 3 + 3 * 3 + 3, head.numParameters());
    }

    @Test
    void circuitWeightsInitialisedWithSigmaTwoPi() {
        // 1000 circuit weights; a head of more than Circuit.MAX_QUBITS qubits is refused, so 25 qubits x 40 layers.
        DressedQuantumHead head = new DressedQuantumHead(2, 10, 25, 40);
        head.initialize(new SplittableRandom(3));
        double[] p = head.parameters();
        double ss = 0;
        int n = 25 * 40;
        for (int i = 0; i < n; i++) {
            ss += p[head.circuitWeightOffset() + i] * p[head.circuitWeightOffset() + i];
        }
        assertEquals(2 * Math.PI, Math.sqrt(ss / n), 0.1 * 2 * Math.PI);
    }

    @Test
    void rejectsBadShapes() {
        DenseHead head = new DenseHead(3, 2);
        assertThrows(IllegalArgumentException.class, () -> head.forward(new double[][]{{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> head.forward(new double[0][]));
        HeadPass pass = head.forward(new double[][]{{1, 2, 3}});
        assertThrows(IllegalArgumentException.class, () -> head.backward(pass, new double[][]{{1, 2, 3}}));
        assertThrows(IllegalArgumentException.class, () -> new DenseHead(3, 2).backward(pass, new double[][]{{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> new DressedQuantumHead(3, 2, 0, 3));
    }
}

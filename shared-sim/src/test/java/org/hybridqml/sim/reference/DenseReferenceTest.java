package org.hybridqml.sim.reference;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldMatrix;
import org.apache.commons.math3.linear.FieldVector;
import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The reference simulator checked against textbook facts, before it is trusted to check the engine.
 */
class DenseReferenceTest {

    private static final double EPS = 1e-14;
    private static final double R = 1 / Math.sqrt(2);
    private static final double[] NONE = new double[0];

    private static void assertAmplitude(double re, double im, Complex actual, String what) {
        assertEquals(re, actual.getReal(), EPS, what + " (real part)");
        assertEquals(im, actual.getImaginary(), EPS, what + " (imaginary part)");
    }

    private static void assertMatrix(FieldMatrix<Complex> expected, FieldMatrix<Complex> actual, double tol) {
        assertEquals(expected.getRowDimension(), actual.getRowDimension());
        assertEquals(expected.getColumnDimension(), actual.getColumnDimension());
        for (int i = 0; i < expected.getRowDimension(); i++) {
            for (int j = 0; j < expected.getColumnDimension(); j++) {
                Complex e = expected.getEntry(i, j);
                Complex a = actual.getEntry(i, j);
                assertEquals(e.getReal(), a.getReal(), tol, "entry (" + i + "," + j + ") real");
                assertEquals(e.getImaginary(), a.getImaginary(), tol, "entry (" + i + "," + j + ") imag");
            }
        }
    }

    private static FieldMatrix<Complex> adjoint(FieldMatrix<Complex> m) {
        FieldMatrix<Complex> t = m.transpose();
        for (int i = 0; i < t.getRowDimension(); i++) {
            for (int j = 0; j < t.getColumnDimension(); j++) {
                t.setEntry(i, j, t.getEntry(i, j).conjugate());
            }
        }
        return t;
    }

    @Test
    void hadamardOnZeroGivesEqualSuperposition() {
        FieldVector<Complex> psi = DenseReference.finalState(Circuit.builder(1).h(0).expectZ(0).build(), NONE, NONE);
        assertAmplitude(R, 0, psi.getEntry(0), "<0|H|0>");
        assertAmplitude(R, 0, psi.getEntry(1), "<1|H|0>");
    }

    @Test
    void hadamardThenCnotGivesBellState() {
        Circuit c = Circuit.builder(2).h(0).cnot(0, 1).expectZ(0, 1).expectX(0).build();
        FieldVector<Complex> psi = DenseReference.finalState(c, NONE, NONE);
        assertAmplitude(R, 0, psi.getEntry(0), "|00>");
        assertAmplitude(0, 0, psi.getEntry(1), "|01>");
        assertAmplitude(0, 0, psi.getEntry(2), "|10>");
        assertAmplitude(R, 0, psi.getEntry(3), "|11>");
        double[] e = DenseReference.expectations(c, NONE, NONE);
        assertEquals(0, e[0], EPS);
        assertEquals(0, e[1], EPS);
        assertEquals(0, e[2], EPS);
    }

    @Test
    void xOnWireZeroOfThreeQubitsSetsMostSignificantBit() {
        FieldVector<Complex> psi = DenseReference.finalState(Circuit.builder(3).x(0).expectZ(0).build(), NONE, NONE);
        for (int i = 0; i < 8; i++) {
            assertAmplitude(i == 4 ? 1 : 0, 0, psi.getEntry(i), "basis " + i);
        }
        psi = DenseReference.finalState(Circuit.builder(3).x(2).expectZ(0).build(), NONE, NONE);
        assertAmplitude(1, 0, psi.getEntry(1), "X on the last wire sets the least significant bit");
    }

    @Test
    void cnotFlipsTargetOnlyWhenControlIsOne() {
        // |10> (wire 0 = 1) -> |11>; CNOT(1,0) on |10> leaves it alone.
        FieldVector<Complex> a = DenseReference.finalState(Circuit.builder(2).x(0).cnot(0, 1).expectZ(0).build(),
                NONE, NONE);
        assertAmplitude(1, 0, a.getEntry(3), "CNOT(0,1)|10> = |11>");
        FieldVector<Complex> b = DenseReference.finalState(Circuit.builder(2).x(0).cnot(1, 0).expectZ(0).build(),
                NONE, NONE);
        assertAmplitude(1, 0, b.getEntry(2), "CNOT(1,0)|10> = |10>");
    }

    @Test
    void swapExchangesWiresAndCzNegatesOnlyOneOne() {
        FieldVector<Complex> s = DenseReference.finalState(Circuit.builder(3).x(0).swap(0, 2).expectZ(0).build(),
                NONE, NONE);
        assertAmplitude(1, 0, s.getEntry(1), "SWAP(0,2)|100> = |001>");
        FieldMatrix<Complex> cz = DenseReference.operationMatrix(2,
                Circuit.builder(2).cz(0, 1).expectZ(0).build().operations().get(0), NONE, NONE);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double expected = i != j ? 0 : i == 3 ? -1 : 1;
                assertAmplitude(expected, 0, cz.getEntry(i, j), "CZ[" + i + "," + j + "]");
            }
        }
    }

    @Test
    void rxRotationGivesCosineOfAngleForZ() {
        Circuit c = Circuit.builder(1).rx(0, Angle.param(0)).expectZ(0).build();
        for (double theta : new double[]{0, 0.4, 1.3, Math.PI / 2, 2.9, -5.1}) {
            assertEquals(Math.cos(theta), DenseReference.expectations(c, new double[]{theta}, NONE)[0], EPS);
        }
        Circuit y = Circuit.builder(1).ry(0, Angle.param(0)).expectX(0).build();
        assertEquals(Math.sin(0.7), DenseReference.expectations(y, new double[]{0.7}, NONE)[0], EPS,
                "<X> after RY(θ) is sin θ");
    }

    @Test
    void rotationMatricesMatchClosedForms() {
        double t = 0.83;
        double c = Math.cos(t / 2);
        double s = Math.sin(t / 2);
        FieldMatrix<Complex> rx = DenseReference.singleQubit("RX", t);
        assertAmplitude(c, 0, rx.getEntry(0, 0), "RX00");
        assertAmplitude(0, -s, rx.getEntry(0, 1), "RX01");
        assertAmplitude(0, -s, rx.getEntry(1, 0), "RX10");
        FieldMatrix<Complex> ry = DenseReference.singleQubit("RY", t);
        assertAmplitude(-s, 0, ry.getEntry(0, 1), "RY01");
        assertAmplitude(s, 0, ry.getEntry(1, 0), "RY10");
        FieldMatrix<Complex> rz = DenseReference.singleQubit("RZ", t);
        assertAmplitude(c, -s, rz.getEntry(0, 0), "RZ00 = e^{-iθ/2}");
        assertAmplitude(c, s, rz.getEntry(1, 1), "RZ11 = e^{iθ/2}");
    }

    @Test
    void rotDecompositionMatchesPennyLaneClosedForm() {
        double phi = 0.37;
        double theta = 1.21;
        double omega = -2.05;
        FieldMatrix<Complex> rot = DenseReference.singleQubit("ROT", phi, theta, omega);
        double c = Math.cos(theta / 2);
        double s = Math.sin(theta / 2);
        // PennyLane qml.Rot.compute_matrix
        FieldMatrix<Complex> expected = DenseReference.m(
                new Complex(0, -(phi + omega) / 2).exp().multiply(c),
                new Complex(0, (phi - omega) / 2).exp().multiply(-s),
                new Complex(0, -(phi - omega) / 2).exp().multiply(s),
                new Complex(0, (phi + omega) / 2).exp().multiply(c));
        assertMatrix(expected, rot, EPS);
        // and the circuit-level gate agrees with three separate rotations applied in order RZ(φ), RY(θ), RZ(ω)
        Circuit one = Circuit.builder(1).h(0).rot(0, Angle.param(0), Angle.param(1), Angle.param(2)).expectX(0).build();
        Circuit three = Circuit.builder(1).h(0).rz(0, Angle.param(0)).ry(0, Angle.param(1)).rz(0, Angle.param(2))
                .expectX(0).build();
        double[] p = {phi, theta, omega};
        assertMatrix(DenseReference.circuitUnitary(three, p, NONE), DenseReference.circuitUnitary(one, p, NONE), EPS);
    }

    @Test
    void phaseShiftAndSAndTArePhasesOnOne() {
        FieldMatrix<Complex> ps = DenseReference.singleQubit("PHASE_SHIFT", 0.9);
        assertAmplitude(1, 0, ps.getEntry(0, 0), "PS00");
        assertAmplitude(Math.cos(0.9), Math.sin(0.9), ps.getEntry(1, 1), "PS11");
        assertMatrix(DenseReference.singleQubit("PHASE_SHIFT", Math.PI / 2), DenseReference.singleQubit("S"), EPS);
        assertMatrix(DenseReference.singleQubit("PHASE_SHIFT", Math.PI / 4), DenseReference.singleQubit("T"), EPS);
        // PhaseShift(φ) = e^{iφ/2} RZ(φ)
        assertMatrix(ps, DenseReference.singleQubit("RZ", 0.9).scalarMultiply(new Complex(0, 0.45).exp()), EPS);
        // on |+>, PhaseShift(φ) gives <X> = cos φ
        Circuit c = Circuit.builder(1).h(0).phaseShift(0, Angle.param(0)).expectX(0).build();
        assertEquals(Math.cos(0.9), DenseReference.expectations(c, new double[]{0.9}, NONE)[0], EPS);
    }

    @Test
    void everyGateMatrixIsUnitary() {
        SplittableRandom rng = new SplittableRandom(7);
        for (Gate g : Gate.values()) {
            int[] wires = g.numWires() == 1 ? new int[]{1} : new int[]{2, 0};
            Angle[] angles = new Angle[g.numAngles()];
            for (int i = 0; i < angles.length; i++) {
                angles[i] = Angle.constant(rng.nextDouble() * 6 - 3);
            }
            Circuit c = Circuit.builder(3).gate(g, wires, angles).expectZ(0).build();
            FieldMatrix<Complex> u = DenseReference.circuitUnitary(c, NONE, NONE);
            assertMatrix(DenseReference.identity(8), adjoint(u).multiply(u), 1e-14);
        }
    }

    @Test
    void amplitudeEmbeddingNormalisesAndPads() {
        Circuit c = Circuit.builder(2).amplitudeEmbedding(1, 3).expectZ(0).build();
        FieldVector<Complex> psi = DenseReference.initialState(c, new double[]{99, 1, 2, 2});
        assertAmplitude(1 / 3.0, 0, psi.getEntry(0), "a0");
        assertAmplitude(2 / 3.0, 0, psi.getEntry(1), "a1");
        assertAmplitude(2 / 3.0, 0, psi.getEntry(2), "a2");
        assertAmplitude(0, 0, psi.getEntry(3), "padding");
        assertThrows(IllegalArgumentException.class,
                () -> DenseReference.initialState(c, new double[]{1, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> DenseReference.initialState(c, new double[]{1, 0, Double.NaN, 0}));
        for (double s : new double[]{1e-300, 1e300}) {
            FieldVector<Complex> v = DenseReference.initialState(c, new double[]{0, 0, 3 * s, 4 * s});
            assertAmplitude(0.6, 0, v.getEntry(1), "scale " + s);
            assertAmplitude(0.8, 0, v.getEntry(2), "scale " + s);
        }
    }

    @Test
    void circuitUnitaryAppliedToInitialStateEqualsGateByGateState() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int trial = 0; trial < 6; trial++) {
            int n = 1 + rng.nextInt(4);
            Circuit c = RandomCircuits.random(rng, n, 15, 3, 2, RandomCircuits.ALL_GATES, rng.nextBoolean());
            double[] p = RandomCircuits.vector(rng, c.numParameters());
            double[] x = RandomCircuits.vector(rng, c.numInputs());
            FieldMatrix<Complex> u = DenseReference.circuitUnitary(c, p, x);
            assertMatrix(DenseReference.identity(1 << n), adjoint(u).multiply(u), 1e-13);
            double[][] viaU = DenseReference.toArrays(u.operate(DenseReference.initialState(c, x)));
            double[][] stepwise = DenseReference.toArrays(DenseReference.finalState(c, p, x));
            for (int i = 0; i < viaU[0].length; i++) {
                assertEquals(viaU[0][i], stepwise[0][i], 1e-13);
                assertEquals(viaU[1][i], stepwise[1][i], 1e-13);
            }
        }
    }

    @Test
    void matrixFreePathEqualsDensePath() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 10; trial++) {
            int n = 1 + rng.nextInt(4);
            Circuit c = RandomCircuits.random(rng, n, 20, 3, 2, RandomCircuits.ALL_GATES, rng.nextBoolean());
            double[] p = RandomCircuits.vector(rng, c.numParameters());
            double[] x = RandomCircuits.vector(rng, c.numInputs());
            double[][] dense = DenseReference.toArrays(DenseReference.finalState(c, p, x));
            double[][] free = DenseReference.finalStateMatrixFree(c, p, x);
            for (int i = 0; i < dense[0].length; i++) {
                assertEquals(dense[0][i], free[0][i], 1e-13);
                assertEquals(dense[1][i], free[1][i], 1e-13);
            }
            double[] e1 = DenseReference.expectations(c, p, x);
            double[] e2 = DenseReference.expectationsMatrixFree(free, c);
            for (int k = 0; k < e1.length; k++) {
                assertEquals(e1[k], e2[k], 1e-13);
            }
        }
    }
}

package org.hybridqml.sim.reference;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.complex.ComplexField;
import org.apache.commons.math3.linear.Array2DRowFieldMatrix;
import org.apache.commons.math3.linear.ArrayFieldVector;
import org.apache.commons.math3.linear.FieldMatrix;
import org.apache.commons.math3.linear.FieldVector;
import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Observable;
import org.hybridqml.sim.circuit.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deliberately naive reference simulator, used only to pin the production engine
 * ({@code org.hybridqml.sim.StatevectorSimulator}) in tests. It shares no code with the engine and is derived
 * directly from the textbook definitions of the gates:
 *
 * <ul>
 *   <li>every single-qubit gate is a 2×2 {@link Complex} matrix; rotations are written as
 *       exp(-iθσ/2) = cos(θ/2)·I − i·sin(θ/2)·σ, and Rot(φ,θ,ω) is the literal product RZ(ω)·RY(θ)·RZ(φ);</li>
 *   <li>every two-qubit gate is a sum of tensor products of 2×2 matrices, built from projectors
 *       (CNOT = |0⟩⟨0|⊗I + |1⟩⟨1|⊗X, CZ = |0⟩⟨0|⊗I + |1⟩⟨1|⊗Z) or Pauli decompositions
 *       (SWAP = (I⊗I + X⊗X + Y⊗Y + Z⊗Z)/2);</li>
 *   <li>each operation becomes the full 2^n×2^n matrix I⊗…⊗U⊗…⊗I via explicit Kronecker products, with wire 0 as
 *       the leftmost (most significant) factor — PennyLane's convention;</li>
 *   <li>the circuit unitary is the ordered product of those matrices ({@link #circuitUnitary}); the final state
 *       applies them in order to |0…0⟩ or to the L2-normalised, zero-padded amplitude-embedding vector;</li>
 *   <li>expectations are ⟨ψ|O|ψ⟩ with the dense O = I⊗…⊗σ⊗…⊗I.</li>
 * </ul>
 *
 * <p>Everything is O(4^n) memory and O(8^n) time per gate, in boxed Commons Math {@link Complex} arithmetic:
 * this is intentional. The point is to be obviously right, not fast; use it only for a handful of qubits
 * ({@link #MAX_DENSE_QUBITS}). For larger registers {@link #finalStateMatrixFree} applies the very same
 * tensor-product terms to the state entry by entry from the Kronecker-product formula
 * (A⊗B)[i,j] = A[i₁,j₁]·B[i₂,j₂], without ever forming the matrix.
 */
public final class DenseReference {

    /** Largest register the dense (matrix) path accepts. */
    public static final int MAX_DENSE_QUBITS = 8;

    private static final ComplexField F = ComplexField.getInstance();
    private static final Complex ONE = Complex.ONE;
    private static final Complex ZERO = Complex.ZERO;
    private static final Complex I = Complex.I;

    /** 2×2 identity. */
    public static final FieldMatrix<Complex> ID = m(ONE, ZERO, ZERO, ONE);
    /** Pauli X. */
    public static final FieldMatrix<Complex> PX = m(ZERO, ONE, ONE, ZERO);
    /** Pauli Y. */
    public static final FieldMatrix<Complex> PY = m(ZERO, I.negate(), I, ZERO);
    /** Pauli Z. */
    public static final FieldMatrix<Complex> PZ = m(ONE, ZERO, ZERO, ONE.negate());
    /** Projector |0⟩⟨0|. */
    public static final FieldMatrix<Complex> P0 = m(ONE, ZERO, ZERO, ZERO);
    /** Projector |1⟩⟨1|. */
    public static final FieldMatrix<Complex> P1 = m(ZERO, ZERO, ZERO, ONE);

    private DenseReference() {
    }

    /**
     * A 2×2 complex matrix, row-major.
     *
     * @param a00 row 0, column 0
     * @param a01 row 0, column 1
     * @param a10 row 1, column 0
     * @param a11 row 1, column 1
     * @return the matrix
     */
    public static FieldMatrix<Complex> m(Complex a00, Complex a01, Complex a10, Complex a11) {
        return new Array2DRowFieldMatrix<>(new Complex[][]{{a00, a01}, {a10, a11}}, true);
    }

    /**
     * exp(-iθσ/2) = cos(θ/2)·I − i·sin(θ/2)·σ for a Pauli matrix σ.
     *
     * @param sigma Pauli matrix
     * @param theta angle
     * @return the rotation
     */
    public static FieldMatrix<Complex> rotation(FieldMatrix<Complex> sigma, double theta) {
        Complex c = new Complex(Math.cos(theta / 2), 0);
        Complex minusIs = new Complex(0, -Math.sin(theta / 2));
        return ID.scalarMultiply(c).add(sigma.scalarMultiply(minusIs));
    }

    /**
     * The 2×2 matrix of a single-qubit gate.
     *
     * @param gate   gate name (one of the single-qubit {@code Gate} constants)
     * @param angles evaluated angles
     * @return the matrix
     */
    public static FieldMatrix<Complex> singleQubit(String gate, double... angles) {
        double r = 1 / Math.sqrt(2);
        switch (gate) {
            case "H":
                return m(new Complex(r), new Complex(r), new Complex(r), new Complex(-r));
            case "X":
                return PX;
            case "Y":
                return PY;
            case "Z":
                return PZ;
            case "S":
                return m(ONE, ZERO, ZERO, I);
            case "T":
                return m(ONE, ZERO, ZERO, new Complex(0, Math.PI / 4).exp());
            case "RX":
                return rotation(PX, angles[0]);
            case "RY":
                return rotation(PY, angles[0]);
            case "RZ":
                return rotation(PZ, angles[0]);
            case "ROT":
                // Rot(φ,θ,ω) = RZ(ω)·RY(θ)·RZ(φ): RZ(φ) acts first.
                return rotation(PZ, angles[2]).multiply(rotation(PY, angles[1])).multiply(rotation(PZ, angles[0]));
            case "PHASE_SHIFT":
                return m(ONE, ZERO, ZERO, new Complex(0, angles[0]).exp());
            default:
                throw new IllegalArgumentException("Not a single-qubit gate: " + gate);
        }
    }

    /**
     * Kronecker product A⊗B.
     *
     * @param a left factor (more significant)
     * @param b right factor
     * @return A⊗B
     */
    public static FieldMatrix<Complex> kron(FieldMatrix<Complex> a, FieldMatrix<Complex> b) {
        int ra = a.getRowDimension();
        int ca = a.getColumnDimension();
        int rb = b.getRowDimension();
        int cb = b.getColumnDimension();
        Complex[][] ad = a.getData();
        Complex[][] bd = b.getData();
        Complex[][] out = new Complex[ra * rb][ca * cb];
        for (int i = 0; i < ra; i++) {
            for (int j = 0; j < ca; j++) {
                Complex aij = ad[i][j];
                for (int k = 0; k < rb; k++) {
                    for (int l = 0; l < cb; l++) {
                        out[i * rb + k][j * cb + l] = aij.multiply(bd[k][l]);
                    }
                }
            }
        }
        return new Array2DRowFieldMatrix<>(out, false);
    }

    /**
     * One tensor-product term: factors[w] acts on wire w (wire 0 leftmost). Null factors are the identity.
     *
     * @param n       number of qubits
     * @param factors per-wire 2×2 factors
     * @return the 2^n×2^n matrix
     */
    public static FieldMatrix<Complex> tensor(int n, FieldMatrix<Complex>[] factors) {
        FieldMatrix<Complex> out = new Array2DRowFieldMatrix<>(new Complex[][]{{ONE}}, false);
        for (int w = 0; w < n; w++) {
            out = kron(out, factors[w] == null ? ID : factors[w]);
        }
        return out;
    }

    /** A sum of tensor-product terms with complex coefficients: the form every gate is written in here. */
    public static final class TensorSum {
        final int n;
        final List<Complex> coefficients = new ArrayList<>();
        final List<FieldMatrix<Complex>[]> terms = new ArrayList<>();

        TensorSum(int n) {
            this.n = n;
        }

        @SuppressWarnings("unchecked")
        TensorSum term(Complex coefficient, int wireA, FieldMatrix<Complex> a, int wireB, FieldMatrix<Complex> b) {
            FieldMatrix<Complex>[] f = new FieldMatrix[n];
            f[wireA] = a;
            if (wireB >= 0) {
                f[wireB] = b;
            }
            coefficients.add(coefficient);
            terms.add(f);
            return this;
        }

        /** @return the dense 2^n×2^n matrix Σ c_t ⊗_w A_{t,w} */
        public FieldMatrix<Complex> dense() {
            int dim = 1 << n;
            Complex[][] sum = new Complex[dim][dim];
            for (Complex[] row : sum) {
                Arrays.fill(row, ZERO);
            }
            for (int t = 0; t < terms.size(); t++) {
                Complex[][] term = tensor(n, terms.get(t)).getData();
                Complex c = coefficients.get(t);
                for (int i = 0; i < dim; i++) {
                    for (int j = 0; j < dim; j++) {
                        Complex e = term[i][j];
                        if (!e.equals(ZERO)) {
                            sum[i][j] = sum[i][j].add(c.multiply(e));
                        }
                    }
                }
            }
            return new Array2DRowFieldMatrix<>(sum, false);
        }

        /**
         * Applies Σ c_t ⊗_w A_{t,w} to a state without forming the matrix: row i of a tensor product has
         * entries Π_w A_w[i_w, j_w], and identity factors force j_w = i_w, so only the (at most two) non-identity
         * wires are summed over.
         *
         * @param re real parts
         * @param im imaginary parts
         * @return {re, im} of the result
         */
        public double[][] apply(double[] re, double[] im) {
            int dim = 1 << n;
            double[] ore = new double[dim];
            double[] oim = new double[dim];
            for (int t = 0; t < terms.size(); t++) {
                FieldMatrix<Complex>[] f = terms.get(t);
                int[] wires = new int[2];
                int k = 0;
                for (int w = 0; w < n; w++) {
                    if (f[w] != null) {
                        wires[k++] = w;
                    }
                }
                // the (at most 2-wire) factor entries as primitives, to keep 2^15-entry registers affordable
                double cr = coefficients.get(t).getReal();
                double ci = coefficients.get(t).getImaginary();
                double[][][] fr = new double[k][2][2];
                double[][][] fi = new double[k][2][2];
                for (int q = 0; q < k; q++) {
                    for (int r = 0; r < 2; r++) {
                        for (int col = 0; col < 2; col++) {
                            fr[q][r][col] = f[wires[q]].getEntry(r, col).getReal();
                            fi[q][r][col] = f[wires[q]].getEntry(r, col).getImaginary();
                        }
                    }
                }
                for (int i = 0; i < dim; i++) {
                    double accRe = 0;
                    double accIm = 0;
                    for (int jBits = 0; jBits < (1 << k); jBits++) {
                        int j = i;
                        double er = cr;
                        double ei = ci;
                        for (int q = 0; q < k; q++) {
                            int bitPos = n - 1 - wires[q];
                            int iw = (i >> bitPos) & 1;
                            int jw = (jBits >> q) & 1;
                            j = (j & ~(1 << bitPos)) | (jw << bitPos);
                            double ar = fr[q][iw][jw];
                            double ai = fi[q][iw][jw];
                            double nr = er * ar - ei * ai;
                            ei = er * ai + ei * ar;
                            er = nr;
                        }
                        accRe += er * re[j] - ei * im[j];
                        accIm += er * im[j] + ei * re[j];
                    }
                    ore[i] += accRe;
                    oim[i] += accIm;
                }
            }
            return new double[][]{ore, oim};
        }
    }

    /**
     * Evaluates an angle from its definition (scale·params[i], scale·x[i], or the constant).
     *
     * @param a      the angle
     * @param params parameters
     * @param input  features
     * @return radians
     */
    public static double angle(Angle a, double[] params, double[] input) {
        switch (a.source()) {
            case PARAMETER:
                return a.scale() * params[a.index()];
            case INPUT:
                return a.scale() * input[a.index()];
            case CONSTANT:
                return a.scale();
            default:
                throw new AssertionError(a.source());
        }
    }

    /**
     * An operation as a sum of tensor-product terms over the whole register.
     *
     * @param n      number of qubits
     * @param op     the operation
     * @param params parameters
     * @param input  features
     * @return the operator
     */
    public static TensorSum operator(int n, Operation op, double[] params, double[] input) {
        TensorSum s = new TensorSum(n);
        String g = op.gate().name();
        if (op.gate().numWires() == 1) {
            double[] angles = new double[op.numAngles()];
            for (int i = 0; i < angles.length; i++) {
                angles[i] = angle(op.angle(i), params, input);
            }
            return s.term(ONE, op.wire(0), singleQubit(g, angles), -1, null);
        }
        int a = op.wire(0);
        int b = op.wire(1);
        switch (g) {
            case "CNOT":
                return s.term(ONE, a, P0, b, ID).term(ONE, a, P1, b, PX);
            case "CZ":
                return s.term(ONE, a, P0, b, ID).term(ONE, a, P1, b, PZ);
            case "SWAP":
                Complex half = new Complex(0.5);
                return s.term(half, a, ID, b, ID).term(half, a, PX, b, PX).term(half, a, PY, b, PY)
                        .term(half, a, PZ, b, PZ);
            default:
                throw new IllegalArgumentException("Not a two-qubit gate: " + g);
        }
    }

    /**
     * The full 2^n×2^n unitary of one operation.
     *
     * @param n      number of qubits
     * @param op     the operation
     * @param params parameters
     * @param input  features
     * @return the unitary
     */
    public static FieldMatrix<Complex> operationMatrix(int n, Operation op, double[] params, double[] input) {
        return operator(n, op, params, input).dense();
    }

    /**
     * The circuit unitary U = U_last ·…· U_first.
     *
     * @param c      circuit
     * @param params parameters
     * @param input  features
     * @return the unitary
     */
    public static FieldMatrix<Complex> circuitUnitary(Circuit c, double[] params, double[] input) {
        int n = c.numQubits();
        checkDense(n);
        FieldMatrix<Complex> u = identity(1 << n);
        for (Operation op : c.operations()) {
            u = operationMatrix(n, op, params, input).multiply(u);
        }
        return u;
    }

    /**
     * @param dim dimension
     * @return the identity matrix
     */
    public static FieldMatrix<Complex> identity(int dim) {
        FieldMatrix<Complex> u = new Array2DRowFieldMatrix<>(F, dim, dim);
        for (int i = 0; i < dim; i++) {
            u.setEntry(i, i, ONE);
        }
        return u;
    }

    /**
     * The initial state: |0…0⟩, or the L2-normalised, zero-padded amplitude embedding of the features.
     *
     * @param c     circuit
     * @param input features
     * @return the state, 2^n entries
     */
    public static FieldVector<Complex> initialState(Circuit c, double[] input) {
        int dim = 1 << c.numQubits();
        Complex[] v = new Complex[dim];
        Arrays.fill(v, ZERO);
        Circuit.AmplitudeEmbedding e = c.amplitudeEmbedding();
        if (e == null) {
            v[0] = ONE;
        } else {
            // ‖x‖ = m·‖x/m‖ with m = max|x_i|, so that neither huge nor tiny (finite, non-zero) vectors over- or
            // underflow in the squares.
            double m = 0;
            for (int i = 0; i < e.length(); i++) {
                m = Math.max(m, Math.abs(input[e.firstFeature() + i]));
            }
            double sq = 0;
            for (int i = 0; i < e.length(); i++) {
                double x = input[e.firstFeature() + i] / m;
                sq += x * x;
            }
            double norm = m * Math.sqrt(sq);
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw new IllegalArgumentException("reference: amplitude vector has norm " + norm);
            }
            for (int i = 0; i < e.length(); i++) {
                v[i] = new Complex(input[e.firstFeature() + i] / norm);
            }
        }
        return new ArrayFieldVector<>(v, false);
    }

    /**
     * The final state U|ψ₀⟩.
     *
     * @param c      circuit
     * @param params parameters
     * @param input  features
     * @return the state
     */
    public static FieldVector<Complex> finalState(Circuit c, double[] params, double[] input) {
        // Same thing as circuitUnitary(c, params, input).operate(initialState(c, input)) (a self-test checks it),
        // but matrix-vector per gate: 2^n times cheaper than forming the product of 2^n×2^n matrices.
        int n = c.numQubits();
        checkDense(n);
        FieldVector<Complex> psi = initialState(c, input);
        for (Operation op : c.operations()) {
            psi = operationMatrix(n, op, params, input).operate(psi);
        }
        return psi;
    }

    /**
     * The final state computed without dense matrices (for registers too large for {@link #finalState}), by
     * applying each operation's tensor-product terms entry by entry.
     *
     * @param c      circuit
     * @param params parameters
     * @param input  features
     * @return {re[], im[]}
     */
    public static double[][] finalStateMatrixFree(Circuit c, double[] params, double[] input) {
        FieldVector<Complex> init = initialState(c, input);
        int dim = init.getDimension();
        double[] re = new double[dim];
        double[] im = new double[dim];
        for (int i = 0; i < dim; i++) {
            re[i] = init.getEntry(i).getReal();
            im[i] = init.getEntry(i).getImaginary();
        }
        double[][] s = {re, im};
        for (Operation op : c.operations()) {
            s = operator(c.numQubits(), op, params, input).apply(s[0], s[1]);
        }
        return s;
    }

    /**
     * ⟨ψ|O|ψ⟩ for O = I⊗…⊗σ⊗…⊗I, with the dense observable matrix.
     *
     * @param psi state
     * @param n   number of qubits
     * @param o   observable
     * @return the expectation (its imaginary part is asserted to vanish)
     */
    public static double expectation(FieldVector<Complex> psi, int n, Observable o) {
        FieldMatrix<Complex> sigma = o.pauli() == Observable.Pauli.X ? PX : PZ;
        FieldMatrix<Complex> op = new TensorSum(n).term(ONE, o.wire(), sigma, -1, null).dense();
        Complex e = inner(psi, op.operate(psi));
        if (Math.abs(e.getImaginary()) > 1e-12) {
            throw new AssertionError("Hermitian observable with complex expectation " + e);
        }
        return e.getReal();
    }

    /**
     * ⟨a|b⟩ = Σ conj(a_i)·b_i.
     *
     * @param a bra
     * @param b ket
     * @return the inner product
     */
    public static Complex inner(FieldVector<Complex> a, FieldVector<Complex> b) {
        Complex s = ZERO;
        for (int i = 0; i < a.getDimension(); i++) {
            s = s.add(a.getEntry(i).conjugate().multiply(b.getEntry(i)));
        }
        return s;
    }

    /**
     * Exact expectations of every observable of the circuit for one sample.
     *
     * @param c      circuit
     * @param params parameters
     * @param input  features
     * @return ⟨O_k⟩ in the circuit's observable order
     */
    public static double[] expectations(Circuit c, double[] params, double[] input) {
        return expectations(finalState(c, params, input), c);
    }

    /**
     * Exact expectations of every observable of the circuit in a given state.
     *
     * @param psi the state
     * @param c   the circuit (for its observables)
     * @return ⟨O_k⟩ in the circuit's observable order
     */
    public static double[] expectations(FieldVector<Complex> psi, Circuit c) {
        double[] out = new double[c.observables().size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = expectation(psi, c.numQubits(), c.observables().get(k));
        }
        return out;
    }

    /**
     * Expectations from a state given as {re[], im[]} (as returned by {@link #finalStateMatrixFree}), by the
     * definition ⟨ψ|O|ψ⟩ = Σ_i conj(ψ_i)·(Oψ)_i with O applied matrix-free.
     *
     * @param state {re[], im[]}
     * @param c     circuit (for the observables)
     * @return ⟨O_k⟩
     */
    public static double[] expectationsMatrixFree(double[][] state, Circuit c) {
        int n = c.numQubits();
        double[] out = new double[c.observables().size()];
        for (int k = 0; k < out.length; k++) {
            Observable o = c.observables().get(k);
            FieldMatrix<Complex> sigma = o.pauli() == Observable.Pauli.X ? PX : PZ;
            double[][] ops = new TensorSum(n).term(ONE, o.wire(), sigma, -1, null).apply(state[0], state[1]);
            double s = 0;
            for (int i = 0; i < ops[0].length; i++) {
                s += state[0][i] * ops[0][i] + state[1][i] * ops[1][i];
            }
            out[k] = s;
        }
        return out;
    }

    /**
     * Splits a state into {re[], im[]}.
     *
     * @param v state
     * @return {re[], im[]}
     */
    public static double[][] toArrays(FieldVector<Complex> v) {
        int dim = v.getDimension();
        double[][] out = new double[2][dim];
        for (int i = 0; i < dim; i++) {
            out[0][i] = v.getEntry(i).getReal();
            out[1][i] = v.getEntry(i).getImaginary();
        }
        return out;
    }

    private static void checkDense(int n) {
        if (n > MAX_DENSE_QUBITS) {
            throw new IllegalArgumentException("The dense reference is for at most " + MAX_DENSE_QUBITS
                    + " qubits, got " + n + "; use finalStateMatrixFree");
        }
    }
}

package org.hybridqml.sim;

import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Observable;
import org.hybridqml.sim.circuit.Operation;

import java.util.Arrays;

/**
 * A circuit lowered to flat arrays for the kernels: Rot is expanded into RZ·RY·RZ, wires are turned into bit
 * positions (wire w of n is bit n-1-w), and every op has at most one angle θ = scale·source + offset.
 * Immutable once built; {@link #withAngleOffset} makes the shifted copies the parameter-shift rule needs.
 */
final class CompiledCircuit {
    // Op kinds. Single-qubit kinds first, so kind < FIRST_TWO_QUBIT means "single-qubit".
    static final int H = 0, X = 1, Y = 2, Z = 3, S = 4, T = 5, RX = 6, RY = 7, RZ = 8, PS = 9;
    static final int FIRST_TWO_QUBIT = 10;
    static final int CNOT = 10, CZ = 11, SWAP = 12;

    static final int SRC_NONE = 0, SRC_PARAM = 1, SRC_INPUT = 2, SRC_CONST = 3;

    final int numQubits;
    final int dim;
    final int numParams;
    final int numInputs;
    final boolean real;
    /** Amplitude embedding range, or ampLength == 0 for |0…0⟩. */
    final int ampFirst;
    final int ampLength;

    final int numOps;
    final int[] kind;
    final int[] bitA;
    final int[] bitB;
    final int[] angleSrc;
    final int[] angleIdx;
    final double[] angleScale;
    final double[] angleOffset;

    final int numObs;
    final boolean[] obsIsX;
    final int[] obsBit;

    CompiledCircuit(Circuit c) {
        numQubits = c.numQubits();
        dim = 1 << numQubits;
        numParams = c.numParameters();
        numInputs = c.numInputs();
        real = c.isReal();
        if (c.amplitudeEmbedding() != null) {
            ampFirst = c.amplitudeEmbedding().firstFeature();
            ampLength = c.amplitudeEmbedding().length();
        } else {
            ampFirst = 0;
            ampLength = 0;
        }
        int count = 0;
        for (Operation op : c.operations()) {
            count += op.gate() == org.hybridqml.sim.circuit.Gate.ROT ? 3 : 1;
        }
        numOps = count;
        kind = new int[count];
        bitA = new int[count];
        bitB = new int[count];
        angleSrc = new int[count];
        angleIdx = new int[count];
        angleScale = new double[count];
        angleOffset = new double[count];
        int k = 0;
        for (Operation op : c.operations()) {
            int a = bit(op.wire(0));
            switch (op.gate()) {
                case ROT:
                    // Rot(φ,θ,ω) = RZ(ω)·RY(θ)·RZ(φ): applied as RZ(φ), then RY(θ), then RZ(ω).
                    k = single(k, RZ, a, op.angle(0));
                    k = single(k, RY, a, op.angle(1));
                    k = single(k, RZ, a, op.angle(2));
                    break;
                case CNOT:
                case CZ:
                case SWAP:
                    kind[k] = op.gate() == org.hybridqml.sim.circuit.Gate.CNOT ? CNOT
                            : op.gate() == org.hybridqml.sim.circuit.Gate.CZ ? CZ : SWAP;
                    bitA[k] = a;
                    bitB[k] = bit(op.wire(1));
                    k++;
                    break;
                default:
                    k = single(k, singleKind(op.gate()), a, op.numAngles() > 0 ? op.angle(0) : null);
            }
        }
        numObs = c.observables().size();
        obsIsX = new boolean[numObs];
        obsBit = new int[numObs];
        for (int i = 0; i < numObs; i++) {
            Observable o = c.observables().get(i);
            if (o.wire() >= numQubits) {
                throw new IllegalArgumentException("Observable wire " + o.wire() + " out of range for a " + numQubits
                        + "-qubit circuit");
            }
            obsIsX[i] = o.pauli() == Observable.Pauli.X;
            obsBit[i] = bit(o.wire());
        }
    }

    private CompiledCircuit(CompiledCircuit o, double[] offsets) {
        numQubits = o.numQubits;
        dim = o.dim;
        numParams = o.numParams;
        numInputs = o.numInputs;
        real = o.real;
        ampFirst = o.ampFirst;
        ampLength = o.ampLength;
        numOps = o.numOps;
        kind = o.kind;
        bitA = o.bitA;
        bitB = o.bitB;
        angleSrc = o.angleSrc;
        angleIdx = o.angleIdx;
        angleScale = o.angleScale;
        angleOffset = offsets;
        numObs = o.numObs;
        obsIsX = o.obsIsX;
        obsBit = o.obsBit;
    }

    /** A copy whose op {@code op} has its angle shifted by {@code delta}. */
    CompiledCircuit withAngleOffset(int op, double delta) {
        double[] off = angleOffset.clone();
        off[op] += delta;
        return new CompiledCircuit(this, off);
    }

    private int bit(int wire) {
        return numQubits - 1 - wire;
    }

    private int single(int k, int kindCode, int bit, Angle angle) {
        kind[k] = kindCode;
        bitA[k] = bit;
        bitB[k] = -1;
        if (angle == null) {
            angleSrc[k] = SRC_NONE;
        } else {
            switch (angle.source()) {
                case PARAMETER:
                    angleSrc[k] = SRC_PARAM;
                    break;
                case INPUT:
                    angleSrc[k] = SRC_INPUT;
                    break;
                default:
                    angleSrc[k] = SRC_CONST;
            }
            angleIdx[k] = angle.index();
            angleScale[k] = angle.scale();
        }
        return k + 1;
    }

    static int singleKind(org.hybridqml.sim.circuit.Gate g) {
        switch (g) {
            case H:
                return H;
            case X:
                return X;
            case Y:
                return Y;
            case Z:
                return Z;
            case S:
                return S;
            case T:
                return T;
            case RX:
                return RX;
            case RY:
                return RY;
            case RZ:
                return RZ;
            case PHASE_SHIFT:
                return PS;
            default:
                throw new IllegalStateException("Not a single-qubit gate: " + g);
        }
    }

    boolean isSingle(int op) {
        return kind[op] < FIRST_TWO_QUBIT;
    }

    boolean hasTrainableOrInputAngle(int op) {
        return angleSrc[op] == SRC_PARAM || angleSrc[op] == SRC_INPUT;
    }

    /** θ of op {@code op} for the given parameters and sample. */
    double angle(int op, double[] params, double[] input) {
        switch (angleSrc[op]) {
            case SRC_PARAM:
                return angleScale[op] * params[angleIdx[op]] + angleOffset[op];
            case SRC_INPUT:
                return angleScale[op] * input[angleIdx[op]] + angleOffset[op];
            case SRC_CONST:
                return angleScale[op] + angleOffset[op];
            default:
                return 0.0;
        }
    }

    /**
     * Writes the 2×2 matrix of single-qubit op {@code op} at angle θ into {@code m} at {@code off}, as
     * (re00, im00, re01, im01, re10, im10, re11, im11).
     */
    void matrix(int op, double theta, double[] m, int off) {
        matrixOfKind(kind[op], theta, m, off);
    }

    /** {@link #matrix} for an op kind rather than an op index (also used by {@link GateMatrices}). */
    static void matrixOfKind(int opKind, double theta, double[] m, int off) {
        double c = Math.cos(theta / 2);
        double s = Math.sin(theta / 2);
        Arrays.fill(m, off, off + 8, 0.0);
        switch (opKind) {
            case H: {
                double r = Math.sqrt(0.5);
                m[off] = r;
                m[off + 2] = r;
                m[off + 4] = r;
                m[off + 6] = -r;
                break;
            }
            case X:
                m[off + 2] = 1;
                m[off + 4] = 1;
                break;
            case Y:
                m[off + 3] = -1;
                m[off + 5] = 1;
                break;
            case Z:
                m[off] = 1;
                m[off + 6] = -1;
                break;
            case S:
                m[off] = 1;
                m[off + 7] = 1;
                break;
            case T:
                m[off] = 1;
                m[off + 6] = Math.sqrt(0.5);
                m[off + 7] = Math.sqrt(0.5);
                break;
            case RX:
                m[off] = c;
                m[off + 3] = -s;
                m[off + 5] = -s;
                m[off + 6] = c;
                break;
            case RY:
                m[off] = c;
                m[off + 2] = -s;
                m[off + 4] = s;
                m[off + 6] = c;
                break;
            case RZ:
                m[off] = c;
                m[off + 1] = -s;
                m[off + 6] = c;
                m[off + 7] = s;
                break;
            case PS:
                m[off] = 1;
                m[off + 6] = Math.cos(theta);
                m[off + 7] = Math.sin(theta);
                break;
            default:
                throw new IllegalStateException("Not a single-qubit op kind: " + opKind);
        }
    }

    /** Writes dU/dθ of rotation op {@code op} (RX, RY, RZ, PhaseShift) in the layout of {@link #matrix}. */
    void derivative(int op, double theta, double[] m, int off) {
        double c = Math.cos(theta / 2) / 2;
        double s = Math.sin(theta / 2) / 2;
        Arrays.fill(m, off, off + 8, 0.0);
        switch (kind[op]) {
            case RX:
                m[off] = -s;
                m[off + 3] = -c;
                m[off + 5] = -c;
                m[off + 6] = -s;
                break;
            case RY:
                m[off] = -s;
                m[off + 2] = -c;
                m[off + 4] = c;
                m[off + 6] = -s;
                break;
            case RZ:
                // d/dθ diag(e^{-iθ/2}, e^{iθ/2}) = diag(-i/2·e^{-iθ/2}, i/2·e^{iθ/2})
                m[off] = -s;
                m[off + 1] = -c;
                m[off + 6] = -s;
                m[off + 7] = c;
                break;
            case PS:
                m[off + 6] = -Math.sin(theta);
                m[off + 7] = Math.cos(theta);
                break;
            default:
                throw new IllegalStateException("Op kind " + kind[op] + " has no angle");
        }
    }
}

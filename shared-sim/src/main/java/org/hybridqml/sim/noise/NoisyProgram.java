package org.hybridqml.sim.noise;

import org.hybridqml.sim.GateMatrices;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Observable;
import org.hybridqml.sim.circuit.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * A circuit with its noise channels placed, as a flat list of steps (a gate, or the channel on one wire), plus what
 * every engine needs per sample: the gate matrices and the initial state. Bits: wire w of n is bit n−1−w (wire 0 is
 * the most significant bit of a basis index). Immutable.
 */
final class NoisyProgram {

    /** Step kinds. */
    static final int GATE1 = 0, GATE2 = 1, CHANNEL = 2;

    final Circuit circuit;
    final NoiseModel noise;
    final int numQubits;
    final int dim;
    /** Step kind, the operation index into the circuit (gates) and the bits the step acts on. */
    final int[] kind;
    final int[] opIndex;
    final int[] bitA;
    final int[] bitB;
    final boolean[] obsIsX;
    final int[] obsBit;
    /** The circuit without gates, for the amplitude-embedded initial state; null for |0…0⟩. */
    private final Circuit embeddingOnly;

    NoisyProgram(Circuit circuit, NoiseModel noise) {
        this.circuit = circuit;
        this.noise = noise;
        this.numQubits = circuit.numQubits();
        this.dim = 1 << numQubits;
        List<int[]> steps = new ArrayList<>();
        List<Operation> ops = circuit.operations();
        boolean noisy = !noise.isNoiseFree();
        if (noise.placement() == NoiseModel.Placement.GATE || !noisy) {
            for (int k = 0; k < ops.size(); k++) {
                addGate(steps, ops.get(k), k);
                if (noisy) {
                    for (int w : ops.get(k).wires()) {
                        steps.add(new int[]{CHANNEL, -1, bit(w), -1});
                    }
                }
            }
        } else {
            // greedy moments: each gate goes one after the last moment that used any of its wires
            int[] moment = new int[ops.size()];
            int[] lastOnWire = new int[numQubits];
            int moments = 0;
            for (int k = 0; k < ops.size(); k++) {
                int m = 0;
                for (int w : ops.get(k).wires()) {
                    m = Math.max(m, lastOnWire[w]);
                }
                moment[k] = m;
                for (int w : ops.get(k).wires()) {
                    lastOnWire[w] = m + 1;
                }
                moments = Math.max(moments, m + 1);
            }
            // gates of one moment act on disjoint wires, and each wire keeps its gate order: the same unitary
            for (int m = 0; m < moments; m++) {
                for (int k = 0; k < ops.size(); k++) {
                    if (moment[k] == m) {
                        addGate(steps, ops.get(k), k);
                    }
                }
                for (int w = 0; w < numQubits; w++) {
                    steps.add(new int[]{CHANNEL, -1, bit(w), -1});
                }
            }
        }
        int n = steps.size();
        kind = new int[n];
        opIndex = new int[n];
        bitA = new int[n];
        bitB = new int[n];
        for (int s = 0; s < n; s++) {
            kind[s] = steps.get(s)[0];
            opIndex[s] = steps.get(s)[1];
            bitA[s] = steps.get(s)[2];
            bitB[s] = steps.get(s)[3];
        }
        List<Observable> obs = circuit.observables();
        obsIsX = new boolean[obs.size()];
        obsBit = new int[obs.size()];
        for (int k = 0; k < obs.size(); k++) {
            if (obs.get(k).wire() >= numQubits) {
                throw new IllegalArgumentException("Observable wire " + obs.get(k).wire() + " out of range for a "
                        + numQubits + "-qubit circuit");
            }
            obsIsX[k] = obs.get(k).pauli() == Observable.Pauli.X;
            obsBit[k] = bit(obs.get(k).wire());
        }
        Circuit.AmplitudeEmbedding emb = circuit.amplitudeEmbedding();
        embeddingOnly = emb == null ? null : Circuit.builder(numQubits)
                .amplitudeEmbedding(emb.firstFeature(), emb.length())
                .numInputs(circuit.numInputs()).expectZ(0).build();
    }

    private void addGate(List<int[]> steps, Operation op, int k) {
        if (op.gate().numWires() == 1) {
            steps.add(new int[]{GATE1, k, bit(op.wire(0)), -1});
        } else {
            steps.add(new int[]{GATE2, k, bit(op.wire(0)), bit(op.wire(1))});
        }
    }

    private int bit(int wire) {
        return numQubits - 1 - wire;
    }

    /** @return the number of steps */
    int size() {
        return kind.length;
    }

    /**
     * The gate matrices of one sample, indexed by step (null for channel steps): 2×2 for single-qubit gates, 4×4 for
     * two-qubit gates, in the layout of {@link GateMatrices}.
     */
    double[][] gateMatrices(double[] params, double[] input) {
        double[][] m = new double[kind.length][];
        List<Operation> ops = circuit.operations();
        for (int s = 0; s < kind.length; s++) {
            if (kind[s] == GATE1) {
                m[s] = GateMatrices.singleQubit(ops.get(opIndex[s]), params, input);
            } else if (kind[s] == GATE2) {
                m[s] = GateMatrices.twoQubit(ops.get(opIndex[s]).gate());
            }
        }
        return m;
    }

    /**
     * The initial state of one sample: the normalised, zero-padded amplitude embedding (computed by the statevector
     * simulator, which also checks the vector) or |0…0⟩.
     *
     * @return {re, im}, each of length 2^n
     */
    double[][] initialState(StatevectorSimulator statevector, double[] input) {
        if (embeddingOnly == null) {
            double[][] psi = new double[2][dim];
            psi[0][0] = 1.0;
            return psi;
        }
        return statevector.finalState(embeddingOnly, new double[0], input);
    }
}

package org.hybridqml.sim;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.reference.RandomCircuits;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checkpointed backward sweep (segments of single-qubit gates on distinct wires between CNOT/SWAP runs: λ-only
 * un-applying, RY gradients against stored segment inputs) gives the same gradients as the classic φ-and-λ sweep
 * to 1e-10, is used exactly where its conditions hold, and survives the forward tape.
 */
class CheckpointedBackwardTest {

    /** Gradients of one sample through the checkpointed sweep and through the classic sweep, same engine inputs. */
    private static double[][] bothSweeps(Circuit c, double[] params, double[] input, double[] up,
                                         boolean expectSegmented) {
        CompiledCircuit cc = new CompiledCircuit(c);
        StateEngine seg = new StateEngine(cc, true);
        assertEquals(expectSegmented, seg.checkpointCount() > 0, "checkpointed sweep used for " + c);
        seg.prepare(params, input, true);
        double norm = seg.initState(input, 0);
        seg.forward();
        double[] pg1 = new double[cc.numParams];
        double[] ig1 = new double[cc.numInputs];
        seg.backward(up, pg1, ig1, input, norm);

        StateEngine classic = new StateEngine(cc, true);
        classic.prepare(params, input, true);
        classic.initState(input, 0);
        classic.forward();
        classic.loadState(classic.re.clone(), classic.im == null ? null : classic.im.clone()); // drops checkpoints
        double[] pg2 = new double[cc.numParams];
        double[] ig2 = new double[cc.numInputs];
        classic.backward(up, pg2, ig2, input, norm);
        return new double[][]{pg1, ig1, pg2, ig2};
    }

    private static void assertClose(double[] a, double[] b, String what) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-10, what + " [" + i + "]");
        }
    }

    @Test
    void dqcGradientsEqualTheClassicSweep() {
        SplittableRandom rng = new SplittableRandom(501);
        for (int n : new int[]{14, 15, 16}) {
            Circuit c = DressedQuantumCircuit.circuit(n, n == 15 ? 4 : 3);
            double[][] r = bothSweeps(c, RandomCircuits.vector(rng, c.numParameters()),
                    RandomCircuits.vector(rng, c.numInputs()), RandomCircuits.vector(rng, n), true);
            assertClose(r[0], r[2], n + " qubits, parameter gradient");
            assertClose(r[1], r[3], n + " qubits, input gradient");
        }
    }

    @Test
    void layeredCircuitsWithoutProductPrefixAndWithSwapRunsEqualTheClassicSweep() {
        SplittableRandom rng = new SplittableRandom(502);
        int n = 15;
        // RY and fixed real gates on distinct wires per segment, rings of CNOTs and SWAPs, an amplitude embedding
        Circuit.Builder b = Circuit.builder(n).numParameters(3 * n).numInputs(1 << n)
                .amplitudeEmbedding(0, 1 << n);
        for (int layer = 0; layer < 3; layer++) {
            for (int w = 0; w < n; w++) {
                if ((w + layer) % 5 == 0) {
                    b.h(w);
                } else if ((w + layer) % 7 == 0) {
                    continue;
                } else {
                    b.ry(w, Angle.param(layer * n + w, 0.5 + layer));
                }
            }
            for (int w = 0; w < n; w++) {
                if (layer == 1) {
                    b.swap(w, (w + 3) % n);
                } else {
                    b.cnot(w, (w + 1) % n);
                }
            }
        }
        Circuit c = b.expectZAll().build();
        double[] input = RandomCircuits.vector(rng, 1 << n);
        double[][] r = bothSweeps(c, RandomCircuits.vector(rng, c.numParameters()), input,
                RandomCircuits.vector(rng, n), true);
        assertClose(r[0], r[2], "parameter gradient");
        assertClose(r[1], r[3], "input gradient (amplitude embedding)");
    }

    @Test
    void circuitsOutsideTheShapeKeepTheClassicSweep() {
        int n = 14;
        // two RYs on one wire within a segment
        Circuit twice = Circuit.builder(n).numParameters(2)
                .ry(3, Angle.param(0)).cnot(0, 1).cnot(1, 2).cnot(2, 3).cnot(3, 0)
                .ry(2, Angle.param(0)).ry(2, Angle.param(1)).cnot(0, 1).cnot(1, 2).expectZ(2).build();
        // a CZ between the runs
        Circuit cz = Circuit.builder(n).numParameters(1)
                .cnot(0, 1).cnot(1, 2).ry(4, Angle.param(0)).cz(4, 5).cnot(0, 1).cnot(1, 2).expectZ(4).build();
        // a run that does not touch a wire whose gate precedes it: the forward schedule would apply that gate later
        Circuit untouched = Circuit.builder(n).numParameters(2)
                .cnot(0, 7).cnot(0, 1).ry(7, Angle.param(0)).ry(1, Angle.param(1)).cnot(0, 1).cnot(1, 2)
                .ry(7, Angle.param(1)).expectZ(7, 1).build();
        SplittableRandom rng = new SplittableRandom(503);
        for (Circuit c : new Circuit[]{twice, cz, untouched}) {
            double[][] r = bothSweeps(c, RandomCircuits.vector(rng, c.numParameters()), new double[0],
                    RandomCircuits.vector(rng, c.observables().size()), false);
            assertClose(r[0], r[2], "parameter gradient");
        }
        // complex circuits and small registers never use it
        assertEquals(0, new StateEngine(new CompiledCircuit(RandomCircuits.random(rng, 14, 10, 3, 2,
                RandomCircuits.ALL_GATES, false)), true).checkpointCount());
        assertEquals(0, new StateEngine(new CompiledCircuit(DressedQuantumCircuit.circuit(12, 3)), true)
                .checkpointCount());
    }

    @Test
    void tapeStoresCheckpointsAndGivesTheSameBits() {
        SplittableRandom rng = new SplittableRandom(504);
        Circuit c = DressedQuantumCircuit.circuit(15, 3);
        double[] params = RandomCircuits.vector(rng, c.numParameters());
        double[][] inputs = RandomCircuits.matrix(rng, 4, c.numInputs());
        double[][] up = RandomCircuits.matrix(rng, 4, c.observables().size());
        for (StatevectorSimulator sim : new StatevectorSimulator[]{new StatevectorSimulator(1),
                new StatevectorSimulator(2), new StatevectorSimulator(2).amplitudeParallelMinQubits(1)}) {
            ForwardTape tape = sim.forward(c, params, inputs);
            assertTrue(tape.storesStates());
            ValueAndGradient direct = sim.valueAndGradient(c, params, inputs, up);
            ValueAndGradient fromTape = tape.backward(up);
            for (int p = 0; p < direct.parameterGradient().length; p++) {
                assertEquals(direct.parameterGradient()[p], fromTape.parameterGradient()[p], 0.0, "parameter " + p);
            }
            for (int s = 0; s < inputs.length; s++) {
                for (int f = 0; f < c.numInputs(); f++) {
                    assertEquals(direct.inputGradient()[s][f], fromTape.inputGradient()[s][f], 0.0, "input " + f);
                }
            }
        }
    }
}

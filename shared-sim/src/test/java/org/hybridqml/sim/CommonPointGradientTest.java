package org.hybridqml.sim;

import org.hybridqml.circuits.QuFeXCircuits;
import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.reference.RandomCircuits;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The small-circuit engine takes the gradients of a leading embedding layer at one common point instead of
 * un-applying it: the range is found correctly, and the gradients equal those of the per-sample engine (which
 * un-applies every gate) to 1e-10.
 */
class CommonPointGradientTest {

    @Test
    void leadingRangeStopsBeforeTheFirstGateThatFollowsADifferentiableOneOnItsWire() {
        // H on every wire, then RZ(x) on every wire: all 2n ops qualify
        assertEquals(8, BatchedSmallEngine.commonPointEnd(new CompiledCircuit(QuFeXCircuits.pqc2(4))));
        // RY(x) on every wire, then RX(θ) on wire 0 (after RY(x) on wire 0): only the embedding qualifies
        assertEquals(4, BatchedSmallEngine.commonPointEnd(new CompiledCircuit(QuFeXCircuits.pqc1(4))));
        Circuit c = Circuit.builder(3).numParameters(2).ry(0, Angle.param(0)).h(1).ry(0, Angle.param(1)).h(2)
                .cnot(0, 1).expectZ(0).build();
        // RY(θ0) on wire 0 is followed by RY(θ1) on wire 0, so the range ends before that second gate
        assertEquals(2, BatchedSmallEngine.commonPointEnd(new CompiledCircuit(c)));
    }

    @Test
    void gradientsEqualThePerSampleEngine() {
        SplittableRandom rng = new SplittableRandom(601);
        Circuit[] circuits = {QuFeXCircuits.pqc1(4), QuFeXCircuits.pqc2(4), QuFeXCircuits.pqc1(8),
                QuFeXCircuits.pqc2(8),
                Circuit.builder(3).numParameters(2).numInputs(1).ry(0, Angle.param(0)).h(1)
                        .rx(2, Angle.input(0, 0.7)).ry(0, Angle.param(1)).cnot(0, 1).rz(2, Angle.param(1))
                        .expectZ(0, 1).expectX(2).build()};
        for (Circuit c : circuits) {
            CompiledCircuit cc = new CompiledCircuit(c);
            int batch = 5;
            double[] params = RandomCircuits.vector(rng, c.numParameters());
            double[][] inputs = RandomCircuits.matrix(rng, batch, c.numInputs());
            double[][] up = RandomCircuits.matrix(rng, batch, c.observables().size());
            double[][] expect = new double[batch][c.observables().size()];
            double[][] pg = new double[batch][c.numParameters()];
            double[][] ig = new double[batch][c.numInputs()];
            new BatchedSmallEngine(cc, true).run(params, inputs, up, expect, pg, ig, 0, batch);
            StateEngine ref = new StateEngine(cc, true);
            for (int b = 0; b < batch; b++) {
                double[] rpg = new double[c.numParameters()];
                double[] rig = new double[c.numInputs()];
                ref.prepare(params, inputs[b], true);
                double norm = ref.initState(inputs[b], b);
                ref.forward();
                ref.backward(up[b], rpg, rig, inputs[b], norm);
                for (int p = 0; p < rpg.length; p++) {
                    assertEquals(rpg[p], pg[b][p], 1e-10, c + ": parameter " + p + ", sample " + b);
                }
                for (int f = 0; f < rig.length; f++) {
                    assertEquals(rig[f], ig[b][f], 1e-10, c + ": input " + f + ", sample " + b);
                }
            }
        }
    }
}

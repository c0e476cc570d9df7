package org.hybridqml.sim;

import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.circuit.Gate;
import org.hybridqml.sim.reference.RandomCircuits;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.hybridqml.sim.StatevectorSimulatorReferenceTest.assertAgreesWithReference;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine against the reference on registers too large for dense matrices (7–15 qubits, including the engine's
 * cache-blocked sizes above 13 qubits): the reference applies the same tensor-product terms entry by entry.
 * Same tolerances as {@link StatevectorSimulatorReferenceTest}.
 */
class LargeRegisterReferenceTest {

    @Test
    void registersBeyondTheCacheBlockMatchMatrixFreeReference() {
        // The engine switches to cache-blocked kernels above 13 qubits; the dense matrix is out of reach there,
        // so the reference applies the same tensor-product terms entry by entry.
        SplittableRandom rng = new SplittableRandom(105);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        Circuit first = RandomCircuits.random(new SplittableRandom(105), 15, 10, 3, 2, RandomCircuits.ALL_GATES, false);
        assertTrue(sim.describe(first).cacheBlocked(), "a 15-qubit random circuit runs cache-blocked");
        assertAgreesWithReference(sim, RandomCircuits.random(rng, 15, 10, 3, 2, RandomCircuits.ALL_GATES, false), rng,
                1, false);
        assertAgreesWithReference(sim, RandomCircuits.random(rng, 14, 10, 3, 2, RandomCircuits.REAL_GATES, true), rng,
                1, false);
        assertAgreesWithReference(sim, RandomCircuits.random(rng, 14, 6, 3, 2, RandomCircuits.ALL_GATES, true), rng,
                1, false);
    }

    @Test
    void mediumRegistersUpToAndAcrossTheCacheBlockMatchMatrixFreeReference() {
        SplittableRandom rng = new SplittableRandom(106);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        for (int n = 7; n <= 14; n++) {
            Gate[] gates = n % 2 == 0 ? RandomCircuits.ALL_GATES : RandomCircuits.REAL_GATES;
            assertAgreesWithReference(sim, RandomCircuits.random(rng, n, 25, 3, 2, gates, n % 3 == 0), rng, 1, false);
        }
    }

    @Test
    void structuredCircuitsOnBlockedRegistersMatchMatrixFreeReference() {
        SplittableRandom rng = new SplittableRandom(109);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        int blocked = 0;
        for (RandomCircuits.Shape shape : RandomCircuits.Shape.values()) {
            Circuit c = RandomCircuits.structured(rng, 14, shape, false, shape.ordinal() == 1);
            blocked += sim.describe(c).cacheBlocked() ? 1 : 0;
            assertAgreesWithReference(sim, c, rng, 1, false);
        }
        assertTrue(blocked > 0, "at least one circuit exercises the cache-blocked kernels");
        assertAgreesWithReference(sim, RandomCircuits.structured(rng, 15, RandomCircuits.Shape.WIRE_WINDOW, true, false),
                rng, 1, false);
    }
}

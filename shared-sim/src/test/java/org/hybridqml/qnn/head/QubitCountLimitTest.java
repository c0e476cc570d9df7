package org.hybridqml.qnn.head;

import org.hybridqml.options.DQCOptions;
import org.hybridqml.options.OptionValues;
import org.hybridqml.sim.circuit.Circuit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One qubit per label by default: too many labels is an error naming the label count, the limit and the option. */
class QubitCountLimitTest {

    @Test
    void defaultQubitsForTooManyLabelsNameLabelCountLimitAndOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DressedQuantumHead.qubitsFor(0, 38, "labels", "qubits"));
        assertTrue(e.getMessage().contains("38 labels"), e.getMessage());
        assertTrue(e.getMessage().contains("limit is " + Circuit.MAX_QUBITS), e.getMessage());
        assertTrue(e.getMessage().contains("set qubits"), e.getMessage());
        assertEquals(5, DressedQuantumHead.qubitsFor(0, 5, "labels", "qubits"));
        assertEquals(4, DressedQuantumHead.qubitsFor(4, 38, "labels", "qubits"));
    }

    @Test
    void wekaAndMekaOptionsNameTheQOption() {
        OptionValues v = DQCOptions.MULTI_LABEL.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DQCOptions.head(v, 3, 38));
        assertTrue(e.getMessage().contains("38 labels") && e.getMessage().contains("numQubits (-Q)")
                && e.getMessage().contains(String.valueOf(Circuit.MAX_QUBITS)), e.getMessage());
    }

    @Test
    void explicitQubitsAboveTheLimitAreRefusedByTheHead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DressedQuantumHead(3, 2, 31, 1));
        assertTrue(e.getMessage().contains("31") && e.getMessage().contains("30"), e.getMessage());
    }

    @Test
    void nonFiniteHeadParametersAreRefusedWhereTheyEnter() {
        for (ClassifierHead head : new ClassifierHead[]{new DressedQuantumHead(2, 2, 2, 1), new DenseHead(2, 2)}) {
            double[] p = head.parameters().clone();
            p[1] = Double.NaN;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> head.setParameters(p));
            assertTrue(e.getMessage().contains("parameter 1") && e.getMessage().contains("NaN"), e.getMessage());
        }
    }
}

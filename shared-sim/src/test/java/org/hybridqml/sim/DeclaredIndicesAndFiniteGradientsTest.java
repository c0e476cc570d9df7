package org.hybridqml.sim;

import org.hybridqml.qnn.QuantumPointwiseConv;
import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parameter and input indices beyond a circuit's declared counts are refused when it is built, and non-finite
 * upstream gradients, parameters and inputs are refused where they enter the simulator.
 */
class DeclaredIndicesAndFiniteGradientsTest {

    private final StatevectorSimulator sim = new StatevectorSimulator(1);

    private static String iae(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message should contain '" + f + "': " + e.getMessage());
        }
        return e.getMessage();
    }

    @Test
    void parameterIndexBeyondTheDeclaredCountIsRefusedNamingBoth() {
        iae(() -> Circuit.builder(2).numParameters(2).ry(0, Angle.param(0)).ry(1, Angle.param(7)).expectZ(0).build(),
                "parameter index 7", "declares 2 parameters");
    }

    @Test
    void inputIndexBeyondTheDeclaredCountIsRefusedNamingBoth() {
        iae(() -> Circuit.builder(2).numInputs(1).ry(0, Angle.input(3, 1.0)).expectZ(0).build(),
                "input feature index 3", "declares 1 input feature");
    }

    @Test
    void undeclaredCountsAreStillInferredAndDeclaredSpareParametersAreKept() {
        Circuit inferred = Circuit.builder(1).ry(0, Angle.param(4)).expectZ(0).build();
        assertEquals(5, inferred.numParameters());
        Circuit spare = Circuit.builder(1).numParameters(3).ry(0, Angle.param(1)).expectZ(0).build();
        assertEquals(3, spare.numParameters());
    }

    @Test
    void nonFiniteUpstreamGradientIsRefusedNamingSampleObservableAndValue() {
        Circuit c = Circuit.builder(2).ry(0, Angle.param(0)).cnot(0, 1).expectZ(0, 1).build();
        double[] p = {0.3};
        double[][] in = {{}, {}};
        iae(() -> sim.valueAndGradient(c, p, in, new double[][]{{1, 0}, {0, Double.NaN}}),
                "sample 1", "observable 1", "NaN");
        iae(() -> sim.valueAndGradient(c, p, in, new double[][]{{Double.POSITIVE_INFINITY, 0}, {0, 0}}),
                "sample 0", "Infinity");
        ForwardTape tape = sim.forward(c, p, in);
        iae(() -> tape.backward(new double[][]{{1, 0}, {0, Double.NaN}}), "sample 1", "NaN");
        iae(() -> ParameterShift.valueAndGradient(sim, c, p, in, new double[][]{{Double.NaN, 0}, {0, 0}}), "NaN");
    }

    @Test
    void nonFiniteParametersAndInputsAreRefusedWhereTheyEnter() {
        Circuit c = Circuit.builder(1).numInputs(1).ry(0, Angle.input(0, 1.0)).rx(0, Angle.param(0)).expectZ(0)
                .build();
        iae(() -> sim.expectations(c, new double[]{Double.NaN}, new double[][]{{0.1}}), "parameter 0", "NaN");
        iae(() -> sim.expectations(c, new double[]{0.1}, new double[][]{{Double.NEGATIVE_INFINITY}}),
                "input feature 0", "-Infinity");
    }

    @Test
    void pointwiseConvolutionRefusesNonFiniteInputAndUpstream() {
        QuantumPointwiseConv conv = new QuantumPointwiseConv(2, 1, 1, 1);
        double[] params = new double[conv.numParameters()];
        double[] input = {0.1, 0.2, 0.3, 0.4};
        double[] badInput = {0.1, Double.NaN, 0.3, 0.4};
        iae(() -> conv.forward(params, badInput, 1, 2), "not finite");
        double[] up = new double[conv.outputChannels() * 2];
        up[0] = Double.NaN;
        iae(() -> conv.backward(params, input, 1, 2, up), "Upstream gradient value 0", "NaN");
    }
}

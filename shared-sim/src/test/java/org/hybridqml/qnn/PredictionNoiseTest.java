package org.hybridqml.qnn;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.options.DQCOptions;
import org.hybridqml.options.OptionValues;
import org.hybridqml.options.PredictionNoiseOptions;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.noise.NoiseModel;
import org.hybridqml.sim.noise.NoisySimulator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PredictionNoise}: the exact setting is the exact simulator bit for bit; shots estimate the (noisy) exact
 * values within their standard error; noise changes the values as the density matrix says; results depend on the
 * seed and the sample only (not on the batch); the DQC head uses it for inference only.
 */
class PredictionNoiseTest {

    private static final StatevectorSimulator SIM = new StatevectorSimulator(2);

    private static double[][] rows(int n, int width, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][width];
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = r.nextDouble(-1.5, 1.5);
            }
        }
        return x;
    }

    private static DressedQuantumHead head() {
        DressedQuantumHead h = new DressedQuantumHead(5, 3, 4, 2);
        h.initialize(new SplittableRandom(7));
        return h.simulator(SIM);
    }

    @Test
    void exactSettingGivesTheExactLogitsBitForBit() {
        DressedQuantumHead h = head();
        double[][] x = rows(9, 5, 1);
        double[][] before = h.logits(x);
        DressedQuantumHead exact = h.withPredictionNoise(PredictionNoise.exact());
        assertTrue(exact.predictionNoise().isExact());
        assertTrue(new PredictionNoise(NoiseModel.none(), 0, 99).isExact());
        for (int b = 0; b < x.length; b++) {
            assertArrayEquals(before[b], exact.logits(x)[b], 0.0);
        }
        assertEquals(PredictionNoise.exact(), h.predictionNoise());
    }

    @Test
    void shotsEstimateTheExactValuesWithinTheirStandardError() {
        Circuit c = DressedQuantumCircuit.circuit(4, 2);
        double[] w = rows(1, 8, 3)[0];
        double[][] in = rows(20, 4, 4);
        double[][] exact = SIM.expectations(c, w, in);
        int shots = 100_000;
        double[][] est = new PredictionNoise(NoiseModel.none(), shots, 5).expectations(c, w, in, SIM);
        for (int b = 0; b < in.length; b++) {
            for (int k = 0; k < exact[b].length; k++) {
                double se = Math.sqrt((1 - exact[b][k] * exact[b][k]) / shots);
                assertEquals(exact[b][k], est[b][k], 5 * se + 1e-12, "sample " + b + " observable " + k);
                assertEquals(0, Math.IEEEremainder(est[b][k] * shots, 2), 1e-6, "on the 2/N grid");
            }
        }
    }

    @Test
    void noiseGivesTheDensityMatrixValuesAndChangesTheLogits() {
        Circuit c = DressedQuantumCircuit.circuit(4, 2);
        double[] w = rows(1, 8, 3)[0];
        double[][] in = rows(6, 4, 4);
        NoiseModel dep = NoiseModel.parse("depolarizing:0.05");
        double[][] got = new PredictionNoise(dep, 0, 1).expectations(c, w, in, SIM);
        double[][] dm = new NoisySimulator(1).method(NoisySimulator.Method.DENSITY_MATRIX)
                .expectations(c, w, in, dep, 0, 1);
        double[][] exact = SIM.expectations(c, w, in);
        for (int b = 0; b < in.length; b++) {
            assertArrayEquals(dm[b], got[b], 1e-12);
        }
        assertFalse(Arrays.deepEquals(exact, got));
        DressedQuantumHead h = head();
        double[][] x = rows(5, 5, 2);
        double[][] noisy = h.withPredictionNoise(new PredictionNoise(dep, 0, 1)).logits(x);
        assertFalse(Arrays.deepEquals(h.logits(x), noisy));
        // the noisy copy leaves the original exact
        assertTrue(h.predictionNoise().isExact());
    }

    @Test
    void resultsDependOnTheSeedAndTheSampleOnlyNotOnTheBatch() {
        Circuit small = DressedQuantumCircuit.circuit(3, 1);
        Circuit wide = DressedQuantumCircuit.circuit(NoisySimulator.MAX_DENSITY_MATRIX_QUBITS + 1, 1);
        NoiseModel flip = NoiseModel.parse("bitflip:0.1");
        for (Circuit c : new Circuit[]{small, wide}) {
            for (PredictionNoise p : new PredictionNoise[]{new PredictionNoise(NoiseModel.none(), 200, 3),
                    new PredictionNoise(flip, 0, 3), new PredictionNoise(flip, 200, 3)}) {
                if (c == wide && p.shots() == 0) {
                    continue; // 1000 trajectories per sample of 13 qubits: too slow for a unit test
                }
                double[] w = rows(1, c.numParameters(), 8)[0];
                double[][] in = rows(4, c.numInputs(), 9);
                double[][] all = p.expectations(c, w, in, SIM);
                assertTrue(Arrays.deepEquals(all, p.expectations(c, w, in, new StatevectorSimulator(1))),
                        "same seed, same bits, any thread count: " + p);
                double[][] reversed = p.expectations(c, w, new double[][]{in[3], in[2], in[1], in[0]}, SIM);
                for (int b = 0; b < in.length; b++) {
                    assertArrayEquals(all[b], p.expectations(c, w, new double[][]{in[b]}, SIM)[0], 0.0, p.toString());
                    assertArrayEquals(all[b], reversed[3 - b], 0.0, p.toString());
                }
                if (p.shots() > 0) {
                    PredictionNoise other = new PredictionNoise(p.noise(), p.shots(), 4);
                    assertFalse(Arrays.deepEquals(all, other.expectations(c, w, in, SIM)), "another seed: " + p);
                }
            }
        }
    }

    @Test
    void argumentsAreCheckedAndTheSettingSerializes() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PredictionNoise(NoiseModel.none(), -1, 0));
        assertTrue(e.getMessage().contains("shots must be >= 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PredictionNoise(null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> head().withPredictionNoise(null));

        PredictionNoise p = new PredictionNoise(NoiseModel.parse("amplitude-damping:0.02@layer"), 64, -5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(p);
        }
        PredictionNoise back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (PredictionNoise) in.readObject();
        }
        assertEquals(p, back);
        assertEquals(p.hashCode(), back.hashCode());
        assertNotEquals(p, PredictionNoise.exact());
        Circuit c = DressedQuantumCircuit.circuit(2, 1);
        double[][] in = rows(3, 2, 1);
        assertTrue(Arrays.deepEquals(p.expectations(c, new double[]{0.3, -0.2}, in, SIM),
                back.expectations(c, new double[]{0.3, -0.2}, in, SIM)));
        assertEquals("exact", PredictionNoise.exact().toString());
        assertTrue(p.toString().contains("64 shots"), p.toString());
    }

    @Test
    void optionsBecomeTheSettingAndBadValuesNameTheOption() {
        OptionValues v = DQCOptions.SINGLE_LABEL.defaults();
        assertTrue(PredictionNoiseOptions.of(v).isExact());
        DQCOptions.SINGLE_LABEL.parse(new String[]{"-shots", "500", "-noise", "bitflip:0.02@layer",
                "-noise-seed", "9"}, v);
        assertEquals(new PredictionNoise(NoiseModel.parse("bitflip:0.02@layer"), 500, 9), PredictionNoiseOptions.of(v));
        assertTrue(DQCOptions.MULTI_LABEL.toArgs(DQCOptions.MULTI_LABEL.defaults().copy()
                .store("shots", 10)).contains("-shots"));
        v.store("noise", "depol:0.1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PredictionNoiseOptions.of(v));
        assertTrue(e.getMessage().startsWith("Option noise (-noise) "), e.getMessage());
        v.store("noise", "none").store("shots", -3);
        e = assertThrows(IllegalArgumentException.class, v::validate);
        assertTrue(e.getMessage().contains("shots (-shots)"), e.getMessage());
    }
}

package weka.classifiers.functions;

import org.hybridqml.qnn.TrainedCircuit;
import org.hybridqml.qnn.head.DressedQuantumHead;
import org.hybridqml.qnn.train.TrainedHead;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.qasm.OpenQasmImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The prediction-time options of {@link DressedQuantumCircuitClassifier} ({@code -shots}, {@code -noise},
 * {@code -noise-seed}) and its {@code -qasm-file} export.
 */
class DressedQuantumCircuitPredictionNoiseTest {

    /** Random numeric data with a three-valued class that depends on the first two attributes. */
    private static Instances data(int rows, long seed) {
        ArrayList<Attribute> atts = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            atts.add(new Attribute("a" + a));
        }
        atts.add(new Attribute("class", List.of("x", "y", "z")));
        Instances d = new Instances("three", atts, rows);
        d.setClassIndex(4);
        Random r = new Random(seed);
        for (int i = 0; i < rows; i++) {
            double[] v = new double[5];
            for (int a = 0; a < 4; a++) {
                v[a] = r.nextGaussian();
            }
            v[4] = v[0] > 0.5 ? 0 : v[1] > 0 ? 1 : 2;
            d.add(new DenseInstance(1, v));
        }
        return d;
    }

    private static double[][] trained(String options, Instances train, Instances test) throws Exception {
        DressedQuantumCircuitClassifier c = new DressedQuantumCircuitClassifier();
        c.setOptions(Utils.splitOptions("-Q 3 -L 2 -E 15 -no-progress " + options));
        c.buildClassifier(train);
        return c.distributionsForInstances(test);
    }

    @Test
    void shotsAndNoiseChangeOnlyThePredictions() throws Exception {
        Instances train = data(60, 1);
        Instances test = data(25, 2);
        double[][] exact = trained("", train, test);
        assertTrue(Arrays.deepEquals(exact, trained("-shots 0 -noise none -noise-seed 5", train, test)),
                "the exact setting gives the exact predictions bit for bit");

        double[][] shots = trained("-shots 100000", train, test);
        double maxDiff = 0;
        for (int r = 0; r < exact.length; r++) {
            for (int k = 0; k < 3; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(shots[r][k] - exact[r][k]));
            }
        }
        // each <Z> is off by at most ~5/sqrt(1e5) = 0.016; the output layer and softmax keep that order
        assertTrue(maxDiff > 0 && maxDiff < 0.05, "100000 shots: max |p - p_exact| = " + maxDiff);

        double[][] noisy = trained("-noise depolarizing:0.05 -noise-seed 3", train, test);
        assertFalse(Arrays.deepEquals(exact, noisy), "noise changes the probabilities");
        assertTrue(Arrays.deepEquals(noisy, trained("-noise depolarizing:0.05 -noise-seed 3", train, test)));
        double[][] noisyShots = trained("-noise bitflip:0.02@layer -shots 200 -noise-seed 3", train, test);
        assertTrue(Arrays.deepEquals(noisyShots,
                trained("-noise bitflip:0.02@layer -shots 200 -noise-seed 3", train, test)), "same seed, same result");
        assertFalse(Arrays.deepEquals(noisyShots,
                trained("-noise bitflip:0.02@layer -shots 200 -noise-seed 4", train, test)), "another seed");
        for (double[] p : noisyShots) {
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
        }
    }

    @Test
    void optionsRoundTripAndBadValuesFailAtBuildNamingTheOption() throws Exception {
        DressedQuantumCircuitClassifier c = new DressedQuantumCircuitClassifier();
        c.setOptions(Utils.splitOptions("-shots 1000 -noise amplitude-damping:0.01@layer -noise-seed 7 "
                + "-qasm-file out.qasm"));
        assertEquals(1000, c.getShots());
        assertEquals("amplitude-damping:0.01@layer", c.getNoise());
        assertEquals(7, c.getNoiseSeed());
        assertEquals("out.qasm", c.getQasmFile());
        DressedQuantumCircuitClassifier back = new DressedQuantumCircuitClassifier();
        back.setOptions(c.getOptions());
        assertEquals(Utils.joinOptions(c.getOptions()), Utils.joinOptions(back.getOptions()));
        List<String> flags = new ArrayList<>();
        c.listOptions().asIterator().forEachRemaining(o -> flags.add(o.name()));
        assertTrue(flags.containsAll(List.of("shots", "noise", "noise-seed", "qasm-file")), flags.toString());
        assertTrue(c.shotsTipText().contains("exact"));
        assertTrue(c.noiseTipText().contains("depolarizing"));
        assertTrue(c.noiseSeedTipText().contains("Seed"));
        assertTrue(c.qasmFileTipText().contains("first training instance"));

        DressedQuantumCircuitClassifier bad = new DressedQuantumCircuitClassifier();
        bad.setNoise("depolarising:0.1"); // stored by the setter, as the option editor does
        Exception e = assertThrows(IllegalArgumentException.class, () -> bad.buildClassifier(data(10, 1)));
        assertTrue(e.getMessage().contains("noise (-noise)") && e.getMessage().contains("depolarising"),
                e.getMessage());
        DressedQuantumCircuitClassifier negative = new DressedQuantumCircuitClassifier();
        negative.setOptions(Utils.splitOptions("-shots -4"));
        e = assertThrows(IllegalArgumentException.class, () -> negative.buildClassifier(data(10, 1)));
        assertTrue(e.getMessage().contains("shots (-shots)"), e.getMessage());
    }

    @Test
    void qasmFileReproducesTheModelsExpectationsForTheFirstInstance(@TempDir Path dir) throws Exception {
        Instances train = data(40, 3);
        Path file = dir.resolve("dqc.qasm");
        DressedQuantumCircuitClassifier c = new DressedQuantumCircuitClassifier();
        c.setOptions(Utils.splitOptions("-Q 3 -L 2 -E 5 -no-progress -qasm-file " + file));
        c.buildClassifier(train);
        String qasm = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(qasm.startsWith("OPENQASM 2.0;"), qasm);

        // the model's own <Z>: standardise the first instance as in training, encode, simulate the trained circuit
        TrainedHead model = c.trainedHead();
        DressedQuantumHead head = (DressedQuantumHead) model.head();
        double[] first = Arrays.copyOf(train.instance(0).toDoubleArray(), 4);
        double[][] angles = head.circuitInputs(model.standardizer().transform(new double[][]{first}));
        TrainedCircuit tc = c.trainedCircuits().get(0);
        double[] expected = head.simulator().expectations(tc.circuit(), tc.parameters(), angles)[0];

        Circuit imported = OpenQasmImporter.fromQasm2(qasm);
        double[] got = new StatevectorSimulator(1).expectations(imported, new double[0], new double[][]{{}})[0];
        assertArrayEquals(expected, got, 1e-12);
    }
}

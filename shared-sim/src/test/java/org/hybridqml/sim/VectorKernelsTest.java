package org.hybridqml.sim;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.reference.RandomCircuits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The SIMD kernels ({@link VectorKernels}, used when the JVM resolves {@code jdk.incubator.vector}; the build's test
 * JVMs do) against the scalar ones: every apply kernel gives bitwise the same state for every bit, below and above
 * the lane width, over whole states and sub-ranges; the generator dot product agrees to rounding; and whole circuits
 * give bitwise the same expectations and gradients equal to rounding; and a JVM started without the module runs the
 * scalar kernels to bitwise the same expectations.
 */
class VectorKernelsTest {

    private static final int N = 10;
    private boolean before;

    @BeforeEach
    void needsTheVectorApi() {
        assumeTrue(Kernels.vectorAvailable(), "JVM started without --add-modules jdk.incubator.vector");
        before = Kernels.useVector(true);
    }

    @AfterEach
    void restore() {
        if (Kernels.vectorAvailable()) {
            Kernels.useVector(before);
        }
    }

    @Test
    void theBuildRunsTheSimdKernels() {
        assertTrue(StatevectorSimulator.kernels().startsWith("SIMD"), StatevectorSimulator.kernels());
        assertTrue(VectorKernels.LANES >= 2, "lanes " + VectorKernels.LANES);
    }

    @Test
    void singleQubitKernelsAreBitwiseTheScalarOnes() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] m = RandomCircuits.vector(rng, 8);
        for (int bit = 0; bit < N; bit++) {
            int b = bit;
            for (int[] range : ranges(bit)) {
                int from = range[0], to = range[1];
                String where = "bit " + bit + ", [" + from + ", " + to + ")";
                compareComplex(rng, (s) -> Kernels.apply1(s[0], s[1], b, m, 0, from, to), "apply1 " + where);
                compareComplex(rng, (s) -> Kernels.applyDiag(s[0], s[1], b, m, 0, from, to), "applyDiag " + where);
                compareReal(rng, (s) -> Kernels.realApply1(s[0], b, m, 0, from, to), "realApply1 " + where);
            }
        }
    }

    @Test
    void twoGateRealKernelIsBitwiseTheScalarOneForEveryPairOfBits() {
        SplittableRandom rng = new SplittableRandom(12);
        double[] m = RandomCircuits.vector(rng, 16);
        for (int bit1 = 0; bit1 < N; bit1++) {
            for (int bit2 = 0; bit2 < N; bit2++) {
                if (bit1 == bit2) {
                    continue;
                }
                int b1 = bit1, b2 = bit2;
                for (int[] range : ranges(Math.max(bit1, bit2))) {
                    compareReal(rng, (s) -> Kernels.realApply2(s[0], b1, b2, m, 0, 8, range[0], range[1]),
                            "realApply2 bits " + bit1 + ", " + bit2 + " over [" + range[0] + ", " + range[1] + ")");
                }
            }
        }
    }

    @Test
    void generatorDotAgreesToRounding() {
        SplittableRandom rng = new SplittableRandom(13);
        double[] l = RandomCircuits.vector(rng, 1 << N);
        double[] p = RandomCircuits.vector(rng, 1 << N);
        for (int bit = 0; bit < N; bit++) {
            for (int[] range : ranges(bit)) {
                double simd = Kernels.realGeneratorDot(l, p, bit, range[0], range[1]);
                Kernels.useVector(false);
                double scalar = Kernels.realGeneratorDot(l, p, bit, range[0], range[1]);
                Kernels.useVector(true);
                assertEquals(scalar, simd, 1e-12, "generator dot, bit " + bit);
                assertTrue(scalar != 0.0, "the test vectors give a nonzero sum");
            }
        }
    }

    @Test
    void wholeCircuitsGiveTheSameStatesAndGradients() {
        SplittableRandom rng = new SplittableRandom(14);
        StatevectorSimulator sim = new StatevectorSimulator(2);
        Circuit[] circuits = {
                RandomCircuits.random(rng, 14, 12, 3, 2, RandomCircuits.ALL_GATES, false),
                RandomCircuits.random(rng, 15, 12, 3, 2, RandomCircuits.REAL_GATES, true),
                RandomCircuits.structured(rng, 14, RandomCircuits.Shape.PERMUTATION_RUNS, false, false),
                DressedQuantumCircuit.circuit(15, 2)};
        for (Circuit c : circuits) {
            double[] params = RandomCircuits.vector(rng, c.numParameters());
            double[][] inputs = RandomCircuits.matrix(rng, 2, c.numInputs());
            double[][] up = RandomCircuits.matrix(rng, 2, c.observables().size());
            double[][] e = sim.expectations(c, params, inputs);
            ValueAndGradient g = sim.valueAndGradient(c, params, inputs, up);
            Kernels.useVector(false);
            double[][] eScalar = sim.expectations(c, params, inputs);
            ValueAndGradient gScalar = sim.valueAndGradient(c, params, inputs, up);
            Kernels.useVector(true);
            String who = c.numQubits() + " qubits, " + c.operations().size() + " ops";
            assertArrayEquals(gScalar.parameterGradient(), g.parameterGradient(), 1e-12, "parameter gradient, " + who);
            for (int b = 0; b < inputs.length; b++) {
                assertArrayEquals(eScalar[b], e[b], 0.0, "expectations, " + who);
                assertArrayEquals(gScalar.inputGradient()[b], g.inputGradient()[b], 1e-12, "input gradient, " + who);
            }
        }
    }

    @Test
    void aJvmWithoutTheModuleRunsTheScalarKernelsToTheSameValues() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ScalarJvmProbe.class.getName()).redirectErrorStream(true).start();
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            lines = r.lines().filter(l -> !l.startsWith("WARNING") && !l.contains("INFO")
                    && !l.contains("StatevectorSimulator run")).collect(Collectors.toList());
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM finished");
        assertEquals(0, p.exitValue(), "probe JVM exit code; output: " + lines);
        assertTrue(lines.get(0).startsWith("scalar (start the JVM with --add-modules"), lines.get(0));
        double[] simd = ScalarJvmProbe.expectations();
        assertEquals(simd.length, lines.size() - 1, "one value per wire: " + lines);
        for (int k = 0; k < simd.length; k++) {
            assertEquals(simd[k], Double.parseDouble(lines.get(k + 1)), 0.0, "wire " + k + ": scalar JVM vs SIMD");
        }
    }

    /**
     * The whole state and, where it fits, a sub-range two gate spans long starting one span in (as the engine's
     * cache blocks and chunks are).
     */
    private static int[][] ranges(int bit) {
        int span = Math.max(2 << bit, 16);
        return 3 * span <= 1 << N ? new int[][]{{0, 1 << N}, {span, 3 * span}} : new int[][]{{0, 1 << N}};
    }

    private static void compareComplex(SplittableRandom rng, Consumer<double[][]> kernel, String what) {
        double[][] simd = {RandomCircuits.vector(rng, 1 << N), RandomCircuits.vector(rng, 1 << N)};
        double[][] scalar = {simd[0].clone(), simd[1].clone()};
        double[] start = simd[0].clone();
        kernel.accept(simd);
        Kernels.useVector(false);
        kernel.accept(scalar);
        Kernels.useVector(true);
        assertArrayEquals(scalar[0], simd[0], 0.0, what + " (re)");
        assertArrayEquals(scalar[1], simd[1], 0.0, what + " (im)");
        assertTrue(!Arrays.equals(start, simd[0]), what + " changed the state");
    }

    private static void compareReal(SplittableRandom rng, Consumer<double[][]> kernel, String what) {
        double[][] simd = {RandomCircuits.vector(rng, 1 << N)};
        double[][] scalar = {simd[0].clone()};
        double[] start = simd[0].clone();
        kernel.accept(simd);
        Kernels.useVector(false);
        kernel.accept(scalar);
        Kernels.useVector(true);
        assertArrayEquals(scalar[0], simd[0], 0.0, what);
        assertTrue(!Arrays.equals(start, simd[0]), what + " changed the state");
    }
}

package org.hybridqml.bench;

import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.sim.KernelPassBenchmark;
import org.hybridqml.sim.StatevectorSimulator;
import org.hybridqml.sim.ValueAndGradient;
import org.hybridqml.sim.circuit.Angle;
import org.hybridqml.sim.circuit.Circuit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the shared simulator on each paper's circuit against {@link NaiveComplexSimulator} in the same run, and
 * measures achieved memory bandwidth at 20+ qubits against a plain array copy.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector ... SimulatorBenchmark [--quick] [--reps N]
 * [--only <circuit name prefix>]} ({@code --only} a row prefix other than "DQC" skips the sections after the first
 * table; without the module the SIMD kernels and their comparison are left out). Prints Markdown tables: per-sample
 * forward time and forward+gradient time (median over repetitions) and the speed-up over the naive baseline
 * (single-threaded, gate-by-gate complex, measured on a subset of the batch where it is slow); bandwidth of fused
 * circuit passes and of single-gate passes ({@link KernelPassBenchmark}); SIMD against scalar kernels; one large
 * sample split over threads. Every measurement is preceded by at least 1.5 s of warm-up runs of the same call, so
 * the JIT has compiled the paths being timed.
 */
public final class SimulatorBenchmark {

    private SimulatorBenchmark() {
    }

    /**
     * Entry point.
     *
     * @param args {@code --quick} for a short run; {@code --reps N} repetitions per measurement (default 7)
     * @throws IOException if /proc/loadavg cannot be read
     */
    public static void main(String[] args) throws IOException {
        boolean quick = Arrays.asList(args).contains("--quick");
        int reps = quick ? 3 : 7;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--reps")) {
                reps = Integer.parseInt(args[i + 1]);
            }
        }
        String only = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--only")) {
                only = args[i + 1];
            }
        }
        StatevectorSimulator sim = new StatevectorSimulator();
        System.out.printf(Locale.ROOT, "# Simulator benchmark: %d threads, Java %s, load before: %s%n", sim.threads(),
                System.getProperty("java.version"), loadAverage());
        System.out.println("kernels for circuits above 12 qubits: " + StatevectorSimulator.kernels());

        List<BenchmarkCase> cases = BenchmarkCase.smallCircuits();
        for (int n : quick ? new int[]{8, 14} : new int[]{8, 14, 19}) {
            cases.add(new BenchmarkCase("DQC " + n + "q batch 32", DressedQuantumCircuit.circuit(n, 3), 32,
                    n >= 19 ? 2 : n >= 14 ? 8 : 32));
        }

        if (only != null) {
            String prefix = only;
            cases.removeIf(c -> !c.name().startsWith(prefix));
        }
        warmUpSmallCircuits(sim, cases);
        System.out.println();
        System.out.println("| circuit | batch | fwd ms/sample | fwd+grad ms/sample | naive fwd ms/sample | naive fwd+grad ms/sample | speed-up fwd | speed-up fwd+grad |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        SplittableRandom rng = new SplittableRandom(7);
        for (BenchmarkCase c : cases) {
            double[] params = random(rng, c.circuit().numParameters(), 2 * Math.PI);
            double[][][] inUp = inputsAndUpstream(rng, c.circuit(), c.batch());
            double[][] inputs = inUp[0];
            double[][] up = inUp[1];
            double[][] naiveIn = Arrays.copyOf(inputs, c.naiveSamples());
            double[][] naiveUp = Arrays.copyOf(up, c.naiveSamples());
            checkAgreement(sim, c, params, naiveIn, naiveUp);
            double fwd = median(reps, () -> sim.expectations(c.circuit(), params, inputs)) / c.batch();
            double grad = median(reps, () -> sim.valueAndGradient(c.circuit(), params, inputs, up)) / c.batch();
            int naiveReps = Math.max(1, reps / 2);
            double nFwd = median(naiveReps, () -> NaiveComplexSimulator.expectations(c.circuit(), params, naiveIn))
                    / c.naiveSamples();
            double nGrad = median(naiveReps, () -> NaiveComplexSimulator.valueAndGradient(c.circuit(), params, naiveIn,
                    naiveUp)) / c.naiveSamples();
            System.out.printf(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.4f | %.4f | %.1f× | %.1f× |%n", c.name(), c.batch(),
                    fwd, grad, nFwd, nGrad, nFwd / fwd, nGrad / grad);
        }
        if (only != null && !"bandwidth".startsWith(only) && !only.startsWith("DQC")) {
            System.out.printf(Locale.ROOT, "%nload after: %s%n", loadAverage());
            return; // --only <row prefix>: the bandwidth and large-sample sections need --only bandwidth / DQC
        }

        System.out.println();
        System.out.println("## Memory bandwidth at 20+ qubits (1 sample; bytes = state read + written per pass; "
                + sim.threads() + " threads split the sample's passes)");
        System.out.println();
        System.out.println("| circuit | state MiB | passes | ms 1 thread | GB/s 1 thread | ms " + sim.threads()
                + " threads | GB/s " + sim.threads() + " threads | copy GB/s (same run) | ratio (best) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        StatevectorSimulator one = new StatevectorSimulator(1);
        for (int n : quick ? new int[]{20} : new int[]{20, 22, 24}) {
            for (boolean real : new boolean[]{true, false}) {
                Circuit circ = real ? rotationLayers(n, true) : rotationLayers(n, false);
                double[] params = random(rng, circ.numParameters(), 2 * Math.PI);
                double[][] in = {new double[0]};
                var info = sim.describe(circ);
                double ms = median(Math.max(3, reps / 2), () -> one.expectations(circ, params, in));
                double msAll = median(Math.max(3, reps / 2), () -> sim.expectations(circ, params, in));
                if (!Arrays.deepEquals(one.expectations(circ, params, in), sim.expectations(circ, params, in))) {
                    throw new IllegalStateException("1 and " + sim.threads() + " threads differ on one sample");
                }
                long stateBytes = (real ? 8L : 16L) << n;
                double bytes = info.bytesPerForward(n);
                double gbps = bytes / (ms * 1e6);
                double gbpsAll = bytes / (msAll * 1e6);
                double copy = copyBandwidth(stateBytes);
                System.out.printf(Locale.ROOT, "| %s %dq | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f%% |%n",
                        real ? "real RY+CNOT layers" : "complex RX/RZ+CNOT layers", n, stateBytes >> 20,
                        info.gatePasses(), ms, gbps, msAll, gbpsAll, copy, 100 * Math.max(gbps, gbpsAll) / copy);
            }
        }

        System.out.println();
        System.out.println("## Single-gate passes at 20+ qubits (one gate over the whole state, scalar and SIMD kernels "
                + "in the same run)");
        System.out.println();
        KernelPassBenchmark.printTable(System.out, quick ? new int[]{20} : new int[]{20, 22, 24}, sim.threads(),
                Math.max(15, 2 * reps));

        if (StatevectorSimulator.vectorKernelsAvailable()) {
            System.out.println();
            System.out.println("## SIMD against scalar kernels, same run (circuits above 12 qubits; ms per sample)");
            System.out.println();
            System.out.println("| circuit | fwd scalar | fwd SIMD | fwd gain | fwd+grad scalar | fwd+grad SIMD "
                    + "| fwd+grad gain |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (int n : quick ? new int[]{14} : new int[]{14, 19}) {
                Circuit circ = DressedQuantumCircuit.circuit(n, 3);
                compareKernels(sim, "DQC " + n + "q batch 32", circ, 32, Math.max(3, reps / 2), rng);
            }
            compareKernels(sim, "complex RX/RZ+CNOT layers 20q", rotationLayers(20, false), 1, Math.max(3, reps / 2),
                    rng);
        }

        System.out.println();
        System.out.println("## One large sample, forward+gradient, split over threads (amplitude-block parallelism)");
        System.out.println();
        System.out.println("| circuit | ms 1 thread | ms " + sim.threads() + " threads | speed-up | bitwise equal |");
        System.out.println("|---|---|---|---|---|");
        for (int n : quick ? new int[]{20} : new int[]{20, 22}) {
            if (only != null && !("DQC " + n + "q batch 1").startsWith(only)) {
                continue;
            }
            Circuit circ = DressedQuantumCircuit.circuit(n, 3);
            double[] params = random(rng, circ.numParameters(), 2 * Math.PI);
            double[][] in = {random(rng, n, 1.0)};
            double[][] up = {random(rng, n, 1.0)};
            double ms1 = median(Math.max(3, reps / 2), () -> one.valueAndGradient(circ, params, in, up));
            double msAll = median(Math.max(3, reps / 2), () -> sim.valueAndGradient(circ, params, in, up));
            ValueAndGradient a = one.valueAndGradient(circ, params, in, up);
            ValueAndGradient b = sim.valueAndGradient(circ, params, in, up);
            boolean same = Arrays.deepEquals(a.expectations(), b.expectations())
                    && Arrays.equals(a.parameterGradient(), b.parameterGradient())
                    && Arrays.deepEquals(a.inputGradient(), b.inputGradient());
            System.out.printf(Locale.ROOT, "| DQC %dq batch 1 | %.1f | %.1f | %.2f× | %s |%n", n, ms1, msAll,
                    ms1 / msAll, same ? "yes" : "NO");
        }
        System.out.printf(Locale.ROOT, "%nload after: %s%n", loadAverage());
    }

    /**
     * Runs every small-circuit case (12 qubits and fewer: they share the batched engine's code) for about 4 s before
     * anything is timed. The per-case warm-up alone left the first rows of a run 2–3× slow: on two cores the JIT's
     * compiler threads were still compiling the shared code while the first case was being timed.
     */
    private static void warmUpSmallCircuits(StatevectorSimulator sim, List<BenchmarkCase> cases) {
        SplittableRandom rng = new SplittableRandom(1);
        long end = System.nanoTime() + 4_000_000_000L;
        while (System.nanoTime() < end) {
            for (BenchmarkCase c : cases) {
                if (c.circuit().numQubits() > 12) {
                    continue;
                }
                double[] params = random(rng, c.circuit().numParameters(), 2 * Math.PI);
                double[][][] inUp = inputsAndUpstream(rng, c.circuit(), Math.min(c.batch(), 64));
                sim.expectations(c.circuit(), params, inUp[0]);
                sim.valueAndGradient(c.circuit(), params, inUp[0], inUp[1]);
            }
        }
    }

    /** Times forward and forward+gradient with the scalar and then the SIMD kernels; prints one row. */
    private static void compareKernels(StatevectorSimulator sim, String name, Circuit circ, int batch, int reps,
                                       SplittableRandom rng) {
        double[] params = random(rng, circ.numParameters(), 2 * Math.PI);
        double[][][] inUp = inputsAndUpstream(rng, circ, batch);
        double[][] in = inUp[0];
        double[][] up = inUp[1];
        double[] ms = new double[4];
        boolean before = StatevectorSimulator.useVectorKernels(false);
        try {
            for (int mode = 0; mode < 2; mode++) {
                StatevectorSimulator.useVectorKernels(mode == 1);
                ms[mode] = median(reps, () -> sim.expectations(circ, params, in)) / batch;
                ms[2 + mode] = median(reps, () -> sim.valueAndGradient(circ, params, in, up)) / batch;
            }
        } finally {
            StatevectorSimulator.useVectorKernels(before);
        }
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f× | %.2f | %.2f | %.2f× |%n", name, ms[0], ms[1],
                ms[0] / ms[1], ms[2], ms[3], ms[2] / ms[3]);
    }

    /** A hardware-efficient layer circuit: per layer a rotation on every wire, then a CNOT chain; 4 layers. */
    private static Circuit rotationLayers(int n, boolean real) {
        Circuit.Builder b = Circuit.builder(n);
        int p = 0;
        for (int l = 0; l < 4; l++) {
            for (int w = 0; w < n; w++) {
                if (real) {
                    b.ry(w, Angle.param(p++));
                } else {
                    b.rx(w, Angle.param(p++));
                    b.rz(w, Angle.param(p++));
                }
            }
            for (int w = 0; w + 1 < n; w++) {
                b.cnot(w, w + 1);
            }
        }
        return b.expectZ(0).build();
    }

    private static void checkAgreement(StatevectorSimulator sim, BenchmarkCase c, double[] params, double[][] in,
                                       double[][] up) {
        double[][] ours = sim.expectations(c.circuit(), params, in);
        double[][] naive = NaiveComplexSimulator.expectations(c.circuit(), params, in);
        ValueAndGradient g = sim.valueAndGradient(c.circuit(), params, in, up);
        double[][] ng = NaiveComplexSimulator.valueAndGradient(c.circuit(), params, in, up);
        double maxDiff = 0;
        for (int b = 0; b < in.length; b++) {
            for (int k = 0; k < ours[b].length; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(ours[b][k] - naive[b][k]));
            }
        }
        for (int p = 0; p < g.parameterGradient().length; p++) {
            maxDiff = Math.max(maxDiff, Math.abs(g.parameterGradient()[p] - ng[in.length][p]));
        }
        if (maxDiff > 1e-8) {
            throw new IllegalStateException(c.name() + ": simulator and naive baseline disagree by " + maxDiff);
        }
    }

    private static double copyBandwidth(long bytes) {
        int len = (int) Math.max(bytes / 8, 1 << 22);
        double[] a = new double[len];
        double[] b = new double[len];
        Arrays.fill(a, 1.0);
        double best = median(9, () -> System.arraycopy(a, 0, b, 0, len));
        return 2.0 * 8 * len / (best * 1e6);
    }

    private static double median(int reps, Runnable r) {
        return Timing.medianMillis(reps, 1500, r);
    }

    /** Random inputs and upstream gradients in [-1, 1) for a batch, drawn sample by sample: {inputs, upstream}. */
    private static double[][][] inputsAndUpstream(SplittableRandom rng, Circuit circuit, int batch) {
        double[][] in = new double[batch][];
        double[][] up = new double[batch][];
        for (int b = 0; b < batch; b++) {
            in[b] = random(rng, circuit.numInputs(), 1.0);
            up[b] = random(rng, circuit.observables().size(), 1.0);
        }
        return new double[][][]{in, up};
    }

    private static double[] random(SplittableRandom rng, int len, double scale) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = (rng.nextDouble() * 2 - 1) * scale;
        }
        return v;
    }

    private static String loadAverage() throws IOException {
        Path p = Path.of("/proc/loadavg");
        return Files.exists(p) ? Files.readString(p).trim() : "n/a";
    }
}

package org.hybridqml.sim;

import org.hybridqml.bench.Timing;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Memory bandwidth of single-gate passes over a large state: one gate applied in place to a 20+ qubit state (every
 * amplitude read and written once), timed with the scalar and the SIMD kernels in the same run, beside a copy of the
 * same number of bytes split over the same threads the same way. This is the per-pass figure fast simulators report
 * (one gate per pass, bytes = state read + written); the engine's fused passes apply many gates per pass and are
 * timed per circuit in {@link org.hybridqml.bench.SimulatorBenchmark}.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp shared-sim/target/test-classes:shared-sim/target/classes
 * org.hybridqml.sim.KernelPassBenchmark [--quick]} (docs/running-benchmarks.md);
 * {@link org.hybridqml.bench.SimulatorBenchmark} prints the same table. Without the module only the scalar column is measured.
 */
public final class KernelPassBenchmark {

    /** Chunks per pass, as the engine splits a large sample's passes. */
    private static final int CHUNKS = 16;

    private KernelPassBenchmark() {
    }

    /**
     * Entry point.
     *
     * @param args {@code --quick}: 20 qubits only
     */
    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        printTable(System.out, quick ? new int[]{20} : new int[]{20, 22, 24},
                Runtime.getRuntime().availableProcessors(), 21);
    }

    /**
     * Prints the single-gate pass table as Markdown.
     *
     * @param out     where to print
     * @param qubits  state sizes to measure
     * @param threads threads that split each pass (and each copy)
     * @param reps    timed repetitions per cell (median)
     */
    public static void printTable(PrintStream out, int[] qubits, int threads, int reps) {
        ChunkTeam team = new ChunkTeam(threads > 1 ? StatevectorSimulator.helperPool(threads - 1) : null, threads - 1);
        boolean simd = Kernels.vectorAvailable();
        out.println("| pass | state MiB | ms scalar | GB/s scalar | ms SIMD | GB/s SIMD | copy GB/s | in-place scale GB/s "
                + "| SIMD / copy | SIMD / in-place |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        SplittableRandom rng = new SplittableRandom(5);
        // unitary gates, so repeated passes keep the amplitudes' scale: RY(0.3), and RY(0.3)·RZ(0.7) for complex
        double yc = Math.cos(0.15), ys = Math.sin(0.15), zc = Math.cos(0.35), zs = Math.sin(0.35);
        double[] ry = {yc, 0, -ys, 0, ys, 0, yc, 0};
        double[] ryRz = {yc * zc, -yc * zs, -ys * zc, -ys * zs, ys * zc, -ys * zs, yc * zc, yc * zs};
        for (int n : qubits) {
            int dim = 1 << n;
            for (boolean real : new boolean[]{true, false}) {
                double[] re = random(rng, dim);
                double[] im = real ? null : random(rng, dim);
                long bytes = (real ? 16L : 32L) * dim; // every amplitude read and written once
                double copy = copyGbps(team, re, im, reps, bytes);
                double scale = scaleGbps(team, re, im, reps, bytes);
                // bit 1 pairs lanes inside a vector; bit n-5 pairs amplitudes 2^(n-5) apart (different pages)
                for (int bit : new int[]{1, n - 5}) {
                    Runnable pass = real ? () -> team.run(CHUNKS, (c, w) -> Kernels.realApply1(re, bit, ry, 0,
                            c * (dim / CHUNKS), (c + 1) * (dim / CHUNKS)))
                            : () -> team.run(CHUNKS, (c, w) -> Kernels.apply1(re, im, bit, ryRz, 0,
                            c * (dim / CHUNKS), (c + 1) * (dim / CHUNKS)));
                    boolean before = simd && Kernels.useVector(false);
                    double scalarMs;
                    double simdMs = Double.NaN;
                    try {
                        scalarMs = median(reps, pass);
                        if (simd) {
                            Kernels.useVector(true);
                            simdMs = median(reps, pass);
                        }
                    } finally {
                        if (simd) {
                            Kernels.useVector(before);
                        }
                    }
                    double gbScalar = bytes / (scalarMs * 1e6);
                    double gbSimd = bytes / (simdMs * 1e6);
                    out.printf(Locale.ROOT, "| %s gate, bit %d of %dq | %d | %.2f | %.1f | %s | %s | %.1f | %.1f | %s | %s |%n",
                            real ? "real RY" : "complex 2×2", bit, n, (real ? 8L : 16L) * dim >> 20, scalarMs,
                            gbScalar, simd ? String.format(Locale.ROOT, "%.2f", simdMs) : "n/a",
                            simd ? String.format(Locale.ROOT, "%.1f", gbSimd) : "n/a", copy, scale,
                            simd ? String.format(Locale.ROOT, "%.0f%%", 100 * gbSimd / copy) : "n/a",
                            simd ? String.format(Locale.ROOT, "%.0f%%", 100 * gbSimd / scale) : "n/a");
                }
            }
        }
        out.println();
        out.println("(" + threads + " threads, " + CHUNKS + " chunks per pass; kernels: " + Kernels.describe()
                + "; copy = System.arraycopy of the state into a second one, which also reads the destination's cache "
                + "lines before writing them, so an in-place pass can beat it; in-place scale = ψ ← −ψ, the same "
                + "read-then-write of one array as a gate pass, vectorised by the JIT)");
    }

    /** GB/s of copying the state (re, and im when complex) into as many scratch bytes, chunked like a pass. */
    private static double copyGbps(ChunkTeam team, double[] re, double[] im, int reps, long bytes) {
        int dim = re.length;
        double[] dstRe = new double[dim];
        double[] dstIm = im == null ? null : new double[dim];
        int chunk = dim / CHUNKS;
        double ms = median(reps, () -> team.run(CHUNKS, (c, w) -> {
            System.arraycopy(re, c * chunk, dstRe, c * chunk, chunk);
            if (im != null) {
                System.arraycopy(im, c * chunk, dstIm, c * chunk, chunk);
            }
        }));
        return bytes / (ms * 1e6);
    }

    /** GB/s of ψ ← −ψ in place (re, and im when complex), chunked like a pass: a gate pass's memory traffic. */
    private static double scaleGbps(ChunkTeam team, double[] re, double[] im, int reps, long bytes) {
        int chunk = re.length / CHUNKS;
        double ms = median(reps, () -> team.run(CHUNKS, (c, w) -> {
            negate(re, c * chunk, (c + 1) * chunk);
            if (im != null) {
                negate(im, c * chunk, (c + 1) * chunk);
            }
        }));
        return bytes / (ms * 1e6);
    }

    private static void negate(double[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = -a[i];
        }
    }

    private static double[] random(SplittableRandom rng, int len) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = rng.nextDouble() - 0.5;
        }
        return v;
    }

    private static double median(int reps, Runnable r) {
        return Timing.medianMillis(reps, 1000, r);
    }
}

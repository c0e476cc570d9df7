package org.hybridqml.sim;

import org.hybridqml.bench.NaiveComplexSimulator;
import org.hybridqml.circuits.QuFeXCircuits;

import org.hybridqml.bench.BenchmarkCase;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Micro-benchmark of {@link BatchedSmallEngine} against {@link StateEngine} (driven as
 * {@code StatevectorSimulator.runRange} drives it) and {@link NaiveComplexSimulator}, all single-threaded, on the
 * small paper circuits. It lives in {@code org.hybridqml.sim} because both engines are package-private.
 *
 * <p>Usage: {@code java -cp shared-sim/target/test-classes:shared-sim/target/classes
 * org.hybridqml.sim.SmallBatchBenchmark [--reps N] [--lanes] [--crossover] [--only <case name prefix>]}
 * (docs/running-benchmarks.md). {@code --lanes} also times each case at 8..128 lanes;
 * {@code --crossover} adds QuFeX circuits at 10, 14 and 16 qubits (the 3-argument engine constructor has no qubit
 * limit) to locate the crossover; {@code --only} keeps the cases whose name starts with the prefix. Times are per
 * sample, the best over interleaved repetitions, and include building the engine once per call, as the simulator
 * does. The "fused adjoint gain" column compares the engine with its fused adjoint steps switched off, same run.
 */
final class SmallBatchBenchmark {

    private SmallBatchBenchmark() {
    }

    /**
     * Entry point.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        List<String> a = Arrays.asList(args);
        int reps = 7;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--reps")) {
                reps = Integer.parseInt(args[i + 1]);
            }
        }
        boolean sweepLanes = a.contains("--lanes");
        boolean crossover = a.contains("--crossover");
        List<BenchmarkCase> cases = BenchmarkCase.smallCircuits();
        if (crossover) {
            for (int n : new int[]{10, 14, 16}) {
                int batch = n >= 14 ? 64 : 256;
                cases.add(new BenchmarkCase("QuFeX PQC1 " + n + "q", QuFeXCircuits.pqc1(n), batch, 4));
                cases.add(new BenchmarkCase("QuFeX PQC2 " + n + "q", QuFeXCircuits.pqc2(n), batch, 4));
            }
        }
        int onlyAt = a.indexOf("--only");
        if (onlyAt >= 0) {
            String prefix = args[onlyAt + 1];
            cases.removeIf(c -> !c.name().startsWith(prefix));
        }
        System.out.printf(Locale.ROOT, "# BatchedSmallEngine vs StateEngine vs naive (1 thread each), Java %s%n%n",
                System.getProperty("java.version"));
        System.out.println("| circuit | batch | lanes | batched fwd µs | batched fwd+grad µs | StateEngine fwd µs "
                + "| StateEngine fwd+grad µs | naive fwd µs | naive fwd+grad µs | fwd vs StateEngine "
                + "| fwd+grad vs StateEngine | fwd vs naive | fwd+grad vs naive | fwd+grad unfused adjoint µs "
                + "| fused adjoint gain |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        SplittableRandom rng = new SplittableRandom(7);
        for (BenchmarkCase c : cases) {
            CompiledCircuit cc = new CompiledCircuit(c.circuit());
            double[] params = random(rng, c.circuit().numParameters(), 2 * Math.PI);
            double[][] inputs = new double[c.batch()][];
            double[][] up = new double[c.batch()][];
            for (int b = 0; b < c.batch(); b++) {
                inputs[b] = random(rng, c.circuit().numInputs(), 1.0);
                up[b] = random(rng, c.circuit().observables().size(), 1.0);
            }
            int batch = c.batch();
            double[][] expect = new double[batch][cc.numObs];
            double[][] pg = new double[batch][cc.numParams];
            double[][] ig = new double[batch][cc.numInputs];
            int lanes = BatchedSmallEngine.lanesFor(cc.numQubits);
            double[][] nIn = Arrays.copyOf(inputs, c.naiveSamples());
            double[][] nUp = Arrays.copyOf(up, c.naiveSamples());
            int ns = c.naiveSamples();
            Runnable[] runs = {
                () -> new BatchedSmallEngine(cc, false, lanes).run(params, inputs, null, expect, pg, ig, 0, batch),
                () -> new BatchedSmallEngine(cc, true, lanes).run(params, inputs, up, expect, pg, ig, 0, batch),
                () -> stateEngine(cc, params, inputs, null, expect, pg, ig),
                () -> stateEngine(cc, params, inputs, up, expect, pg, ig),
                () -> NaiveComplexSimulator.expectations(c.circuit(), params, nIn),
                () -> NaiveComplexSimulator.valueAndGradient(c.circuit(), params, nIn, nUp),
                () -> {
                    BatchedSmallEngine e = new BatchedSmallEngine(cc, true, lanes);
                    e.fuseAdjoint = false;
                    e.run(params, inputs, up, expect, pg, ig, 0, batch);
                },
            };
            double[] t = bestInterleaved(reps, runs);
            double bFwd = t[0] / batch, bGrad = t[1] / batch, sFwd = t[2] / batch, sGrad = t[3] / batch;
            double nFwd = t[4] / ns, nGrad = t[5] / ns, uGrad = t[6] / batch;
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f× | %.1f× "
                            + "| %.1f× | %.1f× | %.2f | %.2f× |%n", c.name(), batch, lanes, bFwd, bGrad, sFwd, sGrad,
                    nFwd, nGrad, sFwd / bFwd, sGrad / bGrad, nFwd / bFwd, nGrad / bGrad, uGrad, uGrad / bGrad);
            if (sweepLanes) {
                StringBuilder sb = new StringBuilder("  lanes sweep (fwd / fwd+grad µs):");
                for (int g : new int[]{8, 16, 32, 64, 128}) {
                    double f = best(reps, () -> new BatchedSmallEngine(cc, false, g)
                            .run(params, inputs, null, expect, pg, ig, 0, batch)) / batch;
                    double fg = best(reps, () -> new BatchedSmallEngine(cc, true, g)
                            .run(params, inputs, up, expect, pg, ig, 0, batch)) / batch;
                    sb.append(String.format(Locale.ROOT, "  G=%d %.2f / %.2f", g, f, fg));
                }
                System.out.println(sb);
            }
        }
    }

    private static void stateEngine(CompiledCircuit cc, double[] params, double[][] inputs, double[][] up,
                                    double[][] expect, double[][] pg, double[][] ig) {
        boolean gradients = up != null;
        StateEngine engine = new StateEngine(cc, gradients);
        for (int b = 0; b < inputs.length; b++) {
            engine.prepare(params, inputs[b], gradients);
            double norm = engine.initState(inputs[b], b);
            engine.forward();
            engine.expectations(expect[b]);
            if (gradients) {
                engine.backward(up[b], pg[b], ig[b], inputs[b], norm);
            }
        }
    }

    /**
     * Best wall time in µs of each runnable over {@code reps} rounds, the runnables interleaved within each round so
     * that all of them see the same background load (this machine is shared).
     */
    private static double[] bestInterleaved(int reps, Runnable[] runs) {
        double[] best = new double[runs.length];
        Arrays.fill(best, Double.MAX_VALUE);
        for (Runnable r : runs) {
            long warm = System.nanoTime();
            do {
                r.run();
            } while (System.nanoTime() - warm < 300_000_000L);
        }
        for (int rep = 0; rep < reps; rep++) {
            for (int k = 0; k < runs.length; k++) {
                long t0 = System.nanoTime();
                runs[k].run();
                best[k] = Math.min(best[k], (System.nanoTime() - t0) / 1e3);
            }
        }
        return best;
    }

    /**
     * Best wall time in µs over {@code reps} calls, after warm-up (the minimum is the robust statistic on a
     * machine shared with other jobs).
     */
    private static double best(int reps, Runnable r) {
        long warm = System.nanoTime();
        do {
            r.run(); // warm-up: at least 3 runs and 0.3 s
        } while (System.nanoTime() - warm < 300_000_000L);
        r.run();
        r.run();
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e3;
        }
        Arrays.sort(t);
        return t[0];
    }

    private static double[] random(SplittableRandom rng, int len, double scale) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = (rng.nextDouble() * 2 - 1) * scale;
        }
        return v;
    }
}

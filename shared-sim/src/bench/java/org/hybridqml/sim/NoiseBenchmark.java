package org.hybridqml.sim;

import org.hybridqml.bench.Timing;
import org.hybridqml.circuits.DressedQuantumCircuit;
import org.hybridqml.circuits.QuFeXCircuits;
import org.hybridqml.circuits.StronglyEntanglingLayers;
import org.hybridqml.sim.circuit.Circuit;
import org.hybridqml.sim.noise.NoiseModel;
import org.hybridqml.sim.noise.NoisySimulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Cost of finite shots and noise at prediction time on the papers' circuits: exact statevector expectations against
 * 1000 shots, the noisy density matrix (exact and with 1000 shots) and quantum trajectories (1000 per sample, and
 * 1000 shots = 1000 one-shot trajectories), for one batch of inputs. Prints the median time of each call and its
 * ratio to the exact expectations measured in the same run.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp "$CP" org.hybridqml.sim.NoiseBenchmark
 * [--batch N] [--threads N] [--reps N] [--noise SPEC]} (defaults 256, 1, 5, {@code depolarizing:0.01}); see
 * docs/shots-and-noise.md.
 */
public final class NoiseBenchmark {

    private NoiseBenchmark() {
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /**
     * Entry point.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        int batch = Integer.parseInt(arg(args, "--batch", "256"));
        int threads = Integer.parseInt(arg(args, "--threads", "1"));
        int reps = Integer.parseInt(arg(args, "--reps", "5"));
        NoiseModel noise = NoiseModel.parse(arg(args, "--noise", "depolarizing:0.01"));
        int shots = 1000;
        Map<String, Circuit> circuits = new LinkedHashMap<>();
        circuits.put("QuFeX PQC1 4q", QuFeXCircuits.pqc1(4));
        circuits.put("Pointwise SEL 4q L=2", StronglyEntanglingLayers.circuit(16, 2));
        circuits.put("DQC 6q L=3", DressedQuantumCircuit.circuit(6, DressedQuantumCircuit.PAPER_LAYERS));
        System.out.printf(Locale.ROOT, "# batch %d, %d thread(s), noise %s, %d shots, Java %s, %s%n%n", batch, threads,
                noise, shots, System.getProperty("java.version"), StatevectorSimulator.kernels());
        System.out.println("| circuit | call | median ms | × exact |");
        System.out.println("|---|---|---:|---:|");
        for (Map.Entry<String, Circuit> e : circuits.entrySet()) {
            Circuit c = e.getValue();
            SplittableRandom rng = new SplittableRandom(11);
            double[] params = new double[c.numParameters()];
            for (int i = 0; i < params.length; i++) {
                params[i] = rng.nextDouble(-Math.PI, Math.PI);
            }
            double[][] inputs = new double[batch][c.numInputs()];
            for (double[] row : inputs) {
                for (int f = 0; f < row.length; f++) {
                    row[f] = 0.05 + 0.9 * rng.nextDouble();
                }
            }
            StatevectorSimulator sv = new StatevectorSimulator(threads);
            NoisySimulator dm = new NoisySimulator(threads).method(NoisySimulator.Method.DENSITY_MATRIX);
            NoisySimulator traj = new NoisySimulator(threads).method(NoisySimulator.Method.TRAJECTORIES)
                    .trajectories(1000);
            Map<String, Supplier<double[][]>> calls = new LinkedHashMap<>();
            calls.put("exact (statevector)", () -> sv.expectations(c, params, inputs));
            calls.put(shots + " shots (statevector)",
                    () -> sv.sampledExpectations(c, params, inputs, shots, new SplittableRandom(1)));
            calls.put("noisy density matrix, exact", () -> dm.expectations(c, params, inputs, noise, 0, 1));
            calls.put("noisy density matrix, " + shots + " shots",
                    () -> dm.expectations(c, params, inputs, noise, shots, 1));
            calls.put("noisy trajectories, 1000 per sample",
                    () -> traj.expectations(c, params, inputs, noise, 0, 1));
            calls.put("noisy trajectories, " + shots + " shots",
                    () -> traj.expectations(c, params, inputs, noise, shots, 1));
            double exact = Double.NaN;
            for (Map.Entry<String, Supplier<double[][]>> call : calls.entrySet()) {
                double[][][] sink = new double[1][][];
                double ms = Timing.medianMillis(reps, 300, () -> sink[0] = call.getValue().get());
                if (Double.isNaN(exact)) {
                    exact = ms;
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.1f |%n", e.getKey(), call.getKey(), ms,
                        ms / exact);
            }
        }
    }
}

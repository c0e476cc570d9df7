package org.hybridqml.bench;

import java.util.Arrays;

/** The benchmarks' timing rule: warm the call up until the JIT has settled, then take the median of timed runs. */
public final class Timing {

    private Timing() {
    }

    /**
     * Runs {@code r} at least 3 times and for at least {@code warmupMillis}, then times {@code reps} more runs.
     *
     * @param reps         timed runs, &ge; 1
     * @param warmupMillis minimum warm-up time
     * @param r            the call to time
     * @return the median time of one run, in milliseconds
     */
    public static double medianMillis(int reps, long warmupMillis, Runnable r) {
        long warmStart = System.nanoTime();
        for (int i = 0; i < 3 || System.nanoTime() - warmStart < warmupMillis * 1_000_000L; i++) {
            r.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    /**
     * @return the 1-minute load average from {@code /proc/loadavg}, for benchmark logs on a shared machine, or
     *         "n/a" where it cannot be read
     */
    public static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }
}

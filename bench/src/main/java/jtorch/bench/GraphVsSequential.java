package jtorch.bench;

import java.util.Arrays;
import java.util.Locale;
import jtorch.backend.cpu.Parallel;

/**
 * The MLP train step (784-256-128-10, batch 64) as Sequential and as Graph in one JVM: after a warm-up of both, 31
 * interleaved rounds of 200 ms each (Sequential, Graph, Sequential, ...), so that a change in machine load hits both;
 * prints the median steps/s of each and the ratio of the medians of the per-pair ratios (graph time / sequential time).
 * With one thread it also gives the ratio of this thread's CPU time per step, which other processes on a loaded
 * machine disturb far less than wall time. Also checks that both compute the same losses. Usage: {@code ./jtorch run jtorch.bench.GraphVsSequential [threads]}.
 */
public final class GraphVsSequential {
    private GraphVsSequential() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Parallel.setThreads(threads);
        TrainStep seq = new TrainStep("mlp", 64), graph = new TrainStep("mlp-graph", 64);
        for (int i = 0; i < 5; i++) {
            double a = seq.step(), b = graph.step();
            if (a != b) throw new AssertionError("step " + i + ": Sequential loss " + a + ", Graph loss " + b);
        }
        long warmEnd = System.nanoTime() + 8_000_000_000L;
        while (System.nanoTime() < warmEnd) { seq.step(); graph.step(); }
        int n = 31;
        double[] s = new double[n], g = new double[n], ratio = new double[n], cpu = new double[n];
        for (int r = 0; r < n; r++) {
            double[] a = rate(seq), b = rate(graph);
            s[r] = a[0];
            g[r] = b[0];
            ratio[r] = s[r] / g[r];
            cpu[r] = b[1] / a[1];
        }
        Arrays.sort(s);
        Arrays.sort(g);
        Arrays.sort(ratio);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "threads %d: Sequential %.1f steps/s, Graph %.1f steps/s (medians); Graph time /"
                + " Sequential time = %.3f (median of %d interleaved pairs; min %.3f, max %.3f)%n", threads, s[n / 2],
                g[n / 2], ratio[n / 2], n, ratio[0], ratio[n - 1]);
        if (threads == 1) System.out.printf(Locale.ROOT, "  CPU time of this thread per step, Graph / Sequential = %.3f"
                + " (median; min %.3f, max %.3f): less sensitive to other processes than wall time%n", cpu[n / 2], cpu[0],
                cpu[n - 1]);
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** {steps per wall second, CPU nanoseconds of this thread per step} over one round. */
    private static double[] rate(TrainStep t) {
        int steps = 0;
        long c0 = CPU.getCurrentThreadCpuTime(), t0 = System.nanoTime(), t1;
        do { t.step(); steps++; t1 = System.nanoTime(); } while (t1 - t0 < 200_000_000L);
        long c1 = CPU.getCurrentThreadCpuTime();
        return new double[] {steps / ((t1 - t0) / 1e9), (c1 - c0) / (double) steps};
    }
}

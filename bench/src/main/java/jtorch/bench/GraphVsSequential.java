package jtorch.bench;

import java.util.Arrays;
import java.util.Locale;
import jtorch.backend.cpu.Parallel;

/**
 * The MLP train step (784-256-128-10, batch 64) as Sequential and as Graph in one JVM: after a warm-up of both, 15
 * interleaved rounds of 300 ms each (Sequential, Graph, Sequential, ...), so that a change in machine load hits both;
 * prints the median steps/s of each and the ratio of the medians of the per-pair ratios (graph time / sequential time).
 * Also checks that both compute the same losses. Usage: {@code ./jtorch run jtorch.bench.GraphVsSequential [threads]}.
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
        int n = 15;
        double[] s = new double[n], g = new double[n], ratio = new double[n];
        for (int r = 0; r < n; r++) {
            s[r] = rate(seq);
            g[r] = rate(graph);
            ratio[r] = s[r] / g[r];
        }
        Arrays.sort(s);
        Arrays.sort(g);
        Arrays.sort(ratio);
        System.out.printf(Locale.ROOT, "threads %d: Sequential %.1f steps/s, Graph %.1f steps/s (medians); Graph time /"
                + " Sequential time = %.3f (median of %d interleaved pairs; min %.3f, max %.3f)%n", threads, s[n / 2],
                g[n / 2], ratio[n / 2], n, ratio[0], ratio[n - 1]);
    }

    private static double rate(TrainStep t) {
        int steps = 0;
        long t0 = System.nanoTime(), t1;
        do { t.step(); steps++; t1 = System.nanoTime(); } while (t1 - t0 < 300_000_000L);
        return steps / ((t1 - t0) / 1e9);
    }
}

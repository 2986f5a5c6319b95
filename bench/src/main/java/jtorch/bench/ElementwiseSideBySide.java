package jtorch.bench;

import java.util.Locale;
import jtorch.backend.Backends;
import jtorch.backend.BinaryOp;
import jtorch.backend.ReduceOp;
import jtorch.backend.UnaryOp;
import jtorch.backend.cpu.Parallel;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Quick GB/s table for the cpu back end's element-wise ops and reductions against the machine's STREAM bandwidth
 * measured in the same JVM (copy and triad on 64M-float arrays), for the thread counts given. Each figure is the best
 * of several timed repetitions after warm-up; bytes use STREAM counting (reads + writes, no write-allocate).
 * Usage: ElementwiseSideBySide [threads...]   (default: 1 2; {@code -Dops=exp,tanh} runs only those rows).
 * Prints: op n threads us GB/s vs-triad.
 * The same table for numpy comes from bench/peer/elementwise_numpy.py; bench/elementwise-side-by-side.sh runs both.
 */
public final class ElementwiseSideBySide {
    private ElementwiseSideBySide() {}

    interface Work { void run(); }

    /** Best time in microseconds over reps after warm-up. */
    static double time(Work w, int n) {
        int reps = Math.max(5, (int) Math.min(200, (1L << 26) / n));
        for (int i = 0; i < reps; i++) w.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            w.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e3);
        }
        return best;
    }

    /** Ops to run ({@code -Dops=exp,tanh}); all when unset. */
    static final java.util.Set<String> OPS = System.getProperty("ops") == null ? null
            : java.util.Set.of(System.getProperty("ops").split(","));

    static void row(String op, int n, int threads, double bytesPerElem, Work w, double triad) {
        if (OPS != null && !OPS.contains(op)) return;
        double us = time(w, n), gbs = bytesPerElem * n / us / 1e3;
        System.out.printf(Locale.ROOT, "%-16s %9d %2d %10.1f %7.1f %6.2f%n", op, n, threads, us, gbs, triad > 0 ? gbs / triad : 0);
    }

    public static void main(String[] args) {
        int[] threadCounts = args.length == 0 ? new int[] {1, 2} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf("%-16s %9s %2s %10s %7s %6s%n", "op", "n", "th", "us", "GB/s", "/triad");
        for (int threads : threadCounts) {
            Parallel.setThreads(threads);
            int big = 1 << 26;
            float[] a = new float[big], b = new float[big], c = new float[big];
            java.util.Arrays.fill(a, 1f); java.util.Arrays.fill(b, 2f); java.util.Arrays.fill(c, 3f);
            double copyUs = time(() -> BandwidthBench.copy(a, c, big), big);
            double triadUs = time(() -> BandwidthBench.triad(a, b, c, big), big);
            double triad = 12.0 * big / triadUs / 1e3;
            System.out.printf(Locale.ROOT, "%-16s %9d %2d %10.1f %7.1f %6.2f%n", "STREAM copy", big, threads, copyUs, 8.0 * big / copyUs / 1e3, 8.0 * big / copyUs / 1e3 / triad);
            System.out.printf(Locale.ROOT, "%-16s %9d %2d %10.1f %7.1f %6.2f%n", "STREAM triad", big, threads, triadUs, triad, 1.0);
            for (int n : new int[] {1 << 20, 1 << 24}) {
                Generator g = new Generator(1);
                int cols = 1024, rows = n / cols, side = (int) Math.sqrt(n);
                Tensor x = Tensor.randn(g, rows, cols), y = Tensor.randn(g, rows, cols), bias = Tensor.randn(g, cols);
                Tensor out = Tensor.zeros(rows, cols), xT = Tensor.randn(g, side, side).t(), outSq = Tensor.zeros(side, side);
                Tensor sq = Tensor.randn(g, side, side), rowOut = Tensor.zeros(side, 1), colOut = Tensor.zeros(1, side);
                Tensor idx = Tensor.zeros(DType.I32, side, 1);
                row("add", n, threads, 12, () -> x.apply(BinaryOp.ADD, 1, y, out), triad);
                row("add bias row", n, threads, 8, () -> x.apply(BinaryOp.ADD, 1, bias, out), triad);
                row("mul scalar", n, threads, 8, () -> x.apply(UnaryOp.MUL, 1.5, 0, out), triad);
                row("relu", n, threads, 8, () -> x.apply(UnaryOp.RELU, 0, 0, out), triad);
                row("exp", n, threads, 8, () -> x.apply(UnaryOp.EXP, 0, 0, out), triad);
                row("tanh", n, threads, 8, () -> x.apply(UnaryOp.TANH, 0, 0, out), triad);
                row("sigmoid", n, threads, 8, () -> x.apply(UnaryOp.SIGMOID, 0, 0, out), triad);
                row("copy", n, threads, 8, () -> out.copy(x), triad);
                row("copy transposed", n, threads, 8, () -> outSq.copy(xT), triad);
                row("sum last dim", n, threads, 4, () -> Backends.cpu().reduce(ReduceOp.SUM, rowOut, sq, 1), triad);
                row("max last dim", n, threads, 4, () -> Backends.cpu().reduce(ReduceOp.MAX, rowOut, sq, 1), triad);
                row("argmax last dim", n, threads, 4, () -> Backends.cpu().argReduce(true, rowOut, idx, sq, 1), triad);
                row("sum dim 0", n, threads, 4, () -> Backends.cpu().reduce(ReduceOp.SUM, colOut, sq, 0), triad);
                row("sum all", n, threads, 4, sq::sum, triad);
            }
        }
    }
}

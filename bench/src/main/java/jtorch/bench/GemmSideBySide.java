package jtorch.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import jtorch.backend.Backends;
import jtorch.backend.cpu.Parallel;
import jtorch.tensor.HeapStorage;
import jtorch.tensor.Tensor;

/**
 * Times jtorch's F32 GEMM (C = A·B, beta 0) without JMH, for the side-by-side script: warm-up, then the median of
 * several samples, each sample a batch of calls lasting at least ~20 ms. Prints one line per case:
 * {@code shape threads gflops} where shape is {@code MxNxK} with an optional {@code :tA tB} suffix ({@code :tn} =
 * A transposed), e.g. {@code 64x1500x3072:nt}. GFLOP/s = 2·M·N·K / seconds per call / 1e9.
 * <p>Usage: {@code GemmSideBySide [--threads 1,2] [--samples 7] [--warmup seconds(2)] shape...}. The warm-up is per case
 * and long on purpose: until C2 has compiled the Vector API kernels they run boxed, hundreds of times slower.
 */
public final class GemmSideBySide {
    private GemmSideBySide() {}

    public static void main(String[] args) {
        int[] threads = {1, 2};
        int samples = 7;
        double warmup = 2;
        var shapes = new java.util.ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                default -> shapes.add(args[i]);
            }
        }
        if (shapes.isEmpty()) throw new IllegalArgumentException("GemmSideBySide: give shapes like 256x256x256 or 64x10x1500:nt");
        for (String spec : shapes) {
            for (int t : threads) System.out.printf("%s %d %.2f%n", spec, t, gflops(spec, t, samples, warmup));
        }
    }

    /** Median GFLOP/s of {@code C = A·B} for one shape spec on {@code threads} threads. */
    public static double gflops(String spec, int threads, int samples, double warmupSeconds) {
        String[] parts = spec.split(":");
        int[] d = Arrays.stream(parts[0].split("x")).mapToInt(Integer::parseInt).toArray();
        String tr = parts.length > 1 ? parts[1] : "nn";
        int m = d[0], n = d[1], k = d[2];
        SplittableRandom r = new SplittableRandom(42);
        Tensor a = tr.charAt(0) == 't' ? rand(r, k, m).t() : rand(r, m, k);
        Tensor b = tr.charAt(1) == 't' ? rand(r, n, k).t() : rand(r, k, n);
        Tensor c = rand(r, m, n);
        Parallel.setThreads(threads);
        var cpu = Backends.cpu();
        double flop = 2.0 * m * n * k;
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int calls = 0;
        while (System.nanoTime() < warmEnd || calls < 5) { cpu.gemm(1, a, b, 0, c); calls++; }
        long t0 = System.nanoTime();
        cpu.gemm(1, a, b, 0, c);
        long one = Math.max(1, System.nanoTime() - t0);
        int batch = (int) Math.max(1, 20_000_000L / one);
        double[] s = new double[samples];
        for (int i = 0; i < samples; i++) {
            long st = System.nanoTime();
            for (int j = 0; j < batch; j++) cpu.gemm(1, a, b, 0, c);
            s[i] = (System.nanoTime() - st) / 1e9 / batch;
        }
        Arrays.sort(s);
        return flop / s[samples / 2] / 1e9;
    }

    static Tensor rand(SplittableRandom r, int rows, int cols) {
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() - 0.5);
        return new Tensor(Backends.cpu(), HeapStorage.wrap(x), 0, new int[] {rows, cols}, new int[] {cols, 1});
    }
}

package jtorch.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import jtorch.backend.cpu.Parallel;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The GEMMs of one training step of the seed net (3072-1500-10) and of the 784-256-128-10 MLP at batch 64, called the way
 * {@code Linear} calls them (through {@code Tensor.addmmInPlace}, weights transposed by view), each timed after warm-up,
 * with the bytes allocated per call. Usage: {@code ./jtorch run jtorch.bench.TrainingGemms [threads]}.
 */
public final class TrainingGemms {
    private TrainingGemms() {}

    public static void main(String[] args) {
        Parallel.setThreads(args.length > 0 ? Integer.parseInt(args[0]) : 1);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Generator g = new Generator(1);
        // {m, n, k, case}: 0 = A·B (gradInput), 1 = A·Bᵀ (forward, x·Wᵀ), 2 = Aᵀ·B with beta 1 (gradWeight += gᵀ·x)
        int[][] shapes = {{64, 1500, 3072, 1}, {64, 3072, 1500, 0}, {1500, 3072, 64, 2}, {64, 10, 1500, 1}, {64, 1500, 10, 0},
            {10, 1500, 64, 2}, {64, 256, 784, 1}, {64, 784, 256, 0}, {256, 784, 64, 2}, {64, 128, 256, 1}, {64, 256, 128, 0},
            {128, 256, 64, 2}, {64, 10, 128, 1}, {64, 128, 10, 0}, {10, 128, 64, 2}};
        String[] names = {"nn", "nt", "tn"};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            Tensor a = s[3] == 2 ? Tensor.randn(g, k, m).t() : Tensor.randn(g, m, k);
            Tensor b = s[3] == 1 ? Tensor.randn(g, n, k).t() : Tensor.randn(g, k, n);
            Tensor c = Tensor.zeros(m, n);
            double beta = s[3] == 2 ? 1 : 0;
            for (int i = 0; i < 2000; i++) c.addmmInPlace(beta, 1, a, b);
            int calls = 300;
            long b0 = mx.getCurrentThreadAllocatedBytes(), t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) c.addmmInPlace(beta, 1, a, b);
            long t1 = System.nanoTime(), b1 = mx.getCurrentThreadAllocatedBytes();
            System.out.printf(Locale.ROOT, "%5dx%5dx%5d %s  %6.1f GF/s  %7d B/call%n", m, n, k, names[s[3]],
                    2.0 * m * n * k * calls / (t1 - t0), (b1 - b0) / calls);
        }
    }
}

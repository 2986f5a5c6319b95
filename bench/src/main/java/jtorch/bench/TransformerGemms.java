package jtorch.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import jtorch.backend.cpu.Parallel;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The large GEMMs of one Transformer encoder layer train step (d 128, ffn 512, T·B = 768 rows), called the way
 * {@code Linear} and {@code MultiHeadAttention} call them, each timed after warm-up as the fastest of 200 windows of 3 calls (an estimate for a quiet machine) and by
 * the mean thread CPU time.
 * Usage: {@code ./jtorch run jtorch.bench.TransformerGemms [threads]}.
 */
public final class TransformerGemms {
    private TransformerGemms() {}

    public static void main(String[] args) {
        Parallel.setThreads(args.length > 0 ? Integer.parseInt(args[0]) : 1);
        var mx = ManagementFactory.getThreadMXBean();
        Generator g = new Generator(1);
        // {m, n, k, case}: 0 = A·B (gradInput), 1 = A·Bᵀ (forward, x·Wᵀ), 2 = Aᵀ·B with beta 1 (gradWeight += gᵀ·x)
        int[][] shapes = {{768, 512, 128, 1}, {768, 128, 512, 1}, {768, 128, 512, 0}, {768, 512, 128, 0},
            {128, 512, 768, 2}, {512, 128, 768, 2}, {768, 128, 128, 1}, {768, 384, 128, 1}, {768, 128, 128, 0},
            {768, 128, 384, 0}, {128, 128, 768, 2}, {384, 128, 768, 2}};
        String[] names = {"nn", "nt", "tn"};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            Tensor a = s[3] == 2 ? Tensor.randn(g, k, m).t() : Tensor.randn(g, m, k);
            Tensor b = s[3] == 1 ? Tensor.randn(g, n, k).t() : Tensor.randn(g, k, n);
            Tensor c = Tensor.zeros(m, n);
            double beta = s[3] == 2 ? 1 : 0;
            for (int i = 0; i < 300; i++) c.addmmInPlace(beta, 1, a, b);
            long best = Long.MAX_VALUE, c0 = mx.getCurrentThreadCpuTime();
            int calls = 0;
            for (int w = 0; w < 200; w++, calls += 3) { // the fastest of many short windows: a quiet-machine estimate
                long t0 = System.nanoTime();
                for (int i = 0; i < 3; i++) c.addmmInPlace(beta, 1, a, b);
                best = Math.min(best, System.nanoTime() - t0);
            }
            long c1 = mx.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "%5dx%5dx%5d %s  best %6.1f GF/s  cpu mean %6.1f GF/s  %7.1f us/call%n", m, n,
                    k, names[s[3]], 2.0 * m * n * k * 3 / best, 2.0 * m * n * k * calls / (c1 - c0), best / 3e3);
        }
    }
}

package jtorch.bench;

import java.util.Arrays;
import java.util.Locale;
import jtorch.backend.cpu.Parallel;
import jtorch.nn.attention.TransformerEncoderLayer;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * One training step of a {@link TransformerEncoderLayer}(d = 128, 4 heads, ffn 512, post-norm, ReLU, no dropout) on
 * x [64, 12, 128] (sequence 64, batch 12): forward, backward of a fixed gradOutput, plain SGD update (lr 1e-3).
 * Prints {@code transformer threads steps_per_s bytes_per_step cpu_ms_per_step} (steps/s: median of 7 rounds of 0.5 s
 * after warm-up; bytes allocated by the main thread per step, from {@code ThreadMXBean.getThreadAllocatedBytes}, over
 * 20 steps; the main thread's CPU time per step, median of the same rounds: on a loaded machine the fairer figure at 1
 * thread). Driven by
 * bench/transformer-side-by-side.sh, which runs bench/peer/transformer_step_torch.py on the same work in the same run.
 * Args: threads [T B D heads ffn].
 */
public final class TransformerLayerSideBySide {
    private TransformerLayerSideBySide() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int t = arg(args, 1, 64), b = arg(args, 2, 12), d = arg(args, 3, 128), h = arg(args, 4, 4), f = arg(args, 5, 512);
        Parallel.setThreads(threads);
        Generator.manualSeed(1);
        TransformerEncoderLayer layer = new TransformerEncoderLayer(d, h, f, 0, "relu", false, false, 1e-5);
        Tensor x = Tensor.randn(new Generator(2), t, b, d), g = Tensor.randn(new Generator(3), t, b, d);
        Runnable step = () -> {
            layer.zeroGradParameters();
            layer.forward(x);
            layer.backward(x, g);
            layer.updateParameters(1e-3);
        };
        long warmEnd = System.nanoTime() + 6_000_000_000L;
        for (int i = 0; System.nanoTime() < warmEnd || i < 100; i++) step.run();
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        double[] rounds = new double[7], cpu = new double[7];
        for (int r = 0; r < rounds.length; r++) {
            int steps = 0;
            long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime(), t1;
            do { step.run(); steps++; t1 = System.nanoTime(); } while (t1 - t0 < 500_000_000L);
            rounds[r] = steps / ((t1 - t0) / 1e9);
            cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / steps;
        }
        Arrays.sort(rounds);
        Arrays.sort(cpu);
        long id = Thread.currentThread().threadId(), a0 = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 20; i++) step.run();
        long perStep = (mx.getThreadAllocatedBytes(id) - a0) / 20;
        System.out.printf(Locale.ROOT, "transformer %d %.2f %d %.3f%n", threads, rounds[rounds.length / 2], perStep,
                cpu[cpu.length / 2]);
    }

    private static int arg(String[] a, int i, int dflt) { return a.length > i ? Integer.parseInt(a[i]) : dflt; }
}

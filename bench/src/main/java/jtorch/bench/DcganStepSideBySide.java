package jtorch.bench;

import java.util.Arrays;
import java.util.Locale;
import jtorch.backend.cpu.Parallel;
import jtorch.nn.Sequential;
import jtorch.nn.conv.DcganNets;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.train.GanTrainer;

/**
 * One DCGAN train step ({@link GanTrainer#step}: a D step on a real and a generated batch, then a G step through D;
 * Adam lr 2e-4, β₁ 0.5 for both) with the nets of the Dcgan example (generator width g, discriminator width d, latent
 * nz, batch B; defaults 32, 32, 64, 64; {@link DcganNets}, deep with deep = 1) on images [B, 1, 28, 28]. Prints
 * {@code dcgan threads steps_per_s gflops_per_s bytes_per_step cpu_steps_per_s}: the median of 7 rounds after warm-up,
 * the step's convolution and linear arithmetic (see {@link #flops}) per second, the bytes the main thread allocates per
 * step ({@code ThreadMXBean}, over 20 steps), and steps per second of the main thread's CPU time (with 1 thread the
 * whole cost, and far less disturbed than wall time by other processes on a shared machine). Driven by bench/dcgan-side-by-side.sh, which runs
 * bench/peer/dcgan_step_torch.py on the same work in the same run. Args: threads [g d nz B [deep]].
 */
public final class DcganStepSideBySide {
    private DcganStepSideBySide() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int g = arg(args, 1, 32), d = arg(args, 2, 32), nz = arg(args, 3, 64), b = arg(args, 4, 64);
        boolean deep = arg(args, 5, 0) == 1;
        Parallel.setThreads(threads);
        Generator.manualSeed(1);
        Sequential gen = DcganNets.generator(nz, g, deep), dis = DcganNets.discriminator(d, deep);
        Optimizer adamG = new Optimizer("adam", Config.of("learningRate", 2e-4, "beta1", 0.5)),
                adamD = new Optimizer("adam", Config.of("learningRate", 2e-4, "beta1", 0.5));
        // the loader is required by the builder but unused: step() is called directly
        var loader = new jtorch.data.DataLoader(new jtorch.data.TensorDataset(Tensor.zeros(b, 1, 28, 28), Tensor.zeros(b)), b, false, 0, false);
        GanTrainer t = GanTrainer.builder(gen, dis, adamG, adamD).data(loader).latent(nz).build();
        Generator rng = new Generator(2);
        Tensor x = Tensor.rand(rng, b, 1, 28, 28);
        Runnable step = () -> t.step(x, t.noise(rng, b));
        long warmEnd = System.nanoTime() + 6_000_000_000L;
        for (int i = 0; System.nanoTime() < warmEnd || i < 30; i++) step.run();
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        double[] rounds = new double[7], cpuRounds = new double[7];
        for (int r = 0; r < rounds.length; r++) {
            int steps = 0;
            long t0 = System.nanoTime(), t1, c0 = mx.getCurrentThreadCpuTime();
            do { step.run(); steps++; t1 = System.nanoTime(); } while (t1 - t0 < 500_000_000L);
            rounds[r] = steps / ((t1 - t0) / 1e9);
            cpuRounds[r] = steps / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
        }
        Arrays.sort(rounds);
        Arrays.sort(cpuRounds);
        long id = Thread.currentThread().threadId(), a0 = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 20; i++) step.run();
        long perStep = (mx.getThreadAllocatedBytes(id) - a0) / 20;
        double sps = rounds[rounds.length / 2];
        System.out.printf(Locale.ROOT, "dcgan %d %.2f %.2f %d %.2f%n", threads, sps, sps * flops(g, d, nz, b, deep) / 1e9, perStep,
                cpuRounds[cpuRounds.length / 2]);
    }

    /**
     * The multiply-adds ×2 of one step's convolutions and linear layers (batch norm, activations, losses and Adam
     * left out). Per sample, with forward costs G₁ = nz·2g·49 (Linear), G₂ = 49·2g·g·16, G₃ = 196·g·16 (the transposed
     * convolutions, counted over their inputs), D₁ = 196·d·16, D₂ = 49·2d·d·16, D₃ = 2d·49: G forward and weight
     * gradient (G₁+G₂+G₃ each) and its input gradient without the first layer (G₂+G₃); D forward three times (real,
     * fake, fake again for the G step), weight gradients twice, input gradients without the first layer twice
     * (D₂+D₃) and once with it (the G step's ∂L_G/∂x̃). The deep nets add G₄ = 49·2g·2g·9 to G₂ and D₄ = 16·4d·2d·9 to
     * D₂, and D₃ becomes 4d·16.
     */
    static double flops(int g, int d, int nz, int b, boolean deep) {
        double g1 = nz * 2.0 * g * 49, g2 = 49.0 * 2 * g * g * 16 + (deep ? 49.0 * 4 * g * g * 9 : 0), g3 = 196.0 * g * 16;
        double d1 = 196.0 * d * 16, d2 = 49.0 * 2 * d * d * 16 + (deep ? 16.0 * 8 * d * d * 9 : 0), d3 = deep ? 4.0 * d * 16 : 2.0 * d * 49;
        double gf = g1 + g2 + g3, df = d1 + d2 + d3;
        return 2.0 * b * (2 * gf + (g2 + g3) + 3 * df + 2 * df + 2 * (d2 + d3) + df);
    }

    private static int arg(String[] a, int i, int dflt) { return a.length > i ? Integer.parseInt(a[i]) : dflt; }
}

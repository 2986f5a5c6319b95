package jtorch.bench;

import java.util.Locale;
import jtorch.backend.cpu.Parallel;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.conv.LeNet5;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Where a LeNet-5 train step's time goes: microseconds per call of each layer's forward and backward (batch 64,
 * 28×28), after warm-up, as the calling thread's CPU time (which, unlike wall time, other processes on a shared
 * machine barely disturb; with 1 thread it is the whole cost, with more it leaves out the pool threads' share) and as
 * wall time. A diagnostic, not a benchmark of record. Usage: {@code ./jtorch run jtorch.bench.LeNetProfile [threads]}.
 */
public final class LeNetProfile {
    private LeNetProfile() {}

    public static void main(String[] args) {
        Parallel.setThreads(args.length > 0 ? Integer.parseInt(args[0]) : 1);
        Generator.manualSeed(1);
        Sequential net = LeNet5.build(10);
        int n = net.children().size(), reps = 400;
        Activity[] in = new Activity[n + 1];
        in[0] = Tensor.randn(new Generator(2), 64, 1, 28, 28);
        double[] fwd = new double[n], bwd = new double[n], fwdWall = new double[n], bwdWall = new double[n];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            java.util.Arrays.fill(fwd, 0);
            java.util.Arrays.fill(bwd, 0);
            java.util.Arrays.fill(fwdWall, 0);
            java.util.Arrays.fill(bwdWall, 0);
            for (int r = 0; r < reps; r++) {
                for (int i = 0; i < n; i++) {
                    long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                    in[i + 1] = net.children().get(i).forward(in[i]);
                    fwdWall[i] += System.nanoTime() - t0;
                    fwd[i] += mx.getCurrentThreadCpuTime() - c0;
                }
                Activity g = in[n].toTensor("out").zerosLike().fillInPlace(0.01);
                for (int i = n - 1; i >= 0; i--) {
                    Module m = net.children().get(i);
                    long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                    if (i > 1) g = m.backward(in[i], g); // layer 1 (the first convolution): no input gradient
                    else if (i == 1) m.accGradParametersOnly(in[i], g, 1);
                    bwdWall[i] += System.nanoTime() - t0;
                    bwd[i] += mx.getCurrentThreadCpuTime() - c0;
                }
            }
        }
        double total = 0, wall = 0;
        System.out.printf(Locale.ROOT, "%-40s %12s %12s %12s %12s%n", "layer (us per call)", "fwd cpu", "bwd cpu", "fwd wall", "bwd wall");
        for (int i = 0; i < n; i++) {
            total += (fwd[i] + bwd[i]) / reps / 1e3;
            wall += (fwdWall[i] + bwdWall[i]) / reps / 1e3;
            System.out.printf(Locale.ROOT, "%-40s %12.1f %12.1f %12.1f %12.1f%n", net.children().get(i), fwd[i] / reps / 1e3,
                    bwd[i] / reps / 1e3, fwdWall[i] / reps / 1e3, bwdWall[i] / reps / 1e3);
        }
        System.out.printf(Locale.ROOT, "total cpu %.1f us, wall %.1f us per step of 64 (%.0f samples/s by wall time, without loss"
                + " and update)%n", total, wall, 64 / (wall / 1e6));
    }
}

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
 * 28×28), after warm-up. A diagnostic, not a benchmark of record. Usage: {@code ./jtorch run jtorch.bench.LeNetProfile [threads]}.
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
        double[] fwd = new double[n], bwd = new double[n];
        for (int round = 0; round < 3; round++) {
            java.util.Arrays.fill(fwd, 0);
            java.util.Arrays.fill(bwd, 0);
            for (int r = 0; r < reps; r++) {
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    in[i + 1] = net.children().get(i).forward(in[i]);
                    fwd[i] += System.nanoTime() - t0;
                }
                Activity g = in[n].toTensor("out").zerosLike().fillInPlace(0.01);
                for (int i = n - 1; i >= 0; i--) {
                    Module m = net.children().get(i);
                    long t0 = System.nanoTime();
                    if (i > 1) g = m.backward(in[i], g); // layer 1 (the first convolution): no input gradient
                    else if (i == 1) m.accGradParametersOnly(in[i], g, 1);
                    bwd[i] += System.nanoTime() - t0;
                }
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += (fwd[i] + bwd[i]) / reps / 1e3;
            System.out.printf(Locale.ROOT, "%-40s fwd %8.1f us  bwd %8.1f us%n", net.children().get(i), fwd[i] / reps / 1e3,
                    bwd[i] / reps / 1e3);
        }
        System.out.printf(Locale.ROOT, "total %.1f us per step of 64 (%.0f samples/s without loss and update)%n", total,
                64 / (total / 1e6));
    }
}

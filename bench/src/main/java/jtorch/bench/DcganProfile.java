package jtorch.bench;

import java.util.Locale;
import jtorch.backend.cpu.Parallel;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Where the DCGAN train step's time goes (the nets of {@link jtorch.nn.conv.DcganNets}; g, d, nz, B): microseconds per call
 * of each layer's forward, input gradient and parameter gradient, as the calling thread's CPU time and as wall time,
 * after warm-up, for the generator and the discriminator separately. A diagnostic, not a benchmark of record. Usage:
 * {@code ./jtorch run jtorch.bench.DcganProfile [threads [g d nz B [deep]]]} (deep 1: the example's deep nets).
 */
public final class DcganProfile {
    private DcganProfile() {}

    public static void main(String[] args) {
        Parallel.setThreads(args.length > 0 ? Integer.parseInt(args[0]) : 1);
        int g = arg(args, 1, 32), d = arg(args, 2, 32), nz = arg(args, 3, 64), b = arg(args, 4, 64);
        boolean deep = arg(args, 5, 0) == 1;
        Generator.manualSeed(1);
        Generator rng = new Generator(2);
        profile("generator", jtorch.nn.conv.DcganNets.generator(nz, g, deep), Tensor.randn(rng, b, nz));
        profile("discriminator", jtorch.nn.conv.DcganNets.discriminator(d, deep), Tensor.rand(rng, b, 1, 28, 28));
    }

    static void profile(String title, Sequential net, Tensor x) {
        int n = net.children().size(), reps = 100;
        Activity[] in = new Activity[n + 1];
        in[0] = x;
        double[][] t = new double[6][n]; // fwd, gradInput, accGrad: cpu, then wall
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            for (double[] a : t) java.util.Arrays.fill(a, 0);
            for (int r = 0; r < reps; r++) {
                for (int i = 0; i < n; i++) {
                    long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                    in[i + 1] = net.children().get(i).forward(in[i]);
                    t[3][i] += System.nanoTime() - t0;
                    t[0][i] += mx.getCurrentThreadCpuTime() - c0;
                }
                Activity gy = in[n].toTensor("out").zerosLike().fillInPlace(0.01);
                for (int i = n - 1; i >= 0; i--) {
                    Module m = net.children().get(i);
                    long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                    Activity gx = m.updateGradInput(in[i], gy);
                    long c1 = mx.getCurrentThreadCpuTime(), t1 = System.nanoTime();
                    m.accGradParameters(in[i], gy, 1);
                    t[5][i] += System.nanoTime() - t1;
                    t[1][i] += c1 - c0;
                    t[4][i] += t1 - t0;
                    t[2][i] += mx.getCurrentThreadCpuTime() - c1;
                    gy = gx;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s (us per call)%n%-44s %9s %9s %9s %9s %9s %9s%n", title, "layer", "fwd cpu",
                "gIn cpu", "accG cpu", "fwd wall", "gIn wall", "accG wall");
        double[] sum = new double[6];
        for (int i = 0; i < n; i++) {
            System.out.printf(Locale.ROOT, "%-44s", net.children().get(i));
            for (int k = 0; k < 6; k++) {
                sum[k] += t[k][i] / reps / 1e3;
                System.out.printf(Locale.ROOT, " %9.1f", t[k][i] / reps / 1e3);
            }
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "%-44s", "total");
        for (double s : sum) System.out.printf(Locale.ROOT, " %9.1f", s);
        System.out.println();
    }

    private static int arg(String[] a, int i, int dflt) { return a.length > i ? Integer.parseInt(a[i]) : dflt; }
}

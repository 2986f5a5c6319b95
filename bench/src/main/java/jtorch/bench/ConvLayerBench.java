package jtorch.bench;

import java.util.Arrays;
import java.util.Locale;
import jtorch.backend.Backend;
import jtorch.backend.Backends;
import jtorch.backend.ConvSpec;
import jtorch.backend.cpu.Parallel;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * GFLOP/s of the cpu convolution kernels (forward, backward-input, backward-weight) on LeNet-5's two layers (batch
 * 64) and on a 3×3, 64 → 64 layer over 32×32 (batch 64, padding 1), next to one SGEMM of the same FLOPs
 * ([C_out, CK] · [CK, B·O], the product a whole-batch im2col would make). FLOPs = 2·B·C_out·CK·O for each of the
 * three kernels. Median of timed rounds after warm-up. Usage: {@code ./jtorch run jtorch.bench.ConvLayerBench [threads]
 * [cpu]}: with {@code cpu} (1 thread only) the rounds are timed by the thread's CPU time, which other processes on a
 * shared machine disturb less than wall time; a third argument keeps only the layers whose name contains it (e.g.
 * {@code dcgan}). The DCGAN layers (4×4, stride 2, padding 1) are also the transposed convolutions of its generator
 * run the other way round (their forward is backward-input here, their input gradient forward).
 */
public final class ConvLayerBench {
    private ConvLayerBench() {}

    record Layer(String name, int b, int cin, int cout, int s, int k, int pad, int stride) {
        Layer(String name, int b, int cin, int cout, int s, int k, int pad) { this(name, b, cin, cout, s, k, pad, 1); }
    }

    interface Op { void run(); }

    static boolean cpuTime;
    static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();

    static long now() { return cpuTime ? MX.getCurrentThreadCpuTime() : System.nanoTime(); }

    static double seconds(Op op, double flops) {
        long warm = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < warm) op.run();
        double[] r = new double[7];
        for (int i = 0; i < r.length; i++) {
            int n = 0;
            long t0 = now(), t1;
            do { op.run(); n++; t1 = now(); } while (t1 - t0 < 200_000_000L);
            r[i] = (t1 - t0) / 1e9 / n;
        }
        Arrays.sort(r);
        return r[r.length / 2];
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Parallel.setThreads(threads);
        cpuTime = args.length > 1 && args[1].equals("cpu") && threads == 1;
        String only = args.length > 2 ? args[2] : null;
        Backend be = Backends.cpu();
        Generator g = new Generator(1);
        System.out.printf(Locale.ROOT, "%-28s %3s %9s %9s %9s %9s%n", "layer", "thr", "fwd", "bwd-in", "bwd-w", "sgemm");
        for (Layer l : new Layer[] {new Layer("lenet conv1 1->6 28x28 k5", 64, 1, 6, 28, 5, 0),
                new Layer("lenet conv2 6->16 12x12 k5", 64, 6, 16, 12, 5, 0),
                new Layer("3x3 64->64 32x32 p1", 64, 64, 64, 32, 3, 1),
                new Layer("dcgan 1->32 28x28 k4 s2 p1", 64, 1, 32, 28, 4, 1, 2),
                new Layer("dcgan 32->64 14x14 k4 s2 p1", 64, 32, 64, 14, 4, 1, 2),
                new Layer("dcgan 1->64 28x28 k4 s2 p1", 64, 1, 64, 28, 4, 1, 2),
                new Layer("dcgan 64->128 14x14 k4 s2 p1", 64, 64, 128, 14, 4, 1, 2)}) {
            if (only != null && !l.name.contains(only)) continue;
            ConvSpec spec = new ConvSpec(new int[] {l.k, l.k}, new int[] {l.stride, l.stride}, new int[] {l.pad, l.pad}, new int[] {1, 1}, 1);
            int o = spec.outputSize(0, l.s), ck = l.cin * l.k * l.k;
            Tensor x = Tensor.randn(g, l.b, l.cin, l.s, l.s), w = Tensor.randn(g, l.cout, l.cin, l.k, l.k);
            Tensor bias = Tensor.randn(g, l.cout), y = Tensor.zeros(l.b, l.cout, o, o), gy = Tensor.randn(g, l.b, l.cout, o, o);
            Tensor gx = x.zerosLike(), gw = w.zerosLike();
            double flops = 2.0 * l.b * l.cout * ck * o * o;
            Tensor a = Tensor.randn(g, l.cout, ck), bm = Tensor.randn(g, ck, l.b * o * o), c = Tensor.zeros(l.cout, l.b * o * o);
            double fwd = flops / seconds(() -> be.convForward(spec, y, x, w, bias), flops) / 1e9;
            double bin = flops / seconds(() -> be.convBackwardInput(spec, gx, gy, w), flops) / 1e9;
            double bw = flops / seconds(() -> be.convBackwardWeight(spec, gw, gy, x, 1), flops) / 1e9;
            double mm = flops / seconds(() -> be.gemm(1, a, bm, 0, c), flops) / 1e9;
            System.out.printf(Locale.ROOT, "%-28s %3d %9.1f %9.1f %9.1f %9.1f   GFLOP/s (%.1f MFLOP each)%n", l.name, threads,
                    fwd, bin, bw, mm, flops / 1e6);
        }
    }
}

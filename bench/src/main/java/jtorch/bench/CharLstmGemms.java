package jtorch.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import jtorch.backend.Backend;
import jtorch.backend.PackedMatrix;
import jtorch.backend.cpu.Parallel;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The GEMMs of the char-LSTM step of {@link CharLstmSideBySide} (T·B = 2500 rows, H = 128, 4H = 512), each timed alone
 * after warm-up, GFLOP/s by the calling thread's CPU time and by wall time. A diagnostic. Usage:
 * {@code ./jtorch run jtorch.bench.CharLstmGemms [threads]}.
 */
public final class CharLstmGemms {
    private CharLstmGemms() {}

    public static void main(String[] args) {
        Parallel.setThreads(args.length > 0 ? Integer.parseInt(args[0]) : 1);
        var mx = ManagementFactory.getThreadMXBean();
        Generator g = new Generator(1);
        int n = 2500, h = 128, gh = 512, b = 50;
        Tensor x = Tensor.randn(g, n, h), wIh = Tensor.randn(g, gh, h), proj = Tensor.zeros(n, gh);
        Tensor dIh = Tensor.randn(g, n, gh), dx = Tensor.zeros(n, h), dW = Tensor.zeros(gh, h);
        Tensor hb = Tensor.randn(g, b, h), gb = Tensor.zeros(b, gh), db = Tensor.randn(g, b, gh), dhb = Tensor.zeros(b, h);
        Tensor x2 = Tensor.randn(g, n, 2 * h), dW2 = Tensor.zeros(gh, 2 * h);
        Backend be = x.backend();
        PackedMatrix wf = be.pack(wIh.t()), wb = be.pack(wIh);
        String[] names = {"proj x·W_ihᵀ [2500x128]x[128x512]", "dx δ·W_ih [2500x512]x[512x128]",
            "dW δᵀ·x [512x2500]x[2500x128]", "rec fwd packed [50x128]x[128x512] x50", "rec bwd packed [50x512]x[512x128] x50",
            "proj packed", "dx packed", "dW packed (B = x packed per call)", "dW pair-width n=256 (per 128 cols)"};
        Runnable[] ops = {() -> proj.addmmInPlace(1, 1, x, wIh.t()), () -> dx.addmmInPlace(0, 1, dIh, wIh),
            () -> dW.addmmInPlace(1, 1, dIh.t(), x),
            () -> { for (int t = 0; t < 50; t++) be.gemmPacked(1, hb, wf, 1, gb); },
            () -> { for (int t = 0; t < 50; t++) be.gemmPacked(1, db, wb, 1, dhb); },
            () -> be.gemmPacked(1, x, be.pack(wIh.t(), wf), 1, proj), () -> be.gemmPacked(1, dIh, be.pack(wIh, wb), 0, dx),
            () -> be.gemmPacked(1, dIh.t(), be.pack(x), 1, dW), () -> dW2.addmmInPlace(1, 0.5, dIh.t(), x2)};
        double flops = 2.0 * n * h * gh;
        String only = args.length > 1 ? "," + args[1] + "," : null;
        for (int i = 0; i < ops.length; i++) {
            if (only != null && !only.contains("," + i + ",")) continue;
            for (int r = 0; r < 200; r++) ops[i].run();
            int calls = 200;
            long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            for (int r = 0; r < calls; r++) ops[i].run();
            long c1 = mx.getCurrentThreadCpuTime(), t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "%-44s cpu %6.1f GF/s  wall %6.1f GF/s  (%.0f us wall per call)%n", names[i],
                    (i == 8 ? 2 : 1) * flops * calls / (c1 - c0), (i == 8 ? 2 : 1) * flops * calls / (t1 - t0), (t1 - t0) / 1e3 / calls);
        }
    }
}

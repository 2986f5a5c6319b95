package jtorch.bench;

import java.util.Arrays;
import java.util.Locale;
import jtorch.backend.cpu.Parallel;
import jtorch.nn.ConcatTable;
import jtorch.nn.FlatParameters;
import jtorch.nn.Sequential;
import jtorch.nn.activation.ReLU;
import jtorch.nn.criterion.BCEWithLogitsCriterion;
import jtorch.nn.criterion.KLDCriterion;
import jtorch.nn.criterion.Reduction;
import jtorch.nn.layer.Linear;
import jtorch.nn.vae.GaussianSampler;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optim;
import jtorch.optim.State;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * One training step of the Vae example's model (MLP 784-400-{μ, log σ²} 20 / 20-400-784 logits, Bernoulli decoder by
 * BCEWithLogitsCriterion summed over pixels, KLDCriterion, both averaged over the batch; Adam lr 1e-3) on a fixed
 * batch of 100 binary images: forward, backward, Adam update, with fresh ε every step. Prints
 * {@code vae threads steps_per_s bytes_per_step gflops} (median of 7 rounds of 0.5 s after warm-up; bytes allocated by
 * the main thread per step over 20 steps; GEMM FLOPs per step / time). Driven by bench/vae-side-by-side.sh, which
 * runs bench/peer/vae_step_torch.py on the same work in the same run. Args: threads [B H Z].
 */
public final class VaeStepSideBySide {
    private VaeStepSideBySide() {}

    /** Multiply-add FLOPs of the step's matrix products (forward 1×, backward 2×; the first layer has no input gradient). */
    static double flops(int b, int p, int h, int z) {
        double fwd = 2.0 * b * (p * h + 2 * h * z + z * h + h * p);
        double bwdInput = 2.0 * b * (2 * h * z + z * h + h * p);
        return fwd + bwdInput + fwd; // forward, input gradients, weight gradients
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int b = arg(args, 1, 100), h = arg(args, 2, 400), z = arg(args, 3, 20), p = 784;
        Parallel.setThreads(threads);
        Generator.manualSeed(1);
        Sequential encoder = new Sequential(new Linear(p, h), new ReLU(),
                new ConcatTable().add(new Linear(h, z)).add(new Linear(h, z)));
        encoder.gradInputNeeded(false);
        GaussianSampler sampler = new GaussianSampler(new Generator(2));
        Sequential decoder = new Sequential(new Linear(z, h), new ReLU(), new Linear(h, p));
        FlatParameters flat = new Sequential(encoder, sampler, decoder).getParameters();
        BCEWithLogitsCriterion bce = new BCEWithLogitsCriterion().reduction(Reduction.BATCHMEAN);
        KLDCriterion kld = new KLDCriterion();
        Tensor x = Tensor.bernoulli(new Generator(3), 0.3, b, p);
        Config config = Config.of("learningRate", 1e-3);
        State state = new State();
        Feval f = w -> {
            flat.gradients().fillInPlace(0);
            Table hq = encoder.forward((Activity) x).table();
            Tensor zz = sampler.forward(hq).toTensor("z");
            Tensor logits = decoder.forward(zz);
            double loss = bce.forward(logits, x) + kld.forward(hq, null);
            Tensor gz = decoder.backward(zz, bce.backward(logits, x));
            Table gh = sampler.backward(hq, gz).table(), gk = kld.backward(hq, null).table();
            gh.tensor(0).addInPlace(gk.tensor(0));
            gh.tensor(1).addInPlace(gk.tensor(1));
            encoder.backward(x, gh);
            return new Feval.Eval(loss, flat.gradients());
        };
        Runnable step = () -> Optim.adam(f, flat.weights(), config, state);
        long warmEnd = System.nanoTime() + 6_000_000_000L;
        for (int i = 0; System.nanoTime() < warmEnd || i < 100; i++) step.run();
        double[] rounds = new double[7];
        for (int r = 0; r < rounds.length; r++) {
            int steps = 0;
            long t0 = System.nanoTime(), t1;
            do { step.run(); steps++; t1 = System.nanoTime(); } while (t1 - t0 < 500_000_000L);
            rounds[r] = steps / ((t1 - t0) / 1e9);
        }
        Arrays.sort(rounds);
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId(), a0 = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 20; i++) step.run();
        long perStep = (mx.getThreadAllocatedBytes(id) - a0) / 20;
        double sps = rounds[rounds.length / 2];
        System.out.printf(Locale.ROOT, "vae %d %.2f %d %.1f%n", threads, sps, perStep, sps * flops(b, p, h, z) / 1e9);
    }

    private static int arg(String[] a, int i, int dflt) { return a.length > i ? Integer.parseInt(a[i]) : dflt; }
}

package jtorch.bench;

import java.util.Arrays;
import java.util.Locale;
import jtorch.data.Batch;
import jtorch.data.DataLoader;
import jtorch.data.FashionMnist;
import jtorch.data.TensorDataset;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Batches per second that a {@link DataLoader} delivers for Fashion-MNIST-shaped data (60,000 × 784 F32, I32 labels;
 * the real training set when installed, else random data of that shape), batch 64, shuffled, versus the batches per
 * second the 784-256-128-10 ReLU MLP's training step ({@link TrainStep} "mlp") consumes, and the two together (each
 * loader batch copied into the step's input). Rounds are interleaved; each figure is the median of the rounds.
 * Prints one line per measurement and the loader/model ratio. Usage: {@code LoaderThroughput [rounds] [prefetch]}.
 */
public final class LoaderThroughput {
    private LoaderThroughput() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5, prefetch = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int batch = 64;
        TensorDataset ds;
        String source;
        if (FashionMnist.available(FashionMnist.DEFAULT_DIR)) {
            ds = FashionMnist.train(FashionMnist.DEFAULT_DIR);
            source = "Fashion-MNIST train";
        } else {
            Generator g = new Generator(1);
            int[] y = new int[60000];
            for (int i = 0; i < y.length; i++) y[i] = g.nextInt(10);
            ds = new TensorDataset(Tensor.rand(g, 60000, 784), Tensor.of(y));
            source = "random 60000x784";
        }
        DataLoader async = new DataLoader(ds, batch, true, 1, false).withPrefetch(prefetch);
        DataLoader sync = new DataLoader(ds, batch, true, 1, false).withPrefetch(0);
        TrainStep step = new TrainStep("mlp", batch);
        // warm-up: one epoch of each loader, 3 s of train steps
        drain(async, Long.MAX_VALUE);
        drain(sync, Long.MAX_VALUE);
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmEnd) step.step();
        double[] a = new double[rounds], s = new double[rounds], m = new double[rounds], both = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            a[r] = drain(async, Long.MAX_VALUE);
            s[r] = drain(sync, Long.MAX_VALUE);
            m[r] = steps(step, 2_000_000_000L);
            both[r] = combined(async, step);
        }
        System.out.printf(Locale.ROOT, "data: %s, batch %d, shuffled, %d batches/epoch, %d rounds (median)%n", source, batch,
                async.batchesPerEpoch(), rounds);
        System.out.printf(Locale.ROOT, "loader prefetch %d     : %10.1f batches/s%n", prefetch, median(a));
        System.out.printf(Locale.ROOT, "loader synchronous    : %10.1f batches/s%n", median(s));
        System.out.printf(Locale.ROOT, "mlp train step        : %10.1f batches/s%n", median(m));
        System.out.printf(Locale.ROOT, "loader + train step   : %10.1f batches/s%n", median(both));
        System.out.printf(Locale.ROOT, "loader/model ratio    : %10.1f x (prefetch), %.1f x (synchronous)%n",
                median(a) / median(m), median(s) / median(m));
    }

    /** One epoch, touching every batch; batches/s. */
    private static double drain(DataLoader l, long unused) {
        long t0 = System.nanoTime();
        int n = 0;
        double sink = 0;
        for (Batch b : l) {
            sink += b.target().size(0);
            n++;
        }
        if (sink < 0) System.out.println(sink);
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double steps(TrainStep s, long nanos) {
        int n = 0;
        long t0 = System.nanoTime(), t1;
        do { s.step(); n++; t1 = System.nanoTime(); } while (t1 - t0 < nanos);
        return n / ((t1 - t0) / 1e9);
    }

    /** 300 loader batches fed to the train step (full-size batches only). */
    private static double combined(DataLoader l, TrainStep s) {
        long t0 = System.nanoTime();
        int n = 0;
        for (Batch b : l) {
            if (b.size() == s.input.size(0)) {
                s.input.copy(b.input());
                s.target.copy(b.target());
                s.step();
            }
            if (++n == 300) break;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}

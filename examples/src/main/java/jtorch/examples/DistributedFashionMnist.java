package jtorch.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import jtorch.data.DataLoader;
import jtorch.data.FashionMnist;
import jtorch.data.Normalizer;
import jtorch.data.TensorDataset;
import jtorch.distributed.AsyncWorker;
import jtorch.distributed.Collective;
import jtorch.distributed.DataParallel;
import jtorch.distributed.Easgd;
import jtorch.distributed.LocalCollective;
import jtorch.distributed.ParameterServer;
import jtorch.distributed.Partition;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Generator;
import jtorch.train.Callback;
import jtorch.train.EpochMetrics;
import jtorch.train.Evaluator;
import jtorch.train.LrSchedules;
import jtorch.train.TrainContext;
import jtorch.train.Trainer;
import jtorch.train.plot.Plots;

/**
 * Distributed training of the Fashion-MNIST gate's model (784-256-128-10 ReLU MLP, standardised inputs, sgd lr 0.05,
 * momentum 0.9, weight decay 5e-4, cosine schedule) with worker threads in one JVM (and, last, processes):
 * <ul>
 *   <li>sync data parallel with 1, 2 and 4 workers and the same global batch (128): the same model up to rounding;</li>
 *   <li>sync EASGD, 4 workers on their own quarter of the data, local batch 32, α = 0.9/4, τ = 4; the centre is evaluated;</li>
 *   <li>async SGD (Downpour), 4 workers, local batch 32, plain SGD lr 0.05 (no momentum, see {@link #downpour}),
 *       push and pull every batch, staleness bound 8;</li>
 *   <li>the same Downpour between 4 worker processes and a parameter server in this JVM over TCP
 *       ({@link AsyncSgdProcesses}).</li>
 * </ul>
 * After each epoch the test split is evaluated (for the curves only; the time spent evaluating is left out of the
 * clock; a short warm-up run first lets the JIT compile). Prints a table and writes {@code accuracy-vs-time.png}. Usage:
 * {@code DistributedFashionMnist [--epochs 20] [--train N (first N training images)] [--out dir]}.
 */
public final class DistributedFashionMnist {
    /** Test accuracy after each epoch against training seconds. */
    public record Curve(String label, double[] seconds, double[] accuracy) {
        public double last() { return accuracy[accuracy.length - 1]; }
    }

    record Data(TensorDataset train, TensorDataset test) {}

    static Data load(int trainLimit) {
        TensorDataset train = FashionMnist.train(FashionMnist.DEFAULT_DIR), test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        if (trainLimit > 0 && trainLimit < train.size()) {
            int[] ix = new int[trainLimit];
            for (int i = 0; i < ix.length; i++) ix[i] = i;
            train = train.subset(ix);
        }
        Normalizer n = Normalizer.fit(train.inputs());
        return new Data(n.apply(train), n.apply(test));
    }

    static Module mlp() {
        Generator.manualSeed(1);
        return new Sequential().add(new Linear(784, 256)).add(new ReLU()).add(new Linear(256, 128)).add(new ReLU())
                .add(new Linear(128, 10)).add(new LogSoftMax());
    }

    static Optimizer sgd() {
        return new Optimizer("sgd", Config.of("learningRate", 0.05, "momentum", 0.9, "weightDecay", 5e-4));
    }

    /** Rank 0's clock: evaluates {@code model} on the test split after each epoch, the evaluation itself off the clock. */
    static final class Timeline implements Callback {
        final Supplier<Module> model;
        final DataLoader test;
        final List<Double> seconds = new ArrayList<>(), accuracy = new ArrayList<>();
        final long start = System.nanoTime();
        long paused;

        Timeline(Supplier<Module> model, TensorDataset test) {
            this.model = model;
            this.test = new DataLoader(test, 1000, false, 0, false);
        }

        @Override public void onEpochEnd(TrainContext c, EpochMetrics m) {
            long t0 = System.nanoTime();
            seconds.add((t0 - start - paused) / 1e9);
            accuracy.add(Evaluator.evaluate(model.get(), new ClassNLLCriterion(), test, 1).accuracy());
            paused += System.nanoTime() - t0;
            System.out.printf(Locale.ROOT, "  epoch %d: %.1f s, test accuracy %.4f%n", c.epoch(), seconds.getLast(), accuracy.getLast());
        }

        Curve curve(String label) {
            return new Curve(label, seconds.stream().mapToDouble(Double::doubleValue).toArray(),
                    accuracy.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    static double accuracy(Module m, TensorDataset test) {
        return Evaluator.evaluate(m, new ClassNLLCriterion(), new DataLoader(test, 1000, false, 0, false), 1).accuracy();
    }

    static List<Module> replicas(int p) {
        List<Module> ms = new ArrayList<>();
        for (int r = 0; r < p; r++) ms.add(mlp()); // built on this thread: the global generator is not thread-safe
        return ms;
    }

    static Trainer.Builder trainer(Module m, int epochs) { return trainer(m, epochs, sgd()); }

    static Trainer.Builder trainer(Module m, int epochs, Optimizer o) {
        return Trainer.builder(m, new ClassNLLCriterion(), o).epochs(epochs).schedule(LrSchedules.cosine(epochs, 0));
    }

    /** Synchronous data parallel, p workers, global batch {@code batch}. */
    public static Curve syncDataParallel(Data d, int p, int epochs, int batch) throws Exception {
        List<Collective> g = LocalCollective.group(p);
        List<Module> ms = replicas(p);
        Timeline tl = new Timeline(() -> ms.get(0), d.test);
        Workers.run(p, r -> {
            DataParallel dp = new DataParallel(g.get(r));
            dp.synchronize(ms.get(r));
            Trainer.Builder b = trainer(ms.get(r), epochs).gradientHook(dp).train(dp.loader(d.train, batch, true, 7, false));
            if (r == 0) b.callback(tl);
            b.build().fit();
        });
        return tl.curve("sync data parallel, " + p + (p == 1 ? " worker" : " workers"));
    }

    /** Synchronous EASGD, p workers on their own partitions. */
    public static Curve easgd(Data d, int p, int epochs, int localBatch, int tau) throws Exception {
        List<Collective> g = LocalCollective.group(p);
        List<Module> ms = replicas(p);
        Easgd[] e = new Easgd[p];
        Timeline tl = new Timeline(() -> e[0].centreModel(), d.test);
        Workers.run(p, r -> {
            e[r] = new Easgd(g.get(r), 0.9 / p, tau).synchronize(ms.get(r));
            Trainer.Builder b = trainer(ms.get(r), epochs).callback(e[r])
                    .train(new DataLoader(new Partition(d.train, r, p), localBatch, true, 7 + r, false));
            if (r == 0) b.callback(tl);
            b.build().fit();
        });
        return tl.curve("sync EASGD, " + p + " workers, tau " + tau);
    }

    /**
     * Downpour asynchronous SGD, p workers on their own partitions, plain SGD (no momentum) with rate {@code lr}:
     * asynchrony itself acts like momentum of about 1 − 1/p (Mitliagkas et al., "Asynchrony begets momentum", 2016);
     * with the gate's momentum 0.9 on top, 4 workers diverged here (test accuracy 0.10, chance).
     */
    public static Curve downpour(Data d, int p, int epochs, int localBatch, double lr) throws Exception {
        List<Module> ms = replicas(p);
        ParameterServer ps = new ParameterServer(ms.get(0), 2 * p);
        Timeline tl = new Timeline(ps::snapshot, d.test);
        Workers.run(p, r -> {
            Optimizer plain = new Optimizer("sgd", Config.of("learningRate", lr, "weightDecay", 5e-4));
            Trainer.Builder b = trainer(ms.get(r), epochs, plain).callback(AsyncWorker.downpour(ps, ms.get(r), 1))
                    .train(new DataLoader(new Partition(d.train, r, p), localBatch, true, 7 + r, false));
            if (r == 0) b.callback(tl);
            b.build().fit();
        });
        System.out.printf(Locale.ROOT, "  parameter server: %d pushes applied, %d dropped as too stale%n", ps.accepted(), ps.rejected());
        return tl.curve("async SGD (Downpour), " + p + " workers");
    }

    /** The period τ of the TCP Downpour run: every batch would move 2 × 0.94 MB per worker and batch over loopback. */
    static final int TCP_TAU = 1;

    public static void main(String[] args) throws Exception {
        Options o = new Options(args, "--epochs", "--train", "--out");
        int epochs = o.integer("--epochs", 20), limit = o.integer("--train", 0);
        Path out = Path.of(args.length > 0 && List.of(args).contains("--out") ? args[List.of(args).indexOf("--out") + 1]
                : "distributed-out");
        Data d = load(limit);
        int[] few = new int[Math.min(2000, d.train.size())];
        for (int i = 0; i < few.length; i++) few[i] = i;
        System.out.println("warm-up (JIT), not timed");
        syncDataParallel(new Data(d.train.subset(few), d.test.subset(few)), 2, 1, 128);
        List<Curve> curves = new ArrayList<>();
        for (int p : new int[] {1, 2, 4}) {
            System.out.println("sync data parallel, " + p + " worker(s), global batch 128");
            curves.add(syncDataParallel(d, p, epochs, 128));
        }
        System.out.println("sync EASGD, 4 workers");
        curves.add(easgd(d, 4, epochs, 32, 4));
        System.out.println("async SGD (Downpour), 4 workers");
        curves.add(downpour(d, 4, epochs, 32, 0.05));
        System.out.println("async SGD (Downpour) over TCP, 4 worker processes, push and pull every " + TCP_TAU + " batches");
        curves.add(AsyncSgdProcesses.downpour(d, limit, 4, epochs, 32, TCP_TAU, 0.05));
        System.out.printf(Locale.ROOT, "%n%-40s %10s %14s%n", "mode", "seconds", "test accuracy");
        for (Curve c : curves) System.out.printf(Locale.ROOT, "%-40s %10.1f %14.4f%n", c.label, c.seconds[c.seconds.length - 1], c.last());
        Plots.lineChart("Fashion-MNIST MLP: test accuracy against training time", "seconds", "test accuracy",
                curves.stream().map(Curve::label).toList(), curves.stream().map(Curve::seconds).toList(),
                curves.stream().map(Curve::accuracy).toList(), 1.0, out.resolve("accuracy-vs-time.png"));
        System.out.println("wrote " + out.resolve("accuracy-vs-time.png"));
    }
}

package jtorch.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import jtorch.data.TensorDataset;
import jtorch.distributed.Collective;
import jtorch.distributed.DataParallel;
import jtorch.distributed.LocalCollective;
import jtorch.distributed.TcpCollective;
import jtorch.distributed.TcpListener;
import jtorch.distributed.TcpOptions;
import jtorch.nn.Module;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.activation.ReLU;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.optim.Config;
import jtorch.optim.Optimizer;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.train.Callback;
import jtorch.train.EpochMetrics;
import jtorch.train.TrainContext;
import jtorch.train.Trainer;

/**
 * Samples per second of synchronous data-parallel training of the Fashion-MNIST gate's MLP (784-256-128-10, sgd
 * momentum 0.9, global batch 128) on synthetic data (8,192 random 784-float images, 10 classes), with p worker
 * processes of t cpu threads each ({@code -Djtorch.threads=t}), joined by the TCP ring on loopback (p = 1: no
 * collective). Each process trains {@value #WARMUP} warm-up epochs, then {@value #TIMED} timed ones; rank 0 reports
 * the global samples/s (8,192 per epoch over the median epoch's seconds) and the share of the step spent in the
 * gradient all-reduce (which includes waiting for the slower worker). {@link #launch(int, int, boolean)} can also run
 * the p workers as threads of one JVM ({@link LocalCollective}), which separates the transport from the synchronisation.
 */
final class DataParallelBench {
    private DataParallelBench() {}

    static final int WARMUP = 2, TIMED = 3, N = 8192, BATCH = 128;

    /** Rank 0's figures: global samples/s and the all-reduce's share of the training time. */
    record Result(double samplesPerSecond, double allReduceShare) {}

    /** p worker processes of {@code threads} cpu threads each, joined by the TCP ring (p = 1: no collective). */
    static Result launch(int p, int threads) throws Exception { return launch(p, threads, false); }

    /** As {@link #launch(int, int)}; {@code oneJvm}: the p workers are threads of one child JVM (LocalCollective). */
    static Result launch(int p, int threads, boolean oneJvm) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        byte[] secret = TcpCollective.newSecret();
        List<Process> ps = new ArrayList<>();
        List<BufferedReader> outs = new ArrayList<>();
        List<String> addrs = new ArrayList<>();
        for (int r = 0; r < (oneJvm ? 1 : p); r++) {
            Process pr = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx1g",
                    "-Djtorch.threads=" + threads, "-cp", System.getProperty("java.class.path"),
                    DataParallelBench.class.getName(), oneJvm ? "local" : Integer.toString(r), Integer.toString(p))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            ps.add(pr);
            new PrintStream(pr.getOutputStream(), true).println(HexFormat.of().formatHex(secret));
            BufferedReader br = new BufferedReader(new InputStreamReader(pr.getInputStream()));
            outs.add(br);
            addrs.add(br.readLine());
        }
        for (Process pr : ps) new PrintStream(pr.getOutputStream(), true).println(String.join(",", addrs));
        String[] f = outs.get(0).readLine().split(" ");
        for (Process pr : ps) if (pr.waitFor() != 0) throw new IllegalStateException("a data-parallel child failed");
        return new Result(Double.parseDouble(f[0]), Double.parseDouble(f[1]));
    }

    /** A child: {@code rank p} (or {@code local p}: p threads); the secret, then the peers, on stdin. */
    public static void main(String[] a) throws Exception {
        if (a[0].equals("local")) {
            System.out.println("-");
            Result r = threads(Integer.parseInt(a[1]));
            System.out.println(r.samplesPerSecond() + " " + r.allReduceShare());
            return;
        }
        int rank = Integer.parseInt(a[0]), p = Integer.parseInt(a[1]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        byte[] secret = HexFormat.of().parseHex(in.readLine());
        TcpListener l = TcpListener.open("127.0.0.1", 0, secret, TcpOptions.DEFAULTS);
        System.out.println(l.address());
        List<String> peers = List.of(in.readLine().split(","));
        Collective c;
        if (p == 1) {
            l.close();
            c = LocalCollective.group(1).get(0);
        } else c = l.join(peers, rank);
        double[] r = train(c, rank);
        c.close();
        if (rank == 0) System.out.println(r[0] + " " + r[1]);
    }

    /** p workers as threads of this JVM ({@link LocalCollective}); rank 0's samples/s and all-reduce share. */
    static Result threads(int p) throws Exception {
        List<Collective> g = LocalCollective.group(p);
        List<Thread> ts = new ArrayList<>();
        double[][] out = new double[p][];
        for (int r = 0; r < p; r++) {
            int rank = r;
            ts.add(Thread.ofPlatform().start(() -> out[rank] = train(g.get(rank), rank)));
        }
        for (Thread t : ts) t.join();
        return new Result(out[0][0], out[0][1]);
    }

    /** Trains this rank's replica; returns the median timed epoch's global samples/s and all-reduce share. */
    static double[] train(Collective c, int rank) {
        Module m;
        synchronized (DataParallelBench.class) { // the global generator is not for concurrent use
            Generator.manualSeed(1);
            m = new Sequential().add(new Linear(784, 256)).add(new ReLU()).add(new Linear(256, 128)).add(new ReLU())
                    .add(new Linear(128, 10)).add(new LogSoftMax());
        }
        Generator g = new Generator(3);
        TensorDataset ds = new TensorDataset(Tensor.randn(g, N, 784), Tensor.randn(g, N, 10).argmax(1, false));
        DataParallel dp = new DataParallel(c);
        dp.synchronize(m);
        long[] comm = new long[1];
        double[] epochSeconds = new double[WARMUP + TIMED], commSeconds = new double[WARMUP + TIMED];
        Callback clock = new Callback() {
            long t0, c0;
            @Override public void onEpochStart(TrainContext ctx) { t0 = System.nanoTime(); c0 = comm[0]; }
            @Override public void onEpochEnd(TrainContext ctx, EpochMetrics em) {
                epochSeconds[ctx.epoch() - 1] = (System.nanoTime() - t0) / 1e9;
                commSeconds[ctx.epoch() - 1] = (comm[0] - c0) / 1e9;
            }
        };
        Trainer.builder(m, new ClassNLLCriterion(), new Optimizer("sgd", Config.of("learningRate", 0.01, "momentum", 0.9)))
                .epochs(WARMUP + TIMED).train(dp.loader(ds, BATCH, true, 5, false)).callback(clock)
                .gradientHook((bi, b, loss, grad) -> {
                    long t = System.nanoTime();
                    double out = dp.afterBackward(bi, b, loss, grad);
                    comm[0] += System.nanoTime() - t;
                    return out;
                }).build().fit();
        Integer[] order = new Integer[TIMED];
        for (int i = 0; i < TIMED; i++) order[i] = WARMUP + i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(epochSeconds[x], epochSeconds[y]));
        int med = order[TIMED / 2];
        return new double[] {N / epochSeconds[med], commSeconds[med] / epochSeconds[med]};
    }
}

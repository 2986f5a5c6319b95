package jtorch.bench;

import java.util.Arrays;
import java.util.Locale;
import jtorch.backend.cpu.Parallel;
import jtorch.nn.FlatParameters;
import jtorch.nn.criterion.CrossEntropyCriterion;
import jtorch.nn.memory.MemN2N;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optim;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * One SGD step (forward, summed cross-entropy, backward, plain sgd lr 0.01) of the bAbI-sized {@link MemN2N}: V = 40
 * words, d = 20, memory 50, 3 hops, adjacent tying, position and temporal encoding, softmax attention; batch of 32
 * random stories (sentences of 1..6 words, 10..50 of the 50 slots used) and questions of 3..7 words. Prints
 * {@code memn2n threads batch samples_per_s bytes_per_step cpu_ms_per_step} (medians of 7 rounds of 0.3 s after a
 * 6 s warm-up, or as many seconds as a third argument says; bytes allocated by the main thread per step over 20 steps; CPU ms of the main thread per step). Driven by
 * bench/memn2n-side-by-side.sh, which runs bench/peer/memn2n_step_torch.py on the same work in the same run.
 */
public final class MemN2NStepSideBySide {
    static final int V = 40, D = 20, M = 50, J = 6, JQ = 7, HOPS = 3;

    private MemN2NStepSideBySide() {}

    /** Random word indices: story [B, M, J] (the first 10..50 slots used) and question [B, JQ]. */
    static Table batch(int b, Generator g) {
        int[] x = new int[b * M * J], q = new int[b * JQ];
        for (int i = 0; i < b; i++) {
            int used = 10 + g.nextInt(M - 10 + 1);
            for (int s = 0; s < used; s++) {
                int len = 1 + g.nextInt(J);
                for (int j = 0; j < len; j++) x[(i * M + s) * J + j] = 1 + g.nextInt(V - 1);
            }
            int len = 3 + g.nextInt(JQ - 2);
            for (int j = 0; j < len; j++) q[i * JQ + j] = 1 + g.nextInt(V - 1);
        }
        return Table.of(Tensor.of(x, b, M, J), Tensor.of(q, b, JQ));
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1, b = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        double warmSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 6;             // longer for a profiler
        Parallel.setThreads(threads);
        Generator.manualSeed(1);
        MemN2N net = new MemN2N(V, D, M, HOPS);
        CrossEntropyCriterion loss = new CrossEntropyCriterion().sizeAverage(false);
        FlatParameters p = net.getParameters();
        Generator g = new Generator(2);
        Table in = batch(b, g);
        int[] t = new int[b];
        for (int i = 0; i < b; i++) t[i] = 1 + g.nextInt(V - 1);
        Tensor target = Tensor.of(t);
        Config config = Config.of("learningRate", 0.01);
        State state = new State();
        Feval f = w -> {
            p.gradients().fillInPlace(0);
            Tensor y = (Tensor) net.forward(in);
            double l = loss.forward(y, target);
            net.backward(in, loss.backward(y, target));
            return new Feval.Eval(l, p.gradients());
        };
        Runnable step = () -> Optim.sgd(f, p.weights(), config, state);
        long warmEnd = System.nanoTime() + (long) (warmSeconds * 1e9);
        for (int i = 0; System.nanoTime() < warmEnd || i < 300; i++) step.run();
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        double[] rounds = new double[7], cpu = new double[7];
        for (int r = 0; r < rounds.length; r++) {
            int steps = 0;
            long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime(), t1;
            do { step.run(); steps++; t1 = System.nanoTime(); } while (t1 - t0 < 300_000_000L);
            rounds[r] = steps * (double) b / ((t1 - t0) / 1e9);
            cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / steps;
        }
        Arrays.sort(rounds);
        Arrays.sort(cpu);
        long id = Thread.currentThread().threadId(), a0 = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 20; i++) step.run();
        long perStep = (mx.getThreadAllocatedBytes(id) - a0) / 20;
        System.out.printf(Locale.ROOT, "memn2n %d %d %.1f %d %.3f%n", threads, b, rounds[rounds.length / 2], perStep,
                cpu[cpu.length / 2]);
    }
}

package jtorch.bench;

import java.util.Arrays;
import java.util.Locale;
import jtorch.backend.cpu.Parallel;
import jtorch.nn.FlatParameters;
import jtorch.nn.Sequential;
import jtorch.nn.activation.LogSoftMax;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.nn.layer.Linear;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.nn.rnn.LSTM;
import jtorch.nn.rnn.LookupRecurrent;
import jtorch.nn.rnn.LookupTable;
import jtorch.optim.Config;
import jtorch.optim.Feval;
import jtorch.optim.Optim;
import jtorch.optim.State;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The char-LSTM train step of issue 11, as the DJL peer ({@code ../shared/peers/djl}, net "lstm") and
 * bench/peer/char_lstm_torch.py define it: tokens [T=50, B=50] (I32, vocab 65) → LookupTable(65, 128) →
 * {@link LSTM}(128, 128, 2 layers) → [T·B, 128] (a view) → Linear(128, 65) → LogSoftMax → ClassNLL (mean over all
 * T·B steps), full BPTT; the embedding and the LSTM as one {@link LookupRecurrent} (the same net; its layer-0 input
 * projection, input gradient and weight gradient are V-row products instead of T·B-row ones), or with the argument
 * {@code unfused} as {@code Sequential(LookupTable, LSTM)}; RMSprop (lr 2e-3, α 0.99, ε 1e-8) on random tokens and targets. Prints
 * {@code char-lstm threads chars_per_s}: the median of 7 timed rounds of ≥ 1 s after a warm-up of 8 s and ≥ 20 steps
 * (characters = T·B per step), and the same per CPU second of the calling thread and of the whole process (JIT and GC
 * included; with 1 thread nearly load-independent up to cache and SMT sharing, for comparing versions on a busy
 * machine; with 2 threads the process figure shows what the split wastes).
 * <p>One command runs it side by side with PyTorch CPU and DJL/libtorch, 1 and 2 threads, in one run:
 * <pre>
 *   bench/char-lstm-side-by-side.sh          # jtorch, PyTorch (/usr/bin/python3), DJL (../shared/peers/djl/run.sh)
 * </pre>
 * or jtorch alone: {@code ./jtorch run jtorch.bench.CharLstmSideBySide THREADS}. Work per step: 2 layers × 6 GEMMs of
 * 2·T·B·128·512 flops (input projection, recurrent, ∂x, ∂h, ∂W_ih, ∂W_hh) = 3.93 GFLOP, plus the output layer's
 * 3 × 2·T·B·128·65 = 0.12 GFLOP: about 4.05 GFLOP per 2500 characters (the GFLOP/s printed count this nominal
 * work). Fused, layer 0's input projection, ∂W_ih and ∂E take 3 × 2·V·128·512 flops and its ∂x none: 3.07 GFLOP done.
 */
public final class CharLstmSideBySide {
    static final int T = 50, B = 50, V = 65, E = 128, H = 128;
    /** Floating-point operations per step (see the class comment). */
    static final double FLOPS = 2.0 * 6 * 2 * T * B * H * 4 * H + 3 * 2.0 * T * B * H * V;

    final Sequential model;
    final ClassNLLCriterion criterion = new ClassNLLCriterion();
    final FlatParameters p;
    final Tensor input, target;
    final Config config = Config.of("learningRate", 2e-3, "alpha", 0.99, "epsilon", 1e-8);
    final State state = new State();
    final Feval feval;

    CharLstmSideBySide(boolean fused) {
        Generator.manualSeed(1);
        model = fused ? new Sequential().add(new LookupRecurrent(new LookupTable(V, E), new LSTM(E, H, 2)))
                : new Sequential().add(new LookupTable(V, E)).add(new LSTM(E, H, 2));
        model.add(new MergeSteps()).add(new Linear(H, V)).add(new LogSoftMax());
        Generator g = new Generator(2);
        int[] x = new int[T * B], y = new int[T * B];
        for (int i = 0; i < x.length; i++) {
            x[i] = g.nextInt(V);
            y[i] = g.nextInt(V);
        }
        input = Tensor.of(x, T, B);
        target = Tensor.of(y);
        p = model.getParameters();
        feval = w -> {
            p.gradients().fillInPlace(0);
            Tensor out = model.forward(input).tensor();
            double loss = criterion.forward(out, target);
            model.backward(input, criterion.backward(out, target));
            return new Feval.Eval(loss, p.gradients());
        };
    }

    /** [T, B, F] → [T·B, F] as a view (and back for the gradient): the sequence's steps as one batch. */
    static final class MergeSteps extends Module {
        @Override public Activity updateOutput(Activity in) {
            Tensor x = in.toTensor(name());
            return x.view(x.size(0) * x.size(1), x.size(2));
        }

        @Override public Activity updateGradInput(Activity in, Activity g) {
            return g.toTensor(name()).view(in.toTensor(name()).sizes());
        }
    }

    double step() { return Optim.rmsprop(feval, p.weights(), config, state); }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Parallel.setThreads(threads);
        boolean fused = !(args.length > 1 && args[1].equals("unfused"));
        CharLstmSideBySide s = new CharLstmSideBySide(fused);
        long warmEnd = System.nanoTime() + 8_000_000_000L;
        double first = s.step(), loss = first;
        for (int i = 0; System.nanoTime() < warmEnd || i < 20; i++) loss = s.step();
        double[] rounds = new double[7], cpu = new double[7], proc = new double[7];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < rounds.length; r++) {
            int steps = 0;
            long t0 = System.nanoTime(), t1, c0 = mx.getCurrentThreadCpuTime(), p0 = os.getProcessCpuTime();
            do { loss = s.step(); steps++; t1 = System.nanoTime(); } while (t1 - t0 < 1_000_000_000L);
            rounds[r] = steps * (double) (T * B) / ((t1 - t0) / 1e9);
            cpu[r] = steps * (double) (T * B) / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
            proc[r] = steps * (double) (T * B) / ((os.getProcessCpuTime() - p0) / 1e9);
        }
        com.sun.management.ThreadMXBean amx = (com.sun.management.ThreadMXBean) mx;
        long bytes = Long.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
            long a0 = amx.getCurrentThreadAllocatedBytes();
            s.step();
            bytes = Math.min(bytes, amx.getCurrentThreadAllocatedBytes() - a0);
        }
        Arrays.sort(rounds);
        Arrays.sort(cpu);
        Arrays.sort(proc);
        double med = rounds[rounds.length / 2];
        System.out.printf(Locale.ROOT, "char-lstm %d %.1f   (%s; min %.1f max %.1f chars/s; %.1f GFLOP/s; per CPU second of the"
                + " calling thread %.1f, of the process %.1f chars/s; loss %.3f -> %.3f; %d bytes allocated per step by the calling thread)%n", threads, med,
                fused ? "fused" : "unfused", rounds[0],
                rounds[rounds.length - 1], med / (T * B) * FLOPS / 1e9, cpu[cpu.length / 2], proc[proc.length / 2], first,
                loss, bytes);
    }
}

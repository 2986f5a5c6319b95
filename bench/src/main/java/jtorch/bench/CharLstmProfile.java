package jtorch.bench;

import java.util.Locale;
import jtorch.backend.cpu.Parallel;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Where the char-LSTM train step of {@link CharLstmSideBySide} spends its time: microseconds per step of each layer's
 * forward, backward (input gradient) and parameter gradient, of the criterion, and of the RMSprop update, as the calling
 * thread's CPU time, as wall time and as the bytes the calling thread allocates, averaged over 3 × 100 steps after a warm-up. A diagnostic, not a benchmark of
 * record. Usage: {@code ./jtorch run jtorch.bench.CharLstmProfile [threads [unfused]]}.
 */
public final class CharLstmProfile {
    private CharLstmProfile() {}

    public static void main(String[] args) {
        Parallel.setThreads(args.length > 0 ? Integer.parseInt(args[0]) : 1);
        CharLstmSideBySide s = new CharLstmSideBySide(!(args.length > 1 && args[1].equals("unfused")));
        for (int i = 0; i < 60; i++) s.step();
        int n = s.model.children().size(), reps = 100, phases = 3 * n + 3;
        double[] cpu = new double[phases], wall = new double[phases], bytes = new double[phases];
        String[] names = new String[phases];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean amx = (com.sun.management.ThreadMXBean) mx;
        Activity[] in = new Activity[n + 1];
        for (int round = 0; round < 3; round++) {
            java.util.Arrays.fill(cpu, 0);
            java.util.Arrays.fill(wall, 0);
            java.util.Arrays.fill(bytes, 0);
            for (int r = 0; r < reps; r++) {
                long[] c = new long[phases + 1], w = new long[phases + 1], a = new long[phases + 1];
                int k = 0;
                c[k] = mx.getCurrentThreadCpuTime();
                a[k] = amx.getCurrentThreadAllocatedBytes();
                w[k++] = System.nanoTime();
                s.p.gradients().fillInPlace(0);
                c[k] = mx.getCurrentThreadCpuTime();
                a[k] = amx.getCurrentThreadAllocatedBytes();
                w[k++] = System.nanoTime();
                names[0] = "zero gradients";
                in[0] = s.input;
                for (int i = 0; i < n; i++) {
                    in[i + 1] = s.model.children().get(i).forward(in[i]);
                    names[k - 1 + 0] = "fwd " + s.model.children().get(i).name();
                    c[k] = mx.getCurrentThreadCpuTime();
                    a[k] = amx.getCurrentThreadAllocatedBytes();
                w[k++] = System.nanoTime();
                }
                Tensor out = in[n].toTensor("out");
                s.criterion.forward(out, s.target);
                Activity g = s.criterion.backward(out, s.target);
                names[k - 1] = "criterion fwd+bwd";
                c[k] = mx.getCurrentThreadCpuTime();
                a[k] = amx.getCurrentThreadAllocatedBytes();
                w[k++] = System.nanoTime();
                for (int i = n - 1; i >= 0; i--) {
                    Module m = s.model.children().get(i);
                    Activity gi = m.updateGradInput(in[i], g);
                    names[k - 1] = "gradInput " + m.name();
                    c[k] = mx.getCurrentThreadCpuTime();
                    a[k] = amx.getCurrentThreadAllocatedBytes();
                w[k++] = System.nanoTime();
                    m.accGradParameters(in[i], g, 1);
                    names[k - 1] = "accGrad " + m.name();
                    c[k] = mx.getCurrentThreadCpuTime();
                    a[k] = amx.getCurrentThreadAllocatedBytes();
                w[k++] = System.nanoTime();
                    g = gi;
                }
                Tensor grads = s.p.gradients();
                jtorch.optim.Optim.rmsprop(x -> new jtorch.optim.Feval.Eval(0, grads), s.p.weights(), s.config, s.state);
                names[k - 1] = "rmsprop";
                c[k] = mx.getCurrentThreadCpuTime();
                a[k] = amx.getCurrentThreadAllocatedBytes();
                w[k++] = System.nanoTime();
                for (int i = 0; i < k - 1; i++) {
                    cpu[i] += c[i + 1] - c[i];
                    wall[i] += w[i + 1] - w[i];
                    bytes[i] += a[i + 1] - a[i];
                }
            }
        }
        double tc = 0, tw = 0;
        System.out.printf(Locale.ROOT, "%-50s %10s %10s %12s%n", "phase (us per step)", "cpu", "wall", "bytes");
        for (int i = 0; i < phases && names[i] != null; i++) {
            tc += cpu[i] / reps / 1e3;
            tw += wall[i] / reps / 1e3;
            System.out.printf(Locale.ROOT, "%-50s %10.1f %10.1f %12.0f%n", names[i], cpu[i] / reps / 1e3, wall[i] / reps / 1e3,
                    bytes[i] / reps);
        }
        System.out.printf(Locale.ROOT, "total cpu %.1f us, wall %.1f us per step (%.0f chars/s by wall time)%n", tc, tw,
                2500 / (tw / 1e6));
    }
}

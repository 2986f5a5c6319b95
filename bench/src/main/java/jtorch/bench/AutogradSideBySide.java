package jtorch.bench;

import java.util.Arrays;
import java.util.Locale;
import jtorch.backend.cpu.Parallel;

/**
 * The MLP train step as modules and as autograd code in one process, measured in interleaved rounds (so that a
 * loaded machine slows both alike): prints each version's median steps/s and autograd's time relative to the
 * modules'. Args: [threads] [batch] [rounds]. ./jtorch run jtorch.bench.AutogradSideBySide 1 64 9
 */
public final class AutogradSideBySide {
    private AutogradSideBySide() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        Parallel.setThreads(threads);
        String[] names = {"mlp", "mlp-autograd", "mlp-autograd-mm"};
        TrainStep[] steps = new TrainStep[names.length];
        for (int i = 0; i < names.length; i++) steps[i] = new TrainStep(names[i], batch);
        StringBuilder same = new StringBuilder("losses of the first 3 steps (same start, same batch):");
        for (int i = 0; i < names.length; i++) {
            same.append(String.format(Locale.ROOT, "%n  %-16s", names[i]));
            for (int k = 0; k < 3; k++) same.append(String.format(Locale.ROOT, " %.7f", steps[i].step()));
        }
        System.out.println(same);
        long warmEnd = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < warmEnd) for (TrainStep s : steps) s.step();
        double[][] rate = new double[names.length][n];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < names.length; i++) {
                int k = 0;
                long t0 = System.nanoTime(), t1;
                do { steps[i].step(); k++; t1 = System.nanoTime(); } while (t1 - t0 < 400_000_000L);
                rate[i][r] = k / ((t1 - t0) / 1e9);
            }
        }
        double base = median(rate[0]);
        for (int i = 0; i < names.length; i++) {
            double m = median(rate[i]);
            System.out.printf(Locale.ROOT, "%-16s threads %d batch %d  %8.1f steps/s  time x%.3f of modules%n", names[i],
                    threads, batch, m, base / m);
        }
    }

    private static double median(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}

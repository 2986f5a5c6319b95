package jtorch.bench;

import java.util.Arrays;
import java.util.Locale;
import jtorch.backend.cpu.Parallel;

/**
 * Prints samples/s of one training step for the given model, batch and thread count, as
 * {@code model threads batch samples_per_s} (median of timed rounds after warm-up). Driven by
 * bench/train-step-side-by-side.sh, which runs PyTorch on the same work in the same run.
 */
public final class TrainStepSideBySide {
    private TrainStepSideBySide() {}

    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "mlp";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1, batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Parallel.setThreads(threads);
        TrainStep s = new TrainStep(model, batch);
        // C2 needs a few seconds, and on a loaded machine its compiler threads get little CPU: until the kernels are
        // compiled a step runs ~100x slower, so warm up for 6 s and at least 300 steps
        long warmEnd = System.nanoTime() + 6_000_000_000L;
        for (int i = 0; System.nanoTime() < warmEnd || i < 300; i++) s.step();
        double[] rounds = new double[7];
        for (int r = 0; r < rounds.length; r++) {
            int steps = 0;
            long t0 = System.nanoTime(), t1;
            do { s.step(); steps++; t1 = System.nanoTime(); } while (t1 - t0 < 300_000_000L);
            rounds[r] = steps * (double) batch / ((t1 - t0) / 1e9);
        }
        Arrays.sort(rounds);
        System.out.printf(Locale.ROOT, "%s %d %d %.1f%n", model, threads, batch, rounds[rounds.length / 2]);
    }
}

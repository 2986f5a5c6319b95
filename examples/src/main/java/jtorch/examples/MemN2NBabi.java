package jtorch.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * End-to-end memory network against an LSTM on bAbI-style tasks 1-3 ({@link BabiTasks}: 1,000 training questions
 * and 1,000 test questions per task, as the original 1k set), each model trained on each task alone
 * ({@link BabiMemN2N}, {@link BabiLstm}), with the test accuracies printed next to the paper's (Sukhbaatar et al.
 * 2015, Table 1, 1k training examples: MemN2N 3 hops PE LS RN, trained per task, and the LSTM baseline of Weston et
 * al. 2015). Options: {@code --tasks 1,2,3 --models memn2n,lstm --epochs N} (MemN2N, after the linear start, default
 * 100) {@code --ls-epochs N} (linear start, default 20; 0: until the validation loss stops falling) {@code
 * --restarts R} (MemN2N runs per task, default 10 as the paper) {@code --select train|val} (the run reported: lowest
 * training error, the paper's rule, or lowest validation loss) {@code --lr X} (after the linear start, default 0.01)
 * {@code --lstm-epochs N} (default 30)
 * {@code --threads T} (trainings run side by side, default 2) {@code --train N --test N --seed S}.
 */
public final class MemN2NBabi {
    /** The paper's test error (%) per task 1-3: MemN2N (3 hops, PE LS RN) and LSTM. */
    static final double[] PAPER_MEMN2N_ERROR = {0.0, 8.3, 40.3}, PAPER_LSTM_ERROR = {50.0, 80.0, 80.0};
    int[] tasks = {1, 2, 3};
    List<String> models = List.of("memn2n", "lstm");
    int train = 1000, test = 1000, memEpochs = 100, lstmEpochs = 30, restarts = 10, workers = 2, lsEpochs = 20;
    /** How the reported MemN2N run is picked among the restarts: "train" (lowest training error, the paper's rule) or "val". */
    String select = "train";
    /** MemN2N's learning rate after the linear start (the paper's text: 0.01; its code: 0.005, as in the linear start). */
    double lr = 0.01;
    long seed = 1;
    boolean verbose = true;

    public static void main(String[] args) {
        MemN2NBabi b = new MemN2NBabi();
        try {
            b.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("MemN2NBabi: " + e.getMessage());
            System.err.println("usage: MemN2NBabi [--tasks 1,2,3] [--models memn2n,lstm] [--epochs N] [--lstm-epochs N]"
                    + " [--restarts R] [--threads T] [--train N] [--test N] [--seed S]");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        Map<String, double[]> acc = b.run();
        System.out.printf(Locale.ROOT, "%ntest accuracy %%   (paper, Table 1, 1k: MemN2N 3 hops PE LS RN | LSTM)%n");
        System.out.printf(Locale.ROOT, "task  %-8s %-8s   paper MemN2N  paper LSTM%n", "memn2n", "lstm");
        for (int i = 0; i < b.tasks.length; i++) {
            int t = b.tasks[i];
            System.out.printf(Locale.ROOT, "%4d  %-8s %-8s   %10.1f  %10.1f%n", t, cell(acc.get("memn2n"), i),
                    cell(acc.get("lstm"), i), 100 - PAPER_MEMN2N_ERROR[t - 1], 100 - PAPER_LSTM_ERROR[t - 1]);
        }
        System.out.printf(Locale.ROOT, "total %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static String cell(double[] a, int i) { return a == null ? "-" : String.format(Locale.ROOT, "%.1f", 100 * a[i]); }

    void parse(String[] args) {
        Options o = new Options(args, "--tasks", "--models", "--epochs", "--lstm-epochs", "--train", "--test", "--seed",
                "--restarts", "--threads", "--ls-epochs", "--select", "--lr");
        String[] ts = o.string("--tasks", "1,2,3").split(",");
        tasks = new int[ts.length];
        for (int i = 0; i < ts.length; i++) {
            tasks[i] = Integer.parseInt(ts[i].trim());
            if (tasks[i] < 1 || tasks[i] > 3) throw new IllegalArgumentException("--tasks: 1, 2 or 3, got " + ts[i]);
        }
        models = List.of(o.string("--models", String.join(",", models)).split(","));
        for (String m : models) if (!List.of("memn2n", "lstm").contains(m))
            throw new IllegalArgumentException("--models: memn2n and/or lstm, got " + m);
        memEpochs = o.integer("--epochs", memEpochs);
        lstmEpochs = o.integer("--lstm-epochs", lstmEpochs);
        train = o.integer("--train", train);
        test = o.integer("--test", test);
        seed = o.whole("--seed", seed);
        restarts = o.integer("--restarts", restarts);
        workers = o.integer("--threads", workers);
        lsEpochs = o.integer("--ls-epochs", lsEpochs);
        lr = o.real("--lr", lr);
        if (!(lr > 0)) throw new IllegalArgumentException("--lr must be positive");
        select = o.string("--select", select);
        if (!select.equals("train") && !select.equals("val")) throw new IllegalArgumentException("--select: train or val, got " + select);
        if (lsEpochs < 0) throw new IllegalArgumentException("--ls-epochs must be >= 0 (0: until the validation loss stops falling)");
        if (memEpochs < 1 || lstmEpochs < 1 || train < 20 || test < 1 || restarts < 1 || workers < 1)
            throw new IllegalArgumentException("epochs, restarts and threads must be >= 1, train >= 20, test >= 1");
    }

    /**
     * Test accuracy per model, one entry per task of {@link #tasks}. The trainings (every MemN2N restart, every LSTM)
     * are independent jobs run by {@link #workers} threads, each on a single-threaded back end; for each task the
     * MemN2N restart with the lowest validation loss is the one reported (the paper keeps the best of 10 runs).
     */
    Map<String, double[]> run() {
        int backendThreads = jtorch.backend.cpu.Parallel.threads();
        if (workers > 1) jtorch.backend.cpu.Parallel.setThreads(1);
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (String m : models) acc.put(m, new double[tasks.length]);
        List<java.util.concurrent.Callable<String>> jobs = new ArrayList<>();
        BabiMemN2N.Result[][] mem = new BabiMemN2N.Result[tasks.length][restarts];
        for (int i = 0; i < tasks.length; i++) {
            int t = tasks[i], ti = i;
            List<BabiTasks.Example> tr = BabiTasks.generate(t, train, seed), te = BabiTasks.generate(t, test, seed + 1000);
            if (verbose) System.out.printf(Locale.ROOT, "task %d: %d training and %d test questions; e.g.%n%s", t,
                    tr.size(), te.size(), BabiTasks.render(tr.get(2)));
            if (models.contains("lstm")) jobs.add(() -> {
                BabiLstm l = new BabiLstm();
                l.epochs = lstmEpochs;
                BabiLstm.Result r = l.run(tr, te, seed);
                acc.get("lstm")[ti] = r.testAccuracy();
                return String.format(Locale.ROOT, "task %d lstm: test accuracy %.3f (%.0f s)", t, r.testAccuracy(), r.seconds());
            });
            if (models.contains("memn2n")) for (int k = 0; k < restarts; k++) {
                int run = k;
                jobs.add(() -> {
                    BabiMemN2N m = new BabiMemN2N();
                    m.epochs = memEpochs;
                    m.lsEpochs = lsEpochs;
                    m.lr = lr;
                    BabiMemN2N.Result r = m.run(tr, te, seed + 100L * run);
                    mem[ti][run] = r;
                    return String.format(Locale.ROOT, "task %d memn2n run %d: training error %.3f, validation loss %.3f, "
                            + "test accuracy %.3f (softmax from epoch %d, %.0f s)", t, run + 1, r.trainError(),
                            r.validationLoss(), r.testAccuracy(), r.softmaxEpoch(), r.seconds());
                });
            }
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
        try {
            var done = new java.util.concurrent.ExecutorCompletionService<String>(pool);
            for (var j : jobs) done.submit(j);
            for (int k = 0; k < jobs.size(); k++) {
                String line = done.take().get();
                if (verbose) System.out.println(line);
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("MemN2NBabi: a training failed: " + e.getCause(), e);
        } finally {
            pool.shutdownNow();
            jtorch.backend.cpu.Parallel.setThreads(backendThreads);
        }
        if (models.contains("memn2n")) for (int i = 0; i < tasks.length; i++) {
            BabiMemN2N.Result best = mem[i][0];
            double lo = 1, hi = 0;
            for (BabiMemN2N.Result r : mem[i]) {
                if (select.equals("val") ? r.validationLoss() < best.validationLoss()
                        : r.trainError() < best.trainError()
                        || r.trainError() == best.trainError() && r.validationLoss() < best.validationLoss()) best = r;
                lo = Math.min(lo, r.testAccuracy());
                hi = Math.max(hi, r.testAccuracy());
            }
            acc.get("memn2n")[i] = best.testAccuracy();
            if (verbose) System.out.printf(Locale.ROOT, "task %d memn2n: %d runs, test accuracy %.1f-%.1f %%, picked (%s) "
                    + "%.1f %%%n", tasks[i], restarts, 100 * lo, 100 * hi, select.equals("val") ? "lowest validation loss"
                    : "lowest training error", 100 * best.testAccuracy());
        }
        return acc;
    }
}

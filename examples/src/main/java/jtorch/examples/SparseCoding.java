package jtorch.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import jtorch.backend.cpu.Parallel;
import jtorch.data.Digits;
import jtorch.data.FashionMnist;
import jtorch.data.TensorDataset;
import jtorch.nn.Module;
import jtorch.nn.sparse.LISTA;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;
import jtorch.train.plot.ConvPlots;
import jtorch.train.plot.Plots;
import jtorch.unsup.sparse.CodeRegression;
import jtorch.unsup.sparse.DictionaryLearning;
import jtorch.unsup.sparse.Fista;
import jtorch.unsup.sparse.Ista;
import jtorch.unsup.sparse.Lasso;
import jtorch.unsup.sparse.Psd;
import jtorch.unsup.sparse.SparseCodes;
import jtorch.unsup.sparse.Stop;

/**
 * Sparse coding of 8×8 image patches (mean removed, unit norm; {@link SparsePatches}) from Fashion-MNIST (or the
 * digits set with {@code --data digits}, the fallback when Fashion-MNIST is missing):
 * <ol>
 *   <li>a dictionary of {@code --atoms} atoms (64 × 128) learned by {@link DictionaryLearning} (FISTA codes and
 *       block-coordinate updates) on {@code --patches} training patches, λ = {@code --lambda};</li>
 *   <li>the optimal codes Z* of held-out test patches by FISTA to convergence: reconstruction error
 *       Σ‖x − Dz*‖² / Σ‖x‖² and sparsity (mean nonzeros per patch and fraction);</li>
 *   <li>the code error Σ‖z − z*‖² / Σ‖z*‖² of FISTA and ISTA after k = 1..{@code --iterations} iterations, of the PSD
 *       encoder g ⊙ tanh(Wx + b), of PSD's shrinkage variant h_θ(Wx + b) and of a LISTA with {@code --steps} (3)
 *       steps, each fitted to FISTA's optimal codes of {@code --codes} other training patches ({@link CodeRegression},
 *       {@code --epochs}, Adam {@code --lr}); for each, the k at which FISTA matches it and the speed-up in
 *       multiply-adds (FISTA-k: nm + km² per patch) and in measured time on the test batch (one thread, best of 5).</li>
 * </ol>
 * Writes {@code --plots DIR}/sparse-coding-atoms.png (the atoms) and sparse-coding-code-error.png (code error against
 * FISTA/ISTA iterations with the encoders' levels), default DIR docs.
 */
public final class SparseCoding {
    int atoms = 128, patches = 20_000, codes = 10_000, tests = 2_000, dictEpochs = 5, epochs = 30, iterations = 100,
            steps = 3, batch = 100;
    double lambda = 0.15, lr = 1e-3;
    long seed = 1;
    String data = "fashion";
    boolean verbose = true;
    Path plots = Path.of("docs");

    /**
     * One fitted encoder: its test code error, the FISTA iterations k that match it (0 when FISTA does not reach it
     * within the measured iterations), its multiply-adds per patch, its speed-ups over FISTA-k, its epochs' losses.
     */
    record Encoder(String name, double error, int k, long multiplyAdds, double maddSpeedup, double timeSpeedup,
                   double[] loss) {}

    /** What the run measured: encoders are the tanh PSD encoder, the shrinkage PSD encoder and LISTA, in that order. */
    record Result(double[] dictObjectives, int[] replacedAtoms, double reconstruction, double meanNonzeros,
                  double nonzeroFraction, double[] fistaError, double[] istaError, double listaInitError,
                  List<Encoder> encoders) {}

    public static void main(String[] args) {
        SparseCoding s = new SparseCoding();
        try {
            s.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SparseCoding: " + e.getMessage());
            System.err.println("usage: SparseCoding [--data fashion|digits] [--atoms M] [--lambda L] [--patches N]"
                    + " [--codes N] [--tests N] [--dict-epochs E] [--epochs E] [--iterations K] [--steps T] [--lr X]"
                    + " [--seed S] [--plots DIR|none]");
            System.exit(2);
        }
        if (s.data.equals("fashion") && !SparsePatches.fashionAvailable()) {
            System.out.println("Fashion-MNIST not found in " + FashionMnist.DEFAULT_DIR + ": using the digits set");
            s.data = "digits";
        }
        s.run();
    }

    void parse(String[] args) {
        Options o = new Options(args, "--data", "--atoms", "--lambda", "--patches", "--codes", "--tests", "--dict-epochs",
                "--epochs", "--iterations", "--steps", "--lr", "--seed", "--plots");
        data = o.string("--data", data);
        atoms = o.integer("--atoms", atoms);
        lambda = o.real("--lambda", lambda);
        patches = o.integer("--patches", patches);
        codes = o.integer("--codes", codes);
        tests = o.integer("--tests", tests);
        dictEpochs = o.integer("--dict-epochs", dictEpochs);
        epochs = o.integer("--epochs", epochs);
        iterations = o.integer("--iterations", iterations);
        steps = o.integer("--steps", steps);
        lr = o.real("--lr", lr);
        seed = o.whole("--seed", seed);
        String p = o.string("--plots", plots.toString());
        plots = p.equals("none") ? null : Path.of(p);
        if (!data.equals("fashion") && !data.equals("digits")) throw new IllegalArgumentException("--data must be fashion or digits");
        if (atoms < 1 || patches < 1 || codes < 1 || tests < 1 || dictEpochs < 1 || epochs < 1 || iterations < 1
                || steps < 0 || !(lambda > 0) || !(lr > 0))
            throw new IllegalArgumentException("sizes, epochs and iterations must be >= 1, steps >= 0, lambda and lr > 0");
    }

    /** Training patches for the dictionary, for the encoders, and test patches. */
    Tensor[] load() {
        if (data.equals("digits")) {
            Tensor all = SparsePatches.whole(Digits.load().inputs());
            int[] perm = TensorDataset.permutation(all.size(0), new Generator(seed));
            int t = Math.min(tests, all.size(0) / 3);
            Tensor test = all.indexSelect(0, Tensor.of(Arrays.copyOfRange(perm, 0, t)));
            Tensor train = all.indexSelect(0, Tensor.of(Arrays.copyOfRange(perm, t, perm.length)));
            return new Tensor[] {train, train, test};
        }
        TensorDataset train = FashionMnist.train(FashionMnist.DEFAULT_DIR), test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        return new Tensor[] {SparsePatches.random(train.inputs(), 28, 30_000, patches, seed),
                SparsePatches.random(train.inputs().narrow(0, 30_000, 30_000), 28, 30_000, codes, seed + 1),
                SparsePatches.random(test.inputs(), 28, 10_000, tests, seed + 2)};
    }

    Result run() {
        long t0 = System.nanoTime();
        Tensor[] sets = load();
        Tensor xDict = sets[0], xCode = sets[1], xTest = sets[2];
        int n = xTest.size(1);
        say("%s patches: %d for the dictionary, %d for the encoders, %d test; %d x %d dictionary, lambda %s%n", data,
                xDict.size(0), xCode.size(0), xTest.size(0), n, atoms, lambda);
        DictionaryLearning.Result dl = DictionaryLearning.learn(xDict, new DictionaryLearning.Options(atoms, lambda,
                dictEpochs, 250, Stop.converged(1e-4, 200), seed), (e, f, d) -> say("dictionary epoch %d: mean objective"
                + " %.5f (%.0f s)%n", e, f, secs(t0)));
        Tensor d = dl.dictionary();
        Lasso p = Lasso.of(d, lambda);
        Stop optimal = Stop.converged(1e-5, 2000);
        Tensor zCode = Fista.solve(p, xCode, optimal).codes();
        SparseCodes test = Fista.solve(p, xTest, optimal);
        Tensor zTest = test.codes();
        Tensor r = xTest.sub(p.reconstruct(zTest));
        double reconstruction = r.view(-1).dot(r.view(-1)) / xTest.view(-1).dot(xTest.view(-1));
        say("FISTA to convergence (%d iterations, converged %s) on the test patches: reconstruction error %.4f,"
                + " %.2f nonzeros per patch (%.2f %%), objective %.5f (%.0f s)%n", test.iterations(), test.converged(),
                reconstruction, test.meanNonzeros(), 100 * test.nonzeroFraction(), test.objective(), secs(t0));
        double[] fista = curve(p, xTest, zTest, true), ista = curve(p, xTest, zTest, false);

        List<Encoder> encoders = new ArrayList<>();
        LISTA lista = LISTA.fromDictionary(d, lambda, p.lipschitz(), steps);
        double listaInit = CodeRegression.relativeError(forward(lista, xTest), zTest);
        long nm = (long) n * atoms;
        encoders.add(fit("PSD encoder g*tanh(Wx+b)", Psd.encoder(d, p.lipschitz()), nm, p, xCode, zCode, xTest, zTest, fista, t0));
        encoders.add(fit("PSD shrinkage encoder h(Wx+b)", Psd.shrinkageEncoder(d, lambda, p.lipschitz()), nm, p, xCode, zCode,
                xTest, zTest, fista, t0));
        encoders.add(fit("LISTA, " + steps + " steps", lista, lista.multiplyAdds(), p, xCode, zCode, xTest, zTest, fista, t0));
        say("code error (relative to the optimal codes): ISTA-1 %.4f, ISTA-3 %.4f, FISTA-3 %.4f, ISTA-%d %.4f, FISTA-%d"
                + " %.4f; LISTA at ISTA's weights (= ISTA-%d) %.4f%n", ista[0], ista[Math.min(2, iterations - 1)],
                fista[Math.min(2, iterations - 1)], iterations, ista[iterations - 1], iterations, fista[iterations - 1],
                steps + 1, listaInit);
        for (Encoder e : encoders) say("%s: code error %.4f = FISTA after %s iterations: %.1fx fewer multiply-adds"
                + " (%d vs %d per patch), %.1fx less time on the %d test patches (1 thread)%n", e.name(), e.error(), k(e.k()),
                e.maddSpeedup(), e.multiplyAdds(), nm + (long) e.k() * atoms * atoms, e.timeSpeedup(), xTest.size(0));
        if (plots != null) draw(d, fista, ista, encoders);
        say("%.0f s in all%n", secs(t0));
        return new Result(dl.objectives(), dl.replaced(), reconstruction, test.meanNonzeros(), test.nonzeroFraction(),
                fista, ista, listaInit, encoders);
    }

    /**
     * Fits {@code m} to the optimal codes, then measures its test code error, the FISTA iteration count k that matches
     * it and the speed-ups of m over FISTA-k (multiply-adds: nm + km² per patch for FISTA; time: best of 5 on the test
     * batch on one thread, FISTA's solve including its final objective).
     */
    private Encoder fit(String name, Module m, long madds, Lasso p, Tensor xCode, Tensor zCode, Tensor xTest, Tensor zTest,
                        double[] fista, long t0) {
        double[] loss = CodeRegression.fit(m, xCode, zCode, new CodeRegression.Options(epochs, batch, lr, seed),
                (e, l) -> { if (e % 10 == 0) say("%s, epoch %d: code loss %.5f (%.0f s)%n", name, e, l, secs(t0)); });
        double error = CodeRegression.relativeError(forward(m, xTest), zTest);
        int k = matched(fista, error);
        long fistaMadds = (long) p.inputSize() * p.codeSize() + (long) k * p.codeSize() * p.codeSize();
        double maddSpeedup = k == 0 ? Double.NaN : fistaMadds / (double) madds;
        double timeSpeedup = Double.NaN;
        if (k > 0) {
            int threads = Parallel.threads();
            Parallel.setThreads(1); // one thread: steadier on a shared machine, and the same for both sides
            try {
                timeSpeedup = best(() -> Fista.solve(p, xTest, Stop.after(k))) / best(() -> forward(m, xTest));
            } finally {
                Parallel.setThreads(threads);
            }
        }
        return new Encoder(name, error, k, madds, maddSpeedup, timeSpeedup, loss);
    }

    /** Code error after each of the first {@code iterations} iterations of FISTA (or ISTA). */
    private double[] curve(Lasso p, Tensor x, Tensor opt, boolean fast) {
        double[] e = new double[iterations];
        if (fast) Fista.solve(p, x, null, Stop.after(iterations), (k, z) -> e[k - 1] = CodeRegression.relativeError(z, opt));
        else Ista.solve(p, x, null, Stop.after(iterations), (k, z) -> e[k - 1] = CodeRegression.relativeError(z, opt));
        return e;
    }

    /** The smallest k with FISTA's code error at most {@code level}, 0 when none. */
    static int matched(double[] fista, double level) {
        for (int k = 0; k < fista.length; k++) if (fista[k] <= level) return k + 1;
        return 0;
    }

    private static String k(int k) { return k == 0 ? "more than the measured" : Integer.toString(k); }

    private static Tensor forward(Module m, Tensor x) { return m.forward(x).toTensor("codes"); }

    /** The best of 5 timed runs after 2 untimed ones, in seconds. */
    private static double best(Supplier<?> work) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 7; i++) {
            long t = System.nanoTime();
            work.get();
            if (i >= 2) best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return best;
    }

    private void draw(Tensor d, double[] fista, double[] ista, List<Encoder> encoders) {
        ConvPlots.filterGrid(d.t().contiguous().view(atoms, 1, SparsePatches.SIZE, SparsePatches.SIZE),
                "Dictionary atoms (" + data + " 8x8 patches, lambda " + lambda + ")", plots.resolve("sparse-coding-atoms.png"));
        double[] ks = new double[iterations];
        for (int k = 0; k < iterations; k++) ks[k] = k + 1;
        List<String> labels = new ArrayList<>(List.of("FISTA", "ISTA"));
        List<double[]> xs = new ArrayList<>(List.of(ks, ks)), ys = new ArrayList<>(List.of(fista, ista));
        for (Encoder e : encoders) {
            double[] level = new double[iterations];
            Arrays.fill(level, e.error());
            labels.add(e.name());
            xs.add(ks);
            ys.add(level);
        }
        Plots.lineChart("Code error relative to the optimal codes (" + data + " test patches)", "FISTA / ISTA iterations",
                "sum |z - z*|^2 / sum |z*|^2", labels, xs, ys, 1, plots.resolve("sparse-coding-code-error.png"));
    }

    private void say(String format, Object... args) { if (verbose) System.out.printf(Locale.ROOT, format, args); }

    private static double secs(long t0) { return (System.nanoTime() - t0) / 1e9; }
}

package jtorch.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jtorch.io.Json;
import jtorch.tensor.Generator;

/**
 * Random hyper-parameter search (Bergstra and Bengio, JMLR 2012): every trial draws each hyper-parameter
 * independently from its distribution, runs the user's objective (which builds and trains a model within the given
 * {@link Budget}: an epoch cap and an {@link EarlyStopping} rule) and records its validation score (lower is better:
 * a loss or an error rate). Distributions, with u ~ U[0, 1) from a {@link Generator} seeded once per search:
 * <ul>
 *   <li>{@link #logUniform}(lo, hi): exp(ln lo + u · (ln hi − ln lo)) — learning rates, weight decays</li>
 *   <li>{@link #uniform}(lo, hi): lo + u · (hi − lo)</li>
 *   <li>{@link #intUniform}(lo, hi): a whole number in [lo, hi], each equally likely (as a Double)</li>
 *   <li>{@link #choice}(options...): one of the strings, each equally likely</li>
 * </ul>
 * Parameters are drawn in declaration order, trial after trial, so the same seed gives the same trials. A trial that
 * throws or returns NaN is kept with score NaN and its error, sorted last. {@link Results} holds the trials sorted by
 * score, prints them as an aligned table and saves the best configuration as JSON.
 */
public final class RandomSearch {
    private sealed interface Dist permits LogUniform, Uniform, IntUniform, Choice {}

    private record LogUniform(double lo, double hi) implements Dist {}

    private record Uniform(double lo, double hi) implements Dist {}

    private record IntUniform(int lo, int hi) implements Dist {}

    private record Choice(List<String> options) implements Dist {}

    private final long seed;
    private final Map<String, Dist> space = new LinkedHashMap<>();
    private int maxEpochs = 10, patience = 3;
    private double minDelta;

    public RandomSearch(long seed) { this.seed = seed; }

    public RandomSearch logUniform(String name, double lo, double hi) {
        if (!(lo > 0 && hi >= lo) || Double.isInfinite(hi)) throw new IllegalArgumentException("RandomSearch.logUniform("
                + name + "): need 0 < lo <= hi < inf, got [" + lo + ", " + hi + "]");
        return add(name, new LogUniform(lo, hi));
    }

    public RandomSearch uniform(String name, double lo, double hi) {
        if (!(hi >= lo) || Double.isInfinite(lo) || Double.isInfinite(hi)) throw new IllegalArgumentException(
                "RandomSearch.uniform(" + name + "): need finite lo <= hi, got [" + lo + ", " + hi + "]");
        return add(name, new Uniform(lo, hi));
    }

    public RandomSearch intUniform(String name, int lo, int hi) {
        if (hi < lo) throw new IllegalArgumentException("RandomSearch.intUniform(" + name + "): need lo <= hi, got ["
                + lo + ", " + hi + "]");
        return add(name, new IntUniform(lo, hi));
    }

    public RandomSearch choice(String name, String... options) {
        if (options == null || options.length == 0) throw new IllegalArgumentException("RandomSearch.choice(" + name
                + "): no options");
        return add(name, new Choice(List.of(options)));
    }

    private RandomSearch add(String name, Dist d) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("RandomSearch: empty parameter name");
        if (space.putIfAbsent(name, d) != null) throw new IllegalArgumentException("RandomSearch: parameter '" + name
                + "' declared twice");
        return this;
    }

    /** The epoch cap each trial is given (default 10). */
    public RandomSearch epochs(int n) {
        if (n < 1) throw new IllegalArgumentException("RandomSearch.epochs: need >= 1, got " + n);
        maxEpochs = n;
        return this;
    }

    /** The early-stopping rule each trial is given (default patience 3, minDelta 0). */
    public RandomSearch patience(int p, double delta) {
        if (p < 1 || !(delta >= 0)) throw new IllegalArgumentException("RandomSearch.patience: need patience >= 1 and "
                + "minDelta >= 0, got " + p + ", " + delta);
        patience = p;
        minDelta = delta;
        return this;
    }

    /** What a trial may spend: at most {@code maxEpochs} epochs, stopped early by {@link #earlyStopping()}. */
    public record Budget(int maxEpochs, int patience, double minDelta) {
        /** A fresh early-stopping callback with this budget's rule (watching the validation loss). */
        public EarlyStopping earlyStopping() { return new EarlyStopping(patience, minDelta, EarlyStopping.Monitor.VAL_LOSS); }
    }

    /** What the objective reports: the validation score (lower is better) and the epochs it trained. */
    public record TrialResult(double score, int epochs) {
        /** The best monitored loss of a training history (validation loss if any) and its length. */
        public static TrialResult of(History h) {
            EpochMetrics b = h.best();
            return new TrialResult(b == null ? Double.NaN : b.monitoredLoss(), h.size());
        }
    }

    /** The user's trial: builds and trains a model with these hyper-parameters within the budget. */
    @FunctionalInterface
    public interface Objective {
        TrialResult run(Map<String, Object> params, Budget budget) throws Exception;
    }

    /** One finished trial (index from 1); {@code error} is null unless it failed. */
    public record Trial(int index, Map<String, Object> params, double score, int epochs, double seconds, String error) {}

    /** The hyper-parameters of the next {@code trials} trials, without running anything. */
    public List<Map<String, Object>> samples(int trials) {
        Generator g = new Generator(seed);
        List<Map<String, Object>> r = new ArrayList<>();
        for (int i = 0; i < trials; i++) r.add(sample(g));
        return r;
    }

    private Map<String, Object> sample(Generator g) {
        Map<String, Object> p = new LinkedHashMap<>();
        space.forEach((name, d) -> p.put(name, switch (d) {
            case LogUniform(double lo, double hi) -> Math.exp(Math.log(lo) + g.nextDouble() * (Math.log(hi) - Math.log(lo)));
            case Uniform(double lo, double hi) -> lo + g.nextDouble() * (hi - lo);
            case IntUniform(int lo, int hi) -> (double) (lo + g.nextInt(hi - lo + 1));
            case Choice(List<String> options) -> options.get(g.nextInt(options.size()));
        }));
        return Collections.unmodifiableMap(p);
    }

    /** Runs {@code trials} trials one after the other and returns them sorted by score. */
    public Results run(int trials, Objective objective) {
        if (trials < 1) throw new IllegalArgumentException("RandomSearch.run: trials must be >= 1, got " + trials);
        if (space.isEmpty()) throw new IllegalStateException("RandomSearch.run: no hyper-parameters declared");
        Budget budget = new Budget(maxEpochs, patience, minDelta);
        List<Trial> done = new ArrayList<>();
        int i = 0;
        for (Map<String, Object> p : samples(trials)) {
            i++;
            long t0 = System.nanoTime();
            double score = Double.NaN;
            int epochs = 0;
            String error = null;
            try {
                TrialResult r = objective.run(p, budget);
                score = r.score();
                epochs = r.epochs();
                if (!Double.isFinite(score)) { error = "score is " + score; score = Double.NaN; }
            } catch (Exception | StackOverflowError e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            done.add(new Trial(i, p, score, epochs, (System.nanoTime() - t0) / 1e9, error));
        }
        return new Results(done, List.copyOf(space.keySet()), intNames());
    }

    private List<String> intNames() {
        List<String> r = new ArrayList<>();
        space.forEach((n, d) -> { if (d instanceof IntUniform) r.add(n); });
        return r;
    }

    /** The trials of a search, best (lowest score) first, failed trials last. */
    public static final class Results {
        private final List<Trial> trials;
        private final List<String> names, intNames;

        Results(List<Trial> trials, List<String> names, List<String> intNames) {
            List<Trial> sorted = new ArrayList<>(trials);
            sorted.sort(Comparator.comparingDouble((Trial t) -> Double.isNaN(t.score()) ? Double.POSITIVE_INFINITY
                    : t.score()).thenComparingInt(t -> Double.isNaN(t.score()) ? 1 : 0).thenComparingInt(Trial::index));
            this.trials = List.copyOf(sorted);
            this.names = names;
            this.intNames = intNames;
        }

        public List<Trial> trials() { return trials; }

        /** The trial with the lowest score; throws when every trial failed. */
        public Trial best() {
            Trial t = trials.getFirst();
            if (Double.isNaN(t.score())) throw new IllegalStateException("RandomSearch: all " + trials.size()
                    + " trials failed (first error: " + t.error() + ")");
            return t;
        }

        /** The table: rank, trial, each hyper-parameter, score, epochs, seconds; columns aligned. */
        public String table() { return SearchTable.format(trials, names, intNames); }

        @Override public String toString() { return table(); }

        /**
         * Writes the best trial as JSON: {"trial": i, "score": s, "epochs": e, "params": {name: value, ...}}
         * (whole-number parameters as integers).
         */
        public void saveBest(Path file) {
            Trial b = best();
            Map<String, Object> params = new LinkedHashMap<>();
            b.params().forEach((k, v) -> params.put(k, intNames.contains(k) ? (Object) ((Double) v).longValue() : v));
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("trial", b.index());
            root.put("score", b.score());
            root.put("epochs", b.epochs());
            root.put("params", params);
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                Files.writeString(file, Json.write(root) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("RandomSearch: cannot write " + file, e);
            }
        }
    }
}

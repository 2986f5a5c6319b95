package jtorch.train;

/**
 * Factories for {@link LrSchedule}s. With base rate η₀ and epoch e (from 1):
 * <ul>
 *   <li>{@link #constant()}: η₀</li>
 *   <li>{@link #step}(every, γ): η₀ · γ^⌊(e−1)/every⌋ (PyTorch's StepLR)</li>
 *   <li>{@link #exponential}(γ): η₀ · γ^(e−1)</li>
 *   <li>{@link #cosine}(T, ηmin): ηmin + (η₀ − ηmin) · (1 + cos(π · min(e−1, T) / T)) / 2 (PyTorch's
 *       CosineAnnealingLR without restarts; ηmin from epoch T+1 on)</li>
 *   <li>{@link #reduceOnPlateau}(factor, patience): starts at η₀; after each epoch whose monitored loss is not below
 *       the best so far, a counter of bad epochs grows (an improvement resets it); when it exceeds {@code patience}
 *       the rate is multiplied by {@code factor} and the counter restarts (PyTorch's ReduceLROnPlateau, threshold 0)</li>
 *   <li>{@link #warmup}(w, then): η₀ · e / w for e ≤ w (linear warm-up), then {@code then} at epoch e − w</li>
 * </ul>
 */
public final class LrSchedules {
    private LrSchedules() {}

    public static LrSchedule constant() { return (e, lr, v) -> lr; }

    public static LrSchedule step(int every, double gamma) {
        if (every < 1) throw new IllegalArgumentException("LrSchedules.step: every must be >= 1, got " + every);
        positive("step", "gamma", gamma);
        return (e, lr, v) -> lr * Math.pow(gamma, Math.floorDiv(e - 1, every));
    }

    public static LrSchedule exponential(double gamma) {
        positive("exponential", "gamma", gamma);
        return (e, lr, v) -> lr * Math.pow(gamma, e - 1);
    }

    public static LrSchedule cosine(int tMax, double minLr) {
        if (tMax < 1) throw new IllegalArgumentException("LrSchedules.cosine: tMax must be >= 1, got " + tMax);
        if (!(minLr >= 0)) throw new IllegalArgumentException("LrSchedules.cosine: minLr must be >= 0, got " + minLr);
        return (e, lr, v) -> minLr + (lr - minLr) * (1 + Math.cos(Math.PI * Math.min(e - 1, tMax) / tMax)) / 2;
    }

    public static LrSchedule reduceOnPlateau(double factor, int patience) {
        if (!(factor > 0 && factor < 1)) throw new IllegalArgumentException(
                "LrSchedules.reduceOnPlateau: factor must be in (0, 1), got " + factor);
        if (patience < 0) throw new IllegalArgumentException("LrSchedules.reduceOnPlateau: patience must be >= 0, got "
                + patience);
        return new Plateau(factor, patience);
    }

    public static LrSchedule warmup(int epochs, LrSchedule then) {
        if (epochs < 1) throw new IllegalArgumentException("LrSchedules.warmup: epochs must be >= 1, got " + epochs);
        if (then == null) throw new IllegalArgumentException("LrSchedules.warmup: null schedule after warm-up");
        return new LrSchedule() {
            @Override public double learningRate(int e, double lr, Double v) {
                return e <= epochs ? lr * e / epochs : then.learningRate(e - epochs, lr, v);
            }

            @Override public void reset() { then.reset(); }
        };
    }

    private static void positive(String who, String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException("LrSchedules." + who + ": " + name
                + " must be a finite number > 0, got " + v);
    }

    /** Reduce-on-plateau: the only stateful schedule here. */
    private static final class Plateau implements LrSchedule {
        private final double factor;
        private final int patience;
        private double scale = 1, best = Double.POSITIVE_INFINITY;
        private int bad;

        Plateau(double factor, int patience) { this.factor = factor; this.patience = patience; }

        @Override public double learningRate(int e, double lr, Double v) {
            if (v != null && !Double.isNaN(v)) {
                if (v < best) { best = v; bad = 0; }
                else if (++bad > patience) { scale *= factor; bad = 0; }
            }
            return lr * scale;
        }

        @Override public void reset() { scale = 1; best = Double.POSITIVE_INFINITY; bad = 0; }
    }
}

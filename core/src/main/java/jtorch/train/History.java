package jtorch.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The per-epoch {@link EpochMetrics} of a training run, in order, and the best epoch: the one with the lowest
 * {@link EpochMetrics#monitoredLoss()} (validation loss, or training loss without validation); ties go to the earlier;
 * epochs whose losses are NaN or infinite are never best.
 */
public final class History {
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private boolean stoppedEarly;

    public History() {}

    /** A history holding {@code metrics} in order. */
    public History(List<EpochMetrics> metrics) { epochs.addAll(metrics); }

    public void add(EpochMetrics m) { epochs.add(m); }

    public List<EpochMetrics> epochs() { return Collections.unmodifiableList(epochs); }

    public int size() { return epochs.size(); }

    public boolean isEmpty() { return epochs.isEmpty(); }

    /** The last epoch's metrics; throws when empty. */
    public EpochMetrics last() {
        if (epochs.isEmpty()) throw new IllegalStateException("History.last: no epochs yet");
        return epochs.getLast();
    }

    /**
     * The metrics of the best epoch: the lowest finite monitored loss (ties to the earlier); null when no epoch has a
     * finite one (a run that diverged from the start has no best epoch); throws when empty.
     */
    public EpochMetrics best() {
        if (epochs.isEmpty()) throw new IllegalStateException("History.best: no epochs yet");
        EpochMetrics best = null;
        for (EpochMetrics m : epochs) {
            if (!Double.isFinite(m.monitoredLoss()) || !Double.isFinite(m.trainLoss())) continue;
            if (best == null || m.monitoredLoss() < best.monitoredLoss()) best = m;
        }
        return best;
    }

    /** The epoch number (1-based) of {@link #best()}; 0 when empty or when no epoch has a finite loss. */
    public int bestEpoch() {
        EpochMetrics b = epochs.isEmpty() ? null : best();
        return b == null ? 0 : b.epoch();
    }

    /** Whether a callback stopped the run before its last epoch. */
    public boolean stoppedEarly() { return stoppedEarly; }

    void stoppedEarly(boolean v) { stoppedEarly = v; }

    /** Each epoch as {@link EpochMetrics#toMap()} (what a checkpoint stores). */
    public List<Map<String, Double>> toMaps() {
        List<Map<String, Double>> r = new ArrayList<>();
        for (EpochMetrics m : epochs) r.add(m.toMap());
        return r;
    }

    /** The inverse of {@link #toMaps()}. */
    public static History fromMaps(List<Map<String, Double>> maps) {
        History h = new History();
        for (Map<String, Double> m : maps) h.add(EpochMetrics.fromMap(m));
        return h;
    }

    @Override public String toString() {
        return "History(" + epochs.size() + " epochs, best " + bestEpoch() + (stoppedEarly ? ", stopped early)" : ")");
    }
}

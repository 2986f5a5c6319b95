package jtorch.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The per-epoch {@link EpochMetrics} of a training run, in order, and the best epoch: the one with the lowest
 * {@link EpochMetrics#monitoredLoss()} (validation loss, or training loss without validation); ties go to the earlier.
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

    /** The metrics of the best epoch (lowest monitored loss; NaN losses never win); throws when empty. */
    public EpochMetrics best() {
        if (epochs.isEmpty()) throw new IllegalStateException("History.best: no epochs yet");
        EpochMetrics best = null;
        for (EpochMetrics m : epochs) {
            if (best == null || Double.isNaN(best.monitoredLoss()) || m.monitoredLoss() < best.monitoredLoss()) best = m;
        }
        return best;
    }

    /** The epoch number (1-based) of {@link #best()}; 0 when empty. */
    public int bestEpoch() { return epochs.isEmpty() ? 0 : best().epoch(); }

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

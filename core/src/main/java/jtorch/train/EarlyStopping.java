package jtorch.train;

import jtorch.tensor.Tensor;

/**
 * Early stopping as the "backprop in practice" slides state it: after every epoch look at the validation error
 * (1 − accuracy) or the validation loss (the training loss when there is no validation set); when it is below the
 * best so far by more than {@code minDelta} ({@code score < best − minDelta}), remember it and keep a copy of the parameters;
 * after {@code patience} consecutive epochs without such an improvement, stop; when training ends, put the best
 * parameters back (unless {@link #restoreBest(boolean)} turned that off). The state starts over when a run starts at
 * epoch 1; a resumed run starts with no best copy.
 */
public final class EarlyStopping implements Callback {
    /** What is watched; lower is better. */
    public enum Monitor { VAL_LOSS, VAL_ERROR }

    private final int patience;
    private final double minDelta;
    private final Monitor monitor;
    private boolean restoreBest = true;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch, wait, stoppedEpoch;
    private Tensor bestWeights;

    /** Watches the validation loss with minDelta 0. */
    public EarlyStopping(int patience) { this(patience, 0, Monitor.VAL_LOSS); }

    public EarlyStopping(int patience, double minDelta, Monitor monitor) {
        if (patience < 1) throw new IllegalArgumentException("EarlyStopping: patience must be >= 1, got " + patience);
        if (!(minDelta >= 0)) throw new IllegalArgumentException("EarlyStopping: minDelta must be >= 0, got " + minDelta);
        if (monitor == null) throw new IllegalArgumentException("EarlyStopping: null monitor");
        this.patience = patience;
        this.minDelta = minDelta;
        this.monitor = monitor;
    }

    /** Whether the best parameters are copied back at the end (default true); returns this. */
    public EarlyStopping restoreBest(boolean on) { restoreBest = on; return this; }

    /** The watched quantity of an epoch: 1 − valAccuracy or valLoss (training values without validation). */
    public double score(EpochMetrics m) {
        if (monitor == Monitor.VAL_ERROR) return 1 - (Double.isNaN(m.valAccuracy()) ? m.trainAccuracy() : m.valAccuracy());
        return m.monitoredLoss();
    }

    @Override public void onEpochStart(TrainContext c) {
        if (c.history().isEmpty()) { best = Double.POSITIVE_INFINITY; bestEpoch = 0; wait = 0; stoppedEpoch = 0; bestWeights = null; }
    }

    @Override public void onEpochEnd(TrainContext c, EpochMetrics m) {
        double s = score(m);
        if (s < best - minDelta) {
            best = s;
            bestEpoch = m.epoch();
            wait = 0;
            Tensor w = c.parameters().weights();
            if (bestWeights == null || !bestWeights.sameShape(w)) bestWeights = w.clone();
            else bestWeights.copy(w);
        } else if (++wait >= patience) {
            stoppedEpoch = m.epoch();
            c.stop();
        }
    }

    @Override public void onTrainEnd(TrainContext c, History h) {
        if (restoreBest && bestWeights != null) c.parameters().weights().copy(bestWeights);
    }

    /** The best score seen (+∞ before the first epoch). */
    public double bestScore() { return best; }

    /** The epoch of the best score (0 before the first epoch). */
    public int bestEpoch() { return bestEpoch; }

    /** The epoch after which this callback stopped training, or 0. */
    public int stoppedEpoch() { return stoppedEpoch; }

    public int patience() { return patience; }
}

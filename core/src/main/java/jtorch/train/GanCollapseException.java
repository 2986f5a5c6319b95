package jtorch.train;

import java.util.List;

/**
 * Thrown by {@link GanTrainer} when its {@link CollapseCheck} finds the run collapsed (the discriminator loss near 0,
 * the samples' diversity or the monitor classifier's class histogram collapsed) or a loss not finite: training stops at
 * once, and the message says which test failed, with the measured value and the threshold, so the run is reported
 * and not shipped. {@link #history()} holds the epochs completed before.
 */
public final class GanCollapseException extends IllegalStateException {
    private final int epoch, batch;
    private final transient List<GanEpoch> history;

    /** {@code batch} counts from 1 within {@code epoch}; 0 for a test at the epoch's end. */
    public GanCollapseException(int epoch, int batch, String reason, List<GanEpoch> history) {
        super("GAN training collapsed at epoch " + epoch + (batch > 0 ? " batch " + batch : " (end-of-epoch check)")
                + ": " + reason + "; training stopped (try a lower learning rate, e.g. Adam 2e-4 with beta1 0.5, label"
                + " smoothing, or a smaller discriminator)");
        this.epoch = epoch;
        this.batch = batch;
        this.history = List.copyOf(history);
    }

    public int epoch() { return epoch; }

    /** The batch (from 1) at which the collapse was found, or 0 for the end-of-epoch tests. */
    public int batch() { return batch; }

    /** The epochs completed before the collapse. */
    public List<GanEpoch> history() { return history; }
}

package jtorch.train;

import java.nio.file.Path;

/**
 * Thrown by {@link Trainer} when a training batch's loss or an epoch's validation loss is NaN or infinite (the run has
 * diverged: learning rate too high, bad inputs, ...) and {@link Trainer.Builder#allowNonFinite} is off (the default).
 * Training stops at once; the epoch is not added to the history and no checkpoint is written for it, so the last
 * checkpoint in the directory is the last good one ({@link #lastCheckpoint()}, null when none was written).
 */
public final class NonFiniteLossException extends ArithmeticException {
    private final int epoch, batch;
    private final double loss;
    private final transient Path lastCheckpoint;

    /** {@code batch} counts from 1 within {@code epoch}; 0 for the validation loss. */
    public NonFiniteLossException(int epoch, int batch, double loss, Path lastCheckpoint) {
        super(message(epoch, batch, loss, lastCheckpoint));
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
        this.lastCheckpoint = lastCheckpoint;
    }

    private static String message(int epoch, int batch, double loss, Path last) {
        return (batch > 0 ? "training loss became " + loss + " at epoch " + epoch + " batch " + batch
                : "validation loss became " + loss + " after epoch " + epoch)
                + "; training stopped (is the learning rate too high?); "
                + (last == null ? "no checkpoint was written" : "the last good checkpoint is " + last);
    }

    public int epoch() { return epoch; }

    /** The batch (from 1) whose loss was not finite, or 0 when it was the validation loss. */
    public int batch() { return batch; }

    public double loss() { return loss; }

    /** The last checkpoint written before the failure (all earlier epochs were finite), or null. */
    public Path lastCheckpoint() { return lastCheckpoint; }
}

package jtorch.train;

import jtorch.optim.Optimizer;
import jtorch.nn.FlatParameters;
import jtorch.nn.Module;

/**
 * What a {@link Callback} sees of a running {@link Trainer}: the model and its flat parameters, the optimizer, the
 * current epoch (from 1) out of {@link #epochs()}, the number of training batches per epoch, how many training
 * examples this epoch has processed so far and when it started, the history of finished epochs, and
 * {@link #stop()} to end training after the current epoch.
 */
public final class TrainContext {
    private final Module model;
    private final FlatParameters params;
    private final History history;
    Optimizer optimizer;
    int epoch, epochs, batchesPerEpoch;
    long samplesInEpoch, epochStartNanos;
    private boolean stop;

    TrainContext(Module model, FlatParameters params, Optimizer optimizer, History history) {
        this.model = model;
        this.params = params;
        this.optimizer = optimizer;
        this.history = history;
    }

    public Module model() { return model; }

    /** The flat weights and gradients that the optimizer updates (the model's parameters are views into them). */
    public FlatParameters parameters() { return params; }

    public Optimizer optimizer() { return optimizer; }

    /** The current epoch, counting from 1. */
    public int epoch() { return epoch; }

    /** The last epoch this run will train (unless stopped). */
    public int epochs() { return epochs; }

    public int batchesPerEpoch() { return batchesPerEpoch; }

    /** Training examples processed so far in the current epoch. */
    public long samplesInEpoch() { return samplesInEpoch; }

    /** {@link System#nanoTime()} when the current epoch started. */
    public long epochStartNanos() { return epochStartNanos; }

    /** The finished epochs. */
    public History history() { return history; }

    /** Requests that training end after the current epoch. */
    public void stop() { stop = true; }

    public boolean stopRequested() { return stop; }

    void clearStop() { stop = false; }
}

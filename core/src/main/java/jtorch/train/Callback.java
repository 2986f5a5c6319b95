package jtorch.train;

/**
 * Hooks the {@link Trainer} calls during {@link Trainer#fit()}: at the start of each epoch (before the first batch),
 * after each training batch ({@code batch} counts from 1 within the epoch, {@code loss} is that batch's criterion
 * loss) and at the end of each epoch (after validation, with the epoch's metrics), and once when training ends.
 * Call {@link TrainContext#stop()} to end training after the current epoch.
 */
public interface Callback {
    default void onEpochStart(TrainContext c) {}

    default void onBatchEnd(TrainContext c, int batch, double loss) {}

    default void onEpochEnd(TrainContext c, EpochMetrics m) {}

    /** After the last epoch (or a stop), before {@link Trainer#fit()} returns. */
    default void onTrainEnd(TrainContext c, History h) {}
}

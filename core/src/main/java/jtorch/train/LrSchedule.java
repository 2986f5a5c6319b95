package jtorch.train;

/**
 * A learning-rate schedule: the rate for {@code epoch} (counting from 1) given the base rate (the optimizer's rate
 * when training began) and the validation loss of the previous epoch ({@code null} before the first epoch, or the
 * training loss when there is no validation set). The {@link Trainer} calls it once per epoch, in order, before the
 * epoch starts, and sets the optimizer's {@code learningRate} to the result. Factories: {@link LrSchedules}.
 * Stateful schedules (reduce-on-plateau) start over on {@link #reset()}; the trainer resets and replays the history
 * when resuming, so a resumed run sees the same rates.
 */
@FunctionalInterface
public interface LrSchedule {
    double learningRate(int epoch, double baseLr, Double lastValLoss);

    /** Forgets what was seen so far (for stateful schedules); the trainer calls it before epoch 1 and on resume. */
    default void reset() {}
}

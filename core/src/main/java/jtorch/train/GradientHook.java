package jtorch.train;

import jtorch.data.Batch;
import jtorch.tensor.Tensor;

/**
 * A step of the {@link Trainer}'s gradient evaluation between {@code backward} and the penalties: it may change the
 * flat gradient in place (all-reduce it across workers, for instance) and returns the loss the optimizer sees.
 */
@FunctionalInterface
public interface GradientHook {
    /**
     * @param batchIndex the batch's index in the epoch, from 0
     * @param batch      the batch as the loader gave it
     * @param loss       the criterion's loss on it
     * @param gradient   the flat gradient ∂L/∂w, changed in place
     * @return the loss to use
     */
    double afterBackward(int batchIndex, Batch batch, double loss, Tensor gradient);
}

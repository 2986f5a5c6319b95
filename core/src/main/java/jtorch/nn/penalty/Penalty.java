package jtorch.nn.penalty;

import jtorch.nn.Module;

/**
 * A module that adds a regularisation term P to the training loss by itself: its forward records P ({@link #loss()},
 * Torch7's {@code module.loss}) and its backward adds ∂P/∂input to gradInput (and ∂P/∂θ, times {@code scale}, to its
 * parameter gradients), so the criterion does not need to know about it. The total loss of a step is the criterion's
 * value plus {@link #total(Module)}.
 */
public interface Penalty {

    /** P as computed by the last forward (0 before any forward). */
    double loss();

    /** The sum of {@link #loss()} over {@code net} and all its descendants that are penalties. */
    static double total(Module net) {
        double sum = net instanceof Penalty p ? p.loss() : 0;
        for (Module c : net.children()) sum += total(c);
        return sum;
    }
}

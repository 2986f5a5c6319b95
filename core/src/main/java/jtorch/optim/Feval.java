package jtorch.optim;

import jtorch.tensor.Tensor;

/**
 * The closure an optimizer calls: given the flat parameters x, returns the loss f(x) and the flat gradient df/dx
 * (Torch7's {@code feval}). Typically it zeroes the gradients, runs forward/backward on a minibatch and returns
 * {@code new Eval(loss, flatGradients)}.
 */
@FunctionalInterface
public interface Feval {
    Eval apply(Tensor x);

    /** The loss and the gradient at x. */
    record Eval(double loss, Tensor gradient) {}
}

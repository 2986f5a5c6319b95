package jtorch.optim;

import jtorch.tensor.Tensor;

/**
 * Torch7's {@code optim} table: {@code Optim.sgd(feval, x, config, state)} and friends. Each takes the closure, the
 * flat parameters x (updated in place), the options and the state kept between steps, and returns f(x) before the step.
 * Each optimizer's class Javadoc states its exact update rule.
 */
public final class Optim {
    private Optim() {}

    public static double sgd(Feval feval, Tensor x, Config config, State state) { return Sgd.step(feval, x, config, state); }

    /** The gradient from an evaluation, checked to match x. */
    static Tensor checkGradient(String optimizer, Tensor x, Feval.Eval e) {
        Tensor g = e.gradient();
        if (g == null || !g.sameShape(x)) throw new IllegalArgumentException(optimizer + ": feval returned a gradient of shape "
                + (g == null ? "null" : g.shape()) + " for parameters of shape " + x.shape());
        return g;
    }
}

package jtorch.optim;

import jtorch.tensor.Tensor;

/**
 * Torch7's {@code optim} table: {@code Optim.sgd(feval, x, config, state)} and friends. Each takes the closure, the
 * flat parameters x (updated in place), the options and the state kept between steps, and returns f(x) before the step
 * ({@link #lbfgs} returns the f values of its iterations).
 * Each optimizer's class Javadoc states its exact update rule.
 */
public final class Optim {
    private Optim() {}

    /** {@link Sgd}: plain, momentum and Nesterov SGD with weight decay and learning-rate decay. */
    public static double sgd(Feval feval, Tensor x, Config config, State state) { return Sgd.step(feval, x, config, state); }

    /** {@link Adam}, with L2 weight decay added to the gradient. */
    public static double adam(Feval feval, Tensor x, Config config, State state) { return Adam.step(feval, x, config, state); }

    /** {@link AdamW}: Adam with decoupled weight decay. */
    public static double adamw(Feval feval, Tensor x, Config config, State state) { return AdamW.step(feval, x, config, state); }

    /** {@link Adagrad}. */
    public static double adagrad(Feval feval, Tensor x, Config config, State state) {
        return Adagrad.step(feval, x, config, state);
    }

    /** {@link Rmsprop}. */
    public static double rmsprop(Feval feval, Tensor x, Config config, State state) {
        return Rmsprop.step(feval, x, config, state);
    }

    /** {@link Adadelta}. */
    public static double adadelta(Feval feval, Tensor x, Config config, State state) {
        return Adadelta.step(feval, x, config, state);
    }

    /**
     * {@link Lbfgs}: up to maxIter L-BFGS iterations in one call; returns every f value seen (f(x) at entry first),
     * as Torch7's {@code optim.lbfgs} returns its {@code f_hist}.
     */
    public static double[] lbfgs(Feval feval, Tensor x, Config config, State state) {
        return Lbfgs.step(feval, x, config, state);
    }

    /** The gradient from an evaluation, checked to match x. */
    static Tensor checkGradient(String optimizer, Tensor x, Feval.Eval e) {
        Tensor g = e.gradient();
        if (g == null || !g.sameShape(x)) throw new IllegalArgumentException(optimizer + ": feval returned a gradient of shape "
                + (g == null ? "null" : g.shape()) + " for parameters of shape " + x.shape());
        return g;
    }
}

package jtorch.autograd;

import jtorch.tensor.Tensor;

/**
 * Softmax and log-softmax along a dimension d, computed stably (the maximum is subtracted first):
 * softmax y_i = exp(x_i − lse(x)), ∂L/∂x = y·(g − Σ_d g·y); logSoftmax y_i = x_i − lse(x),
 * ∂L/∂x = g − exp(y)·Σ_d g.
 */
final class Softmax {
    private Softmax() {}

    private static Tensor logSoftmaxOf(Tensor x, int dim) {
        Tensor shifted = x.sub(x.max(dim, true).values());
        return shifted.subInPlace(shifted.logsumexp(dim, true));
    }

    static Var softmax(Var x, int dim) {
        Reduce.check("softmax", x, dim);
        Tensor y = logSoftmaxOf(x.value, dim).expInPlace();
        return Var.make("softmax", y, g -> {
            Tensor gy = g.mul(y);
            return new Tensor[] {gy.subInPlace(y.mul(gy.sum(dim, true)))};
        }, x);
    }

    static Var logSoftmax(Var x, int dim) {
        Reduce.check("logSoftmax", x, dim);
        Tensor y = logSoftmaxOf(x.value, dim);
        return Var.make("logSoftmax", y, g -> new Tensor[] {g.sub(y.exp().mulInPlace(g.sum(dim, true)))}, x);
    }
}

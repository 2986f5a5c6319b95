package jtorch.autograd;

import jtorch.tensor.Tensor;

/**
 * Reductions over one dimension (kept with size 1 when {@code keepDim}) or over all elements (a 0-d result), and their
 * gradients, with g = ∂L/∂y broadcast back along the reduced dimension:
 * sum: g; mean: g/n; max/min: g to the element the returned index names (the first extreme one);
 * logsumexp: g·exp(x − y); var: g·2(x − x̄)/(n − 1) (unbiased) or /n; norm p: g·sign(x)·|x|^(p−1)/y^(p−1)
 * (p = 2: g·x/y, 0 where y = 0; p = ∞: g·sign(x) at the first largest |x|).
 */
final class Reduce {
    private Reduce() {}

    /** g reduced with keepDim=false, unsqueezed back and broadcast to x. */
    private static Tensor spread(Tensor g, Var x, int dim, boolean keepDim) {
        Tensor k = keepDim ? g : g.unsqueeze(dim);
        return k.expand(x.value.sizes());
    }

    static int check(String op, Var x, int dim) {
        if (dim < 0 || dim >= x.value.dim()) throw new IllegalArgumentException(op + ": dimension " + dim
                + " out of range for a value of shape " + x.value.shape());
        return dim;
    }

    static Var sum(Var x, int dim, boolean keepDim) {
        check("sum", x, dim);
        return Var.make("sum", x.value.sum(dim, keepDim), g -> new Tensor[] {spread(g, x, dim, keepDim)}, x);
    }

    static Var mean(Var x, int dim, boolean keepDim) {
        int n = x.value.size(check("mean", x, dim));
        return Var.make("mean", x.value.sum(dim, keepDim).divInPlace(n),
                g -> new Tensor[] {spread(g.div(n), x, dim, keepDim)}, x);
    }

    static Var.MaxMin extreme(Var x, int dim, boolean keepDim, boolean max) {
        check(max ? "max" : "min", x, dim);
        Tensor.MaxMin r = max ? x.value.max(dim, keepDim) : x.value.min(dim, keepDim);
        Tensor idx = keepDim ? r.indices() : r.indices().unsqueeze(dim);
        Var v = Var.make(max ? "max" : "min", r.values(), g -> new Tensor[] {
                x.value.zerosLike().scatterAddInPlace(dim, idx, keepDim ? g : g.unsqueeze(dim))}, x);
        return new Var.MaxMin(v, r.indices());
    }

    static Var logsumexp(Var x, int dim, boolean keepDim) {
        check("logsumexp", x, dim);
        Tensor y = x.value.logsumexp(dim, true);
        return Var.make("logsumexp", keepDim ? y : y.squeeze(dim), g -> new Tensor[] {
                x.value.sub(y).expInPlace().mulInPlace(keepDim ? g : g.unsqueeze(dim))}, x);
    }

    static Var var(Var x, int dim, boolean unbiased, boolean keepDim) {
        int n = x.value.size(check("var", x, dim));
        return Var.make("var", x.value.var(dim, unbiased, keepDim), g -> {
            Tensor c = x.value.sub(x.value.mean(dim, true));
            return new Tensor[] {c.mulInPlace(2.0 / (unbiased ? n - 1 : n)).mulInPlace(keepDim ? g : g.unsqueeze(dim))};
        }, x);
    }

    static Var norm(Var x, double p, int dim, boolean keepDim) {
        check("norm", x, dim);
        Tensor y = x.value.norm(p, dim, true);
        return Var.make("norm", keepDim ? y : y.squeeze(dim), g -> {
            Tensor gk = keepDim ? g : g.unsqueeze(dim), xv = x.value;
            Tensor d;
            if (p == 1) d = xv.sign();
            else if (p == 2) d = xv.div(Tensor.where(y.eq(0), y.add(1), y)).mulInPlace(y.ne(0));
            else if (p == Double.POSITIVE_INFINITY) {
                Tensor idx = xv.abs().max(dim, true).indices();
                d = xv.zerosLike().scatterAddInPlace(dim, idx, xv.sign().gather(dim, idx));
            } else d = xv.sign().mulInPlace(xv.abs().powInPlace(p - 1)).divInPlace(y.pow(p - 1));
            return new Tensor[] {d.mulInPlace(gk)};
        }, x);
    }

    /** A reduction over all elements: {@code f} applied to x flattened, along dimension 0, to a 0-d value. */
    static Var all(Var x, java.util.function.Function<Var, Var> f) {
        return f.apply(Shaping.reshape(x, x.value.numel()));
    }
}

package jtorch.tensor;

import jtorch.backend.ReduceOp;
import jtorch.backend.UnaryOp;

/** Reductions and {@code where} behind {@link Tensor}. */
final class Reductions {
    private Reductions() {}

    static int[] reducedSizes(String op, Tensor t, int dim) {
        Tensor.checkDim(op, dim, t.sizes.length);
        int[] s = t.sizes.clone();
        s[dim] = 1;
        return s;
    }

    static Tensor along(Tensor t, ReduceOp op, int dim, boolean keepDim) {
        Tensor out = t.newZeros(reducedSizes(op.name().toLowerCase(), t, dim));
        t.backend.reduce(op, out, t, dim);
        return keepDim ? out : out.squeeze(dim);
    }

    static double all(Tensor t, ReduceOp op) {
        return along(t.reshape(t.numel()), op, 0, true).item();
    }

    static Tensor.MaxMin arg(Tensor t, boolean max, int dim, boolean keepDim) {
        int[] s = reducedSizes(max ? "max" : "min", t, dim);
        if (t.sizes[dim] == 0) throw new IllegalArgumentException((max ? "max" : "min") + ": dimension " + dim
                + " of shape " + t.shape() + " is empty");
        Tensor values = t.newZeros(s), indices = Tensor.zeros(t.backend, DType.I32, s);
        t.backend.argReduce(max, values, indices, t, dim);
        return keepDim ? new Tensor.MaxMin(values, indices) : new Tensor.MaxMin(values.squeeze(dim), indices.squeeze(dim));
    }

    /** Σ (x - mean)² / (n - 1) when unbiased, else / n. */
    static Tensor var(Tensor t, int dim, boolean unbiased, boolean keepDim) {
        int n = t.sizes[Tensor.checkDim("var", dim, t.sizes.length)];
        Tensor centered = t.sub(t.sum(dim, true).divInPlace(n));
        Tensor ss = along(centered, ReduceOp.SUMSQ, dim, keepDim);
        return ss.divInPlace(unbiased ? n - 1 : n);
    }

    /** (Σ |x|^p)^(1/p); p = +inf gives max |x|. */
    static Tensor norm(Tensor t, double p, int dim, boolean keepDim) {
        if (!(p > 0)) throw new IllegalArgumentException("norm: p must be positive, got " + p);
        Tensor.checkDim("norm", dim, t.sizes.length);
        if (p == 2) return along(t, ReduceOp.SUMSQ, dim, keepDim).sqrtInPlace();
        if (p == 1) return along(t.abs(), ReduceOp.SUM, dim, keepDim);
        if (p == Double.POSITIVE_INFINITY) return along(t.abs(), ReduceOp.MAX, dim, keepDim);
        return along(t.abs().powInPlace(p), ReduceOp.SUM, dim, keepDim).applyInPlace(UnaryOp.POW, 1 / p, 0);
    }

    static Tensor where(Tensor cond, Tensor x, Tensor y) {
        x.sameKind("where", y);
        x.sameBackend("where", cond);
        int[] s = Shape.broadcast("where", Shape.broadcast("where", cond.sizes, x.sizes), y.sizes);
        Tensor out = x.newZeros(s);
        x.backend.where(out, cond.expandTo("where", s), x.expandTo("where", s), y.expandTo("where", s));
        return out;
    }
}

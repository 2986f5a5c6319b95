package jtorch.nn.criterion;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Binary cross-entropy of probabilities x ∈ [0, 1] (e.g. from Sigmoid) and targets y (usually 0 or 1, soft targets
 * allowed): loss = -Σ_i w_i [y_i log x_i + (1 - y_i) log(1 - x_i)] / n with sizeAverage (n = number of elements),
 * else the sum. Each log is clamped to ≥ -100 as PyTorch does, so x = 0 or 1 gives a finite loss. Optional weights w
 * have the input's trailing sizes (e.g. [C] for input [B, C], or the input's whole shape) and are broadcast over the
 * leading ones. Backward: ∂loss/∂x = w (x - y) / max(x (1 - x), 1e-12) / n. Input and target have the same shape.
 */
public class BCECriterion extends Criterion {
    private static final double LOG_FLOOR = -100, EPS = 1e-12;
    private final Tensor weights; // null or trailing sizes of the input
    private Tensor logX, log1mX;

    public BCECriterion() { this(null); }

    public BCECriterion(Tensor weights) { this.weights = weights; }

    public Tensor weights() { return weights; }

    private Tensor check(Tensor x) {
        if (x.numel() > 0 && !(x.min() >= 0 && x.max() <= 1)) throw new IllegalArgumentException(name()
                + ": input " + x.shape() + " must lie in [0, 1], got values in [" + x.min() + ", " + x.max() + "]");
        if (weights == null) return null;
        int k = weights.dim(), d = x.dim();
        boolean ok = k <= d;
        for (int i = 0; ok && i < k; i++) ok = weights.size(i) == x.size(d - k + i);
        if (!ok) throw new IllegalArgumentException(name() + ": weights " + weights.shape()
                + " must match the trailing sizes of input " + x.shape());
        return weights.to(x.backend()).to(x.dtype());
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = targetLike(x, target), w = check(x);
        logX = x.apply(UnaryOp.LOG, 0, 0, reuse(logX, x, x.sizes())).applyInPlace(UnaryOp.CLAMP, LOG_FLOOR, 0);
        log1mX = x.apply(UnaryOp.RSUB, 1, 0, reuse(log1mX, x, x.sizes())).applyInPlace(UnaryOp.LOG, 0, 0)
                .applyInPlace(UnaryOp.CLAMP, LOG_FLOOR, 0);
        // y log x + (1 - y) log(1 - x) = log(1 - x) + y (log x - log(1 - x))
        Tensor terms = logX.applyInPlace(BinaryOp.SUB, 1, log1mX).applyInPlace(BinaryOp.MUL, 1, y)
                .applyInPlace(BinaryOp.ADD, 1, log1mX);
        if (w != null) terms.applyInPlace(BinaryOp.MUL, 1, w);
        double s = -terms.sum();
        return sizeAverage ? s / x.numel() : s;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = targetLike(x, target), w = check(x);
        Tensor den = x.apply(UnaryOp.RSUB, 1, 0, reuse(log1mX, x, x.sizes())).applyInPlace(BinaryOp.MUL, 1, x)
                .applyInPlace(UnaryOp.CLAMP, EPS, Double.POSITIVE_INFINITY);
        log1mX = den;
        Tensor g = x.sub(y, reuse(gradInput, x, x.sizes())).applyInPlace(BinaryOp.DIV, 1, den);
        if (w != null) g.applyInPlace(BinaryOp.MUL, 1, w);
        return g.mulInPlace(sizeAverage ? 1.0 / x.numel() : 1.0);
    }
}

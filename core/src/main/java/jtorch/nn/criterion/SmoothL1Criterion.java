package jtorch.nn.criterion;

import jtorch.backend.UnaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Huber-style smooth L1: with d = x - y and β (default 1),
 * z_i = 0.5 d_i² / β if |d_i| &lt; β, else |d_i| - 0.5 β; loss = Σ_i z_i / n with sizeAverage (n = number of
 * elements), else the sum. Backward: ∂loss/∂x = clamp(d, -β, β) / β / n. Input and target have the same (any) shape.
 * Computed as z = m (a - m/2) / β with a = |d|, m = min(a, β).
 */
public class SmoothL1Criterion extends Criterion {
    private final double beta;
    private Tensor abs, min;

    public SmoothL1Criterion() { this(1); }

    public SmoothL1Criterion(double beta) {
        if (!(beta > 0)) throw new IllegalArgumentException("SmoothL1Criterion: beta must be > 0, got " + beta);
        this.beta = beta;
    }

    public double beta() { return beta; }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = targetLike(x, target);
        abs = x.sub(y, reuse(abs, x, x.sizes())).absInPlace();
        min = abs.apply(UnaryOp.CLAMP, 0, beta, reuse(min, x, x.sizes()));
        Tensor a = abs.view(-1), m = min.view(-1);
        double s = (m.dot(a) - 0.5 * m.dot(m)) / beta;
        return sizeAverage ? s / x.numel() : s;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = targetLike(x, target);
        return x.sub(y, reuse(gradInput, x, x.sizes())).applyInPlace(UnaryOp.CLAMP, -beta, beta)
                .mulInPlace((sizeAverage ? 1.0 / x.numel() : 1.0) / beta);
    }

    @Override public String name() { return beta == 1 ? "SmoothL1Criterion" : "SmoothL1Criterion(beta=" + beta + ")"; }
}

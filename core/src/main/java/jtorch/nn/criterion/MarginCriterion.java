package jtorch.nn.criterion;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Two-class hinge loss with targets y ∈ {1, -1}: loss = Σ_i max(0, margin - y_i x_i) / n with sizeAverage
 * (n = number of elements), else the sum; margin defaults to 1. Backward: ∂loss/∂x_i = -y_i / n where
 * margin - y_i x_i &gt; 0, else 0. Input and target have the same (any) shape.
 */
public class MarginCriterion extends Criterion {
    private final double margin;
    private Tensor buf;

    public MarginCriterion() { this(1); }

    public MarginCriterion(double margin) { this.margin = margin; }

    public double margin() { return margin; }

    private Tensor target(Tensor x, Activity target) {
        Tensor y = targetLike(x, target);
        buf = Targets.signs(name(), y, reuse(buf, x, x.sizes()));
        return y;
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = target(x, target);
        double s = x.mul(y, buf).applyInPlace(UnaryOp.RSUB, margin, 0).applyInPlace(UnaryOp.RELU, 0, 0).sum();
        return sizeAverage ? s / x.numel() : s;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = target(x, target);
        return x.mul(y, reuse(gradInput, x, x.sizes())).applyInPlace(UnaryOp.RSUB, margin, 0)
                .applyInPlace(UnaryOp.GT, 0, 0).applyInPlace(BinaryOp.MUL, 1, y)
                .mulInPlace(sizeAverage ? -1.0 / x.numel() : -1.0);
    }

    @Override public String name() { return margin == 1 ? "MarginCriterion" : "MarginCriterion(margin=" + margin + ")"; }
}

package jtorch.nn.criterion;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Hinge embedding loss, for inputs that are distances (e.g. from PairwiseDistance) and targets y ∈ {1, -1}:
 * z_i = x_i if y_i = 1, max(0, margin - x_i) if y_i = -1; loss = Σ_i z_i / n with sizeAverage (n = number of
 * elements), else the sum; margin defaults to 1. Backward: ∂loss/∂x_i = 1 if y_i = 1, -1 if y_i = -1 and
 * margin - x_i &gt; 0, else 0 (all / n). Input and target have the same (any) shape.
 * Computed as z = [x (1 + y) + r (1 - y)] / 2 with r = max(0, margin - x).
 */
public class HingeEmbeddingCriterion extends Criterion {
    private final double margin;
    private Tensor a, b;

    public HingeEmbeddingCriterion() { this(1); }

    public HingeEmbeddingCriterion(double margin) { this.margin = margin; }

    public double margin() { return margin; }

    private Tensor target(Tensor x, Activity target) {
        Tensor y = targetLike(x, target);
        b = Targets.signs(name(), y, reuse(b, x, x.sizes()));
        return y;
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = target(x, target);
        a = x.apply(UnaryOp.RSUB, margin, 0, reuse(a, x, x.sizes())).applyInPlace(UnaryOp.RELU, 0, 0);
        a.applyInPlace(BinaryOp.SUB, 1, a.mul(y, b));                     // r (1 - y)
        a.applyInPlace(BinaryOp.ADD, 1, x.mul(y, b).applyInPlace(BinaryOp.ADD, 1, x)); // + x (1 + y)
        double s = 0.5 * a.sum();
        return sizeAverage ? s / x.numel() : s;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = target(x, target);
        Tensor g = x.apply(UnaryOp.RSUB, margin, 0, reuse(gradInput, x, x.sizes())).applyInPlace(UnaryOp.GT, 0, 0);
        g.applyInPlace(BinaryOp.SUB, 1, g.mul(y, b));                     // ind (1 - y)
        return g.negInPlace().applyInPlace(BinaryOp.ADD, 1, y).addInPlace(1) // (1 + y) - ind (1 - y)
                .mulInPlace(sizeAverage ? 0.5 / x.numel() : 0.5);
    }

    @Override public String name() {
        return margin == 1 ? "HingeEmbeddingCriterion" : "HingeEmbeddingCriterion(margin=" + margin + ")";
    }
}

package jtorch.nn.criterion;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Kullback-Leibler divergence of a target distribution y (probabilities) from an input x of log-probabilities:
 * loss = Σ_i y_i (log y_i - x_i) / n with sizeAverage (n = number of elements, as Torch7 and PyTorch's
 * KLDivLoss(reduction='mean') do), else the sum; terms with y_i ≤ 0 count 0 (as in Torch7; an infinite x_i there
 * still gives NaN). Backward: ∂loss/∂x_i = -y_i / n where y_i &gt; 0, else 0. Input and target have the same (any)
 * shape.
 */
public class DistKLDivCriterion extends Criterion {
    private Tensor buf, pos;

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = targetLike(x, target);
        // y > 0 ? y (log y - x) : 0, written as relu(y) · (log(max(y, tiny)) - x) so that y ≤ 0 gives 0
        buf = y.apply(UnaryOp.CLAMP, Float.MIN_NORMAL, Double.POSITIVE_INFINITY, reuse(buf, x, x.sizes()))
                .applyInPlace(UnaryOp.LOG, 0, 0).applyInPlace(BinaryOp.SUB, 1, x);
        pos = y.apply(UnaryOp.RELU, 0, 0, reuse(pos, x, x.sizes()));
        double s = pos.view(-1).dot(buf.view(-1));
        return sizeAverage ? s / x.numel() : s;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = targetLike(x, target);
        return y.apply(UnaryOp.RELU, 0, 0, reuse(gradInput, x, x.sizes())).mulInPlace(sizeAverage ? -1.0 / x.numel() : -1.0);
    }
}

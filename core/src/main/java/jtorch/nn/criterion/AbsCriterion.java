package jtorch.nn.criterion;

import jtorch.backend.UnaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Absolute error (L1): loss = Σ_i |x_i - y_i| / n with sizeAverage (n = number of elements), else the sum.
 * Backward: ∂loss/∂x = sign(x - y) / n (0 where x = y, as PyTorch). Input and target have the same (any) shape.
 */
public class AbsCriterion extends Criterion {
    private Tensor diff;

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = targetLike(x, target);
        diff = x.sub(y, reuse(diff, x, x.sizes()));
        double s = diff.absInPlace().sum();
        return sizeAverage ? s / x.numel() : s;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = targetLike(x, target);
        return x.sub(y, reuse(gradInput, x, x.sizes())).applyInPlace(UnaryOp.SIGN, 0, 0)
                .mulInPlace(sizeAverage ? 1.0 / x.numel() : 1.0);
    }
}

package jtorch.nn.criterion;

import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Squared error: loss = Σ_i (x_i - y_i)² / n with sizeAverage (n = number of elements), else the sum.
 * Backward: ∂loss/∂x = 2 (x - y) / n (or without / n). Input and target have the same (any) shape.
 */
public class MSECriterion extends Criterion {
    private Tensor diff;

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = targetLike(x, target);
        diff = x.sub(y, reuse(diff, x, x.sizes()));
        Tensor d = diff.view(-1);
        double s = d.dot(d);
        return sizeAverage ? s / x.numel() : s;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = targetLike(x, target);
        return x.sub(y, reuse(gradInput, x, x.sizes())).mulInPlace(sizeAverage ? 2.0 / x.numel() : 2.0);
    }
}

package jtorch.nn.criterion;

import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Squared error: loss = Σ_i (x_i - y_i)² / n with sizeAverage (n = number of elements), else the sum.
 * Backward: ∂loss/∂x = 2 (x - y) / n (or without / n). Input and target have the same shape.
 */
public class MSECriterion extends Criterion {

    private Tensor[] check(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = target.toTensor(name() + " target");
        if (!x.sameShape(y)) throw new IllegalArgumentException(name() + ": input " + x.shape() + " and target "
                + y.shape() + " differ in shape");
        return new Tensor[] {x, y};
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor[] xy = check(input, target);
        Tensor d = xy[0].sub(xy[1]).view(-1);
        double s = d.dot(d);
        return sizeAverage ? s / xy[0].numel() : s;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor[] xy = check(input, target);
        Tensor g = gradInput instanceof Tensor t && t.sameShape(xy[0]) && t.dtype() == xy[0].dtype() ? t : xy[0].zerosLike();
        return xy[0].sub(xy[1], g).mulInPlace(sizeAverage ? 2.0 / xy[0].numel() : 2.0);
    }
}

package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * y_i = e^(x_i) / Σ_j e^(x_j) over the last dimension (the classes of a [B, C] batch; any rank ≥ 1), computed stably
 * as Torch7 does: e^(x_i - m) / Σ_j e^(x_j - m) with m = max_j x_j. Backward: ∂L/∂x_i = y_i (g_i - Σ_j g_j y_j).
 */
public class SoftMax extends Module implements TensorModule {
    public static final ModuleType<SoftMax> TYPE = ModuleType.of("SoftMax", SoftMax.class, SoftMax::new);

    @Override public SoftMax clone() { return (SoftMax) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() < 1) throw new IllegalArgumentException(name() + ": expected at least 1 dimension, got a scalar");
        Tensor y = reuse(output, x, x.sizes());
        int last = x.dim() - 1;
        x.sub(x.max(last).values(), y).expInPlace();
        return y.divInPlace(y.sum(last));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name());
        if (!(output instanceof Tensor y) || !y.sameShape(x)) throw new IllegalStateException(name()
                + ": backward on input " + x.shape() + " needs a forward on that input first");
        Tensor g = Shapes.like(name(), gradOutput, y);
        Tensor gi = reuse(gradInput, y, y.sizes());
        Tensor dot = g.mul(y, gi).sum(y.dim() - 1);                 // Σ_j g_j y_j, [..., 1]
        return g.sub(dot, gi).mulInPlace(y);
    }
}

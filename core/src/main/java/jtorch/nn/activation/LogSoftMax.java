package jtorch.nn.activation;

import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * y_i = x_i - log Σ_j exp(x_j) over the last dimension (the classes of a [B, C] batch), computed stably.
 * Backward: ∂L/∂x_i = g_i - exp(y_i) · Σ_j g_j.
 */
public class LogSoftMax extends Module {

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() < 1) throw new IllegalArgumentException(name() + ": expected at least 1 dimension, got a scalar");
        Tensor y = reuse(output, x, x.sizes());
        return x.sub(x.logsumexp(x.dim() - 1), y);
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor y = (Tensor) output, g = Shapes.like(name(), gradOutput, y);
        Tensor gi = reuse(gradInput, y, y.sizes());
        y.apply(jtorch.backend.UnaryOp.EXP, 0, 0, gi).mulInPlace(g.sum(y.dim() - 1));
        return g.sub(gi, gi);
    }
}

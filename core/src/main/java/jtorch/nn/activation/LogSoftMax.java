package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.backend.ReduceOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * y_i = x_i - log Σ_j exp(x_j) over the last dimension (the classes of a [B, C] batch), computed stably as
 * y_i = (x_i - m) - log Σ_j exp(x_j - m) with m = max_j x_j: the shift is exact, so no precision of |x| is lost
 * (x_i - logsumexp(x) in F32 would lose half an ulp of |x|: -1.0986328 instead of -1.0986123 for three equal
 * entries at -3e4).
 * Backward: ∂L/∂x_i = g_i - exp(y_i) · Σ_j g_j.
 */
public class LogSoftMax extends Module implements TensorModule {
    public static final ModuleType<LogSoftMax> TYPE = ModuleType.of("LogSoftMax", LogSoftMax.class, LogSoftMax::new);

    @Override public LogSoftMax clone() { return (LogSoftMax) super.clone(); }

    private Tensor rows; // [..., 1]: log Σ exp in forward, Σ g in backward

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() < 1) throw new IllegalArgumentException(name() + ": expected at least 1 dimension, got a scalar");
        Tensor y = reuse(output, x, x.sizes());
        x.sub(reduceLast(ReduceOp.MAX, x), y);
        return y.subInPlace(reduceLast(ReduceOp.LOGSUMEXP, y));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor y = (Tensor) output, g = Shapes.like(name(), gradOutput, y);
        Tensor gi = reuse(gradInput, y, y.sizes());
        y.apply(UnaryOp.EXP, 0, 0, gi).mulInPlace(reduceLast(ReduceOp.SUM, g));
        return g.sub(gi, gi);
    }

    /** op over the last dimension into the reused [..., 1] buffer. */
    private Tensor reduceLast(ReduceOp op, Tensor t) {
        int[] s = t.sizes();
        s[s.length - 1] = 1;
        rows = reuse(rows, t, s);
        t.backend().reduce(op, rows, t, t.dim() - 1);
        return rows;
    }

    @Override protected void clearOwnState() { rows = null; }
}

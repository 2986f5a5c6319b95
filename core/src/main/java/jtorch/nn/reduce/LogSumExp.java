package jtorch.nn.reduce;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.nn.TensorModule;
import jtorch.backend.ReduceOp;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * y = log Σ_k exp(x[..., k, ...]) along one dimension, which is removed; computed stably as m + log Σ exp(x - m)
 * with m the maximum, so inputs like 1000 are fine. The batch is dimension 0; negative dims count from the end.
 * Backward: ∂L/∂x[..., k, ...] = softmax_k(x) · g = exp(x[..., k, ...] - y) · g.
 */
public class LogSumExp extends Module implements TensorModule {
    public static final ModuleType<LogSumExp> TYPE = ModuleType.of("LogSumExp", LogSumExp.class,
            m -> ModuleArgs.of("dim", m.dim()),
            a -> new LogSumExp(a.integer("dim")));

    @Override public LogSumExp clone() { return (LogSumExp) super.clone(); }

    private final int dim;

    public int dim() { return dim; }

    public LogSumExp(int dim) { this.dim = dim; }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        int d = Dims.resolve(name(), dim, x);
        Tensor y = reuse(output, x, Dims.removed(x.sizes(), d));
        x.backend().reduce(ReduceOp.LOGSUMEXP, y.unsqueeze(d), x, d);
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name());
        int d = Dims.resolve(name(), dim, x);
        Tensor g = Dims.grad(name(), gradOutput, output, x), y = (Tensor) output;
        Tensor gi = reuse(gradInput, x, x.sizes());
        return x.sub(y.unsqueeze(d), gi).expInPlace().mulInPlace(g.unsqueeze(d));
    }

    @Override public String name() { return "LogSumExp(" + dim + ")"; }
}

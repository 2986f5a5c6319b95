package jtorch.nn.reduce;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.nn.TensorModule;
import jtorch.backend.ReduceOp;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Sum along one dimension, which is removed (Torch7's {@code nn.Sum(dim)}): y[..., ...] = Σ_k x[..., k, ...].
 * Dimensions count the batch as 0; a negative dim counts from the end. [B, T, F] with dim 1 → [B, F].
 * Backward: ∂L/∂x[..., k, ...] = g[..., ...] for every k. {@link Mean} divides by the size of the dimension.
 */
public class Sum extends Module implements TensorModule {
    public static final ModuleType<Sum> TYPE = ModuleType.of("Sum", Sum.class,
            m -> ModuleArgs.of("dim", m.dim()),
            a -> new Sum(a.integer("dim")));

    @Override public Sum clone() { return (Sum) super.clone(); }

    private final int dim;
    private final boolean average;

    public int dim() { return dim; }

    public Sum(int dim) { this(dim, false); }

    Sum(int dim, boolean average) { this.dim = dim; this.average = average; }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        int d = Dims.resolve(name(), dim, x);
        Tensor y = reuse(output, x, Dims.removed(x.sizes(), d));
        x.backend().reduce(ReduceOp.SUM, y.unsqueeze(d), x, d);
        return average ? y.divInPlace(x.size(d)) : y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name());
        int d = Dims.resolve(name(), dim, x);
        Tensor g = Dims.grad(name(), gradOutput, output, x);
        Tensor gi = reuse(gradInput, x, x.sizes()).copy(g.unsqueeze(d));
        return average ? gi.divInPlace(x.size(d)) : gi;
    }

    @Override public String name() { return getClass().getSimpleName() + "(" + dim + ")"; }
}

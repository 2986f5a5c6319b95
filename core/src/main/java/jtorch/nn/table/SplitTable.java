package jtorch.nn.table;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Splits a tensor into a table of its slices along dimension {@code dim} (Torch7's {@code nn.SplitTable(dim)}); the
 * batch is dimension 0 and a negative dim counts from the end. [B, T, F] with dim 1 → {x[:, 0, :], ..., x[:, T-1, :]},
 * T entries of [B, F]. The entries are views of the input (as in Torch7), not copies. Backward: ∂L/∂x stacks the
 * entries' gradients back along dim.
 */
public class SplitTable extends Module {
    public static final ModuleType<SplitTable> TYPE = ModuleType.of("SplitTable", SplitTable.class,
            m -> ModuleArgs.of("dim", m.dim()),
            a -> new SplitTable(a.integer("dim")));

    @Override public SplitTable clone() { return (SplitTable) super.clone(); }

    private final int dim;

    public int dim() { return dim; }

    public SplitTable(int dim) { this.dim = dim; }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        int d = Tables.dim(name(), dim, x.dim(), x);
        Table y = Tables.table(output, x.size(d));
        for (int i = 0; i < x.size(d); i++) y.set(i, x.select(d, i));
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = input.toTensor(name());
        int d = Tables.dim(name(), dim, x.dim(), x);
        Table g = gradOutput.toTable(name() + " gradOutput");
        if (g.size() != x.size(d)) throw new IllegalArgumentException(name() + ": gradOutput has " + g.size()
                + " entries, expected " + x.size(d) + " for input " + x.shape());
        Tensor gi = reuse(gradInput, x, x.sizes());
        for (int i = 0; i < g.size(); i++) {
            Tensor slice = gi.select(d, i), gs = g.get(i).toTensor(name() + " gradOutput entry " + i);
            if (!gs.sameShape(slice)) throw new IllegalArgumentException(name() + ": gradOutput entry " + i + " has shape "
                    + gs.shape() + ", expected " + slice.shape());
            slice.copy(gs);
        }
        return gi;
    }

    @Override public String name() { return "SplitTable(" + dim + ")"; }
}

package jtorch.nn.table;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Concatenates a table of tensors along dimension {@code dim} (Torch7's {@code nn.JoinTable(dim)}); dimensions count
 * the batch as 0, and a negative dim counts from the end. Every entry has the same rank and the same sizes except at
 * dim: {[B, n_1, F], [B, n_2, F]} with dim 1 → [B, n_1 + n_2, F]. Backward: ∂L/∂x_i = the slice of g at x_i's place.
 */
public class JoinTable extends Module {
    public static final ModuleType<JoinTable> TYPE = ModuleType.of("JoinTable", JoinTable.class,
            m -> ModuleArgs.of("dim", m.dim()),
            a -> new JoinTable(a.integer("dim")));

    @Override public JoinTable clone() { return (JoinTable) super.clone(); }

    private final int dim;

    public int dim() { return dim; }

    public JoinTable(int dim) { this.dim = dim; }

    private int check(Tensor[] xs) {
        int d = Tables.dim(name(), dim, xs[0].dim(), xs[0]);
        for (Tensor x : xs) {
            boolean ok = x.dim() == xs[0].dim() && x.dtype() == xs[0].dtype();
            for (int k = 0; ok && k < x.dim(); k++) ok = k == d || x.size(k) == xs[0].size(k);
            if (!ok) throw new IllegalArgumentException(name() + ": table entries must agree in rank, dtype and every size "
                    + "but dimension " + d + ", got " + Tables.describe(xs));
        }
        return d;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] xs = Tables.tensors(name(), input, 1, -1);
        int d = check(xs);
        int[] s = xs[0].sizes();
        s[d] = 0;
        for (Tensor x : xs) s[d] += x.size(d);
        Tensor y = reuse(output, xs[0], s);
        int off = 0;
        for (Tensor x : xs) { y.narrow(d, off, x.size(d)).copy(x); off += x.size(d); }
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] xs = Tables.tensors(name(), input, 1, -1);
        int d = check(xs);
        Tensor g = Tables.gradLike(name(), gradOutput, (Tensor) output);
        Table gi = Tables.table(gradInput, xs.length);
        int off = 0;
        for (int i = 0; i < xs.length; i++) {
            Tables.slot(gi, i, xs[i]).copy(g.narrow(d, off, xs[i].size(d)));
            off += xs[i].size(d);
        }
        return gi;
    }

    @Override public String name() { return "JoinTable(" + dim + ")"; }
}

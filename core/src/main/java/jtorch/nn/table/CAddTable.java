package jtorch.nn.table;

import jtorch.nn.ModuleType;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Sum of a table of same-shape tensors: {x_1, ..., x_n} → y = Σ_i x_i (Torch7's {@code nn.CAddTable}).
 * Backward: ∂L/∂x_i = g for every i (a table of copies).
 */
public class CAddTable extends Module {
    public static final ModuleType<CAddTable> TYPE = ModuleType.of("CAddTable", CAddTable.class, CAddTable::new);

    @Override public CAddTable clone() { return (CAddTable) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] xs = Tables.tensors(name(), input, 1, -1);
        Tables.sameShapes(name(), xs);
        Tensor y = reuse(output, xs[0], xs[0].sizes()).copy(xs[0]);
        for (int i = 1; i < xs.length; i++) y.addInPlace(xs[i]);
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] xs = Tables.tensors(name(), input, 1, -1);
        Tensor g = Tables.gradLike(name(), gradOutput, xs[0]);
        Table gi = Tables.table(gradInput, xs.length);
        for (int i = 0; i < xs.length; i++) Tables.slot(gi, i, xs[i]).copy(g);
        return gi;
    }
}

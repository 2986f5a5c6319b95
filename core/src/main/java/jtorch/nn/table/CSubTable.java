package jtorch.nn.table;

import jtorch.nn.ModuleType;
import jtorch.backend.UnaryOp;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Difference of a table of two same-shape tensors: {a, b} → y = a - b (Torch7's {@code nn.CSubTable}).
 * Backward: {∂L/∂a, ∂L/∂b} = {g, -g}.
 */
public class CSubTable extends Module {
    public static final ModuleType<CSubTable> TYPE = ModuleType.of("CSubTable", CSubTable.class, CSubTable::new);

    @Override public CSubTable clone() { return (CSubTable) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] xs = Tables.tensors(name(), input, 2, 2);
        Tables.sameShapes(name(), xs);
        return xs[0].sub(xs[1], reuse(output, xs[0], xs[0].sizes()));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] xs = Tables.tensors(name(), input, 2, 2);
        Tensor g = Tables.gradLike(name(), gradOutput, xs[0]);
        Table gi = Tables.table(gradInput, 2);
        Tables.slot(gi, 0, xs[0]).copy(g);
        g.apply(UnaryOp.NEG, 0, 0, Tables.slot(gi, 1, xs[1]));
        return gi;
    }
}

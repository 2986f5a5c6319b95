package jtorch.nn.table;

import jtorch.nn.ModuleType;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Element-wise product of a table of same-shape tensors: {x_1, ..., x_n} → y = Π_i x_i (Torch7's
 * {@code nn.CMulTable}). Backward: ∂L/∂x_i = g ⊙ Π_{j≠i} x_j, computed as a product (not y / x_i), so zeros in the
 * inputs are fine.
 */
public class CMulTable extends Module {
    public static final ModuleType<CMulTable> TYPE = ModuleType.of("CMulTable", CMulTable.class, CMulTable::new);

    @Override public CMulTable clone() { return (CMulTable) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] xs = Tables.tensors(name(), input, 1, -1);
        Tables.sameShapes(name(), xs);
        Tensor y = reuse(output, xs[0], xs[0].sizes()).copy(xs[0]);
        for (int i = 1; i < xs.length; i++) y.mulInPlace(xs[i]);
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] xs = Tables.tensors(name(), input, 1, -1);
        Tensor g = Tables.gradLike(name(), gradOutput, xs[0]);
        Table gi = Tables.table(gradInput, xs.length);
        for (int i = 0; i < xs.length; i++) {
            Tensor gii = Tables.slot(gi, i, xs[i]).copy(g);
            for (int j = 0; j < xs.length; j++) if (j != i) gii.mulInPlace(xs[j]);
        }
        return gi;
    }
}

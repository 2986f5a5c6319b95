package jtorch.nn.table;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Shared body of {@link CMaxTable} and {@link CMinTable}: y = max_i x_i (or min), remembering per element the index
 * of the winning input (the first on ties) so that backward routes g there: ∂L/∂x_i = g ⊙ [winner = i].
 */
public abstract class ExtremeTable extends Module {
    private final boolean max;
    private Tensor winner, mask; // winner: index of the extreme input per element (as a value of x's dtype)

    ExtremeTable(boolean max) { this.max = max; }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] xs = Tables.tensors(name(), input, 1, -1);
        Tables.sameShapes(name(), xs);
        int[] s = xs[0].sizes();
        Tensor y = reuse(output, xs[0], s).copy(xs[0]);
        winner = reuse(winner, xs[0], s).fillInPlace(0);
        mask = reuse(mask, xs[0], s);
        for (int i = 1; i < xs.length; i++) {
            xs[i].apply(max ? BinaryOp.GT : BinaryOp.LT, 1, y, mask).applyInPlace(UnaryOp.MUL, i, 0); // i where x_i wins
            winner.applyInPlace(BinaryOp.MAX, 1, mask);  // i exceeds every earlier index, so max records the newest winner
            y.applyInPlace(max ? BinaryOp.MAX : BinaryOp.MIN, 1, xs[i]);
        }
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] xs = Tables.tensors(name(), input, 1, -1);
        Tensor g = Tables.gradLike(name(), gradOutput, xs[0]);
        if (winner == null || !winner.sameShape(xs[0])) throw new IllegalStateException(name()
                + ": backward on input " + Tables.describe(xs) + " needs a forward on that input first");
        Table gi = Tables.table(gradInput, xs.length);
        for (int i = 0; i < xs.length; i++) winner.apply(UnaryOp.EQ, i, 0, Tables.slot(gi, i, xs[i])).mulInPlace(g);
        return gi;
    }

    @Override protected void clearOwnState() { winner = null; mask = null; }
}

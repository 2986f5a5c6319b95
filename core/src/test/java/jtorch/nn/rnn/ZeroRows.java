package jtorch.nn.rnn;

import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Test helper: multiplies x (a tensor, or the first entry of a table) by a fixed 0/1 mask broadcast from [T, B, 1], so
 * a finite-difference check keeps the padded rows exactly zero when it perturbs them.
 */
final class ZeroRows extends Module {
    private final Tensor keep;

    ZeroRows(Tensor keep) { this.keep = keep; }

    private Activity masked(Activity in) {
        if (in instanceof Tensor t) return t.mul(keep.to(t.dtype()).expandAs(t));
        Table tb = (Table) in;
        Tensor x = tb.tensor(0);
        Activity[] r = new Activity[tb.size()];
        r[0] = x.mul(keep.to(x.dtype()).expandAs(x));
        for (int i = 1; i < r.length; i++) r[i] = tb.get(i);
        return Table.of(r);
    }

    @Override public Activity updateOutput(Activity input) { return masked(input); }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) { return masked(gradOutput); }
}

package jtorch.nn.rnn;

import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Test helper for finite differences through padding: y = x ⊙ m with a fixed 0/1 mask m [T, B, 1] (on the first
 * entry of a table input; the other entries pass through), so a perturbed padded element stays exactly zero and the
 * all-zero rows stay padding. (A padded row is a discontinuity of the mask: ±eps on it makes it a real row.)
 */
final class FixedMask extends Module {
    private final Tensor m;

    FixedMask(Tensor m) { this.m = m; }

    /** The mask [T, B, 1] of rows x[t, b] with t &lt; len[b]. */
    static FixedMask lengths(Tensor like, int[] len, int t) {
        Tensor m = like.newZeros(t, len.length, 1);
        for (int b = 0; b < len.length; b++) m.narrow(0, 0, len[b]).select(1, b).fillInPlace(1);
        return new FixedMask(m);
    }

    private Activity apply(Activity a) {
        if (a instanceof Tensor x) return x.mul(m);
        Table t = (Table) a, r = Table.of();
        r.set(0, t.tensor(0).mul(m));
        for (int i = 1; i < t.size(); i++) r.set(i, t.get(i));
        return r;
    }

    @Override public Activity updateOutput(Activity input) { return apply(input); }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) { return apply(gradOutput); }
}

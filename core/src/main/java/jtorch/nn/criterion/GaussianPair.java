package jtorch.nn.criterion;

import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/** The {mu, logvar} table of a diagonal Gaussian, checked: two tensors [B, ...] of one shape, dtype and back end. */
final class GaussianPair {
    private GaussianPair() {}

    static Tensor[] of(String who, Activity input) {
        if (!(input instanceof Table t) || t.size() != 2) throw new IllegalArgumentException(who + ": expected a table "
                + "{mu, logvar} of two tensors [B, D] (the diagonal Gaussian's mean and log-variance), got "
                + (input instanceof Table t2 ? "a table of " + t2.size() + " entries" : "a tensor"));
        Tensor mu = t.get(0).toTensor(who + " mu"), lv = t.get(1).toTensor(who + " logvar");
        if (mu.dim() < 1 || !mu.sameShape(lv)) throw new IllegalArgumentException(who + ": mu and logvar must both be "
                + "[B, D] of one shape, got " + mu.shape() + " and " + lv.shape());
        if (mu.dtype() != lv.dtype() || mu.backend() != lv.backend()) throw new IllegalArgumentException(who
                + ": mu and logvar differ in dtype or back end (" + mu.dtype() + ", " + lv.dtype() + ")");
        return new Tensor[] {mu, lv};
    }
}

package jtorch.nn.softmax;

import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/** Input checks and row operations shared by the output layers of this package. */
final class Rows {
    private Rows() {}

    /** The input table {h [B, H], target [B] I32} of {@code who}, checked; returns {h, target}. */
    static Tensor[] hiddenAndTarget(String who, Activity input, int inputSize, int nWords) {
        if (!(input instanceof Table t) || t.size() != 2) throw new IllegalArgumentException(who + ": expected the "
                + "table {h [B, " + inputSize + "], target [B] I32}, got " + input);
        Tensor h = hidden(who, t.get(0), inputSize), y = t.tensor(1);
        if (y.dtype() != DType.I32 || y.dim() != 1 || y.size(0) != h.size(0)) throw new IllegalArgumentException(who
                + ": expected target [" + h.size(0) + "] I32 word ids for h " + h.shape() + ", got " + y.dtype() + " "
                + y.shape() + " (convert with target.to(DType.I32))");
        if (y.numel() > 0) {
            int lo = (int) y.min(), hi = (int) y.max();
            if (lo < 0 || hi >= nWords) throw new IllegalArgumentException(who + ": target word " + (lo < 0 ? lo : hi)
                    + " out of range [0, " + nWords + ")");
        }
        return new Tensor[] {h, y};
    }

    /** h [B, H], checked. */
    static Tensor hidden(String who, Activity a, int inputSize) {
        Tensor h = a.toTensor(who + " h");
        if (h.dim() != 2 || h.size(1) != inputSize) throw new IllegalArgumentException(who + ": expected h [B, "
                + inputSize + "], got " + h.shape());
        return h;
    }

    /** gradOutput of the given sizes, checked. */
    static Tensor grad(String who, Activity g, int... sizes) {
        Tensor t = g.toTensor(who + " gradOutput");
        if (!java.util.Arrays.equals(t.sizes(), sizes)) throw new IllegalArgumentException(who + ": expected gradOutput "
                + java.util.Arrays.toString(sizes) + ", got " + t.shape());
        return t;
    }

    /** In place over dim 1 of a [N, K] tensor (a view is fine): x ← x - max - log Σ exp(x - max). */
    static Tensor logSoftMaxInPlace(Tensor x) {
        x.subInPlace(x.max(1, true).values());
        return x.subInPlace(x.logsumexp(1, true));
    }

    /** d ← g ⊙ (onehot(col) - exp(logp)) for logp [N, K], g [N], col [N, 1] I32: ∂(g · logp[col])/∂logits. */
    static Tensor logSoftMaxPickGrad(Tensor logp, Tensor g, Tensor col) {
        Tensor g1 = g.view(g.size(0), 1);
        Tensor d = logp.exp().mulInPlace(g1).negInPlace();
        return d.scatterAddInPlace(1, col, g1);
    }

    /** An I32 tensor of {@code v} on like's back end. */
    static Tensor ints(Tensor like, int[] v, int... sizes) { return Tensor.of(v, sizes).to(like.backend()); }
}

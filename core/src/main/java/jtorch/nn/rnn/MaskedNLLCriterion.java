package jtorch.nn.rnn;

import jtorch.nn.Criterion;
import jtorch.nn.criterion.ClassNLLCriterion;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Negative log-likelihood over a padded batch of sequences (PyTorch's {@code nll_loss} with {@code ignore_index} on
 * the flattened batch): input x [T, B, V] of log-probabilities, target [T, B] of class indices (I32, or integral
 * floats) in which the padding index p marks steps that count for nothing; or the table {target, mask} with a 0/1
 * mask [T, B] (0 ignores the step, whatever its target). With class weights w [V] (default 1):
 * <pre>
 * L = -Σ_{(t,b) kept} w[y_tb] · x[t, b, y_tb] / N,   N = Σ_{(t,b) kept} w[y_tb] (sizeAverage, the default), else 1
 * </pre>
 * so with sizeAverage the loss is the mean over the real tokens, whatever the padding. When nothing is kept the loss is
 * 0 (Torch7; PyTorch gives NaN). ∂L/∂x[t, b, y_tb] = -w[y_tb] / N on kept steps, zero elsewhere. Also takes x [N, V]
 * with target [N]. Computed by {@link ClassNLLCriterion} on the [T·B, V] view.
 */
public class MaskedNLLCriterion extends Criterion {
    private final int ignoreIndex;
    private final ClassNLLCriterion nll;

    /** @param ignoreIndex the padding target p (ClassNLLCriterion.NO_IGNORE for none: then only a mask ignores) */
    public MaskedNLLCriterion(int ignoreIndex) { this(null, ignoreIndex); }

    /** Class weights w [V] (null for all 1) and the padding target p. */
    public MaskedNLLCriterion(Tensor weights, int ignoreIndex) {
        this.ignoreIndex = ignoreIndex;
        // a mask replaces ignored targets by -1 when no padding index is given: never a class, so always ignored
        nll = new ClassNLLCriterion(weights, ignoreIndex == ClassNLLCriterion.NO_IGNORE ? -1 : ignoreIndex);
    }

    public int ignoreIndex() { return ignoreIndex; }

    @Override public Criterion sizeAverage(boolean on) {
        nll.sizeAverage(on);
        return super.sizeAverage(on);
    }

    private Tensor flatInput(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() == 3) return x.reshape(x.size(0) * x.size(1), x.size(2));
        if (x.dim() == 2) return x;
        throw new IllegalArgumentException(name() + ": expected log-probabilities [T, B, V] (or [N, V]), got " + x.shape());
    }

    private Tensor flatTarget(Tensor x, Activity target) {
        Tensor y;
        if (target instanceof Table tb) {
            if (tb.size() != 2) throw new IllegalArgumentException(name() + ": expected target [T, B] or {target, mask},"
                    + " got a table of " + tb.size());
            Tensor t = tb.tensor(0), m = tb.tensor(1);
            if (!t.sameShape(m)) throw new IllegalArgumentException(name() + ": target " + t.shape() + " and mask "
                    + m.shape() + " differ in shape");
            Tensor keep = m.to(x.backend()).to(DType.F64).ne(0);
            y = Tensor.where(keep, t.to(x.backend()).to(DType.F64), keep.zerosLike().fillInPlace(nll.ignoreIndex()));
        } else {
            y = target.toTensor(name() + " target");
        }
        int n = x.dim() == 3 ? x.size(0) * x.size(1) : x.size(0);
        boolean ok = x.dim() == 3 ? y.dim() == 2 && y.size(0) == x.size(0) && y.size(1) == x.size(1) : y.dim() == 1;
        if (!ok) throw new IllegalArgumentException(name() + ": expected target " + (x.dim() == 3 ? "[" + x.size(0)
                + ", " + x.size(1) + "]" : "[" + x.size(0) + "]") + " for input " + x.shape() + ", got " + y.shape());
        return y.reshape(n);
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = input.toTensor(name());
        return nll.forward(flatInput(x), flatTarget(x, target));
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = input.toTensor(name());
        Tensor g = nll.backward(flatInput(x), flatTarget(x, target)).toTensor(name());
        return g.view(x.sizes());
    }

    @Override public String name() {
        return "MaskedNLLCriterion" + (ignoreIndex != ClassNLLCriterion.NO_IGNORE ? "(ignore " + ignoreIndex + ")" : "");
    }
}

package jtorch.nn.criterion;

import jtorch.nn.Criterion;
import jtorch.nn.activation.LogSoftMax;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * LogSoftMax followed by {@link ClassNLLCriterion}, in one: input [B, C] of unnormalised scores, target [B] of
 * class indices (I32, or integral floats), optional class weights w [C] and ignoreIndex:
 * loss = Σ_b w[t_b] (log Σ_j exp x[b, j] - x[b, t_b]) / N, N = Σ_b w[t_b] with sizeAverage, else 1 (see
 * ClassNLLCriterion). Backward: ∂loss/∂x[b, j] = w[t_b] (softmax(x_b)_j - [j = t_b]) / N.
 */
public class CrossEntropyCriterion extends Criterion {
    private final LogSoftMax lsm = new LogSoftMax();
    private final ClassNLLCriterion nll;

    public CrossEntropyCriterion() { this(null, ClassNLLCriterion.NO_IGNORE); }

    /** Class weights [C] (null for all 1). */
    public CrossEntropyCriterion(Tensor weights) { this(weights, ClassNLLCriterion.NO_IGNORE); }

    /** Class weights [C] (null for all 1) and a target value whose samples count for nothing. */
    public CrossEntropyCriterion(Tensor weights, int ignoreIndex) {
        nll = new ClassNLLCriterion(weights, ignoreIndex);
        nll.owner = name();
    }

    @Override public CrossEntropyCriterion sizeAverage(boolean on) {
        super.sizeAverage(on);
        nll.sizeAverage(on);
        return this;
    }

    private Tensor check(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 2) throw new IllegalArgumentException(name() + ": expected input [B, C], got " + x.shape());
        return x;
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = check(input);
        return nll.updateOutput(lsm.forward(x), target);
    }

    /** Recomputes the LogSoftMax (cheap) so that it does not rely on a forward of the same input just before. */
    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = check(input);
        Tensor logp = lsm.forward(x);
        return lsm.backward((Activity) x, nll.updateGradInput(logp, target));
    }
}

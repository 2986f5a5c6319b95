package jtorch.nn.criterion;

import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Negative log-likelihood of log-probabilities already picked at the targets (Torch7 rnn's {@code TreeNLLCriterion}):
 * input x [B] = log p(t_b | h_b), e.g. the output of {@link jtorch.nn.softmax.SoftMaxTree}; the target is not read (the
 * module took it; pass anything, e.g. null). loss = -Σ_b x_b / B with sizeAverage, else -Σ_b x_b. Backward: ∂loss/∂x_b
 * = -1/B (or -1).
 */
public class TreeNLLCriterion extends Criterion {
    private Tensor check(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 1) throw new IllegalArgumentException(name() + ": expected input [B] of log-probabilities of the "
                + "targets (SoftMaxTree's output), got " + x.shape());
        return x;
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = check(input);
        return x.numel() == 0 ? 0 : -x.sum() / (sizeAverage ? x.size(0) : 1);
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = check(input);
        return reuse(gradInput, x, x.sizes()).fillInPlace(-1.0 / (sizeAverage ? Math.max(1, x.size(0)) : 1));
    }
}

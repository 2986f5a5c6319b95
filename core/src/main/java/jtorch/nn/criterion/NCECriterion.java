package jtorch.nn.criterion;

import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * The noise-contrastive estimation loss (Gutmann &amp; Hyvärinen 2010; Mnih &amp; Teh 2012; Torch7 dpnn's
 * {@code NCECriterion}) on the logits of {@link jtorch.nn.softmax.NCEModule}: input Δ [B, 1 + k], column 0 the data
 * word, columns 1..k the noise words, Δ = s(w, h) - log(k q(w)) the log-odds that w came from the data. The target is
 * not read (pass anything, e.g. null). With σ the logistic function and softplus(z) = log(1 + e^z):
 * <pre>
 * loss = Σ_b [ -log σ(Δ_b0) - Σ_j log(1 - σ(Δ_bj)) ] / B  =  Σ_b [ softplus(-Δ_b0) + Σ_j softplus(Δ_bj) ] / B
 * </pre>
 * (/ 1 without sizeAverage). Backward: ∂loss/∂Δ_b0 = (σ(Δ_b0) - 1) / B, ∂loss/∂Δ_bj = σ(Δ_bj) / B.
 */
public class NCECriterion extends Criterion {
    static Tensor check(String who, Activity input) {
        Tensor x = input.toTensor(who);
        if (x.dim() != 2 || x.size(1) < 2) throw new IllegalArgumentException(who + ": expected input [B, 1 + k] (column 0 "
                + "the target's logit, then k noise logits; NCEModule's output), got " + x.shape());
        return x;
    }

    /** softplus(z) = max(z, 0) + log(1 + e^-|z|), stable for any z. */
    private static double softplusSum(Tensor z) { return z.relu().sum() + z.abs().negInPlace().expInPlace().addInPlace(1).logInPlace().sum(); }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = check(name(), input);
        int b = x.size(0);
        if (b == 0) return 0;
        double loss = softplusSum(x.narrow(1, 0, 1).neg()) + softplusSum(x.narrow(1, 1, x.size(1) - 1));
        return loss / (sizeAverage ? b : 1);
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = check(name(), input);
        Tensor g = reuse(gradInput, x, x.sizes());
        x.apply(jtorch.backend.UnaryOp.SIGMOID, 0, 0, g);
        g.narrow(1, 0, 1).subInPlace(1);
        return g.mulInPlace(1.0 / (sizeAverage ? Math.max(1, x.size(0)) : 1));
    }
}

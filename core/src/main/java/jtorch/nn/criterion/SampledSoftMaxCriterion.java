package jtorch.nn.criterion;

import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * The sampled-softmax loss (Jean et al. 2015) on the corrected logits of {@link jtorch.nn.softmax.NCEModule}
 * (best with its {@code removeHits}): input x [B, 1 + k], column 0 the target, columns 1..k the noise words, each
 * x = s(w, h) - log(k q(w)). The target is not read (pass anything, e.g. null). A cross-entropy with the target always
 * at column 0:
 * <pre>
 * loss = -Σ_b log softmax(x_b)[0] / B      (/ 1 without sizeAverage)
 * </pre>
 * Backward: ∂loss/∂x_b = (softmax(x_b) - e_0) / B.
 */
public class SampledSoftMaxCriterion extends Criterion {
    private Tensor logp;

    private void forwardLogp(Tensor x) {
        logp = reuse(logp, x, x.sizes()).copy(x);
        logp.subInPlace(logp.max(1, true).values());
        logp.subInPlace(logp.logsumexp(1, true));
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = NCECriterion.check(name(), input);
        if (x.size(0) == 0) return 0;
        forwardLogp(x);
        return -logp.narrow(1, 0, 1).sum() / (sizeAverage ? x.size(0) : 1);
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = NCECriterion.check(name(), input);
        forwardLogp(x);
        Tensor g = reuse(gradInput, x, x.sizes()).copy(logp).expInPlace();
        g.narrow(1, 0, 1).subInPlace(1);
        return g.mulInPlace(1.0 / (sizeAverage ? Math.max(1, x.size(0)) : 1));
    }
}

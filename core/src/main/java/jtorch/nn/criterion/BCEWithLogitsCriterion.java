package jtorch.nn.criterion;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Binary cross-entropy on logits (PyTorch's {@code BCEWithLogitsLoss}): the negative Bernoulli log-likelihood of
 * targets y ∈ [0, 1] under p = sigmoid(x), computed from x without forming p, so that it stays exact for large |x|
 * (where {@link BCECriterion} on Sigmoid's output saturates):
 * <pre>loss = Σ_i [max(x_i, 0) − x_i y_i + log(1 + exp(−|x_i|))] / d</pre>
 * with d from the {@link Reduction}: the element count by default ({@link Reduction#MEAN}, as PyTorch and
 * BCECriterion), B ({@link Reduction#BATCHMEAN}: the VAE's Bernoulli decoder in nats per example) or 1
 * ({@link Reduction#SUM}); {@code sizeAverage(true)} is MEAN, false SUM. Input and target have the same shape [B, ...].
 * Backward: ∂loss/∂x = (sigmoid(x) − y) / d. Computed as ½ (Σ x + Σ |x|) − Σ log sigmoid(|x|) − Σ x y (three
 * element-wise passes; log sigmoid(|x|) ∈ [−log 2, 0) loses nothing for large |x|).
 */
public class BCEWithLogitsCriterion extends Criterion {
    private Reduction reduction = Reduction.MEAN;
    private Tensor terms;

    public Reduction reduction() { return reduction; }

    /** Sets the reduction; returns this. */
    public BCEWithLogitsCriterion reduction(Reduction r) {
        if (r == null) throw new IllegalArgumentException(name() + ": null reduction");
        reduction = r;
        sizeAverage = r != Reduction.SUM;
        return this;
    }

    /** true: {@link Reduction#MEAN}; false: {@link Reduction#SUM}. */
    @Override public BCEWithLogitsCriterion sizeAverage(boolean on) { return reduction(on ? Reduction.MEAN : Reduction.SUM); }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = targetLike(x, target);
        int[] s = x.sizes();
        // max(x, 0) + log(1 + exp(-|x|)) - x y, summed as ½ (Σ x + Σ |x|) - Σ log sigmoid(|x|) - x·y: three
        // element-wise passes (abs, sigmoid, log) and four sums
        terms = x.apply(UnaryOp.ABS, 0, 0, reuse(terms, x, s));
        double relu = 0.5 * (x.sum() + terms.sum());
        terms.applyInPlace(UnaryOp.SIGMOID, 0, 0).applyInPlace(UnaryOp.LOG, 0, 0);
        double xy = x.numel() == 0 ? 0 : x.contiguous().view(-1).dot(y.contiguous().view(-1));
        return (relu - terms.sum() - xy) / reduction.divisor(s);
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = targetLike(x, target);
        return x.apply(UnaryOp.SIGMOID, 0, 0, reuse(gradInput, x, x.sizes())).applyInPlace(BinaryOp.SUB, 1, y)
                .applyInPlace(UnaryOp.MUL, 1 / reduction.divisor(x.sizes()), 0);
    }
}

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
 * Backward: ∂loss/∂x = (sigmoid(x) − y) / d.
 */
public class BCEWithLogitsCriterion extends Criterion {
    private Reduction reduction = Reduction.MEAN;
    private Tensor terms, tmp;

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
        // log(1 + exp(-|x|)) + relu(x) - x y
        terms = x.apply(UnaryOp.ABS, 0, 0, reuse(terms, x, s)).applyInPlace(UnaryOp.NEG, 0, 0)
                .applyInPlace(UnaryOp.EXP, 0, 0).applyInPlace(UnaryOp.ADD, 1, 0).applyInPlace(UnaryOp.LOG, 0, 0)
                .applyInPlace(BinaryOp.ADD, 1, x.apply(UnaryOp.RELU, 0, 0, tmp = reuse(tmp, x, s)));
        double xy = x.numel() == 0 ? 0 : x.contiguous().view(-1).dot(y.contiguous().view(-1));
        return (terms.sum() - xy) / reduction.divisor(s);
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), y = targetLike(x, target);
        return x.apply(UnaryOp.SIGMOID, 0, 0, reuse(gradInput, x, x.sizes())).applyInPlace(BinaryOp.SUB, 1, y)
                .applyInPlace(UnaryOp.MUL, 1 / reduction.divisor(x.sizes()), 0);
    }
}

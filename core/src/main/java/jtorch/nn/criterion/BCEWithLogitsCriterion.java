package jtorch.nn.criterion;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Binary cross-entropy of logits z (any real numbers; the probability is σ(z) = 1 / (1 + e^−z)) and targets y (usually
 * 0 or 1, soft targets allowed), PyTorch's {@code BCEWithLogitsLoss}: the same loss as {@link BCECriterion} on σ(z),
 * written in the stable form
 * <pre>
 *   loss = Σ_i [ max(z_i, 0) − z_i y_i + log(1 + e^−|z_i|) ] / n      (n = number of elements with sizeAverage, else 1)
 *   ∂loss/∂z_i = (σ(z_i) − y_i) / n
 * </pre>
 * so a confident wrong logit (|z| ≫ 1) gives a large finite loss and a gradient of size 1/n instead of the 0 or ∞ that
 * a Sigmoid followed by {@link BCECriterion} reaches in floating point. Used for the GAN losses of
 * {@code jtorch.train.GanTrainer}. Input and target have the same shape, any shape.
 */
public class BCEWithLogitsCriterion extends Criterion {
    private Tensor terms;

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor z = input.toTensor(name()), y = targetLike(z, target);
        // log(1 + e^-|z|) + max(z, 0) - z y
        terms = z.apply(UnaryOp.ABS, 0, 0, reuse(terms, z, z.sizes())).applyInPlace(UnaryOp.NEG, 0, 0)
                .applyInPlace(UnaryOp.EXP, 0, 0).applyInPlace(UnaryOp.ADD, 1, 0).applyInPlace(UnaryOp.LOG, 0, 0);
        double s = terms.sum();
        s -= z.apply(BinaryOp.MUL, 1, y, terms).sum();
        s += z.apply(UnaryOp.RELU, 0, 0, terms).sum();
        return sizeAverage ? s / z.numel() : s;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor z = input.toTensor(name()), y = targetLike(z, target);
        Tensor g = z.apply(UnaryOp.SIGMOID, 0, 0, reuse(gradInput, z, z.sizes())).applyInPlace(BinaryOp.SUB, 1, y);
        return g.mulInPlace(sizeAverage ? 1.0 / z.numel() : 1.0);
    }
}

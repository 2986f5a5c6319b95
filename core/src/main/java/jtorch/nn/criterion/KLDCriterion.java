package jtorch.nn.criterion;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * KL(q ‖ N(0, I)) of a diagonal Gaussian q = N(μ, diag(σ²)) given as the table {mu, logvar} (log σ²), both [B, D]
 * (any [B, ...]): the regulariser of a variational auto-encoder (Kingma and Welling 2014, appendix B), in closed form
 * <pre>loss = ½ Σ_{b,i} (μ_bi² + exp(logvar_bi) − 1 − logvar_bi) / d</pre>
 * with d from the {@link Reduction}: B by default ({@link Reduction#BATCHMEAN}: nats per example), the element count
 * ({@link Reduction#MEAN}) or 1 ({@link Reduction#SUM}); {@code sizeAverage(true)} is BATCHMEAN, false SUM. The target
 * is ignored (pass null). Backward, a table: {∂loss/∂μ = μ / d, ∂loss/∂logvar = ½ (exp(logvar) − 1) / d}.
 */
public class KLDCriterion extends Criterion {
    private Reduction reduction = Reduction.BATCHMEAN;
    private Tensor terms, tmp, gMu, gLv;
    private final Table grads = Table.of();

    public Reduction reduction() { return reduction; }

    /** Sets the reduction; returns this. */
    public KLDCriterion reduction(Reduction r) {
        if (r == null) throw new IllegalArgumentException(name() + ": null reduction");
        reduction = r;
        sizeAverage = r != Reduction.SUM;
        return this;
    }

    /** true: {@link Reduction#BATCHMEAN}; false: {@link Reduction#SUM}. */
    @Override public KLDCriterion sizeAverage(boolean on) { return reduction(on ? Reduction.BATCHMEAN : Reduction.SUM); }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor[] p = GaussianPair.of(name(), input);
        Tensor mu = p[0], lv = p[1];
        int[] s = mu.sizes();
        terms = lv.apply(UnaryOp.EXP, 0, 0, reuse(terms, mu, s)).applyInPlace(BinaryOp.SUB, 1, lv)
                .applyInPlace(BinaryOp.ADD, 1, mu.apply(UnaryOp.SQUARE, 0, 0, tmp = reuse(tmp, mu, s)));
        return 0.5 * (terms.sum() - mu.numel()) / reduction.divisor(s);
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor[] p = GaussianPair.of(name(), input);
        Tensor mu = p[0], lv = p[1];
        int[] s = mu.sizes();
        double d = reduction.divisor(s);
        gMu = mu.apply(UnaryOp.MUL, 1 / d, 0, reuse(gMu, mu, s));
        gLv = lv.apply(UnaryOp.EXP, 0, 0, reuse(gLv, mu, s)).applyInPlace(UnaryOp.ADD, -1, 0)
                .applyInPlace(UnaryOp.MUL, 0.5 / d, 0);
        grads.set(0, gMu);
        grads.set(1, gLv);
        return grads;
    }

    @Override public String name() { return "KLDCriterion"; }
}

package jtorch.nn.criterion;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Negative log-likelihood of a target x under a diagonal Gaussian N(μ, diag(exp(logvar))) given as the table
 * {mu, logvar}, all three [B, D] (any [B, ...]): the reconstruction term of a Gaussian-decoder VAE,
 * <pre>loss = ½ Σ_{b,i} (log 2π + logvar_bi + (x_bi − μ_bi)² exp(−logvar_bi)) / d</pre>
 * (with {@code full = false} the constant log 2π is left out, as PyTorch's {@code gaussian_nll_loss(full=False)}, which
 * takes the variance exp(logvar) instead of its log and clamps it at eps). d from the {@link Reduction}: B by default
 * ({@link Reduction#BATCHMEAN}: nats per example), the element count ({@link Reduction#MEAN}, PyTorch's 'mean') or 1
 * ({@link Reduction#SUM}); {@code sizeAverage(true)} is BATCHMEAN, false SUM. Backward, a table, with
 * r = (x − μ)² exp(−logvar): {∂loss/∂μ = (μ − x) exp(−logvar) / d, ∂loss/∂logvar = ½ (1 − r) / d}.
 */
public class GaussianCriterion extends Criterion {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final boolean full;
    private Reduction reduction = Reduction.BATCHMEAN;
    private Tensor diff, prec, gMu, gLv;
    private final Table grads = Table.of();

    /** With the constant (a log-likelihood in nats). */
    public GaussianCriterion() { this(true); }

    public GaussianCriterion(boolean full) { this.full = full; }

    public boolean full() { return full; }

    public Reduction reduction() { return reduction; }

    /** Sets the reduction; returns this. */
    public GaussianCriterion reduction(Reduction r) {
        if (r == null) throw new IllegalArgumentException(name() + ": null reduction");
        reduction = r;
        sizeAverage = r != Reduction.SUM;
        return this;
    }

    /** true: {@link Reduction#BATCHMEAN}; false: {@link Reduction#SUM}. */
    @Override public GaussianCriterion sizeAverage(boolean on) { return reduction(on ? Reduction.BATCHMEAN : Reduction.SUM); }

    /** Fills diff = x − μ and prec = exp(−logvar); returns {mu, logvar}. */
    private Tensor[] compute(Activity input, Activity target) {
        Tensor[] p = GaussianPair.of(name(), input);
        Tensor x = targetLike(p[0], target);
        int[] s = p[0].sizes();
        diff = x.sub(p[0], reuse(diff, p[0], s));
        prec = p[1].apply(UnaryOp.NEG, 0, 0, reuse(prec, p[0], s)).applyInPlace(UnaryOp.EXP, 0, 0);
        return p;
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor[] p = compute(input, target);
        // Σ logvar + Σ diff² · prec, the second in gMu's buffer
        Tensor r = diff.apply(UnaryOp.SQUARE, 0, 0, gMu = reuse(gMu, p[0], p[0].sizes())).applyInPlace(BinaryOp.MUL, 1, prec);
        double s = p[1].sum() + r.sum() + (full ? LOG_2PI * p[0].numel() : 0);
        return 0.5 * s / reduction.divisor(p[0].sizes());
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor[] p = compute(input, target);
        int[] s = p[0].sizes();
        double d = reduction.divisor(s);
        gLv = diff.apply(UnaryOp.SQUARE, 0, 0, reuse(gLv, p[0], s)).applyInPlace(BinaryOp.MUL, 1, prec)
                .applyInPlace(UnaryOp.RSUB, 1, 0).applyInPlace(UnaryOp.MUL, 0.5 / d, 0);
        gMu = diff.apply(BinaryOp.MUL, 1, prec, reuse(gMu, p[0], s)).applyInPlace(UnaryOp.MUL, -1 / d, 0);
        grads.set(0, gMu);
        grads.set(1, gLv);
        return grads;
    }

    @Override public String name() { return "GaussianCriterion"; }
}

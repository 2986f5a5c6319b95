package jtorch.nn.criterion;

import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Multi-class hinge loss: input [B, C] of scores, target [B] of class indices 0..C-1 (I32, or integral floats).
 * Per sample, with z_i = margin - x[y] + x[i]: loss_b = w[y] Σ_{i≠y} max(0, z_i)^p / C, p ∈ {1, 2}, margin
 * default 1, class weights w [C] default 1 (applied after the power, as Torch7's THNN and PyTorch compute it);
 * loss = Σ_b loss_b / B with sizeAverage, else the sum. Backward: for each i ≠ y with z_i &gt; 0,
 * h = w[y] (p = 1 ? 1 : 2 z_i) / (C · B); ∂/∂x[i] += h, ∂/∂x[y] -= h.
 */
public class MultiMarginCriterion extends Criterion {
    private final int p;
    private final double margin;
    private final Tensor weights; // [C] or null
    private Targets.ClassIndex targets;

    public MultiMarginCriterion() { this(1, 1, null); }

    public MultiMarginCriterion(int p, double margin, Tensor weights) {
        if (p != 1 && p != 2) throw new IllegalArgumentException("MultiMarginCriterion: p must be 1 or 2, got " + p);
        if (weights != null && weights.dim() != 1) throw new IllegalArgumentException("MultiMarginCriterion"
                + ": class weights must be 1-d [C], got " + weights.shape());
        this.p = p;
        this.margin = margin;
        this.weights = weights;
    }

    public int p() { return p; }

    public double margin() { return margin; }

    public Tensor weights() { return weights; }

    private Tensor check(Activity input, Activity target) {
        Tensor x = input.toTensor(name());
        if (weights != null && x.dim() == 2 && weights.size(0) != x.size(1)) throw new IllegalArgumentException(name()
                + ": " + weights.size(0) + " class weights for input " + x.shape() + " of " + x.size(1) + " classes");
        targets = Targets.classes(name(), x, target, ClassNLLCriterion.NO_IGNORE);
        return x;
    }

    private double norm(Tensor x) { return x.size(1) * (sizeAverage && x.size(0) > 0 ? (double) x.size(0) : 1); }

    /** The terms of one batch, with tensor operations only: z, the active-term mask, and w[y] per sample [B, 1]. */
    private record Terms(Tensor z, Tensor active, Tensor rowWeight) {}

    private Terms terms(Tensor x) {
        int b = x.size(0);
        Tensor idx = targets.index();
        Tensor z = x.sub(x.gather(1, idx)).addInPlace(margin); // margin - x[y] + x[i]
        Tensor notTarget = x.zerosLike().scatterAddInPlace(1, idx, x.newZeros(b, 1).fillInPlace(1)).applyInPlace(
                jtorch.backend.UnaryOp.RSUB, 1, 0);
        Tensor active = z.apply(jtorch.backend.UnaryOp.GT, 0, 0).mulInPlace(notTarget);
        Tensor w = weights == null ? null : weights.to(x.backend()).to(x.dtype()).indexSelect(0, idx.view(b)).view(b, 1);
        return new Terms(z, active, w);
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = check(input, target);
        if (x.size(1) == 0 || x.size(0) == 0) return 0;
        Terms t = terms(x);
        Tensor h = t.z().mul(t.active());
        if (p == 2) h.mulInPlace(h);
        if (t.rowWeight() != null) h.mulInPlace(t.rowWeight());
        return h.sum() / norm(x);
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = check(input, target);
        Tensor g = reuse(gradInput, x, x.sizes()).fillInPlace(0);
        if (x.size(1) == 0 || x.size(0) == 0) return g;
        Terms t = terms(x);
        Tensor h = p == 1 ? t.active().clone() : t.z().mul(t.active()).mulInPlace(2);
        h.mulInPlace(1 / norm(x));
        if (t.rowWeight() != null) h.mulInPlace(t.rowWeight());
        g.copy(h);
        return g.scatterAddInPlace(1, targets.index(), h.sum(1).applyInPlace(jtorch.backend.UnaryOp.NEG, 0, 0));
    }

    @Override public String name() {
        return "MultiMarginCriterion" + (p == 1 && margin == 1 ? "" : "(p=" + p + ", margin=" + margin + ")");
    }
}

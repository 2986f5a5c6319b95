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
    private int[] targets;

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
        targets = Targets.classes(name(), x, target, ClassNLLCriterion.NO_IGNORE, targets);
        return x;
    }

    private double norm(Tensor x) { return x.size(1) * (sizeAverage && x.size(0) > 0 ? (double) x.size(0) : 1); }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = check(input, target);
        double sum = 0;
        for (int b = 0; b < targets.length; b++) {
            int y = targets[b];
            double xy = x.get(b, y), row = 0;
            for (int i = 0; i < x.size(1); i++) {
                double z = margin - xy + x.get(b, i);
                if (i != y && z > 0) row += p == 1 ? z : z * z;
            }
            sum += weights == null ? row : row * weights.get(y);
        }
        return x.size(1) == 0 ? 0 : sum / norm(x);
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = check(input, target);
        Tensor g = reuse(gradInput, x, x.sizes()).fillInPlace(0);
        if (x.size(1) == 0) return g;
        double n = norm(x);
        for (int b = 0; b < targets.length; b++) {
            int y = targets[b];
            double xy = x.get(b, y), scale = (weights == null ? 1 : weights.get(y)) / n, gy = 0;
            for (int i = 0; i < x.size(1); i++) {
                double z = margin - xy + x.get(b, i);
                if (i == y || z <= 0) continue;
                double h = scale * (p == 1 ? 1 : 2 * z);
                g.set(h, b, i);
                gy -= h;
            }
            g.set(gy, b, y);
        }
        return g;
    }

    @Override public String name() {
        return "MultiMarginCriterion" + (p == 1 && margin == 1 ? "" : "(p=" + p + ", margin=" + margin + ")");
    }
}

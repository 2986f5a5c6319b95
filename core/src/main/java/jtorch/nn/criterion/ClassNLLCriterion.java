package jtorch.nn.criterion;

import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Negative log-likelihood of class indices: input [B, C] of log-probabilities (e.g. from LogSoftMax), target [B] of
 * class indices 0..C-1 (I32, or integral floats). With class weights w [C] (default all 1) and ignoreIndex (default
 * none): loss = -Σ_b w[t_b] · x[b, t_b] / N over the samples with t_b ≠ ignoreIndex, where N = Σ_b w[t_b] with
 * sizeAverage (Torch7 and PyTorch 'mean'; when that sum is 0 the loss is the plain sum, 0, as in Torch7), else 1.
 * Backward: ∂loss/∂x[b, t_b] = -w[t_b] / N, zero elsewhere and on ignored rows. Computed with gather and scatterAdd
 * (no element loops), so it runs unchanged on any back end.
 */
public class ClassNLLCriterion extends Criterion {
    /** ignoreIndex value meaning "ignore nothing". */
    public static final int NO_IGNORE = Integer.MIN_VALUE;
    private final Tensor weights; // [C] or null
    private final int ignoreIndex;
    private Targets.ClassIndex targets;
    private Targets.Scratch scratch = new Targets.Scratch();
    private Tensor picked, values; // [B] and [B, 1] scratch
    private Tensor sampleWeights; // [B]: w[t_b] for kept samples, 0 for ignored
    /** The name errors use: CrossEntropyCriterion sets its own. */
    String owner;

    public ClassNLLCriterion() { this(null, NO_IGNORE); }

    /** Class weights [C] (null for all 1). */
    public ClassNLLCriterion(Tensor weights) { this(weights, NO_IGNORE); }

    /** Class weights [C] (null for all 1) and a target value whose samples count for nothing ({@link #NO_IGNORE}). */
    public ClassNLLCriterion(Tensor weights, int ignoreIndex) {
        if (weights != null && weights.dim() != 1) throw new IllegalArgumentException(name()
                + ": class weights must be 1-d [C], got " + weights.shape());
        this.weights = weights;
        this.ignoreIndex = ignoreIndex;
    }

    public Tensor weights() { return weights; }

    @Override public String name() { return owner != null ? owner : super.name(); }

    public int ignoreIndex() { return ignoreIndex; }

    private Tensor check(Activity input, Activity target) {
        Tensor x = input.toTensor(name());
        if (weights != null && x.dim() == 2 && weights.size(0) != x.size(1)) throw new IllegalArgumentException(name()
                + ": " + weights.size(0) + " class weights for input " + x.shape() + " of " + x.size(1) + " classes");
        targets = Targets.classes(name(), x, target, ignoreIndex, scratch);
        sampleWeights = weights == null ? targets.keep()
                : weights.to(x.backend()).to(x.dtype()).indexSelect(0, targets.index().view(x.size(0))).mulInPlace(targets.keep());
        return x;
    }

    /** N: Σ w[t_b] over the kept samples with sizeAverage (1 when that is 0), else 1. */
    private double norm() {
        if (!sizeAverage) return 1;
        double wsum = sampleWeights.sum();
        return wsum == 0 ? 1 : wsum;
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = check(input, target);
        if (x.size(0) == 0) return 0;
        picked = reuse(picked, x, x.size(0), 1);
        x.gather(1, targets.index(), picked);
        return -picked.view(x.size(0)).mulInPlace(sampleWeights).sum() / norm();
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = check(input, target);
        Tensor g = reuse(gradInput, x, x.sizes()).fillInPlace(0);
        if (x.size(0) == 0) return g;
        values = reuse(values, x, x.size(0), 1);
        values.view(x.size(0)).copy(sampleWeights).mulInPlace(-1 / norm());
        return g.scatterAddInPlace(1, targets.index(), values);
    }
}

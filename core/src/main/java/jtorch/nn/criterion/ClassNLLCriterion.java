package jtorch.nn.criterion;

import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Negative log-likelihood of class indices: input [B, C] of log-probabilities (e.g. from LogSoftMax), target [B] of
 * class indices 0..C-1 (I32, or integral floats). With class weights w (default 1) and ignoreIndex (default none):
 * loss = -Σ_b w[t_b] · x[b, t_b] / (sizeAverage ? Σ_b w[t_b] : 1), summing over samples whose t_b ≠ ignoreIndex.
 * Backward: ∂loss/∂x[b, t_b] = -w[t_b] / norm, zero elsewhere.
 */
public class ClassNLLCriterion extends Criterion {
    private final Tensor weights; // [C] or null
    private final int ignoreIndex;
    private int[] targets = new int[0];


    public ClassNLLCriterion() { this(null, Integer.MIN_VALUE); }

    /** Class weights [C] (or null for all 1) and a target value to ignore (Integer.MIN_VALUE for none). */
    public ClassNLLCriterion(Tensor weights, int ignoreIndex) {
        if (weights != null && weights.dim() != 1) throw new IllegalArgumentException(name()
                + ": class weights must be 1-d [C], got " + weights.shape());
        this.weights = weights;
        this.ignoreIndex = ignoreIndex;
    }

    private Tensor check(Activity input, Activity target) {
        Tensor x = input.toTensor(name()), t = target.toTensor(name() + " target");
        if (x.dim() != 2) throw new IllegalArgumentException(name() + ": expected input [B, C], got " + x.shape());
        int b = x.size(0), c = x.size(1);
        if (t.dim() != 1 || t.size(0) != b) throw new IllegalArgumentException(name() + ": expected target [" + b
                + "] for input " + x.shape() + ", got " + t.shape());
        if (weights != null && weights.size(0) != c) throw new IllegalArgumentException(name() + ": " + weights.size(0)
                + " class weights for " + c + " classes");
        double[] raw = t.toDoubleArray();
        if (targets.length != b) targets = new int[b];
        for (int i = 0; i < b; i++) {
            double v = raw[i];
            if (v != Math.rint(v)) throw new IllegalArgumentException(name() + ": target " + i + " is " + v
                    + ", not a class index");
            int k = (int) v;
            if (k != ignoreIndex && (k < 0 || k >= c)) throw new IllegalArgumentException(name() + ": target " + i
                    + " is class " + k + ", outside 0.." + (c - 1));
            targets[i] = k;
        }
        return x;
    }

    private double w(int k) { return weights == null ? 1 : weights.get(k); }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor x = check(input, target);
        double sum = 0, wsum = 0;
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] == ignoreIndex) continue;
            sum -= w(targets[i]) * x.get(i, targets[i]);
            wsum += w(targets[i]);
        }
        return sum / (sizeAverage ? wsum : 1);
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor x = check(input, target);
        Tensor g = gradInput instanceof Tensor t && t.sameShape(x) && t.dtype() == x.dtype() ? t : x.zerosLike();
        g.fillInPlace(0);
        double wsum = 0;
        for (int i = 0; i < targets.length; i++) if (targets[i] != ignoreIndex) wsum += w(targets[i]);
        double n = sizeAverage ? wsum : 1;
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] != ignoreIndex) g.set(-w(targets[i]) / n, i, targets[i]);
        }
        return g;
    }
}

package jtorch.nn.criterion;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * WARP, the Weighted Approximate-Rank Pairwise loss of WSABIE (Weston, Bengio and Usunier 2011, "WSABIE: scaling up to
 * large vocabulary image annotation"), for joint embeddings: input scores s [B, C] of every label for each example
 * (e.g. the dot products of an image embedding with C label embeddings), target [B] of the correct label (I32, or
 * integral floats, in 0..C-1). For each example b with label y, negatives j ≠ y are drawn uniformly without
 * replacement until one violates the margin, margin + s_bj - s_by &gt; 0; if the N-th draw is the first violator j,
 * the rank of y is estimated as k = ⌊(C - 1)/N⌋ and
 * <pre>
 *   z_b = L(k) · (margin + s_bj - s_by),   L(k) = Σ_{i=1..k} 1/i
 * </pre>
 * (z_b = 0 when no negative violates the margin). loss = Σ_b z_b / B with sizeAverage, else the sum; margin defaults
 * to 1. Backward: ∂loss/∂s_bj = L(k)/B, ∂loss/∂s_by = -L(k)/B, zero elsewhere, with the draws of the last forward.
 * <p>Sampling: drawing without replacement until the first violator is done exactly, with tensor operations, by
 * giving every label an independent key u ~ U[0, 1) (the draw order is the order of the keys): j is the violator with
 * the smallest key, and N - 1 is the number of non-violating negatives with smaller keys. The keys come from this
 * criterion's own {@link Generator} (seeded in the constructor, so runs are reproducible) and are drawn afresh at every
 * {@link #forward}; {@link #backward} uses the last forward's keys. {@link #freezeSamples(boolean) freezeSamples(true)}
 * reuses the keys of the last draw at every forward (for gradient checks: with the samples fixed the loss is piecewise
 * linear in s). Each forward draws B·C keys on the host (one [B, C] F64 tensor).
 */
public class WARPCriterion extends Criterion {
    private final double margin;
    private final Generator generator;
    private boolean frozen;
    private final Targets.Scratch scratch = new Targets.Scratch();
    private Tensor keys, onehot, ones, sp, hinge, viol, key, below, rankWeight, table, grad, tmp;
    private Tensor.MaxMin first;

    /** Margin 1, a generator split from {@link Generator#global()}. */
    public WARPCriterion() { this(1, Generator.global().split()); }

    public WARPCriterion(double margin, long seed) { this(margin, new Generator(seed)); }

    public WARPCriterion(double margin, Generator generator) {
        if (!(margin >= 0) || Double.isInfinite(margin)) throw new IllegalArgumentException("WARPCriterion: margin must be"
                + " finite and >= 0, got " + margin);
        this.margin = margin;
        this.generator = generator;
    }

    public double margin() { return margin; }

    /** With {@code true}, every forward reuses the keys (the sampled negatives' order) of the last draw. */
    public WARPCriterion freezeSamples(boolean freeze) { frozen = freeze; return this; }

    /**
     * The weight L(k) of each example of the last forward or backward ([B, 1], 0 where no negative violated the margin),
     * in the input's dtype: a view of an internal buffer.
     */
    public Tensor rankWeights() {
        if (rankWeight == null) throw new IllegalStateException(name() + ": rankWeights before any forward");
        return rankWeight;
    }

    /** Computes the first violators and their weights for scores s with the current keys; returns the class indices. */
    private Tensor compute(Tensor s, Activity target, boolean draw) {
        if (s.dim() != 2 || s.size(1) < 2) throw new IllegalArgumentException(name() + ": expected scores [B, C] with C >= 2"
                + " labels, got " + s.shape());
        Tensor index = Targets.classes(name(), s, target, ClassNLLCriterion.NO_IGNORE, scratch).index();
        int b = s.size(0), c = s.size(1);
        boolean have = keys != null && keys.size(0) == b && keys.size(1) == c && keys.dtype() == s.dtype()
                && keys.backend() == s.backend();
        if (draw && !(frozen && have)) {
            keys = reuse(keys, s, b, c).copy(Tensor.rand(DType.F64, generator, b, c).to(s.backend()).to(s.dtype()));
        } else if (!have) {
            throw new IllegalStateException(name() + ": backward of scores " + s.shape() + " without a forward of that shape");
        }
        ones = reuse(ones, s, b, 1).fillInPlace(1);
        onehot = reuse(onehot, s, b, c).fillInPlace(0).scatterAddInPlace(1, index, ones);
        sp = s.gather(1, index, reuse(sp, s, b, 1));
        hinge = s.apply(BinaryOp.SUB, 1, sp, reuse(hinge, s, b, c)).applyInPlace(UnaryOp.ADD, margin, 0);
        // violators: hinge > 0 and not the correct label
        viol = hinge.apply(UnaryOp.GT, 0, 0, reuse(viol, s, b, c)).applyInPlace(BinaryOp.SUB, 1, onehot)
                .applyInPlace(UnaryOp.GT, 0, 0);
        // non-violators get keys >= 2, so the smallest key is the first violator drawn (if any)
        key = viol.apply(UnaryOp.RSUB, 1, 0, reuse(key, s, b, c)).applyInPlace(UnaryOp.MUL, 2, 0)
                .applyInPlace(BinaryOp.ADD, 1, keys);
        first = key.min(1);
        Tensor u = first.values();
        // N = 1 + #{negatives drawn before the first violator}
        below = keys.apply(BinaryOp.LT, 1, u, reuse(below, s, b, c)).applyInPlace(BinaryOp.SUB, 1, onehot)
                .applyInPlace(UnaryOp.GT, 0, 0);
        Tensor draws = below.sum(1).applyInPlace(UnaryOp.ADD, 1, 0).view(b).to(DType.I32);
        rankWeight = reuse(rankWeight, s, b, 1);
        rankWeight.view(b).copy(table(s, c).gather(0, draws));
        rankWeight.applyInPlace(BinaryOp.MUL, 1, u.apply(UnaryOp.LT, 2, 0, tmp = reuse(tmp, s, b, 1)));
        return index;
    }

    /** T[N] = L(⌊(C - 1)/N⌋) for N = 0..C (T[0] = 0 and T[C] = 0 are never used with a nonzero weight). */
    private Tensor table(Tensor s, int c) {
        if (table != null && table.size(0) == c + 1 && table.dtype() == s.dtype() && table.backend() == s.backend()) return table;
        double[] t = new double[c + 1];
        double[] harmonic = new double[c];
        for (int k = 1; k < c; k++) harmonic[k] = harmonic[k - 1] + 1.0 / k;
        for (int n = 1; n < c; n++) t[n] = harmonic[(c - 1) / n];
        table = Tensor.of(t, c + 1).to(s.backend()).to(s.dtype());
        return table;
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor s = input.toTensor(name() + " input");
        compute(s, target, true);
        Tensor picked = hinge.gather(1, first.indices(), tmp);
        double total = picked.applyInPlace(BinaryOp.MUL, 1, rankWeight).sum();
        return sizeAverage && s.size(0) > 0 ? total / s.size(0) : total;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor s = input.toTensor(name() + " input");
        Tensor index = compute(s, target, false);
        int b = s.size(0);
        double n = sizeAverage && b > 0 ? b : 1;
        Tensor w = rankWeight.apply(UnaryOp.MUL, 1 / n, 0, tmp);
        grad = reuse(grad, s, b, s.size(1)).fillInPlace(0).scatterAddInPlace(1, first.indices(), w);
        return grad.scatterAddInPlace(1, index, w.applyInPlace(UnaryOp.NEG, 0, 0));
    }

    @Override public String name() { return margin == 1 ? "WARPCriterion" : "WARPCriterion(margin=" + margin + ")"; }
}

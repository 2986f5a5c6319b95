package jtorch.nn.criterion;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * The contrastive loss of DrLIM (Hadsell, Chopra and LeCun 2006, "Dimensionality reduction by learning an invariant
 * mapping"), for Siamese nets: input a table {x1 [B, D], x2 [B, D]} of the two embeddings of each pair, target
 * y [B] of 1 (similar pair) or -1 (dissimilar pair), the convention of {@link HingeEmbeddingCriterion} and
 * {@link CosineEmbeddingCriterion} (the paper's label is Y = (1 - y)/2: 0 similar, 1 dissimilar). With
 * D_b = |x1_b - x2_b|₂:
 * <pre>
 *   z_b = ½ D_b²                    if y_b = 1   (pull similar pairs together)
 *   z_b = ½ max(0, margin - D_b)²   if y_b = -1  (push dissimilar pairs apart, up to the margin)
 * </pre>
 * loss = Σ_b z_b / B with sizeAverage, else the sum; margin defaults to 1. Backward (a table {g1, g2}), with
 * d_b = x1_b - x2_b: g1_b = d_b for similar pairs, -max(0, margin - D_b) d_b / D_b for dissimilar ones (all / B),
 * g2 = -g1. In the dissimilar branch D_b is computed as sqrt(|d_b|² + 1e-12), so coincident points get a zero
 * gradient instead of NaN.
 */
public class ContrastiveCriterion extends Criterion {
    private static final double EPS = 1e-12;
    private final double margin;
    private Tensor diff, sqd, sq, dist, hinge, sim, coef, tmp, signs, g1, g2;
    private final Table grads = Table.of();

    public ContrastiveCriterion() { this(1); }

    public ContrastiveCriterion(double margin) {
        if (!(margin > 0)) throw new IllegalArgumentException("ContrastiveCriterion: margin must be > 0, got " + margin);
        this.margin = margin;
    }

    public double margin() { return margin; }

    /** Checks the input and target and fills diff [B, D], sq = |d|², dist = sqrt(sq + ε), hinge, sim = (1 + y)/2 ([B, 1]). */
    private Tensor[] compute(Activity input, Activity target) {
        Tensor[] x = Targets.pair(name(), input, 2, "[B, D]");
        Tensor y = Targets.batchSigns(name(), target, x[0]);
        int b = x[0].size(0);
        signs = Targets.signs(name(), y, reuse(signs, x[0], b));
        diff = x[0].sub(x[1], reuse(diff, x[0], x[0].sizes()));
        sqd = diff.apply(UnaryOp.SQUARE, 0, 0, reuse(sqd, x[0], x[0].sizes()));
        sq = sqd.sum(1);
        dist = sq.apply(UnaryOp.ADD, EPS, 0, reuse(dist, x[0], b, 1)).applyInPlace(UnaryOp.SQRT, 0, 0);
        hinge = dist.apply(UnaryOp.RSUB, margin, 0, reuse(hinge, x[0], b, 1)).applyInPlace(UnaryOp.RELU, 0, 0);
        sim = y.unsqueeze(1).apply(UnaryOp.ADD, 1, 0, reuse(sim, x[0], b, 1)).applyInPlace(UnaryOp.MUL, 0.5, 0);
        return x;
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor[] x = compute(input, target);
        int b = x[0].size(0);
        // ½ [sim·sq + (1 - sim)·hinge²]
        Tensor h2 = coef = hinge.apply(UnaryOp.SQUARE, 0, 0, reuse(coef, x[0], b, 1));
        double s = 0.5 * (sim.mul(sq, tmp = reuse(tmp, x[0], b, 1)).sum() + h2.sum() - h2.applyInPlace(BinaryOp.MUL, 1, sim).sum());
        return sizeAverage && b > 0 ? s / b : s;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor[] x = compute(input, target);
        int b = x[0].size(0);
        double n = sizeAverage && b > 0 ? b : 1;
        // coef = sim - (1 - sim)·hinge/dist = sim·(1 + hinge/dist) - hinge/dist
        Tensor r = coef = hinge.div(dist, reuse(coef, x[0], b, 1));
        Tensor c = tmp = r.apply(UnaryOp.ADD, 1, 0, reuse(tmp, x[0], b, 1)).applyInPlace(BinaryOp.MUL, 1, sim)
                .applyInPlace(BinaryOp.SUB, 1, r).applyInPlace(UnaryOp.MUL, 1 / n, 0);
        g1 = diff.apply(BinaryOp.MUL, 1, c, reuse(g1, x[0], x[0].sizes()));
        g2 = g1.apply(UnaryOp.NEG, 0, 0, reuse(g2, x[0], x[0].sizes()));
        grads.set(0, g1);
        grads.set(1, g2);
        return grads;
    }

    @Override public String name() {
        return margin == 1 ? "ContrastiveCriterion" : "ContrastiveCriterion(margin=" + margin + ")";
    }
}

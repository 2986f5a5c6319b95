package jtorch.nn.criterion;

import jtorch.backend.BinaryOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Criterion;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Triplet margin loss with PyTorch's {@code nn.TripletMarginLoss} semantics (Schroff et al. 2015; Balntas et al. 2016
 * for the swap): input a table {a [B, D], p [B, D], n [B, D]} of anchors, positives and negatives; the target is
 * ignored (pass null). With PyTorch's pairwise distance d(x, z) = |x - z + ε|_p (the p-norm over D, ε = eps added to
 * every difference):
 * <pre>
 *   z_b = max(0, d(a_b, p_b) - d⁻_b + margin),   d⁻_b = d(a_b, n_b), or min(d(a_b, n_b), d(p_b, n_b)) with swap
 * </pre>
 * loss = Σ_b z_b / B with sizeAverage (PyTorch's reduction 'mean'), else the sum. Defaults margin 1, p 2, eps 1e-6,
 * swap off, as PyTorch. Backward (a table {g_a, g_p, g_n}): with ∇d(x, z) = sign(v)|v|^(p-1) / d^(p-1), v = x - z + ε,
 * on the rows where the hinge is active, g_a = ∇d(a, p) - ∇d(a, n), g_p = -∇d(a, p), g_n = ∇d(a, n) (all / B); with
 * swap, on the rows where d(p, n) &lt; d(a, n): g_a = ∇d(a, p), g_p = -∇d(a, p) - ∇d(p, n), g_n = ∇d(p, n). p ≥ 1.
 */
public class TripletMarginCriterion extends Criterion {
    private final double margin, p, eps;
    private final boolean swap;
    private final PairDistance ap = new PairDistance(), an = new PairDistance(), pn = new PairDistance();
    private Tensor loss, active, sw, cs, cn, tmp, ga, gp, gn;
    private final Table grads = Table.of();

    public TripletMarginCriterion() { this(1, 2, 1e-6, false); }

    public TripletMarginCriterion(double margin) { this(margin, 2, 1e-6, false); }

    public TripletMarginCriterion(double margin, double p, double eps, boolean swap) {
        if (!(p >= 1) || Double.isInfinite(p)) throw new IllegalArgumentException("TripletMarginCriterion: p must be a finite norm order >= 1, got " + p);
        if (!(eps >= 0)) throw new IllegalArgumentException("TripletMarginCriterion: eps must be >= 0, got " + eps);
        if (!Double.isFinite(margin)) throw new IllegalArgumentException("TripletMarginCriterion: margin must be finite, got " + margin);
        this.margin = margin;
        this.p = p;
        this.eps = eps;
        this.swap = swap;
    }

    public double margin() { return margin; }

    public double p() { return p; }

    public double eps() { return eps; }

    public boolean swap() { return swap; }

    /** Checks the triple and computes the distances and the hinge; returns {a, p, n}. */
    private Tensor[] compute(Activity input) {
        Table t = input.toTable(name() + " input");
        if (t.size() != 3) throw new IllegalArgumentException(name() + ": expected a table {anchor, positive, negative} of"
                + " three tensors [B, D], got a table of " + t.size() + " entries");
        Tensor[] x = new Tensor[3];
        String[] what = {"anchor", "positive", "negative"};
        for (int i = 0; i < 3; i++) x[i] = t.get(i).toTensor(name() + " " + what[i]);
        if (x[0].dim() != 2 || !x[0].sameShape(x[1]) || !x[0].sameShape(x[2])) throw new IllegalArgumentException(name()
                + ": expected anchor, positive and negative all [B, D], got " + x[0].shape() + ", " + x[1].shape() + " and "
                + x[2].shape() + " (a single triple [D] is [1, D]: unsqueeze(0))");
        for (int i = 1; i < 3; i++) if (x[i].dtype() != x[0].dtype() || x[i].backend() != x[0].backend()) throw new
                IllegalArgumentException(name() + ": anchor and " + what[i] + " differ in dtype or back end ("
                + x[0].dtype() + ", " + x[i].dtype() + ")");
        int b = x[0].size(0);
        Tensor dNeg = an.distance(x[0], x[2], p, eps);
        ap.distance(x[0], x[1], p, eps);
        sw = reuse(sw, x[0], b, 1);
        if (swap) {
            Tensor dSwap = pn.distance(x[1], x[2], p, eps);
            dSwap.apply(BinaryOp.LT, 1, dNeg, sw);
            dNeg = dNeg.apply(BinaryOp.MIN, 1, dSwap, tmp = reuse(tmp, x[0], b, 1));
        }
        loss = ap.dist.apply(BinaryOp.SUB, 1, dNeg, reuse(loss, x[0], b, 1)).applyInPlace(UnaryOp.ADD, margin, 0)
                .applyInPlace(UnaryOp.RELU, 0, 0);
        return x;
    }

    @Override public double updateOutput(Activity input, Activity target) {
        Tensor[] x = compute(input);
        double s = loss.sum();
        return sizeAverage && x[0].size(0) > 0 ? s / x[0].size(0) : s;
    }

    @Override public Activity updateGradInput(Activity input, Activity target) {
        Tensor[] x = compute(input);
        int b = x[0].size(0);
        double n = sizeAverage && b > 0 ? b : 1;
        active = loss.apply(UnaryOp.GT, 0, 0, reuse(active, x[0], b, 1)).applyInPlace(UnaryOp.MUL, 1 / n, 0);
        cs = sw.mul(active, reuse(cs, x[0], b, 1));                      // swapped rows: weight of ∇d(p, n)
        cn = active.sub(cs, reuse(cn, x[0], b, 1));                      // other rows: weight of ∇d(a, n)
        Tensor gAp = ap.gradient(p), gAn = an.gradient(p);
        ga = gAp.apply(BinaryOp.MUL, 1, active, reuse(ga, x[0], x[0].sizes()));
        gp = ga.apply(UnaryOp.NEG, 0, 0, reuse(gp, x[0], x[0].sizes()));
        gn = gAn.apply(BinaryOp.MUL, 1, cn, reuse(gn, x[0], x[0].sizes()));
        ga.applyInPlace(BinaryOp.SUB, 1, gn);
        if (swap) {
            Tensor w = pn.gradient(p).applyInPlace(BinaryOp.MUL, 1, cs);
            gp.applyInPlace(BinaryOp.SUB, 1, w);
            gn.applyInPlace(BinaryOp.ADD, 1, w);
        }
        grads.set(0, ga);
        grads.set(1, gp);
        grads.set(2, gn);
        return grads;
    }

    @Override public String name() {
        return margin == 1 && p == 2 && eps == 1e-6 && !swap ? "TripletMarginCriterion" : "TripletMarginCriterion(margin="
                + margin + ", p=" + p + ", eps=" + eps + (swap ? ", swap" : "") + ")";
    }

    /** d(x, z) = |x - z + ε|_p per row, and its gradient w.r.t. x, with reused buffers. */
    private static final class PairDistance {
        Tensor v, abs, dist, grad, sign, den;

        Tensor distance(Tensor x, Tensor z, double p, double eps) {
            v = x.sub(z, reuse(v, x, x.sizes())).applyInPlace(UnaryOp.ADD, eps, 0);
            abs = v.apply(UnaryOp.ABS, 0, 0, reuse(abs, x, x.sizes()));
            Tensor powered = p == 2 ? abs.apply(UnaryOp.SQUARE, 0, 0, reuse(grad, x, x.sizes()))
                    : abs.apply(UnaryOp.POW, p, 0, reuse(grad, x, x.sizes()));
            grad = powered;
            Tensor s = powered.sum(1);
            dist = p == 2 ? s.apply(UnaryOp.SQRT, 0, 0, reuse(dist, x, x.size(0), 1))
                    : s.apply(UnaryOp.POW, 1 / p, 0, reuse(dist, x, x.size(0), 1));
            return dist;
        }

        /** sign(v)|v|^(p-1) / d^(p-1), into this pair's buffer. */
        Tensor gradient(double p) {
            if (p == 2) {
                grad = v.apply(BinaryOp.DIV, 1, dist, reuse(grad, v, v.sizes()));
                return grad;
            }
            grad = abs.apply(UnaryOp.POW, p - 1, 0, reuse(grad, v, v.sizes()))
                    .applyInPlace(BinaryOp.MUL, 1, v.apply(UnaryOp.SIGN, 0, 0, sign = reuse(sign, v, v.sizes())));
            den = dist.apply(UnaryOp.POW, p - 1, 0, reuse(den, v, dist.sizes()));
            return grad.applyInPlace(BinaryOp.DIV, 1, den);
        }
    }
}

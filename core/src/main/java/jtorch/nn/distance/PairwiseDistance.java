package jtorch.nn.distance;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.backend.ReduceOp;
import jtorch.backend.UnaryOp;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * p-norm distance between paired rows (Torch7's {@code nn.PairwiseDistance(p)}): a table {a, b} of two [B, D]
 * tensors → y [B] with y_b = ‖a_b - b_b‖_p = (Σ_d |a_bd - b_bd|^p)^(1/p), p ≥ 1.
 * Backward: ∂L/∂a_b = g_b · sign(a_b - b_b) ⊙ |a_b - b_b|^(p-1) / y_b^(p-1), ∂L/∂b_b = -∂L/∂a_b, and 0 where y_b = 0
 * (the subgradient at zero distance).
 */
public class PairwiseDistance extends Module {
    public static final ModuleType<PairwiseDistance> TYPE = ModuleType.of("PairwiseDistance", PairwiseDistance.class,
            m -> ModuleArgs.of("p", m.p()),
            a -> new PairwiseDistance(a.number("p")));

    @Override public PairwiseDistance clone() { return (PairwiseDistance) super.clone(); }

    private final double p;

    /** The norm order. */
    public double p() { return p; }
    private Tensor diff, q, nonzero; // [B, D] scratch; [B] g / y^(p-1); [B] y != 0

    public PairwiseDistance(double p) {
        if (!(p >= 1) || !Double.isFinite(p)) throw new IllegalArgumentException("PairwiseDistance: p must be finite and >= 1, got " + p);
        this.p = p;
    }

    private Tensor[] pair(Activity input) {
        Table t = input.toTable(name());
        if (t.size() != 2) throw new IllegalArgumentException(name() + ": expected a table {a, b}, got " + t.size() + " entries");
        Tensor a = t.get(0).toTensor(name() + " entry 0"), b = t.get(1).toTensor(name() + " entry 1");
        if (a.dim() != 2 || !a.sameShape(b) || a.dtype() != b.dtype()) throw new IllegalArgumentException(name()
                + ": expected a and b of one shape [B, D] and dtype, got " + a.dtype() + " " + a.shape() + " and "
                + b.dtype() + " " + b.shape());
        return new Tensor[] {a, b};
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] ab = pair(input);
        Tensor d = ab[0].sub(ab[1], diff = reuse(diff, ab[0], ab[0].sizes())).absInPlace();
        if (p != 1) d.powInPlace(p);
        Tensor y = reuse(output, ab[0], ab[0].size(0));
        ab[0].backend().reduce(ReduceOp.SUM, y.unsqueeze(1), d, 1);
        return p == 1 ? y : p == 2 ? y.sqrtInPlace() : y.applyInPlace(UnaryOp.POW, 1 / p, 0);
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] ab = pair(input);
        Tensor y = (Tensor) output, g = gradOutput.toTensor(name() + " gradOutput");
        if (y == null || !g.sameShape(y) || y.size(0) != ab[0].size(0)) throw new IllegalArgumentException(name()
                + ": expected gradOutput [" + ab[0].size(0) + "] after a forward on this input, got " + g.shape());
        nonzero = y.apply(UnaryOp.NE, 0, 0, reuse(nonzero, y, y.sizes()));
        q = y.apply(UnaryOp.POW, p - 1, 0, reuse(q, y, y.sizes())).mulInPlace(nonzero);
        q.addInPlace(nonzero.applyInPlace(UnaryOp.RSUB, 1, 0));        // y^(p-1), or 1 where y == 0
        g.div(q, q).mulInPlace(nonzero.applyInPlace(UnaryOp.RSUB, 1, 0));
        Table gi = gradInput instanceof Table t ? t : Table.of(ab[0].zerosLike(), ab[1].zerosLike());
        Tensor ga = reuse(gi.get(0), ab[0], ab[0].sizes()), gb = reuse(gi.get(1), ab[1], ab[1].sizes());
        Tensor d = ab[0].sub(ab[1], diff = reuse(diff, ab[0], ab[0].sizes()));
        d.apply(UnaryOp.SIGN, 0, 0, ga);
        if (p != 1) ga.mulInPlace(d.absInPlace().powInPlace(p - 1));
        ga.mulInPlace(q.unsqueeze(1));
        ga.apply(UnaryOp.NEG, 0, 0, gb);
        gi.set(0, ga);
        gi.set(1, gb);
        return gi;
    }

    @Override protected void clearOwnState() { diff = null; q = null; nonzero = null; }

    @Override public String name() { return "PairwiseDistance(" + p + ")"; }
}

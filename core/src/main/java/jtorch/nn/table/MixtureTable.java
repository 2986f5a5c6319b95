package jtorch.nn.table;

import jtorch.nn.Module;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Gated mixture of experts (Torch7's {@code nn.MixtureTable}): input {gater [B, E], experts}, where experts is a table
 * of E tensors of one shape [B, ...] or one tensor [B, E, ...] (expert e at index e of dimension 1); output
 * y[b] = Σ_e gater[b, e] · expert_e[b], of shape [B, ...]. The gater is usually a SoftMax over E.
 * Backward, with g = ∂L/∂y: ∂L/∂gater[b, e] = Σ g[b] ∘ expert_e[b] (summed over the non-batch dimensions),
 * ∂L/∂expert_e = gater[:, e] ∘ g (broadcast over the non-batch dimensions); gradInput has the input's structure.
 */
public class MixtureTable extends Module {
    public static final ModuleType<MixtureTable> TYPE = ModuleType.of("MixtureTable", MixtureTable.class, MixtureTable::new);
    private Tensor prod, ones; // scratch: one expert's shape, and ones over its non-batch elements

    @Override public MixtureTable clone() { return (MixtureTable) super.clone(); }

    private record In(Tensor gater, Table table, Tensor stacked, int experts) {
        Tensor expert(int e) { return table != null ? (Tensor) table.get(e) : stacked.select(1, e); }
    }

    private In in(Activity input) {
        Table t = input.toTable(name());
        if (t.size() != 2) throw new IllegalArgumentException(name() + ": expected a table {gater [B, E], experts}, got "
                + t.size() + " entries");
        Tensor gater = t.get(0).toTensor(name() + " gater");
        if (gater.dim() != 2) throw new IllegalArgumentException(name() + ": expected gater [B, E], got " + gater.shape());
        int b = gater.size(0), n = gater.size(1);
        In r;
        if (t.get(1) instanceof Table experts) {
            Tensor[] xs = Tables.tensors(name() + " experts", experts, n, n);
            Tables.sameShapes(name() + " experts", xs);
            if (xs[0].dim() < 1 || xs[0].size(0) != b) throw new IllegalArgumentException(name() + ": experts must be [B, ...]"
                    + " with B = " + b + " (the gater's), got " + xs[0].shape());
            r = new In(gater, experts, null, n);
        } else {
            Tensor s = (Tensor) t.get(1);
            if (s.dim() < 2 || s.size(0) != b || s.size(1) != n) throw new IllegalArgumentException(name()
                    + ": expected experts [B, E, ...] = [" + b + ", " + n + ", ...] for gater " + gater.shape() + ", got " + s.shape());
            r = new In(gater, null, s, n);
        }
        Tensor e0 = r.expert(0);
        prod = reuse(prod, e0, e0.sizes());
        int m = e0.numel() / Math.max(1, b);
        if (ones == null || ones.size(0) != m || ones.dtype() != e0.dtype() || ones.backend() != e0.backend())
            ones = e0.newZeros(m).fillInPlace(1);
        return r;
    }

    /** gater[:, e] as [B, 1, ..., 1] of rank {@code rank}, to broadcast over an expert. */
    private static Tensor gate(Tensor gater, int e, int rank) {
        Tensor g = gater.select(1, e);
        for (int d = 1; d < rank; d++) g = g.unsqueeze(d);
        return g;
    }

    @Override public Activity updateOutput(Activity input) {
        In x = in(input);
        Tensor e0 = x.expert(0);
        Tensor y = reuse(output, e0, e0.sizes()).fillInPlace(0);
        for (int e = 0; e < x.experts(); e++) y.addInPlace(x.expert(e).mul(gate(x.gater(), e, e0.dim()), prod));
        return y;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        In x = in(input);
        Tensor e0 = x.expert(0);
        Tensor g = Tables.gradLike(name(), gradOutput, e0);
        int b = x.gater().size(0);
        Table gi = Tables.table(gradInput, 2);
        Tensor gg = Tables.slot(gi, 0, x.gater());
        Activity ge;
        if (x.table() != null) {
            Table t = Tables.table(gi.get(1) instanceof Table old ? old : null, x.experts());
            for (int e = 0; e < x.experts(); e++) g.mul(gate(x.gater(), e, e0.dim()), Tables.slot(t, e, e0));
            ge = t;
        } else {
            Tensor s = gi.get(1) instanceof Tensor old && old.sameShape(x.stacked()) && old.dtype() == e0.dtype()
                    && old.backend() == e0.backend() ? old : x.stacked().zerosLike();
            for (int e = 0; e < x.experts(); e++) s.select(1, e).copy(g.mul(gate(x.gater(), e, e0.dim()), prod));
            ge = s;
        }
        for (int e = 0; e < x.experts(); e++) {
            g.mul(x.expert(e), prod);
            gg.select(1, e).addmvInPlace(0, 1, prod.view(b, prod.numel() / Math.max(1, b)), ones);
        }
        gi.set(1, ge);
        return gi;
    }

    @Override protected void clearOwnState() { prod = ones = null; }
}

package jtorch.nn.attention;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * (Scaled) dot-product attention without parameters (Luong's "dot" score; Vaswani et al.'s scaled form):
 * for each batch element b and query i, w_ij = softmax_j(s · q_i·k_j + m_ij), context_i = Σ_j w_ij v_j, with
 * s = 1/√d when {@code scaled} (else 1) and m the mask (0 or -∞: causal, key j &gt; i masked; padded keys masked).
 * <p>Input table {q [Tq, B, d], k [Tk, B, d], v [Tk, B, dv]} or {q, k, v, keyPaddingMask [B, Tk]} (any dtype,
 * nonzero = padded key). Output table {context [Tq, B, dv], weights [B, Tq, Tk]}: the attention weights are the
 * second output (differentiable: a gradient for them is accepted and propagated). gradInput mirrors the input
 * (zeros for the mask). A query whose keys are all masked gives NaN, as in PyTorch.
 */
public class DotProductAttention extends Module {
    public static final ModuleType<DotProductAttention> TYPE = ModuleType.of("DotProductAttention",
            DotProductAttention.class, m -> ModuleArgs.of("scaled", m.scaled, "causal", m.causal),
            a -> new DotProductAttention(a.bool("scaled"), a.bool("causal")));
    private final boolean scaled, causal;
    private AttentionCore core = new AttentionCore();
    private Tensor bias, causalMask;

    /** Scaled (s = 1/√d), no causal mask. */
    public DotProductAttention() { this(true, false); }

    public DotProductAttention(boolean scaled, boolean causal) {
        this.scaled = scaled;
        this.causal = causal;
    }

    /** The plain dot-product form (s = 1). */
    public static DotProductAttention unscaled() { return new DotProductAttention(false, false); }

    public boolean scaled() { return scaled; }

    public boolean causal() { return causal; }

    /** The weights [B, Tq, Tk] of the last forward (the second output). */
    public Tensor attentionWeights() { return core.weights(); }

    @Override public DotProductAttention clone() { return (DotProductAttention) super.clone(); }

    @Override protected void clearOwnState() { core = new AttentionCore(); bias = causalMask = null; }

    private Tensor[] in(Activity input) {
        if (!(input instanceof Table t) || (t.size() != 3 && t.size() != 4)) throw new IllegalArgumentException(name()
                + ": expected a table {q [Tq, B, d], k [Tk, B, d], v [Tk, B, dv]} or {q, k, v, keyPaddingMask [B, Tk]}, got "
                + (input instanceof Tensor x ? "a tensor " + x.shape() : "a table of " + ((Table) input).size()));
        Tensor q = t.tensor(0), k = t.tensor(1), v = t.tensor(2);
        if (q.dim() != 3 || k.dim() != 3 || v.dim() != 3 || k.size(2) != q.size(2) || k.size(1) != q.size(1)
                || v.size(0) != k.size(0) || v.size(1) != k.size(1)) throw new IllegalArgumentException(name()
                + ": expected q [Tq, B, d], k [Tk, B, d], v [Tk, B, dv], got " + q.shape() + ", " + k.shape() + ", " + v.shape());
        return new Tensor[] {q, k, v, t.size() == 4 ? t.tensor(3) : null};
    }

    private double scale(Tensor q) { return scaled ? 1 / Math.sqrt(q.size(2)) : 1; }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] a = in(input);
        Tensor q = a[0], k = a[1], v = a[2];
        int b = q.size(1), tq = q.size(0), tk = k.size(0);
        bias = a[3] == null ? (causalMask = Masks.bias(causalMask, name(), q, b, tq, tk, causal, null))
                : Masks.bias(null, name(), q, b, tq, tk, causal, a[3]);
        Tensor ctx = output instanceof Table o ? reuse(o.get(0), q, tq, b, v.size(2)) : q.newZeros(tq, b, v.size(2));
        core.forward(q.permute(1, 0, 2), k.permute(1, 0, 2), v.permute(1, 0, 2), ctx.permute(1, 0, 2), scale(q), bias, 1,
                0, null);
        return Table.of(ctx, core.weights());
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor[] a = in(input);
        Tensor q = a[0], k = a[1], v = a[2];
        if (!(gradOutput instanceof Table g) || g.size() != 2) throw new IllegalArgumentException(name()
                + ": expected gradOutput {∂context [Tq, B, dv], ∂weights [B, Tq, Tk]}");
        Tensor gc = g.tensor(0), gw = g.tensor(1);
        Tensor ctx = ((Table) output).tensor(0);
        if (!gc.sameShape(ctx) || !gw.sameShape(core.weights())) throw new IllegalArgumentException(name()
                + ": gradOutput shapes " + gc.shape() + ", " + gw.shape() + " differ from the output's " + ctx.shape()
                + ", " + core.weights().shape());
        int nIn = a[3] == null ? 3 : 4;
        Table gi = gradInput instanceof Table t && t.size() == nIn ? t : null;
        Tensor dq = gi != null ? reuse(gi.get(0), q, q.sizes()) : q.newZeros(q.sizes());
        Tensor dk = gi != null ? reuse(gi.get(1), k, k.sizes()) : k.newZeros(k.sizes());
        Tensor dv = gi != null ? reuse(gi.get(2), v, v.sizes()) : v.newZeros(v.sizes());
        core.backward(q.permute(1, 0, 2), k.permute(1, 0, 2), v.permute(1, 0, 2), gc.permute(1, 0, 2), gw,
                dq.permute(1, 0, 2), dk.permute(1, 0, 2), dv.permute(1, 0, 2), scale(q));
        return a[3] == null ? Table.of(dq, dk, dv) : Table.of(dq, dk, dv, a[3].zerosLike());
    }

    @Override public String name() {
        return "DotProductAttention(" + (scaled ? "scaled" : "unscaled") + (causal ? ", causal" : "") + ")";
    }
}

package jtorch.nn.attention;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Additive (Bahdanau, Cho &amp; Bengio 2015) attention: for batch element b, query i and key j
 * <pre>
 *   e_ij = vᵀ tanh(Wq q_i + Wk k_j + c)      w_ij = softmax_j(e_ij + m_ij)      context_i = Σ_j w_ij v_j
 * </pre>
 * with m the mask (0 or -∞: causal, key j &gt; i masked; padded keys masked). Input table {q [Tq, B, Dq],
 * k [Tk, B, Dk], v [Tk, B, Dv]} or {q, k, v, keyPaddingMask [B, Tk]} (nonzero = padded). Output table
 * {context [Tq, B, Dv], weights [B, Tq, Tk]} (the weights are differentiable). Parameters {@code query_weight} Wq
 * [H, Dq], {@code key_weight} Wk [H, Dk], {@code bias} c [H], {@code score_weight} v [H], each U(-1/√fan-in,
 * 1/√fan-in) (c with Dk's fan-in). Scratch: the [Tq, Tk, B, H] tanh activations of the last forward.
 */
public class AdditiveAttention extends Module {
    public static final ModuleType<AdditiveAttention> TYPE = ModuleType.of("AdditiveAttention", AdditiveAttention.class,
            m -> ModuleArgs.of("querySize", m.dq, "keySize", m.dk, "hiddenSize", m.hidden, "causal", m.causal),
            a -> new AdditiveAttention(a.integer("querySize"), a.integer("keySize"), a.integer("hiddenSize"),
                    a.bool("causal")));
    private final int dq, dk, hidden;
    private final boolean causal;
    private Tensor aq, ck, e, p, ds, de, da, dc, dp, ones, mask, causalMask;
    private boolean gradsReady;

    public AdditiveAttention(int querySize, int keySize, int hiddenSize) { this(querySize, keySize, hiddenSize, false); }

    public AdditiveAttention(int querySize, int keySize, int hiddenSize, boolean causal) {
        if (querySize < 1 || keySize < 1 || hiddenSize < 1) throw new IllegalArgumentException("AdditiveAttention: sizes "
                + "must be positive, got " + querySize + ", " + keySize + ", " + hiddenSize);
        this.dq = querySize;
        this.dk = keySize;
        this.hidden = hiddenSize;
        this.causal = causal;
        addParameter("query_weight", hiddenSize, querySize);
        addParameter("key_weight", hiddenSize, keySize);
        addParameter("bias", hiddenSize);
        addParameter("score_weight", hiddenSize);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** Re-draws the parameters U(-1/√fan-in, 1/√fan-in). */
    public AdditiveAttention reset(Generator g) {
        uniform(param("query_weight"), g, 1 / Math.sqrt(dq));
        uniform(param("key_weight"), g, 1 / Math.sqrt(dk));
        uniform(param("bias"), g, 1 / Math.sqrt(dk));
        uniform(param("score_weight"), g, 1 / Math.sqrt(hidden));
        return this;
    }

    private static void uniform(Tensor t, Generator g, double b) {
        t.copy(Tensor.rand(g, t.sizes()).mulInPlace(2 * b).subInPlace(b));
    }

    /** The weights [B, Tq, Tk] of the last forward (the second output). */
    public Tensor attentionWeights() { return p; }

    @Override public AdditiveAttention clone() { return (AdditiveAttention) super.clone(); }

    @Override protected void clearOwnState() { aq = ck = e = p = ds = de = da = dc = dp = ones = mask = causalMask = null; }

    private record In(Tensor q, Tensor k, Tensor v, Tensor pad, int tq, int tk, int b) {}

    private In in(Activity input) {
        if (!(input instanceof Table t) || (t.size() != 3 && t.size() != 4)) throw new IllegalArgumentException(name()
                + ": expected a table {q [Tq, B, Dq], k [Tk, B, Dk], v [Tk, B, Dv]} or {q, k, v, keyPaddingMask [B, Tk]}");
        Tensor q = t.tensor(0), k = t.tensor(1), v = t.tensor(2);
        if (q.dim() != 3 || k.dim() != 3 || v.dim() != 3 || q.size(2) != dq || k.size(2) != dk || k.size(1) != q.size(1)
                || v.size(0) != k.size(0) || v.size(1) != k.size(1)) throw new IllegalArgumentException(name()
                + ": expected q [Tq, B, " + dq + "], k [Tk, B, " + dk + "], v [Tk, B, Dv], got " + q.shape() + ", "
                + k.shape() + ", " + v.shape());
        return new In(q, k, v, t.size() == 4 ? t.tensor(3) : null, q.size(0), k.size(0), q.size(1));
    }

    @Override public Activity updateOutput(Activity input) {
        In a = in(input);
        int tq = a.tq, tk = a.tk, b = a.b;
        aq = reuse(aq, a.q, tq * b, hidden).addmmInPlace(0, 1, a.q.reshape(tq * b, dq), param("query_weight").t());
        ck = reuse(ck, a.k, tk * b, hidden).addmmInPlace(0, 1, a.k.reshape(tk * b, dk), param("key_weight").t());
        ck.addInPlace(param("bias"));
        e = reuse(e, a.q, tq, tk, b, hidden);
        e.copy(aq.view(tq, 1, b, hidden).expand(tq, tk, b, hidden)).addInPlace(ck.view(1, tk, b, hidden)).tanhInPlace();
        Tensor s = e.view(tq * tk * b, hidden).mv(param("score_weight")).view(tq, tk, b);
        p = reuse(p, a.q, b, tq, tk).copy(s.permute(2, 0, 1));
        mask = a.pad == null ? (causalMask = Masks.bias(causalMask, name(), a.q, b, tq, tk, causal, null))
                : Masks.bias(null, name(), a.q, b, tq, tk, causal, a.pad);
        if (mask != null) p.addInPlace(mask);
        p.subInPlace(p.logsumexp(2)).expInPlace();
        Tensor ctx = output instanceof Table o ? reuse(o.get(0), a.q, tq, b, a.v.size(2)) : a.q.newZeros(tq, b, a.v.size(2));
        for (int i = 0; i < b; i++) ctx.select(1, i).addmmInPlace(0, 1, p.select(0, i), a.v.select(1, i));
        gradsReady = false;
        return Table.of(ctx, p);
    }

    /** ∂L/∂(Wq q), ∂L/∂(Wk k + c), ∂L/∂v and ∂L/∂e from the output gradients. */
    private void grads(In a, Activity gradOutput, Tensor dv) {
        if (!(gradOutput instanceof Table g) || g.size() != 2) throw new IllegalArgumentException(name()
                + ": expected gradOutput {∂context [Tq, B, Dv], ∂weights [B, Tq, Tk]}");
        Tensor gc = g.tensor(0), gw = g.tensor(1);
        if (gc.dim() != 3 || gc.size(0) != a.tq || gc.size(1) != a.b || !gw.sameShape(p)) throw new IllegalArgumentException(
                name() + ": gradOutput shapes " + gc.shape() + ", " + gw.shape() + " differ from the output's");
        int tq = a.tq, tk = a.tk, b = a.b;
        dp = reuse(dp, p, p.sizes());
        for (int i = 0; i < b; i++) {
            Tensor gi = gc.select(1, i);
            dp.select(0, i).addmmInPlace(0, 1, gi, a.v.select(1, i).t());
            if (dv != null) dv.select(1, i).addmmInPlace(0, 1, p.select(0, i).t(), gi);
        }
        dp.addInPlace(gw);
        dp.subInPlace(dp.mul(p).sum(2)).mulInPlace(p);                       // ∂L/∂scores [B, Tq, Tk]
        ds = reuse(ds, p, tq, tk, b).copy(dp.permute(1, 2, 0));
        de = reuse(de, e, e.sizes());
        e.mul(e, de).negInPlace().addInPlace(1)                              // 1 - tanh²
                .mulInPlace(param("score_weight").view(1, 1, 1, hidden)).mulInPlace(ds.view(tq, tk, b, 1));
        da = de.sum(1, false).reshape(tq * b, hidden);
        dc = de.sum(0, false).reshape(tk * b, hidden);
        gradsReady = true;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        In a = in(input);
        Tensor dv = a.v.newZeros(a.v.sizes());
        grads(a, gradOutput, dv);
        Tensor gq = a.q.newZeros(a.q.sizes()), gk = a.k.newZeros(a.k.sizes());
        gq.view(a.tq * a.b, dq).addmmInPlace(0, 1, da, param("query_weight"));
        gk.view(a.tk * a.b, dk).addmmInPlace(0, 1, dc, param("key_weight"));
        return a.pad == null ? Table.of(gq, gk, dv) : Table.of(gq, gk, dv, a.pad.zerosLike());
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        In a = in(input);
        if (!gradsReady) grads(a, gradOutput, null);
        grad("query_weight").addmmInPlace(1, scale, da.t(), a.q.reshape(a.tq * a.b, dq));
        grad("key_weight").addmmInPlace(1, scale, dc.t(), a.k.reshape(a.tk * a.b, dk));
        int n = a.tk * a.b;
        if (ones == null || ones.size(0) != n || ones.dtype() != dc.dtype()) ones = dc.newZeros(n).fillInPlace(1);
        grad("bias").addmvInPlace(1, scale, dc.t(), ones);
        grad("score_weight").addmvInPlace(1, scale, e.view(a.tq * a.tk * a.b, hidden).t(), ds.view(a.tq * a.tk * a.b));
        gradsReady = false;
    }

    @Override public String name() {
        return "AdditiveAttention(" + dq + ", " + dk + " -> " + hidden + (causal ? ", causal" : "") + ")";
    }
}

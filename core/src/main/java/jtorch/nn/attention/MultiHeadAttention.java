package jtorch.nn.attention;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * Multi-head attention, PyTorch's {@code nn.MultiheadAttention(E, H, dropout, bias)} with batch_first=False:
 * <pre>
 *   Q = q Wqᵀ + bq,  K = k Wkᵀ + bk,  V = v Wvᵀ + bv        (W_{q,k,v} = rows 0..E, E..2E, 2E..3E of in_proj_weight)
 *   head h: C_h = softmax(Q_h K_hᵀ / √(E/H) + mask) V_h     (Q_h = columns h·E/H .. (h+1)·E/H of Q)
 *   y = [C_1 .. C_H] Woᵀ + bo
 * </pre>
 * Input: a tensor x [T, B, E] (self-attention: q = k = v = x), a table {x, keyPaddingMask [B, T]}, or a table
 * {q [Tq, B, E], k [Tk, B, E], v [Tk, B, E]} with an optional 4th entry keyPaddingMask [B, Tk] (nonzero = padded key).
 * With {@code causal} key j is masked for query i when j &gt; i. Output y [Tq, B, E]; the per-head weights of the
 * last forward are {@link #attentionWeights()} [B, H, Tq, Tk] (PyTorch's returned average is their mean over H).
 * Dropout p acts on the weights in training, as PyTorch's; it draws from the module's own generator (split from the
 * global one when built; not saved).
 * <p>Parameters (PyTorch's names, with the dot of {@code out_proj.weight} / {@code out_proj.bias} written as '_'):
 * {@code in_proj_weight} [3E, E], {@code in_proj_bias} [3E], {@code out_proj_weight} [E, E], {@code out_proj_bias} [E];
 * {@link TorchNames#multiheadAttention} renames a PyTorch state_dict. Initialised as PyTorch: in_proj_weight Xavier
 * uniform, out_proj_weight U(-1/√E, 1/√E), biases 0.
 */
public class MultiHeadAttention extends Module implements TensorModule {
    public static final ModuleType<MultiHeadAttention> TYPE = ModuleType.of("MultiHeadAttention", MultiHeadAttention.class,
            m -> ModuleArgs.of("embedDim", m.e, "numHeads", m.h, "dropout", m.dropout, "bias", m.bias, "causal", m.causal),
            a -> new MultiHeadAttention(a.integer("embedDim"), a.integer("numHeads"), a.number("dropout"), a.bool("bias"),
                    a.bool("causal")));
    private final int e, h;
    private final double dropout;
    private final boolean bias, causal;
    private Generator generator = drawInitialWeights() ? Generator.global().split() : new Generator(0);
    private AttentionCore core = new AttentionCore();
    private Tensor q, k, v, qkv, ctx, dq, dk, dv, dqkv, dctx, ones, mask, causalMask;
    private boolean gradsReady;

    /** No dropout, with biases, no causal mask. */
    public MultiHeadAttention(int embedDim, int numHeads) { this(embedDim, numHeads, 0, true, false); }

    public MultiHeadAttention(int embedDim, int numHeads, double dropout, boolean bias, boolean causal) {
        if (embedDim < 1 || numHeads < 1 || embedDim % numHeads != 0) throw new IllegalArgumentException(
                "MultiHeadAttention: embedDim must be a positive multiple of numHeads, got " + embedDim + " and " + numHeads);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("MultiHeadAttention: dropout must be in "
                + "[0, 1), got " + dropout);
        this.e = embedDim;
        this.h = numHeads;
        this.dropout = dropout;
        this.bias = bias;
        this.causal = causal;
        addParameter("in_proj_weight", 3 * e, e);
        if (bias) addParameter("in_proj_bias", 3 * e);
        addParameter("out_proj_weight", e, e);
        if (bias) addParameter("out_proj_bias", e);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /** Re-draws the weights as PyTorch initialises them (biases 0). */
    public MultiHeadAttention reset(Generator g) {
        double a = Math.sqrt(6.0 / (4 * e)), b = 1 / Math.sqrt(e);
        param("in_proj_weight").copy(Tensor.rand(g, 3 * e, e).mulInPlace(2 * a).subInPlace(a));
        param("out_proj_weight").copy(Tensor.rand(g, e, e).mulInPlace(2 * b).subInPlace(b));
        if (bias) { param("in_proj_bias").fillInPlace(0); param("out_proj_bias").fillInPlace(0); }
        return this;
    }

    public int embedDim() { return e; }
    public int numHeads() { return h; }

    /** The softmax weights [B, H, Tq, Tk] of the last forward (before dropout). */
    public Tensor attentionWeights() {
        Tensor p = core.weights();
        if (p == null) return null;
        int tq = p.size(p.dim() - 2), tk = p.size(p.dim() - 1);
        return p.view(p.numel() / (h * tq * tk), h, tq, tk);
    }

    /** While frozen, training forwards of the same shape reuse the last dropout mask (finite-difference checks). */
    public MultiHeadAttention freezeNoise(boolean freeze) { core.frozen = freeze; return this; }

    @Override public MultiHeadAttention clone() { return (MultiHeadAttention) super.clone(); }

    @Override protected void clearOwnState() {
        boolean frozen = core.frozen;
        core = new AttentionCore();
        core.frozen = frozen;
        q = k = v = qkv = ctx = dq = dk = dv = dqkv = dctx = ones = mask = causalMask = null;
        generator = generator.split();
    }

    /** {q, k, v, padding-or-null, selfAttention ? 1 : 0} as [T·B, E] views (q, k, v) of the input. */
    private record In(Tensor q, Tensor k, Tensor v, Tensor pad, boolean self, int tq, int tk, int b) {}

    private In in(Activity input) {
        Tensor xq, xk, xv, pad = null;
        boolean self;
        if (input instanceof Tensor x) { xq = xk = xv = x; self = true; }
        else {
            Table t = (Table) input;
            if (t.size() < 2 || t.size() > 4) throw new IllegalArgumentException(name() + ": expected x [T, B, E], {x, "
                    + "keyPaddingMask [B, T]}, {q, k, v} or {q, k, v, keyPaddingMask}, got a table of " + t.size());
            self = t.size() == 2;
            xq = t.tensor(0);
            xk = self ? xq : t.tensor(1);
            xv = self ? xq : t.tensor(2);
            if (t.size() == 2 || t.size() == 4) pad = t.tensor(t.size() - 1);
        }
        for (Tensor x : new Tensor[] {xq, xk, xv}) if (x.dim() != 3 || x.size(2) != e || x.size(1) != xq.size(1))
            throw new IllegalArgumentException(name() + ": expected q [Tq, B, " + e + "], k and v [Tk, B, " + e
                    + "], got " + xq.shape() + ", " + xk.shape() + ", " + xv.shape());
        if (xk.size(0) != xv.size(0)) throw new IllegalArgumentException(name() + ": k " + xk.shape() + " and v "
                + xv.shape() + " differ in length");
        int b = xq.size(1);
        return new In(xq.reshape(xq.size(0) * b, e), xk.reshape(xk.size(0) * b, e), xv.reshape(xv.size(0) * b, e),
                pad, self, xq.size(0), xk.size(0), b);
    }

    private Tensor w(int part) { return param("in_proj_weight").narrow(0, part * e, e); }
    private Tensor gw(int part) { return grad("in_proj_weight").narrow(0, part * e, e); }

    private Tensor project(Tensor buf, Tensor x, int part) {
        Tensor y = reuse(buf, x, x.size(0), e).addmmInPlace(0, 1, x, w(part).t());
        if (bias) y.addInPlace(param("in_proj_bias").narrow(0, part * e, e));
        return y;
    }

    /** Part {@code part} of [T·B, P·E] (P = {@code parts} projections side by side) as the heads' [B, H, T, E/H] view. */
    private Tensor heads(Tensor x, int t, int parts, int part) {
        return x.view(t, x.size(0) / t, parts, h, e / h).select(2, part).permute(1, 2, 0, 3);
    }

    /** [T·B, E] as the heads' [B, H, T, E/H] view. */
    private Tensor heads(Tensor x, int t) { return heads(x, t, 1, 0); }

    /** The heads of Q (part 0), K (1) or V (2): columns of the fused [T·B, 3E] projection for self-attention. */
    private Tensor headsOf(In a, int part) {
        if (a.self) return heads(qkv, a.tq, 3, part);
        return heads(part == 0 ? q : part == 1 ? k : v, part == 0 ? a.tq : a.tk);
    }

    /** Like {@link #headsOf} for the gradients ∂L/∂Q, ∂L/∂K, ∂L/∂V. */
    private Tensor gradHeadsOf(In a, int part) {
        if (a.self) return heads(dqkv, a.tq, 3, part);
        return heads(part == 0 ? dq : part == 1 ? dk : dv, part == 0 ? a.tq : a.tk);
    }

    private double scale() { return 1 / Math.sqrt((double) e / h); }

    @Override public Activity updateOutput(Activity input) {
        In a = in(input);
        if (a.self) { // one [T·B, E]·[E, 3E] product for Q, K and V, as PyTorch's in_proj
            qkv = reuse(qkv, a.q, a.q.size(0), 3 * e).addmmInPlace(0, 1, a.q, param("in_proj_weight").t());
            if (bias) qkv.addInPlace(param("in_proj_bias"));
        } else {
            q = project(q, a.q, 0);
            k = project(k, a.k, 1);
            v = project(v, a.v, 2);
        }
        ctx = reuse(ctx, a.q, a.q.size(0), e);
        mask = a.pad == null ? (causalMask = Masks.bias(causalMask, name(), a.q, a.b, a.tq, a.tk, causal, null))
                : Masks.bias(null, name(), a.q, a.b, a.tq, a.tk, causal, a.pad);
        core.forward(headsOf(a, 0), headsOf(a, 1), headsOf(a, 2), heads(ctx, a.tq), scale(), mask, h,
                train ? dropout : 0, generator);
        Tensor y = reuse(output, a.q, a.tq, a.b, e);
        Tensor y2 = y.view(a.tq * a.b, e).addmmInPlace(0, 1, ctx, param("out_proj_weight").t());
        if (bias) y2.addInPlace(param("out_proj_bias"));
        gradsReady = false;
        return y;
    }

    private Tensor gradOut(Activity gradOutput, In a) {
        Tensor g = gradOutput.toTensor(name() + " gradOutput");
        if (g.dim() != 3 || g.size(0) != a.tq || g.size(1) != a.b || g.size(2) != e) throw new IllegalArgumentException(
                name() + ": expected gradOutput [" + a.tq + ", " + a.b + ", " + e + "], got " + g.shape());
        return g.reshape(a.tq * a.b, e);
    }

    /** ∂L/∂Q, ∂L/∂K, ∂L/∂V (the projections) from the output gradient. */
    private void projectionGrads(In a, Tensor g) {
        dctx = reuse(dctx, g, g.size(0), e).addmmInPlace(0, 1, g, param("out_proj_weight"));
        if (a.self) {
            dqkv = reuse(dqkv, qkv, qkv.sizes());
        } else {
            dq = reuse(dq, q, q.sizes());
            dk = reuse(dk, k, k.sizes());
            dv = reuse(dv, v, v.sizes());
        }
        core.backward(headsOf(a, 0), headsOf(a, 1), headsOf(a, 2), heads(dctx, a.tq), null, gradHeadsOf(a, 0),
                gradHeadsOf(a, 1), gradHeadsOf(a, 2), scale());
        gradsReady = true;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        In a = in(input);
        projectionGrads(a, gradOut(gradOutput, a));
        Activity prev = gradInput instanceof Table t ? t.get(0) : gradInput;
        Tensor gq = reuse(prev, a.q, a.tq, a.b, e);
        if (a.self) { // ∂L/∂x = [∂Q ∂K ∂V]·in_proj_weight, one product
            gq.view(a.tq * a.b, e).addmmInPlace(0, 1, dqkv, param("in_proj_weight"));
            return a.pad == null ? gq : Table.of(gq, a.pad.zerosLike());
        }
        gq.view(a.tq * a.b, e).addmmInPlace(0, 1, dq, w(0));
        boolean three = gradInput instanceof Table t && t.size() >= 3;
        Tensor gk = reuse(three ? ((Table) gradInput).get(1) : null, a.k, a.tk, a.b, e);
        Tensor gv = reuse(three ? ((Table) gradInput).get(2) : null, a.v, a.tk, a.b, e);
        gk.view(a.tk * a.b, e).addmmInPlace(0, 1, dk, w(1));
        gv.view(a.tk * a.b, e).addmmInPlace(0, 1, dv, w(2));
        return a.pad == null ? Table.of(gq, gk, gv) : Table.of(gq, gk, gv, a.pad.zerosLike());
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        In a = in(input);
        Tensor g = gradOut(gradOutput, a);
        if (!gradsReady) projectionGrads(a, g);
        grad("out_proj_weight").addmmInPlace(1, scale, g.t(), ctx);
        if (a.self) {
            grad("in_proj_weight").addmmInPlace(1, scale, dqkv.t(), a.q);
        } else {
            gw(0).addmmInPlace(1, scale, dq.t(), a.q);
            gw(1).addmmInPlace(1, scale, dk.t(), a.k);
            gw(2).addmmInPlace(1, scale, dv.t(), a.v);
        }
        if (bias) {
            int n = Math.max(a.tq, a.tk) * a.b;
            if (ones == null || ones.size(0) != n || ones.dtype() != g.dtype()) ones = g.newZeros(n).fillInPlace(1);
            Tensor gb = grad("in_proj_bias");
            grad("out_proj_bias").addmvInPlace(1, scale, g.t(), ones.narrow(0, 0, a.tq * a.b));
            if (a.self) {
                gb.addmvInPlace(1, scale, dqkv.t(), ones.narrow(0, 0, a.tq * a.b));
                gradsReady = false;
                return;
            }
            gb.narrow(0, 0, e).addmvInPlace(1, scale, dq.t(), ones.narrow(0, 0, a.tq * a.b));
            gb.narrow(0, e, e).addmvInPlace(1, scale, dk.t(), ones.narrow(0, 0, a.tk * a.b));
            gb.narrow(0, 2 * e, e).addmvInPlace(1, scale, dv.t(), ones.narrow(0, 0, a.tk * a.b));
        }
        gradsReady = false;
    }

    @Override public String name() {
        return "MultiHeadAttention(" + e + ", heads " + h + (dropout > 0 ? ", dropout " + dropout : "")
                + (bias ? "" : ", without bias") + (causal ? ", causal" : "") + ")";
    }
}

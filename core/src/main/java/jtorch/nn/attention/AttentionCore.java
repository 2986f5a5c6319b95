package jtorch.nn.attention;

import jtorch.backend.Backend;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Scaled dot-product attention on N = B·H independent slices, the computation shared by {@link DotProductAttention}
 * and {@link MultiHeadAttention}; it keeps the weights and scratch of the last forward for the backward.
 * <pre>
 *   S_n = s · Q_n K_nᵀ + M_b       P_n = exp(S_n - logsumexp over keys (S_n))       P'_n = P_n ⊙ D_n / (1 - p)     C_n = P'_n V_n
 * </pre>
 * Q_n [Tq, d], K_n [Tk, d], V_n [Tk, dv], C_n [Tq, dv] are slices n of (possibly strided) views with the same leading
 * dimensions ([N, T, d], or [B, H, T, d] with n = b·H + h; P then has the same leading dimensions), M the
 * {@link Masks} bias [B or 1, Tq, Tk] of slice n = b·H + h (or none), D a Bernoulli(1 - p) dropout mask in training.
 * Backward, with G_n = ∂L/∂C_n and W_n = ∂L/∂P_n from the caller (may be absent):
 * ∂V_n = P'_nᵀ G_n, ∂P_n = (G_n V_nᵀ) ⊙ D_n/(1-p) + W_n, ∂S_n = P_n ⊙ (∂P_n - rowsum(∂P_n ⊙ P_n)),
 * ∂Q_n = s · ∂S_n K_n, ∂K_n = s · ∂S_nᵀ Q_n.
 * <p>Without dropout (and, backward, without ∂L/∂P from the caller) forward and backward are one {@link
 * Backend#attention} / {@link Backend#attentionBackward} call each (fused per slice on the cpu back end); otherwise
 * the products of all slices are one {@link Backend#gemmBatched} call each and the softmax (with the mask) and its
 * backward {@link Backend#softmax} / {@link Backend#softmaxBackward} run in place on the weights.
 */
final class AttentionCore {
    private Tensor p, pd, keep, dp;
    /** While set, training forwards of the same shape reuse the last dropout mask. */
    boolean frozen;

    /** The softmax weights P [..., Tq, Tk] of the last forward (before dropout), leading dimensions as q's. */
    Tensor weights() { return p; }


    /** Writes C into {@code ctx} (overwritten); {@code bias} [B, Tq, Tk] or null; {@code heads} = H. */
    void forward(Tensor q, Tensor k, Tensor v, Tensor ctx, double scale, Tensor bias, int heads, double dropout,
                 Generator g) {
        int r = q.dim(), tq = q.size(r - 2), tk = k.size(r - 2);
        Backend be = q.backend();
        int[] ps = q.sizes().clone();
        ps[r - 1] = tk;
        p = reuse(p, q, ps);
        Tensor b = bias == null ? null : biasLike(bias, heads, tq, tk);
        if (dropout == 0 && (bias == null || b != null)) { // the fused kernel: products and softmax per slice
            keep = null;
            pd = p;
            be.attention(q, k, v, b, scale, p, ctx);
            return;
        }
        be.gemmBatched(scale, q, k.transpose(r - 2, r - 1), 0, p);
        Tensor p4 = p.view(p.numel() / (heads * tq * tk), heads, tq, tk);
        be.softmax(p4, p4, bias == null ? null : bias.view(bias.size(0), 1, tq, tk).expand(p4.sizes()));
        if (dropout > 0) {
            boolean same = frozen && keep != null && keep.dtype() == p.dtype()
                    && java.util.Arrays.equals(keep.sizes(), p.sizes());
            if (!same) {
                keep = reuse(keep, p, ps);
                be.bernoulli(keep, 1 - dropout, g);
                keep.mulInPlace(1 / (1 - dropout));
            }
            pd = p.mul(keep, reuse(pd, p, ps));
        } else {
            keep = null;
            pd = p;
        }
        be.gemmBatched(1, pd, v, 0, ctx);
    }

    /** The mask bias [B or 1, Tq, Tk] as a view of p's shape, or null when p's leading dimensions cannot take it. */
    private Tensor biasLike(Tensor bias, int heads, int tq, int tk) {
        if (p.dim() == 4 && p.size(1) == heads) return bias.view(bias.size(0), 1, tq, tk).expand(p.sizes());
        if (p.dim() == 3 && heads == 1) return bias.expand(p.sizes());
        return null;
    }

    /** Overwrites dq, dk, dv (views like q, k, v) from dctx (like ctx) and dWeights ([N, Tq, Tk] or null). */
    void backward(Tensor q, Tensor k, Tensor v, Tensor dctx, Tensor dWeights, Tensor dq, Tensor dk, Tensor dv,
                  double scale) {
        Backend be = q.backend();
        int r = q.dim();
        dp = reuse(dp, p, p.sizes());
        if (keep == null && dWeights == null) {
            be.attentionBackward(q, k, v, p, dctx, scale, dp, dq, dk, dv);
            return;
        }
        be.gemmBatched(1, pd.transpose(r - 2, r - 1), dctx, 0, dv);
        be.gemmBatched(1, dctx, v.transpose(r - 2, r - 1), 0, dp);
        if (keep != null) dp.mulInPlace(keep);
        if (dWeights != null) dp.addInPlace(dWeights.view(dp.sizes()));
        be.softmaxBackward(dp, dp, p);
        be.gemmBatched(scale, dp, k, 0, dq);
        be.gemmBatched(scale, dp.transpose(r - 2, r - 1), q, 0, dk);
    }

    static Tensor reuse(Tensor buf, Tensor like, int... sizes) {
        if (buf != null && buf.dtype() == like.dtype() && buf.backend() == like.backend()
                && java.util.Arrays.equals(buf.sizes(), sizes)) return buf;
        return like.newZeros(sizes);
    }
}

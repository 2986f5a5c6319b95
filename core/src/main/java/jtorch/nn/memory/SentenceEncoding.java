package jtorch.nn.memory;

import java.util.List;
import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * How {@link MemN2N} turns sentences of word indices into vectors, and back for the gradient. For sentences x of
 * shape S + [J] (I32 word indices, 0 the nil word that pads a sentence on the right) and an embedding E [V, d]:
 * <pre>
 * m[s, :] = Σ_j l[s, j, :] ⊙ E[x[s, j], :]
 * </pre>
 * with weights l zero for nil words and 1 for the others (bag of words), or with position encoding the paper's
 * l_kj = (1 - j/J) - (k/d)(1 - 2j/J) = a_k - (j/J) c_k, a_k = 1 - k/d, c_k = 1 - 2k/d, for word j = 1..J of a
 * sentence of J non-nil words and embedding component k = 1..d. One encoding of the input serves every embedding.
 * <p>For a small vocabulary (V ≤ {@link #DENSE_VOCABULARY}) it is computed as matrix products: with the word counts
 * N[s, w] = #{j : x[s, j] = w ≠ 0} and the position-weighted counts R[s, w] = Σ_{j : x[s, j] = w ≠ 0} j/J,
 * m = a ⊙ (N E) - c ⊙ (R E) (m = N E for bags of words), and ∂L/∂E += scale · (Nᵀ (a ⊙ g) - Rᵀ (c ⊙ g)). For a larger
 * vocabulary the rows E[x] are gathered, weighted by l and summed, and the gradient scattered back to them.
 */
final class SentenceEncoding {
    /** Largest vocabulary encoded with the count matrices [S, V]. */
    static final int DENSE_VOCABULARY = 512;
    /** Tests set it to exercise the gather path on a small vocabulary. */
    static boolean forceGather;
    private final int[] outSizes;
    private final int s, jn, d;
    private final Tensor x, a, c;       // x [S, J] I32; a, c [d]
    private final Tensor n, r, l;       // dense: n, r [S, V] (r null without PE); gather: l [S, J, d]
    private Tensor nr;                  // [N R] [S, 2V], built on first use
    private final Buffers buf;

    /**
     * Tensors an encoding may overwrite and keep (the word mask, lengths, positions, count matrices and the encoded
     * result): passing the same Buffers to every {@link #of} of equally shaped sentences makes a steady-state step
     * allocate nothing proportional to the number of sentences. One Buffers serves one encoding at a time.
     */
    static final class Buffers {
        Tensor w, len, rel, n, r, nr, enc;
    }

    private static Tensor reuse(Tensor t, Tensor like, int... sizes) {
        if (t != null && t.dtype() == like.dtype() && t.backend() == like.backend()
                && java.util.Arrays.equals(t.sizes(), sizes)) return t;
        return like.newZeros(sizes);
    }

    private SentenceEncoding(Tensor words, int vocab, int d, boolean positionEncoding, Tensor like, Buffers buf) {
        this.buf = buf == null ? new Buffers() : buf;
        int[] xs = words.sizes();
        this.jn = xs[xs.length - 1];
        this.s = words.numel() / Math.max(jn, 1);
        this.d = d;
        this.outSizes = xs.clone();
        outSizes[xs.length - 1] = d;
        this.x = words.reshape(s, jn);
        Buffers b = this.buf;
        Tensor w = b.w = reuse(b.w, like, s, jn).copy(x).applyInPlace(jtorch.backend.UnaryOp.NE, 0, 0); // 1 word, 0 nil
        Tensor rel = null;
        if (positionEncoding) {
            b.len = reuse(b.len, like, s, 1);
            w.backend().reduce(jtorch.backend.ReduceOp.SUM, b.len, w, 1);
            Tensor len = b.len.clampInPlace(1, Double.MAX_VALUE);                      // [S, 1]
            rel = b.rel = Tensor.arange(DType.F64, 1, jn + 1, 1).to(like.dtype()).to(like.backend())
                    .div(len, reuse(b.rel, like, s, jn)).mulInPlace(w);
            Tensor k = Tensor.arange(DType.F64, 1, d + 1, 1).to(like.dtype()).to(like.backend()).divInPlace(d);
            a = k.neg().addInPlace(1);
            c = k.mul(-2).addInPlace(1);
        } else a = c = null;
        if (vocab <= DENSE_VOCABULARY && !forceGather) {
            Tensor xi = x.to(like.backend());
            n = b.n = reuse(b.n, like, s, vocab).fillInPlace(0).scatterAddInPlace(1, xi, w);
            r = rel == null ? null : (b.r = reuse(b.r, like, s, vocab).fillInPlace(0).scatterAddInPlace(1, xi, rel));
            l = null;
        } else {
            n = r = null;
            Tensor lw = w.view(s, jn, 1).expand(s, jn, d);
            l = rel == null ? lw.contiguous() : rel.view(s, jn, 1).mul(c).negInPlace().addInPlace(a).mulInPlace(lw);
        }
    }

    /** The encoding of sentences {@code words} (S + [J], I32) for embeddings [vocab, d] of {@code like}'s kind. */
    static SentenceEncoding of(Tensor words, int vocab, int d, boolean positionEncoding, Tensor like) {
        return new SentenceEncoding(words, vocab, d, positionEncoding, like, null);
    }

    /** As {@link #of(Tensor, int, int, boolean, Tensor)}, keeping its tensors in (and taking them from) {@code buf}. */
    static SentenceEncoding of(Tensor words, int vocab, int d, boolean positionEncoding, Tensor like, Buffers buf) {
        return new SentenceEncoding(words, vocab, d, positionEncoding, like, buf);
    }

    /** m = Σ_j l ⊙ E[x] (S + [d]). */
    Tensor encode(Tensor e) { return encode(List.of(e)).view(outSizes); }

    /**
     * The encodings by every embedding in {@code es} at once: [S, n, d] for n embeddings (one matrix product with
     * the stacked embeddings on the dense path).
     */
    Tensor encode(List<Tensor> es) {
        int ne = es.size();
        if (l != null) {
            Tensor out = es.getFirst().newZeros(s, ne, d);
            for (int i = 0; i < ne; i++)
                out.select(1, i).copy(es.get(i).indexSelect(0, x.reshape(s * jn)).view(s, jn, d).mulInPlace(l).sum(1, false));
            return out;
        }
        int v = n.size(1);
        Tensor st = es.getFirst().newZeros(r == null ? v : 2 * v, ne, d);                 // [[E_e ⊙ a]; [-E_e ⊙ c]]
        for (int i = 0; i < ne; i++) {
            Tensor top = st.narrow(0, 0, v).select(1, i).copy(es.get(i));
            if (r != null) {
                top.mulInPlace(a);
                st.narrow(0, v, v).select(1, i).copy(es.get(i)).mulInPlace(c).negInPlace();
            }
        }
        Tensor enc = buf.enc = reuse(buf.enc, st, s, ne * d);
        return enc.addmmInPlace(0, 1, nr(), st.view(st.size(0), ne * d)).view(s, ne, d);
    }

    /** [N R] [S, 2V] (N alone for bags of words). */
    private Tensor nr() {
        if (r == null) return n;
        if (nr == null) {
            int v = n.size(1);
            nr = buf.nr = reuse(buf.nr, n, s, 2 * v);
            nr.narrow(1, 0, v).copy(n);
            nr.narrow(1, v, v).copy(r);
        }
        return nr;
    }

    /** gradE += scale · ∂m/∂E applied to g = ∂L/∂m (S + [d]). */
    void accumulate(Tensor gradE, Tensor g, double scale) { accumulate(List.of(gradE), g.reshape(s, 1, d), scale); }

    /** gradE_i += scale · ∂m_i/∂E_i applied to g [S, n, d] (the gradients w.r.t. {@link #encode(List)}'s result). */
    void accumulate(List<Tensor> grads, Tensor g, double scale) {
        int ne = grads.size();
        if (l != null) {
            for (int i = 0; i < ne; i++) {
                Tensor src = l.mul(g.select(1, i).reshape(s, 1, d));
                if (scale != 1) src.mulInPlace(scale);
                grads.get(i).scatterAddInPlace(0, x.reshape(s * jn, 1).expand(s * jn, d), src.view(s * jn, d));
            }
            return;
        }
        int v = n.size(1);
        Tensor gw = nr().t().mm(g.reshape(s, ne * d)).view(-1, ne, d);                     // [2V, n, d]
        for (int i = 0; i < ne; i++) {
            Tensor top = gw.narrow(0, 0, v).select(1, i);
            if (r == null) grads.get(i).addInPlace(scale, top);
            else {
                grads.get(i).addInPlace(scale, top.mulInPlace(a));
                grads.get(i).addInPlace(-scale, gw.narrow(0, v, v).select(1, i).mulInPlace(c));
            }
        }
    }
}

package jtorch.nn.memory;

import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * How {@link MemN2N} turns sentences of word indices into vectors, and back for the gradient. For sentences x of
 * shape S + [J] (I32 word indices, 0 the nil word that pads a sentence on the right) and an embedding E [V, d]:
 * <pre>
 * m[s, :] = Σ_j l[s, j, :] ⊙ E[x[s, j], :]
 * </pre>
 * with weights l [S..., J, d]: zero for nil words, 1 for the others (bag of words), or with position encoding the
 * paper's l_kj = (1 - j/J) - (k/d)(1 - 2j/J) = (1 - k/d) - (j/J)(1 - 2k/d) for word j = 1..J of a sentence of J
 * non-nil words and embedding component k = 1..d. The weights depend on the input only, so one {@link #weights}
 * serves every embedding of the same sentences. Backward: ∂L/∂E[i] += scale · Σ_{(s, j): x[s, j] = i} l[s, j] ⊙ g[s].
 */
final class SentenceEncoding {
    private SentenceEncoding() {}

    /** The weights l (S + [J, d]) for sentences x (S + [J], I32) in the dtype and back end of {@code like}. */
    static Tensor weights(Tensor x, int d, boolean positionEncoding, Tensor like) {
        int[] xs = x.sizes();
        int jn = xs[xs.length - 1];
        Tensor word = x.ne(0).to(like.dtype()).to(like.backend());                // 1 for a word, 0 for nil, S + [J]
        int[] ws = java.util.Arrays.copyOf(xs, xs.length + 1);
        ws[xs.length] = d;
        if (!positionEncoding) return word.unsqueeze(xs.length).expand(ws).contiguous();
        Tensor len = word.sum(xs.length - 1).clampInPlace(1, Double.MAX_VALUE);    // S + [1]
        Tensor j = Tensor.arange(DType.F64, 1, jn + 1, 1).to(like.dtype()).to(like.backend());
        Tensor r = j.div(len).unsqueeze(xs.length);                              // j/J, S + [J, 1]
        Tensor k = Tensor.arange(DType.F64, 1, d + 1, 1).to(like.dtype()).to(like.backend()).divInPlace(d);
        Tensor a = k.neg().addInPlace(1), c = k.mul(-2).addInPlace(1);          // 1 - k/d, 1 - 2k/d, [d]
        Tensor l = r.mul(c).negInPlace().addInPlace(a);                          // S + [J, d]
        return l.mulInPlace(word.unsqueeze(xs.length));
    }

    /** m = Σ_j l ⊙ E[x] (S + [d]). */
    static Tensor encode(Tensor e, Tensor x, Tensor l) {
        int n = x.numel();
        Tensor rows = e.indexSelect(0, x.reshape(n)).view(l.sizes());
        return rows.mulInPlace(l).sum(x.dim() - 1, false);
    }

    /** gradE += scale · Σ l ⊙ g scattered to the rows x, for g = ∂L/∂m (S + [d]). */
    static void accumulate(Tensor gradE, Tensor x, Tensor l, Tensor g, double scale) {
        int d = gradE.size(1), n = x.numel();
        Tensor src = l.mul(g.unsqueeze(x.dim() - 1));
        if (scale != 1) src.mulInPlace(scale);
        gradE.scatterAddInPlace(0, x.reshape(n, 1).expand(n, d), src.view(n, d));
    }
}

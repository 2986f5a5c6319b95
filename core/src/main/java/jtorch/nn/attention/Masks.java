package jtorch.nn.attention;

import jtorch.tensor.Tensor;

/**
 * The additive attention masks of this package: a [B, Tq, Tk] tensor ([1, Tq, Tk] without padding) of 0 (attend) and -∞ (masked) added to the
 * scores before the softmax, from a causal flag (key j is masked for query i when j &gt; i, PyTorch's
 * {@code generate_square_subsequent_mask}) and a key padding mask [B, Tk] (nonzero = padded key, masked; PyTorch's
 * {@code key_padding_mask} with True = ignore). A query row whose keys are all masked gives NaN, as in PyTorch.
 */
final class Masks {
    private Masks() {}

    /**
     * The mask for a batch, or null when nothing is masked. {@code like} gives dtype and back end; {@code padding}
     * (any dtype, [B, Tk]) may be null; without it a {@code cached} causal mask of the same sizes is returned as is.
     */
    static Tensor bias(Tensor cached, String who, Tensor like, int batch, int tq, int tk, boolean causal, Tensor padding) {
        if (!causal && padding == null) return null;
        if (padding == null && cached != null && cached.size(0) == 1 && cached.size(1) == tq && cached.size(2) == tk
                && cached.dtype() == like.dtype() && cached.backend() == like.backend()) return cached;
        Tensor masked = like.newZeros(padding == null ? 1 : batch, tq, tk);
        if (causal) {
            Tensor rows = Tensor.arange(like.dtype(), 0, tq, 1).to(like.backend()).view(tq, 1);
            Tensor cols = Tensor.arange(like.dtype(), 0, tk, 1).to(like.backend()).view(1, tk);
            masked.addInPlace(cols.sub(rows.expand(tq, tk)).gt(0).view(1, tq, tk));
        }
        if (padding != null) {
            if (padding.dim() != 2 || padding.size(0) != batch || padding.size(1) != tk) throw new IllegalArgumentException(
                    who + ": expected a key padding mask [B, Tk] = [" + batch + ", " + tk + "] (nonzero = padded), got "
                            + padding.shape());
            masked.addInPlace(padding.to(like.backend()).to(like.dtype()).ne(0).view(batch, 1, tk));
        }
        Tensor ninf = like.newZeros(1).fillInPlace(Double.NEGATIVE_INFINITY);
        return Tensor.where(masked, ninf, like.newZeros(1));
    }
}

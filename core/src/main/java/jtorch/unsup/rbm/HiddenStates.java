package jtorch.unsup.rbm;

import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * Blocks of the 2^H binary hidden configurations in counting order: configuration k has h_j = bit j of k
 * (h_0 the least significant), built with tensor operations (no per-element loop): h_j = ⌊k / 2^j⌋ - 2 ⌊k / 2^{j+1}⌋,
 * the floors taken by truncating the non-negative F64 values to I32.
 */
public final class HiddenStates {
    private HiddenStates() {}

    /** Configurations {@code start .. start + n - 1} as rows [n, H] of {@code dtype} (0/1 values). */
    public static Tensor block(DType dtype, int hidden, long start, int n) {
        if (hidden < 1 || hidden > 30) throw new IllegalArgumentException("HiddenStates.block: hidden size must be in"
                + " 1..30, got " + hidden);
        long total = 1L << hidden;
        if (start < 0 || n < 0 || start + n > total) throw new IllegalArgumentException("HiddenStates.block: configurations "
                + start + " .. " + (start + n - 1) + " outside 0 .. " + (total - 1) + " for " + hidden + " hidden units");
        Tensor k = Tensor.arange(DType.F64, start, start + n, 1).view(n, 1);
        Tensor scale = Tensor.arange(DType.F64, 0, hidden, 1).neg().applyInPlace(jtorch.backend.UnaryOp.RPOW, 2, 0)
                .view(1, hidden);                                                      // 2^-j
        Tensor q = floor(k.mul(scale));                                                // ⌊k / 2^j⌋
        Tensor half = floor(q.mul(0.5));                                               // ⌊k / 2^{j+1}⌋
        return q.subInPlace(half.mulInPlace(2)).to(dtype);
    }

    private static Tensor floor(Tensor nonNegative) { return nonNegative.to(DType.I32).to(DType.F64); }
}

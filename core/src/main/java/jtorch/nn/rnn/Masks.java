package jtorch.nn.rnn;

import jtorch.tensor.DType;
import jtorch.tensor.Tensor;

/**
 * The padding convention of the package (Torch7 rnn's {@code MaskZero}): a row x[..., :] (the last dimension) that is
 * all zero is a padded step. {@link #rows} gives the keep-mask m: 1 for a real row, 0 for a padded one.
 */
final class Masks {
    private Masks() {}

    /** m [..., 1] in x's dtype (errors name {@code who}): 1 where the row x[..., :] has a nonzero entry, 0 where it is all zero. */
    static Tensor rows(String who, Tensor x) {
        if (x.dtype() == DType.I32) throw new IllegalArgumentException(who + ": expected a floating-point input whose"
                + " all-zero rows are padding, got I32 " + x.shape() + " (mask tokens with LookupTable's padding index,"
                + " which gives zero rows)");
        return x.ne(0).max(x.dim() - 1, true).values();
    }

    /** 1 - m. */
    static Tensor complement(Tensor m) { return m.neg().addInPlace(1); }
}

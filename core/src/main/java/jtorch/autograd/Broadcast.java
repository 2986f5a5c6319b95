package jtorch.autograd;

import java.util.Arrays;
import jtorch.tensor.Tensor;

/**
 * Reduces a gradient back to the shape of an operand that was broadcast: the sum over the leading dimensions the
 * operand lacked and over the dimensions where it had size 1 (the adjoint of broadcasting, as PyTorch's
 * {@code sum_to_size}).
 */
final class Broadcast {
    private Broadcast() {}

    /** {@code g} summed down to {@code sizes} (g itself when the shapes already agree). */
    static Tensor sumTo(Tensor g, int[] sizes) {
        int[] gs = g.sizes();
        if (Arrays.equals(gs, sizes)) return g;
        int lead = gs.length - sizes.length;
        if (lead < 0) throw new IllegalArgumentException("sumTo: gradient " + g.shape() + " has fewer dimensions than "
                + Arrays.toString(sizes));
        Tensor t = g;
        for (int i = 0; i < lead; i++) t = t.sum(0, false);
        for (int d = 0; d < sizes.length; d++) {
            if (sizes[d] == 1 && t.size(d) != 1) t = t.sum(d, true);
            else if (sizes[d] != t.size(d)) throw new IllegalArgumentException("sumTo: gradient " + g.shape()
                    + " cannot be reduced to " + Arrays.toString(sizes));
        }
        return t;
    }
}

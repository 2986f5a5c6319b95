package jtorch.nn.reduce;

import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/** Dimension handling shared by the reduction modules. */
final class Dims {
    private Dims() {}

    /** x as a tensor with dimension {@code dim} (negative: from the end); returns the resolved dimension. */
    static int resolve(String module, int dim, Tensor x) {
        int d = dim < 0 ? dim + x.dim() : dim;
        if (d < 0 || d >= x.dim()) throw new IllegalArgumentException(module + ": dimension " + dim
                + " out of range for input " + x.shape());
        return d;
    }

    /** sizes without dimension d. */
    static int[] removed(int[] sizes, int d) {
        int[] s = new int[sizes.length - 1];
        for (int i = 0, k = 0; i < sizes.length; i++) if (i != d) s[k++] = sizes[i];
        return s;
    }

    /** gradOutput as a tensor of the output's shape and dtype. */
    static Tensor grad(String module, Activity gradOutput, Activity output, Tensor x) {
        if (!(output instanceof Tensor y)) throw new IllegalStateException(module + ": backward needs a forward first");
        Tensor g = gradOutput.toTensor(module + " gradOutput");
        if (!g.sameShape(y) || g.dtype() != x.dtype()) throw new IllegalArgumentException(module + ": gradOutput is "
                + g.dtype() + " " + g.shape() + ", expected " + x.dtype() + " " + y.shape() + " for input " + x.shape());
        return g;
    }
}

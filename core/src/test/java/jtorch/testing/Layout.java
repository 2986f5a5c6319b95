package jtorch.testing;

import jtorch.tensor.Tensor;

/**
 * How a test input of a given logical shape sits in memory: a view of a base tensor of another shape. Kernels must give
 * the same results whatever the layout.
 */
public enum Layout {
    /** Row-major, offset 0. */
    CONTIGUOUS,
    /** The last dimension narrowed out of one 3 longer, from position 1: an offset, and gaps between rows. */
    NARROWED,
    /** Every stride doubled and offset 1 (base has an extra trailing dimension of 2, selected at 1). */
    STRIDED,
    /** The last two dimensions swapped (rank >= 2). */
    TRANSPOSED,
    /** Dimensions rotated: base [s_{r-1}, s_0, ..., s_{r-2}] viewed through permute(1, ..., r-1, 0) (rank >= 2). */
    PERMUTED,
    /** Dimension 0 broadcast from size 1 (stride 0); read-only. */
    EXPANDED;

    /** The shape of the base tensor that {@link #view} turns into {@code shape}. */
    public int[] baseShape(int[] shape) {
        int r = shape.length;
        int[] b = shape.clone();
        switch (this) {
            case CONTIGUOUS -> { }
            case NARROWED -> { if (r > 0) b[r - 1] += 3; }
            case STRIDED -> { b = java.util.Arrays.copyOf(shape, r + 1); b[r] = 2; }
            case TRANSPOSED -> { needRank(r); b[r - 2] = shape[r - 1]; b[r - 1] = shape[r - 2]; }
            case PERMUTED -> { needRank(r); b[0] = shape[r - 1]; System.arraycopy(shape, 0, b, 1, r - 1); }
            case EXPANDED -> { if (r > 0) b[0] = 1; }
        }
        return b;
    }

    /** The view of {@code base} (shaped by {@link #baseShape}) with logical shape {@code shape}. */
    public Tensor view(Tensor base, int[] shape) {
        int r = shape.length;
        return switch (this) {
            case CONTIGUOUS -> base;
            case NARROWED -> r == 0 ? base : base.narrow(r - 1, 1, shape[r - 1]);
            case STRIDED -> base.select(r, 1);
            case TRANSPOSED -> base.transpose(r - 2, r - 1);
            case PERMUTED -> {
                int[] order = new int[r];
                for (int i = 0; i < r; i++) order[i] = (i + 1) % r;
                yield base.permute(order);
            }
            case EXPANDED -> base.expand(shape);
        };
    }

    private void needRank(int r) {
        if (r < 2) throw new IllegalArgumentException(this + " needs rank >= 2, got " + r);
    }
}

package jtorch.unsup.sparse;

import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/**
 * Soft thresholding (the proximal map of t‖·‖₁), with tensor operations only:
 * shrink(v, t) = sign(v) · max(|v| − t, 0) = v − clamp(v, −t, t), t &ge; 0.
 */
final class Shrink {
    private Shrink() {}

    /** out = shrink(v, t); {@code scratch} has v's shape and may not alias v or out. Returns out. */
    static Tensor soft(Tensor v, double t, Tensor scratch, Tensor out) {
        v.apply(UnaryOp.CLAMP, -t, t, scratch);
        return v.sub(scratch, out);
    }
}

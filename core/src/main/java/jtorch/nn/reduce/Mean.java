package jtorch.nn.reduce;

/**
 * Mean along one dimension, which is removed (Torch7's {@code nn.Mean(dim)}): y = (1/n) Σ_k x[..., k, ...] with n the
 * size of dimension dim (the batch is 0; negative counts from the end). Backward: ∂L/∂x[..., k, ...] = g / n.
 */
public class Mean extends Sum {
    public Mean(int dim) { super(dim, true); }
}

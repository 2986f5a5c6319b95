package jtorch.nn.reduce;

/**
 * Minimum along one dimension, which is removed (Torch7's {@code nn.Min(dim)}): y = min_k x[..., k, ...]; the batch
 * is dimension 0, negative dims count from the end. Backward: g goes to the position of the minimum (the first one
 * on ties), zeros elsewhere.
 */
public class Min extends ArgExtreme {
    public Min(int dim) { super(dim, false); }
}

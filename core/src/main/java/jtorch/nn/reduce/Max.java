package jtorch.nn.reduce;

/**
 * Maximum along one dimension, which is removed (Torch7's {@code nn.Max(dim)}): y = max_k x[..., k, ...]; the batch
 * is dimension 0, negative dims count from the end. Backward: g goes to the position of the maximum (the first one
 * on ties), zeros elsewhere.
 */
public class Max extends ArgExtreme {
    public Max(int dim) { super(dim, true); }
}

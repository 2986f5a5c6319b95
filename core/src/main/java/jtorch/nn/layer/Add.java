package jtorch.nn.layer;

/**
 * Learnable bias of the input's per-sample shape, Torch7's {@code Add(inputSize)}: y[b] = x[b] + β, with input
 * [B, sizes...] exactly (no broadcasting; see {@link CAdd} for that). β ~ U(-1/√n, 1/√n), n = number of bias
 * elements, as Torch7. Backward: ∂L/∂x = g, ∂L/∂β += scale · Σ_batch g.
 */
public class Add extends CAdd {

    public Add(int... sizes) { super(false, sizes); }
}

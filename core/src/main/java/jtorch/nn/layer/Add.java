package jtorch.nn.layer;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Learnable bias of the input's per-sample shape, Torch7's {@code Add(inputSize)}: y[b] = x[b] + β, with input
 * [B, sizes...] exactly (no broadcasting; see {@link CAdd} for that). β ~ U(-1/√n, 1/√n), n = number of bias
 * elements, as Torch7. Backward: ∂L/∂x = g, ∂L/∂β += scale · Σ_batch g.
 */
public class Add extends CAdd {
    public static final ModuleType<Add> TYPE = ModuleType.of("Add", Add.class, m -> ModuleArgs.of("sizes", m.sizes),
            a -> new Add(a.ints("sizes")));

    public Add(int... sizes) { super(false, sizes); }

    @Override public Add clone() { return (Add) super.clone(); }
}

package jtorch.nn.reduce;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
/**
 * Mean along one dimension, which is removed (Torch7's {@code nn.Mean(dim)}): y = (1/n) Σ_k x[..., k, ...] with n the
 * size of dimension dim (the batch is 0; negative counts from the end). Backward: ∂L/∂x[..., k, ...] = g / n.
 */
public class Mean extends Sum {
    public static final ModuleType<Mean> TYPE = ModuleType.of("Mean", Mean.class,
            m -> ModuleArgs.of("dim", m.dim()),
            a -> new Mean(a.integer("dim")));

    @Override public Mean clone() { return (Mean) super.clone(); }

    public Mean(int dim) { super(dim, true); }
}

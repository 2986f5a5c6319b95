package jtorch.nn.reduce;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
/**
 * Minimum along one dimension, which is removed (Torch7's {@code nn.Min(dim)}): y = min_k x[..., k, ...]; the batch
 * is dimension 0, negative dims count from the end. Backward: g goes to the position of the minimum (the first one
 * on ties), zeros elsewhere.
 */
public class Min extends ArgExtreme {
    public static final ModuleType<Min> TYPE = ModuleType.of("Min", Min.class,
            m -> ModuleArgs.of("dim", m.dim()),
            a -> new Min(a.integer("dim")));

    @Override public Min clone() { return (Min) super.clone(); }

    public Min(int dim) { super(dim, false); }
}

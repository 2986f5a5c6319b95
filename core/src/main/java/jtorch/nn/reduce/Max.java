package jtorch.nn.reduce;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
/**
 * Maximum along one dimension, which is removed (Torch7's {@code nn.Max(dim)}): y = max_k x[..., k, ...]; the batch
 * is dimension 0, negative dims count from the end. Backward: g goes to the position of the maximum (the first one
 * on ties), zeros elsewhere.
 */
public class Max extends ArgExtreme {
    public static final ModuleType<Max> TYPE = ModuleType.of("Max", Max.class,
            m -> ModuleArgs.of("dim", m.dim()),
            a -> new Max(a.integer("dim")));

    @Override public Max clone() { return (Max) super.clone(); }

    public Max(int dim) { super(dim, true); }
}

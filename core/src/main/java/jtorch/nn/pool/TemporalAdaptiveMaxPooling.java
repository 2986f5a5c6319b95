package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Adaptive max pooling to a fixed output size, whatever the input size: input [B, C, L], output [B, C, oL]; output position o of a
 * dimension of input size L and output size O covers the input positions [⌊o·L/O⌋, ⌈(o+1)·L/O⌉) (windows may
 * overlap or, when O > L, repeat positions). Backward: ∂L/∂x[argmax] += ∂L/∂y.
 */
public class TemporalAdaptiveMaxPooling extends WindowPooling {
    public static final ModuleType<TemporalAdaptiveMaxPooling> TYPE = ModuleType.of("TemporalAdaptiveMaxPooling", TemporalAdaptiveMaxPooling.class,
            m -> ModuleArgs.of("oL", m.outSize[2]),
            a -> new TemporalAdaptiveMaxPooling(a.integer("oL")));

    public TemporalAdaptiveMaxPooling(int oL) {
        super("TemporalAdaptiveMaxPooling", 1, Pool.Kind.MAX, null, null, null, null, false, 0, new int[] {oL});
    }

    @Override public TemporalAdaptiveMaxPooling clone() { return (TemporalAdaptiveMaxPooling) super.clone(); }

    @Override public String name() { return describe(""); }
}

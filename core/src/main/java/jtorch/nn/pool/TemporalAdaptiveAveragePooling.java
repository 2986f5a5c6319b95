package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Adaptive average pooling to a fixed output size, whatever the input size: input [B, C, L], output [B, C, oL]; output position o of a
 * dimension of input size L and output size O covers the input positions [⌊o·L/O⌋, ⌈(o+1)·L/O⌉) (windows may
 * overlap or, when O > L, repeat positions). y = the window mean; backward: each position of a window gets ∂L/∂y / (window size).
 */
public class TemporalAdaptiveAveragePooling extends WindowPooling {
    public static final ModuleType<TemporalAdaptiveAveragePooling> TYPE = ModuleType.of("TemporalAdaptiveAveragePooling", TemporalAdaptiveAveragePooling.class,
            m -> ModuleArgs.of("oL", m.outSize[2]),
            a -> new TemporalAdaptiveAveragePooling(a.integer("oL")));

    public TemporalAdaptiveAveragePooling(int oL) {
        super("TemporalAdaptiveAveragePooling", 1, Pool.Kind.AVG, null, null, null, null, false, 0, new int[] {oL});
    }

    @Override public TemporalAdaptiveAveragePooling clone() { return (TemporalAdaptiveAveragePooling) super.clone(); }

    @Override public String name() { return describe(""); }
}

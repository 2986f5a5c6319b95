package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Adaptive max (Torch7's {@code nn.SpatialAdaptiveMaxPooling(oW, oH)}) pooling to a fixed output size, whatever the input size: input [B, C, H, W], output [B, C, oH, oW]; output position o of a
 * dimension of input size L and output size O covers the input positions [⌊o·L/O⌋, ⌈(o+1)·L/O⌉) (windows may
 * overlap or, when O > L, repeat positions). Backward: ∂L/∂x[argmax] += ∂L/∂y.
 */
public class SpatialAdaptiveMaxPooling extends WindowPooling {
    public static final ModuleType<SpatialAdaptiveMaxPooling> TYPE = ModuleType.of("SpatialAdaptiveMaxPooling", SpatialAdaptiveMaxPooling.class,
            m -> ModuleArgs.of("oW", m.outSize[2], "oH", m.outSize[1]),
            a -> new SpatialAdaptiveMaxPooling(a.integer("oW"), a.integer("oH")));

    public SpatialAdaptiveMaxPooling(int oW, int oH) {
        super("SpatialAdaptiveMaxPooling", 2, Pool.Kind.MAX, null, null, null, null, false, 0, new int[] {oH, oW});
    }

    @Override public SpatialAdaptiveMaxPooling clone() { return (SpatialAdaptiveMaxPooling) super.clone(); }

    @Override public String name() { return describe(""); }
}

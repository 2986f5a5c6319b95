package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Adaptive average (Torch7's {@code nn.SpatialAdaptiveAveragePooling(oW, oH)}) pooling to a fixed output size, whatever the input size: input [B, C, H, W], output [B, C, oH, oW]; output position o of a
 * dimension of input size L and output size O covers the input positions [⌊o·L/O⌋, ⌈(o+1)·L/O⌉) (windows may
 * overlap or, when O > L, repeat positions). y = the window mean; backward: each position of a window gets ∂L/∂y / (window size).
 */
public class SpatialAdaptiveAveragePooling extends WindowPooling {
    public static final ModuleType<SpatialAdaptiveAveragePooling> TYPE = ModuleType.of("SpatialAdaptiveAveragePooling", SpatialAdaptiveAveragePooling.class,
            m -> ModuleArgs.of("oW", m.outSize[2], "oH", m.outSize[1]),
            a -> new SpatialAdaptiveAveragePooling(a.integer("oW"), a.integer("oH")));

    public SpatialAdaptiveAveragePooling(int oW, int oH) {
        super("SpatialAdaptiveAveragePooling", 2, Pool.Kind.AVG, null, null, null, null, false, 0, new int[] {oH, oW});
    }

    @Override public SpatialAdaptiveAveragePooling clone() { return (SpatialAdaptiveAveragePooling) super.clone(); }

    @Override public String name() { return describe(""); }
}

package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Adaptive average (Torch7's {@code nn.VolumetricAdaptiveAveragePooling(oT, oW, oH)}) pooling to a fixed output size, whatever the input size: input [B, C, D, H, W], output [B, C, oT, oH, oW]; output position o of a
 * dimension of input size L and output size O covers the input positions [⌊o·L/O⌋, ⌈(o+1)·L/O⌉) (windows may
 * overlap or, when O > L, repeat positions). y = the window mean; backward: each position of a window gets ∂L/∂y / (window size).
 */
public class VolumetricAdaptiveAveragePooling extends WindowPooling {
    public static final ModuleType<VolumetricAdaptiveAveragePooling> TYPE = ModuleType.of("VolumetricAdaptiveAveragePooling", VolumetricAdaptiveAveragePooling.class,
            m -> ModuleArgs.of("oT", m.outSize[0], "oW", m.outSize[2], "oH", m.outSize[1]),
            a -> new VolumetricAdaptiveAveragePooling(a.integer("oT"), a.integer("oW"), a.integer("oH")));

    public VolumetricAdaptiveAveragePooling(int oT, int oW, int oH) {
        super("VolumetricAdaptiveAveragePooling", 3, Pool.Kind.AVG, null, null, null, null, false, 0, new int[] {oT, oH, oW});
    }

    @Override public VolumetricAdaptiveAveragePooling clone() { return (VolumetricAdaptiveAveragePooling) super.clone(); }

    @Override public String name() { return describe(""); }
}

package jtorch.nn.pool;

import jtorch.backend.Pool;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Adaptive max (Torch7's {@code nn.VolumetricAdaptiveMaxPooling(oT, oW, oH)}) pooling to a fixed output size, whatever the input size: input [B, C, D, H, W], output [B, C, oT, oH, oW]; output position o of a
 * dimension of input size L and output size O covers the input positions [⌊o·L/O⌋, ⌈(o+1)·L/O⌉) (windows may
 * overlap or, when O > L, repeat positions). Backward: ∂L/∂x[argmax] += ∂L/∂y.
 */
public class VolumetricAdaptiveMaxPooling extends WindowPooling {
    public static final ModuleType<VolumetricAdaptiveMaxPooling> TYPE = ModuleType.of("VolumetricAdaptiveMaxPooling", VolumetricAdaptiveMaxPooling.class,
            m -> ModuleArgs.of("oT", m.outSize[0], "oW", m.outSize[2], "oH", m.outSize[1]),
            a -> new VolumetricAdaptiveMaxPooling(a.integer("oT"), a.integer("oW"), a.integer("oH")));

    public VolumetricAdaptiveMaxPooling(int oT, int oW, int oH) {
        super("VolumetricAdaptiveMaxPooling", 3, Pool.Kind.MAX, null, null, null, null, false, 0, new int[] {oT, oH, oW});
    }

    @Override public VolumetricAdaptiveMaxPooling clone() { return (VolumetricAdaptiveMaxPooling) super.clone(); }

    @Override public String name() { return describe(""); }
}

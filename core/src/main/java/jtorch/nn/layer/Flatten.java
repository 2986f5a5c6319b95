package jtorch.nn.layer;

import jtorch.nn.ModuleType;
import jtorch.tensor.Tensor;

/**
 * Flattens each sample: input [B, s_1, ..., s_k] → output [B, s_1·…·s_k] (PyTorch's {@code nn.Flatten()}, from
 * dimension 1; Torch7 wrote {@code nn.View(-1)}), e.g. between the last pooling layer and the first {@link Linear} of
 * a convnet. A contiguous input gives a view, a strided one is copied into a reused buffer. Backward: gradOutput
 * viewed back to the input's shape.
 */
public class Flatten extends Reshape {
    public static final ModuleType<Flatten> TYPE = ModuleType.of("Flatten", Flatten.class, Flatten::new);

    public Flatten() { super(true, new int[] {-1}); }

    @Override protected int[] target(Tensor x) {
        if (x.dim() < 2) throw new IllegalArgumentException(name() + ": expected a batch [B, ...] of rank >= 2, got "
                + x.shape());
        return new int[] {x.size(0), LayerShapes.perSampleCount(x)};
    }

    @Override public Flatten clone() { return (Flatten) super.clone(); }

    @Override public String name() { return "Flatten"; }
}

package jtorch.nn.layer;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.tensor.Tensor;

/**
 * Per-sample view: input [B, ...] → output [B, sizes...] sharing the input's storage (Torch7's View). Dimension 0
 * is always the batch and is not part of {@code sizes}; one size may be -1, inferred from the elements per sample.
 * The input must be contiguous (use {@link Reshape} to copy a strided one). Backward: gradOutput viewed (copied
 * first when strided) back to the input's shape.
 */
public class View extends Reshape {
    public static final ModuleType<View> TYPE = ModuleType.of("View", View.class,
            m -> ModuleArgs.of("sizes", m.sizes()),
            a -> new View(a.ints("sizes")));

    @Override public View clone() { return (View) super.clone(); }

    public View(int... sizes) {
        super(true, checked(sizes));
    }

    private static int[] checked(int[] sizes) {
        if (sizes.length == 0) throw new IllegalArgumentException("View: at least one size is needed");
        int infer = 0;
        for (int s : sizes) {
            if (s == -1) infer++;
            else if (s < 1) infer = 2;
        }
        if (infer > 1) throw new IllegalArgumentException("View: sizes must be positive with at most one -1, got "
                + java.util.Arrays.toString(sizes));
        return sizes;
    }

    @Override protected int[] target(Tensor x) {
        int per = x.dim() == 0 ? -1 : LayerShapes.perSampleCount(x), known = 1, at = -1;
        for (int i = 0; i < sizes.length; i++) if (sizes[i] == -1) at = i; else known *= sizes[i];
        int[] s = sizes.clone();
        if (at >= 0 && per >= 0 && per % known == 0) s[at] = per / known;
        int n = 1;
        for (int v : s) n *= v;
        if (per < 0 || n != per || s[Math.max(at, 0)] < 0) throw new IllegalArgumentException(name()
                + ": cannot view a batch " + x.shape() + " as [B, " + java.util.Arrays.toString(sizes)
                .replace("[", "").replace("]", "") + "] per sample");
        return LayerShapes.prepend(x.size(0), s);
    }

    @Override protected Tensor contiguousInput(Tensor x) {
        throw new IllegalArgumentException(name() + ": input " + x.shape() + " is not contiguous; use Reshape to copy it");
    }
}

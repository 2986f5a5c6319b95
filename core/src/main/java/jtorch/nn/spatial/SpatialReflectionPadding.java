package jtorch.nn.spatial;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Pads [B, C, H, W] inputs by left/right (W) and top/bottom (H) with the mirror image without repeating the edge, Torch7's argument order; see {@link Padding} for the definition and backward.
 */
public class SpatialReflectionPadding extends Padding {
    public static final ModuleType<SpatialReflectionPadding> TYPE = ModuleType.of("SpatialReflectionPadding", SpatialReflectionPadding.class,
            m -> ModuleArgs.of("padL", m.before[1], "padR", m.after[1], "padT", m.before[0], "padB", m.after[0]), a -> new SpatialReflectionPadding(a.integer("padL"), a.integer("padR"), a.integer("padT"), a.integer("padB")));

    public SpatialReflectionPadding(int padL, int padR, int padT, int padB) { super("SpatialReflectionPadding", 2, Mode.REFLECTION, new int[] {padT, padL}, new int[] {padB, padR}); }

    @Override public SpatialReflectionPadding clone() { return (SpatialReflectionPadding) super.clone(); }
}

package jtorch.nn.spatial;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Pads [B, C, H, W] inputs by left/right (W) and top/bottom (H) with zeros (negative padding crops), Torch7's argument order; see {@link Padding} for the definition and backward.
 */
public class SpatialZeroPadding extends Padding {
    public static final ModuleType<SpatialZeroPadding> TYPE = ModuleType.of("SpatialZeroPadding", SpatialZeroPadding.class,
            m -> ModuleArgs.of("padL", m.before[1], "padR", m.after[1], "padT", m.before[0], "padB", m.after[0]), a -> new SpatialZeroPadding(a.integer("padL"), a.integer("padR"), a.integer("padT"), a.integer("padB")));

    public SpatialZeroPadding(int padL, int padR, int padT, int padB) { super("SpatialZeroPadding", 2, Mode.ZERO, new int[] {padT, padL}, new int[] {padB, padR}); }

    @Override public SpatialZeroPadding clone() { return (SpatialZeroPadding) super.clone(); }
}

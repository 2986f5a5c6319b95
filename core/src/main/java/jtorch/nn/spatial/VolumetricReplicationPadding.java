package jtorch.nn.spatial;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Pads [B, C, D, H, W] inputs by left/right (W), top/bottom (H) and front/back (D) with copies of the edge, Torch7's argument order; see {@link Padding} for the definition and backward.
 */
public class VolumetricReplicationPadding extends Padding {
    public static final ModuleType<VolumetricReplicationPadding> TYPE = ModuleType.of("VolumetricReplicationPadding", VolumetricReplicationPadding.class,
            m -> ModuleArgs.of("padL", m.before[2], "padR", m.after[2], "padT", m.before[1], "padB", m.after[1], "padF", m.before[0], "padBack", m.after[0]), a -> new VolumetricReplicationPadding(a.integer("padL"), a.integer("padR"), a.integer("padT"), a.integer("padB"), a.integer("padF"), a.integer("padBack")));

    public VolumetricReplicationPadding(int padL, int padR, int padT, int padB, int padF, int padBack) { super("VolumetricReplicationPadding", 3, Mode.REPLICATION, new int[] {padF, padT, padL}, new int[] {padBack, padB, padR}); }

    @Override public VolumetricReplicationPadding clone() { return (VolumetricReplicationPadding) super.clone(); }
}

package jtorch.nn.spatial;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Pads [B, C, H, W] inputs by left/right (W) and top/bottom (H) with copies of the edge, Torch7's argument order; see {@link Padding} for the definition and backward.
 */
public class SpatialReplicationPadding extends Padding {
    public static final ModuleType<SpatialReplicationPadding> TYPE = ModuleType.of("SpatialReplicationPadding", SpatialReplicationPadding.class,
            m -> ModuleArgs.of("padL", m.before[1], "padR", m.after[1], "padT", m.before[0], "padB", m.after[0]), a -> new SpatialReplicationPadding(a.integer("padL"), a.integer("padR"), a.integer("padT"), a.integer("padB")));

    public SpatialReplicationPadding(int padL, int padR, int padT, int padB) { super("SpatialReplicationPadding", 2, Mode.REPLICATION, new int[] {padT, padL}, new int[] {padB, padR}); }

    @Override public SpatialReplicationPadding clone() { return (SpatialReplicationPadding) super.clone(); }
}

package jtorch.nn.spatial;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Pads [B, C, L] inputs by left and right with copies of the edge, Torch7's argument order; see {@link Padding} for the definition and backward.
 */
public class TemporalReplicationPadding extends Padding {
    public static final ModuleType<TemporalReplicationPadding> TYPE = ModuleType.of("TemporalReplicationPadding", TemporalReplicationPadding.class,
            m -> ModuleArgs.of("padL", m.before[0], "padR", m.after[0]), a -> new TemporalReplicationPadding(a.integer("padL"), a.integer("padR")));

    public TemporalReplicationPadding(int padL, int padR) { super("TemporalReplicationPadding", 1, Mode.REPLICATION, new int[] {padL}, new int[] {padR}); }

    @Override public TemporalReplicationPadding clone() { return (TemporalReplicationPadding) super.clone(); }
}

package jtorch.nn.spatial;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Pads [B, C, L] inputs by left and right with the mirror image without repeating the edge, Torch7's argument order; see {@link Padding} for the definition and backward.
 */
public class TemporalReflectionPadding extends Padding {
    public static final ModuleType<TemporalReflectionPadding> TYPE = ModuleType.of("TemporalReflectionPadding", TemporalReflectionPadding.class,
            m -> ModuleArgs.of("padL", m.before[0], "padR", m.after[0]), a -> new TemporalReflectionPadding(a.integer("padL"), a.integer("padR")));

    public TemporalReflectionPadding(int padL, int padR) { super("TemporalReflectionPadding", 1, Mode.REFLECTION, new int[] {padL}, new int[] {padR}); }

    @Override public TemporalReflectionPadding clone() { return (TemporalReflectionPadding) super.clone(); }
}

package jtorch.nn.spatial;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Pads [B, C, L] inputs by left and right with zeros (negative padding crops), Torch7's argument order; see {@link Padding} for the definition and backward.
 */
public class TemporalZeroPadding extends Padding {
    public static final ModuleType<TemporalZeroPadding> TYPE = ModuleType.of("TemporalZeroPadding", TemporalZeroPadding.class,
            m -> ModuleArgs.of("padL", m.before[0], "padR", m.after[0]), a -> new TemporalZeroPadding(a.integer("padL"), a.integer("padR")));

    public TemporalZeroPadding(int padL, int padR) { super("TemporalZeroPadding", 1, Mode.ZERO, new int[] {padL}, new int[] {padR}); }

    @Override public TemporalZeroPadding clone() { return (TemporalZeroPadding) super.clone(); }
}

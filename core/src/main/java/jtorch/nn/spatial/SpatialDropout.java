package jtorch.nn.spatial;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Generator;

/**
 * Dropout of whole channels of [B, C, H, W] inputs (Torch7's {@code nn.SpatialDropout(p)}, inverted scaling): each (sample,
 * channel) map is zeroed with probability p and the others scaled by 1/(1-p); see {@link FeatureDropout}.
 */
public class SpatialDropout extends FeatureDropout {
    public static final ModuleType<SpatialDropout> TYPE = ModuleType.of("SpatialDropout", SpatialDropout.class,
            m -> ModuleArgs.of("p", m.p()), a -> new SpatialDropout(a.number("p")));

    /** p = 0.5. */
    public SpatialDropout() { this(0.5); }

    /** A generator seeded from the global one. */
    public SpatialDropout(double p) { this(p, seed()); }

    /** Draws from a copy of {@code generator}'s state. */
    public SpatialDropout(double p, Generator generator) { super(4, p, generator); }

    @Override public SpatialDropout freezeNoise(boolean freeze) { super.freezeNoise(freeze); return this; }

    @Override public SpatialDropout clone() { return (SpatialDropout) super.clone(); }
}

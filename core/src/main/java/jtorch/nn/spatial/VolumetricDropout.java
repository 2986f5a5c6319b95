package jtorch.nn.spatial;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Generator;

/**
 * Dropout of whole channels of [B, C, D, H, W] inputs (Torch7's {@code nn.VolumetricDropout(p)}, inverted scaling): each (sample,
 * channel) map is zeroed with probability p and the others scaled by 1/(1-p); see {@link FeatureDropout}.
 */
public class VolumetricDropout extends FeatureDropout {
    public static final ModuleType<VolumetricDropout> TYPE = ModuleType.of("VolumetricDropout", VolumetricDropout.class,
            m -> ModuleArgs.of("p", m.p()), a -> new VolumetricDropout(a.number("p")));

    /** p = 0.5. */
    public VolumetricDropout() { this(0.5); }

    /** A generator seeded from the global one. */
    public VolumetricDropout(double p) { this(p, seed()); }

    /** Draws from a copy of {@code generator}'s state. */
    public VolumetricDropout(double p, Generator generator) { super(5, p, generator); }

    @Override public VolumetricDropout freezeNoise(boolean freeze) { super.freezeNoise(freeze); return this; }

    @Override public VolumetricDropout clone() { return (VolumetricDropout) super.clone(); }
}

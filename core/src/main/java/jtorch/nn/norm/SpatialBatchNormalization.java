package jtorch.nn.norm;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Batch normalisation of [B, C, H, W] inputs per channel, Torch7's {@code nn.SpatialBatchNormalization(nFeature, eps, momentum, affine)}
 * (defaults eps 1e-5, momentum 0.1, affine): the formulas, running statistics and modes are in {@link BatchNorm}.
 */
public class SpatialBatchNormalization extends BatchNorm {
    public static final ModuleType<SpatialBatchNormalization> TYPE = ModuleType.of("SpatialBatchNormalization", SpatialBatchNormalization.class,
            m -> ModuleArgs.of("nFeature", m.channels, "eps", m.eps, "momentum", m.momentum, "affine", m.affine),
            a -> new SpatialBatchNormalization(a.integer("nFeature"), a.number("eps"), a.number("momentum"), a.bool("affine")));

    /** eps 1e-5, momentum 0.1, affine. */
    public SpatialBatchNormalization(int nFeature) { this(nFeature, 1e-5, 0.1, true); }

    public SpatialBatchNormalization(int nFeature, double eps, double momentum, boolean affine) {
        super("SpatialBatchNormalization", 4, nFeature, eps, momentum, affine);
    }

    @Override public SpatialBatchNormalization clone() { return (SpatialBatchNormalization) super.clone(); }
}

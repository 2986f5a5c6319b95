package jtorch.nn.norm;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Batch normalisation of [B, C, D, H, W] inputs per channel, Torch7's {@code nn.VolumetricBatchNormalization(nFeature, eps, momentum, affine)}
 * (defaults eps 1e-5, momentum 0.1, affine): the formulas, running statistics and modes are in {@link BatchNorm}.
 */
public class VolumetricBatchNormalization extends BatchNorm {
    public static final ModuleType<VolumetricBatchNormalization> TYPE = ModuleType.of("VolumetricBatchNormalization", VolumetricBatchNormalization.class,
            m -> ModuleArgs.of("nFeature", m.channels, "eps", m.eps, "momentum", m.momentum, "affine", m.affine),
            a -> new VolumetricBatchNormalization(a.integer("nFeature"), a.number("eps"), a.number("momentum"), a.bool("affine")));

    /** eps 1e-5, momentum 0.1, affine. */
    public VolumetricBatchNormalization(int nFeature) { this(nFeature, 1e-5, 0.1, true); }

    public VolumetricBatchNormalization(int nFeature, double eps, double momentum, boolean affine) {
        super("VolumetricBatchNormalization", 5, nFeature, eps, momentum, affine);
    }

    @Override public VolumetricBatchNormalization clone() { return (VolumetricBatchNormalization) super.clone(); }
}

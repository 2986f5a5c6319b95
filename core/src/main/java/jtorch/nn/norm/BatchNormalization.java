package jtorch.nn.norm;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;

/**
 * Batch normalisation of [B, C] inputs per channel, Torch7's {@code nn.BatchNormalization(nFeature, eps, momentum, affine)}
 * (defaults eps 1e-5, momentum 0.1, affine): the formulas, running statistics and modes are in {@link BatchNorm}.
 */
public class BatchNormalization extends BatchNorm {
    public static final ModuleType<BatchNormalization> TYPE = ModuleType.of("BatchNormalization", BatchNormalization.class,
            m -> ModuleArgs.of("nFeature", m.channels, "eps", m.eps, "momentum", m.momentum, "affine", m.affine),
            a -> new BatchNormalization(a.integer("nFeature"), a.number("eps"), a.number("momentum"), a.bool("affine")));

    /** eps 1e-5, momentum 0.1, affine. */
    public BatchNormalization(int nFeature) { this(nFeature, 1e-5, 0.1, true); }

    public BatchNormalization(int nFeature, double eps, double momentum, boolean affine) {
        super("BatchNormalization", 2, nFeature, eps, momentum, affine);
    }

    @Override public BatchNormalization clone() { return (BatchNormalization) super.clone(); }
}

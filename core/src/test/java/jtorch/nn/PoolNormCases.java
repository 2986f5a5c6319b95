package jtorch.nn;

import static jtorch.nn.JacobianInputs.grid;
import static jtorch.nn.JacobianInputs.positive;
import static jtorch.nn.JacobianInputs.randn;

import java.util.function.Supplier;
import jtorch.nn.norm.*;
import jtorch.nn.pool.*;
import jtorch.nn.spatial.*;
import jtorch.tensor.Activity;

/**
 * The {@link EveryModuleJacobianTest} cases of the pooling, normalisation and spatial layer families (issue 9). Max
 * pooling inputs come from {@link JacobianInputs#grid} (pairwise 0.25 apart: no ties for ±eps to flip). Geometries
 * include padding, ceil mode, overlapping windows and stride > kernel.
 */
final class PoolNormCases {
    private PoolNormCases() {}

    interface Registrar {
        void on(Class<? extends Module> cls, Supplier<Module> m, Supplier<Activity> x, Jacobian.Options o);
    }

    /** Random γ, β instead of 1, 0, so their gradients are checked at a generic point. */
    static <M extends Module> M affine(M m, long seed) {
        for (Module.Parameter p : m.namedParameters()) p.weight().copy(jtorch.tensor.Tensor.randn(new jtorch.tensor.Generator(seed++),
                p.weight().sizes()));
        return m;
    }

    static void addTo(Registrar r) {
        Jacobian.Options o = Jacobian.options();
        // pooling
        r.on(TemporalMaxPooling.class, () -> new TemporalMaxPooling(3, 2, 1).ceil(true), () -> grid(101, 2, 2, 8), o);
        r.on(SpatialMaxPooling.class, () -> new SpatialMaxPooling(3, 2, 2, 1, 1, 1).ceil(), () -> grid(102, 2, 2, 5, 6), o);
        r.on(VolumetricMaxPooling.class, () -> new VolumetricMaxPooling(2, 2, 2, 1, 2, 2, 1, 0, 1), () -> grid(103, 1, 2, 3, 4, 4), o);
        r.on(SpatialDilatedMaxPooling.class, () -> new SpatialDilatedMaxPooling(2, 2, 1, 2, 1, 0, 2, 1).ceil(true),
                () -> grid(104, 2, 1, 5, 6), o);
        r.on(TemporalAveragePooling.class, () -> new TemporalAveragePooling(3, 2, 1).ceil(true), () -> randn(105, 2, 2, 7), o);
        r.on(SpatialAveragePooling.class, () -> new SpatialAveragePooling(3, 2, 2, 3, 1, 1).ceil().setCountExcludePad(),
                () -> randn(106, 2, 2, 7, 6), o);
        r.on(VolumetricAveragePooling.class, () -> new VolumetricAveragePooling(2, 3, 2, 2, 2, 1, 1, 1, 0),
                () -> randn(107, 1, 2, 3, 5, 4), o);
        r.on(TemporalLogSumExpPooling.class, () -> new TemporalLogSumExpPooling(3, 2, 1, 2.5), () -> randn(108, 2, 2, 7), o);
        r.on(SpatialLogSumExpPooling.class, () -> new SpatialLogSumExpPooling(2, 3, 3, 2, 1, 1, 0.7),
                () -> randn(109, 2, 2, 5, 6), o);
        r.on(SpatialLPPooling.class, () -> new SpatialLPPooling(2, 2.5, 2, 2, 2, 1), () -> positive(110, 2, 2, 4, 5), o);
        r.on(Maxout.class, () -> new Maxout(3), () -> grid(111, 2, 6, 2, 2), o);
        r.on(TemporalAdaptiveMaxPooling.class, () -> new TemporalAdaptiveMaxPooling(3), () -> grid(112, 2, 2, 7), o);
        r.on(SpatialAdaptiveMaxPooling.class, () -> new SpatialAdaptiveMaxPooling(2, 3), () -> grid(113, 2, 2, 5, 5), o);
        r.on(VolumetricAdaptiveMaxPooling.class, () -> new VolumetricAdaptiveMaxPooling(2, 2, 3), () -> grid(114, 1, 2, 3, 4, 5), o);
        r.on(TemporalAdaptiveAveragePooling.class, () -> new TemporalAdaptiveAveragePooling(4), () -> randn(115, 2, 2, 7), o);
        r.on(SpatialAdaptiveAveragePooling.class, () -> new SpatialAdaptiveAveragePooling(3, 2), () -> randn(116, 2, 2, 5, 7), o);
        r.on(VolumetricAdaptiveAveragePooling.class, () -> new VolumetricAdaptiveAveragePooling(2, 3, 2),
                () -> randn(117, 1, 2, 3, 4, 5), o);
        r.on(GlobalAveragePooling.class, GlobalAveragePooling::new, () -> randn(118, 2, 3, 4, 5), o);
        r.on(GlobalMaxPooling.class, GlobalMaxPooling::new, () -> grid(119, 2, 3, 2, 2, 3), o);
        r.on(SpatialMaxUnpooling.class, () -> {
            SpatialMaxPooling pool = new SpatialMaxPooling(2, 2);
            pool.forward(grid(120, 2, 2, 4, 5));
            return new SpatialMaxUnpooling(pool);
        }, () -> randn(121, 2, 2, 2, 2), o);
        // normalisation (batch norm in training mode here; evaluation mode in BatchNormTest)
        r.on(BatchNormalization.class, () -> affine(new BatchNormalization(3), 122), () -> randn(123, 4, 3), o);
        r.on(SpatialBatchNormalization.class, () -> affine(new SpatialBatchNormalization(2), 124), () -> randn(125, 2, 2, 3, 2), o);
        r.on(VolumetricBatchNormalization.class, () -> affine(new VolumetricBatchNormalization(2, 1e-3, 0.3, true), 126),
                () -> randn(127, 2, 2, 2, 2, 2), o);
        r.on(LayerNormalization.class, () -> affine(new LayerNormalization(3, 2), 128), () -> randn(129, 2, 2, 3, 2), o);
        r.on(GroupNormalization.class, () -> affine(new GroupNormalization(2, 4), 130), () -> randn(131, 2, 4, 3), o);
        r.on(SpatialCrossMapLRN.class, () -> new SpatialCrossMapLRN(3, 0.5, 0.75, 1.5), () -> randn(132, 2, 5, 2, 2), o);
        r.on(Normalize.class, () -> new Normalize(2.5), () -> randn(133, 3, 4), o);
        r.on(SpatialSubtractiveNormalization.class, () -> new SpatialSubtractiveNormalization(2, Kernels.gaussian2D(3, 0.5)),
                () -> randn(134, 2, 2, 4, 5), o);
        r.on(SpatialDivisiveNormalization.class, () -> new SpatialDivisiveNormalization(2, Kernels.gaussian1D(3, 0.5)),
                () -> randn(135, 2, 2, 4, 5), o);
        r.on(SpatialContrastiveNormalization.class, () -> new SpatialContrastiveNormalization(2, Kernels.box(3)),
                () -> randn(136, 1, 2, 4, 4), o);
        // around them
        r.on(SpatialDropout.class, () -> new SpatialDropout(0.4, new jtorch.tensor.Generator(137)).freezeNoise(true),
                () -> randn(138, 3, 4, 2, 2), o);
        r.on(VolumetricDropout.class, () -> new VolumetricDropout(0.4, new jtorch.tensor.Generator(139)).freezeNoise(true),
                () -> randn(140, 3, 3, 2, 1, 2), o);
        r.on(TemporalZeroPadding.class, () -> new TemporalZeroPadding(2, -1), () -> randn(141, 2, 2, 4), o);
        r.on(SpatialZeroPadding.class, () -> new SpatialZeroPadding(1, 2, -1, 1), () -> randn(142, 2, 2, 3, 3), o);
        r.on(VolumetricZeroPadding.class, () -> new VolumetricZeroPadding(1, 0, 0, 1, 1, 1), () -> randn(143, 1, 2, 2, 2, 3), o);
        r.on(TemporalReflectionPadding.class, () -> new TemporalReflectionPadding(2, 3), () -> randn(144, 2, 2, 4), o);
        r.on(SpatialReflectionPadding.class, () -> new SpatialReflectionPadding(2, 1, 1, 2), () -> randn(145, 2, 2, 3, 3), o);
        r.on(VolumetricReflectionPadding.class, () -> new VolumetricReflectionPadding(1, 1, 0, 1, 1, 0),
                () -> randn(146, 1, 2, 2, 2, 3), o);
        r.on(TemporalReplicationPadding.class, () -> new TemporalReplicationPadding(3, 1), () -> randn(147, 2, 2, 3), o);
        r.on(SpatialReplicationPadding.class, () -> new SpatialReplicationPadding(2, 0, 1, 3), () -> randn(148, 2, 2, 3, 2), o);
        r.on(VolumetricReplicationPadding.class, () -> new VolumetricReplicationPadding(1, 2, 1, 0, 0, 2),
                () -> randn(149, 1, 2, 2, 2, 2), o);
        r.on(SpatialUpSamplingNearest.class, () -> new SpatialUpSamplingNearest(2), () -> randn(150, 2, 2, 2, 3), o);
        r.on(SpatialUpSamplingBilinear.class, () -> new SpatialUpSamplingBilinear(3), () -> randn(151, 2, 2, 3, 2), o);
        r.on(PixelShuffle.class, () -> new PixelShuffle(2), () -> randn(152, 2, 8, 2, 3), o);
        r.on(DepthConcat.class, () -> new DepthConcat(1).add(new SpatialMaxPooling(2, 2, 1, 1))
                        .add(new SpatialZeroPadding(1, 0, 1, 1)).add(new SpatialReplicationPadding(0, 0, 0, 0)),
                () -> grid(153, 2, 2, 3, 4), o);
    }
}

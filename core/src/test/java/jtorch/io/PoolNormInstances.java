package jtorch.io;

import java.util.List;
import jtorch.nn.Module;
import jtorch.nn.norm.*;
import jtorch.nn.pool.*;
import jtorch.nn.spatial.*;

/** One instance of each pooling / normalisation / spatial layer type for {@link ModuleRegistryTest}, non-default arguments. */
final class PoolNormInstances {
    private PoolNormInstances() {}

    static List<Module> all() {
        return List.of(new TemporalMaxPooling(3, 2, 1).ceil(true), new SpatialMaxPooling(3, 2, 2, 1, 1, 0).ceil(),
                new VolumetricMaxPooling(2, 3, 2, 1, 2, 1, 1, 1, 0).ceil(true),
                new SpatialDilatedMaxPooling(3, 3, 2, 1, 1, 0, 2, 3), new TemporalAveragePooling(4, 2, 2).countIncludePad(false),
                new SpatialAveragePooling(3, 2, 2, 2, 1, 0).ceil().setCountExcludePad(),
                new VolumetricAveragePooling(2, 2, 2, 1, 1, 1, 1, 0, 1).ceil(true),
                new TemporalLogSumExpPooling(3, 1, 1, 4.5), new SpatialLogSumExpPooling(2, 2, 1, 1, 1, 0, 0.25).ceil(true),
                new SpatialLPPooling(3, 1.5, 2, 3, 1, 2), new Maxout(4), new TemporalAdaptiveMaxPooling(5),
                new SpatialAdaptiveMaxPooling(4, 3), new VolumetricAdaptiveMaxPooling(2, 3, 4),
                new TemporalAdaptiveAveragePooling(6), new SpatialAdaptiveAveragePooling(1, 2),
                new VolumetricAdaptiveAveragePooling(1, 2, 3), new GlobalAveragePooling(), new GlobalMaxPooling(),
                new SpatialMaxUnpooling(null),
                new BatchNormalization(5, 1e-3, 0.2, false), new SpatialBatchNormalization(3),
                new VolumetricBatchNormalization(2, 1e-4, 0.5, true), new LayerNormalization(new int[] {3, 4}, 1e-6, false),
                new GroupNormalization(2, 6, 1e-4, true), new SpatialCrossMapLRN(5, 2e-4, 0.5, 2), new Normalize(1.5, 1e-8),
                new SpatialSubtractiveNormalization(2, Kernels.gaussian1D(5, 0.25)),
                new SpatialDivisiveNormalization(3, Kernels.gaussian2D(3, 0.3), 1e-3, 2e-3),
                new SpatialContrastiveNormalization(1, Kernels.box(5), 1e-2, 1e-2),
                new SpatialDropout(0.3), new VolumetricDropout(0.2), new TemporalZeroPadding(1, -2),
                new SpatialZeroPadding(1, 2, 3, 4), new VolumetricZeroPadding(1, 2, 3, 4, 5, 6),
                new TemporalReflectionPadding(2, 1), new SpatialReflectionPadding(1, 0, 2, 3),
                new VolumetricReflectionPadding(0, 1, 1, 0, 2, 2), new TemporalReplicationPadding(0, 4),
                new SpatialReplicationPadding(3, 2, 1, 0), new VolumetricReplicationPadding(1, 1, 2, 2, 3, 3),
                new SpatialUpSamplingNearest(3), new SpatialUpSamplingBilinear(2), new PixelShuffle(3),
                new jtorch.nn.DepthConcat(1).add(new SpatialMaxPooling(2, 2)).add(new SpatialZeroPadding(1, 1, 1, 1)));
    }
}

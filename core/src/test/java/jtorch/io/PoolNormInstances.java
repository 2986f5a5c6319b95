package jtorch.io;

import java.util.List;
import jtorch.nn.Module;
import jtorch.nn.pool.*;

/** One instance of each pooling / normalisation / spatial layer type for {@link ModuleRegistryTest}, non-default arguments. */
final class PoolNormInstances {
    private PoolNormInstances() {}

    static List<Module> all() {
        return List.of(new SpatialMaxPooling(3, 2, 2, 1, 1, 0).ceil());
    }
}

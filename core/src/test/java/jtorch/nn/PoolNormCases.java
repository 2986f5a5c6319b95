package jtorch.nn;

import static jtorch.nn.JacobianInputs.grid;
import static jtorch.nn.JacobianInputs.positive;
import static jtorch.nn.JacobianInputs.randn;

import java.util.function.Supplier;
import jtorch.nn.pool.*;
import jtorch.tensor.Activity;

/**
 * The {@link EveryModuleJacobianTest} cases of the pooling, normalisation and spatial layer families (issue 9). Max
 * pooling inputs come from {@link JacobianInputs#grid} (pairwise 0.25 apart: no ties for ±eps to flip).
 */
final class PoolNormCases {
    private PoolNormCases() {}

    interface Registrar {
        void on(Class<? extends Module> cls, Supplier<Module> m, Supplier<Activity> x, Jacobian.Options o);
    }

    static void addTo(Registrar r) {
        Jacobian.Options o = Jacobian.options();
        r.on(SpatialMaxPooling.class, () -> new SpatialMaxPooling(3, 2, 2, 1, 1, 1).ceil(), () -> grid(101, 2, 2, 5, 6), o);
    }

}

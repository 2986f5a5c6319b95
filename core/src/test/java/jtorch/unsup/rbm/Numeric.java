package jtorch.unsup.rbm;

import java.util.function.DoubleSupplier;
import jtorch.tensor.Tensor;

/** Central finite differences over an RBM's flat parameters. */
final class Numeric {
    private Numeric() {}

    static double[] finiteDifference(Rbm rbm, DoubleSupplier f) {
        Tensor p = rbm.parameters();
        double eps = 1e-6;
        double[] g = new double[p.numel()];
        for (int i = 0; i < g.length; i++) {
            double x = p.get(i);
            p.set(x + eps, i);
            double up = f.getAsDouble();
            p.set(x - eps, i);
            double down = f.getAsDouble();
            p.set(x, i);
            g[i] = (up - down) / (2 * eps);
        }
        return g;
    }
}

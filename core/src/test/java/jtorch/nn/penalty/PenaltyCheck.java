package jtorch.nn.penalty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jtorch.nn.Jacobian;
import jtorch.nn.Module;
import jtorch.tensor.Tensor;

/**
 * Finite-difference check of a module with a penalty: with a fixed random gradOutput G, the scalar
 * L(x, θ) = ⟨G, y(x; θ)⟩ + Σ penalties recorded by forward ({@link Penalty#total}); backward(x, G, scale) must give
 * ∂L/∂x as gradInput and scale · ∂L/∂θ in every parameter gradient. Central differences, eps 1e-6, F64, absolute
 * error below {@link Jacobian#TOLERANCE}. Together with a {@link Jacobian} check of the penalty-free module this
 * checks the output Jacobian and the penalty's gradient.
 */
final class PenaltyCheck {
    private PenaltyCheck() {}

    static double value(Module m, Tensor x, Tensor g) {
        Tensor y = m.forward(x).toTensor("output");
        return y.mul(g).sum() + Penalty.total(m);
    }

    /** Returns the worst absolute error (and asserts it is below the tolerance). */
    static double check(Module m, Tensor x, Tensor g) {
        double eps = Jacobian.EPS, scale = 0.5;
        m.zeroGradParameters();
        m.forward(x);
        Tensor gi = m.backward(x, g, scale).toTensor("gradInput").clone();
        List<Tensor> ws = new ArrayList<>(), gs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        names.add("input");
        ws.add(x);
        gs.add(gi);
        for (Module.Parameter p : m.namedParameters()) {
            names.add(p.name());
            ws.add(p.weight());
            gs.add(p.gradient().clone().mulInPlace(1 / scale));
        }
        double worst = 0;
        for (int k = 0; k < ws.size(); k++) {
            Tensor t = ws.get(k);
            double[] an = gs.get(k).toDoubleArray();
            Tensor flat = t.view(t.numel());
            for (int i = 0; i < t.numel(); i++) {
                double orig = flat.get(i);
                flat.set(orig + eps, i);
                double plus = value(m, x, g);
                flat.set(orig - eps, i);
                double minus = value(m, x, g);
                flat.set(orig, i);
                double err = Math.abs((plus - minus) / (2 * eps) - an[i]);
                int at = i, which = k;
                double w = worst;
                assertTrue(err < Jacobian.TOLERANCE, () -> m.name() + ": d(<G, y> + P)/d " + names.get(which) + "[" + at
                        + "] analytic " + an[at] + " off by " + err + " (worst so far " + w + ")");
                worst = Math.max(worst, err);
            }
        }
        m.forward(x);
        return worst;
    }
}

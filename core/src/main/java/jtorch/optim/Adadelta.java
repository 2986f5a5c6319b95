package jtorch.optim;

import java.util.Set;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/**
 * ADADELTA (Zeiler), Torch7's {@code optim.adadelta} with PyTorch's learning rate (Torch7's is fixed at 1). With
 * g = df/dx at x:
 * <pre>
 *   g ← g + weightDecay · x                              (in place on the returned gradient, as Torch7)
 *   v ← ρ · v + (1 - ρ) · g²
 *   δ ← √(u + ε) / √(v + ε) · g
 *   u ← ρ · u + (1 - ρ) · δ²
 *   x ← x - learningRate · δ
 * </pre>
 * Options (defaults): learningRate (1.0), rho (0.9), epsilon (1e-6), weightDecay (0). This is exactly
 * {@code torch.optim.Adadelta}. State: {@code paramVariance} (v), {@code accDelta} (u), {@code delta} (δ),
 * {@code paramStd} (scratch). Returns f(x) before the step.
 */
public final class Adadelta {
    static final Set<String> OPTIONS = Set.of("learningRate", "rho", "epsilon", "weightDecay");

    private Adadelta() {}

    public static double step(Feval feval, Tensor x, Config config, State state) {
        config.check("adadelta", OPTIONS);
        double lr = config.nonNegative("adadelta", "learningRate", 1.0);
        double rho = config.fraction("adadelta", "rho", 0.9);
        double eps = config.nonNegative("adadelta", "epsilon", 1e-6);
        double wd = config.nonNegative("adadelta", "weightDecay", 0);
        Feval.Eval e = feval.apply(x);
        Tensor g = Optim.checkGradient("adadelta", x, e);
        if (wd != 0) g.addInPlace(wd, x);
        Tensor v = state.tensorLike("paramVariance", x), u = state.tensorLike("accDelta", x);
        Tensor delta = state.tensorLike("delta", x), std = state.tensorLike("paramStd", x);
        v.mulInPlace(rho).addInPlace(1 - rho, g.mul(g, std));
        v.apply(UnaryOp.ADD, eps, 0, std).sqrtInPlace();
        u.apply(UnaryOp.ADD, eps, 0, delta).sqrtInPlace().divInPlace(std).mulInPlace(g);
        u.mulInPlace(rho).addInPlace(1 - rho, delta.mul(delta, std));
        x.addInPlace(-lr, delta);
        return e.loss();
    }
}

package jtorch.optim;

import java.util.Set;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/**
 * RMSprop (Hinton), Torch7's {@code optim.rmsprop} and PyTorch's {@code torch.optim.RMSprop} (not centered, no
 * momentum): both add ε after the square root. With g = df/dx at x:
 * <pre>
 *   g ← g + weightDecay · x                              (in place on the returned gradient, as Torch7)
 *   v ← α · v + (1 - α) · g²                             (v starts at 0)
 *   x ← x - learningRate · g / (√v + ε)
 * </pre>
 * Options (defaults): learningRate (1e-2), alpha (0.99), epsilon (1e-8), weightDecay (0).
 * State: {@code m} (v), {@code tmp} (scratch). Returns f(x) before the step.
 */
public final class Rmsprop {
    static final Set<String> OPTIONS = Set.of("learningRate", "alpha", "epsilon", "weightDecay");

    private Rmsprop() {}

    public static double step(Feval feval, Tensor x, Config config, State state) {
        config.check("rmsprop", OPTIONS);
        double lr = config.nonNegative("rmsprop", "learningRate", 1e-2);
        double alpha = config.fraction("rmsprop", "alpha", 0.99);
        double eps = config.nonNegative("rmsprop", "epsilon", 1e-8);
        double wd = config.nonNegative("rmsprop", "weightDecay", 0);
        Feval.Eval e = feval.apply(x);
        Tensor g = Optim.checkGradient("rmsprop", x, e);
        if (wd != 0) g.addInPlace(wd, x);
        Tensor v = state.tensorLike("m", x), tmp = state.tensorLike("tmp", x);
        v.mulInPlace(alpha).addInPlace(1 - alpha, g.mul(g, tmp));
        v.apply(UnaryOp.SQRT, 0, 0, tmp).addInPlace(eps);
        x.addInPlace(-lr, g.div(tmp, tmp));
        return e.loss();
    }
}

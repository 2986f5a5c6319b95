package jtorch.optim;

import java.util.Set;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/**
 * AdaGrad (Duchi et al.), Torch7's {@code optim.adagrad} and PyTorch's {@code torch.optim.Adagrad}. With g = df/dx
 * at x and k the number of steps taken so far:
 * <pre>
 *   g ← g + weightDecay · x                              (in place on the returned gradient, as Torch7)
 *   s ← s + g²                                           (s starts at initialAccumulatorValue)
 *   x ← x - learningRate / (1 + k · learningRateDecay) · g / (√s + ε)
 * </pre>
 * Options (defaults): learningRate (1e-3, Torch7's; PyTorch's is 1e-2), learningRateDecay (0), weightDecay (0),
 * initialAccumulatorValue (0), epsilon (1e-10). State: {@code evalCounter} (k), {@code paramVariance} (s),
 * {@code paramStd} (scratch). Returns f(x) before the step.
 */
public final class Adagrad {
    static final Set<String> OPTIONS = Set.of("learningRate", "learningRateDecay", "weightDecay",
            "initialAccumulatorValue", "epsilon");

    private Adagrad() {}

    public static double step(Feval feval, Tensor x, Config config, State state) {
        config.check("adagrad", OPTIONS);
        double lr = config.nonNegative("adagrad", "learningRate", 1e-3);
        double lrd = config.nonNegative("adagrad", "learningRateDecay", 0);
        double wd = config.nonNegative("adagrad", "weightDecay", 0);
        double init = config.nonNegative("adagrad", "initialAccumulatorValue", 0);
        double eps = config.nonNegative("adagrad", "epsilon", 1e-10);
        Feval.Eval e = feval.apply(x);
        Tensor g = Optim.checkGradient("adagrad", x, e);
        if (wd != 0) g.addInPlace(wd, x);
        Tensor s = state.tensor("paramVariance");
        if (s == null || !s.sameShape(x) || s.dtype() != x.dtype()) state.tensor("paramVariance", s = x.zerosLike().fillInPlace(init));
        Tensor std = state.tensorLike("paramStd", x);
        s.addInPlace(g.mul(g, std));
        s.apply(UnaryOp.SQRT, 0, 0, std).addInPlace(eps);
        double k = state.get("evalCounter", 0);
        x.addInPlace(-lr / (1 + k * lrd), g.div(std, std));
        state.set("evalCounter", k + 1);
        return e.loss();
    }
}

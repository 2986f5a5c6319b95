package jtorch.optim;

import java.util.Set;
import jtorch.tensor.Tensor;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter), PyTorch's {@code torch.optim.AdamW} rule. With
 * g = df/dx at x and t the step number (1 on the first step):
 * <pre>
 *   x ← x - learningRate · weightDecay · x                  (decay, before the Adam step, not through g)
 *   m ← β1 · m + (1 - β1) · g
 *   v ← β2 · v + (1 - β2) · g²
 *   x ← x - learningRate / (1 - β1^t) · m / (√v / √(1 - β2^t) + ε)
 * </pre>
 * Options (defaults): learningRate (1e-3), beta1 (0.9), beta2 (0.999), epsilon (1e-8), weightDecay (1e-2).
 * State as {@link Adam}. Returns f(x) before the step.
 */
public final class AdamW {
    static final Set<String> OPTIONS = Adam.OPTIONS;

    private AdamW() {}

    public static double step(Feval feval, Tensor x, Config config, State state) {
        config.check("adamw", OPTIONS);
        double lr = config.nonNegative("adamw", "learningRate", 1e-3);
        double wd = config.nonNegative("adamw", "weightDecay", 1e-2);
        Adam.Hyper h = Adam.Hyper.of("adamw", config);
        Feval.Eval e = feval.apply(x);
        Tensor g = Optim.checkGradient("adamw", x, e);
        if (wd != 0) x.mulInPlace(1 - lr * wd);
        Adam.update(x, g, lr, h, state);
        return e.loss();
    }
}

package jtorch.optim;

import java.util.Set;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/**
 * Adam (Kingma &amp; Ba), Torch7's {@code optim.adam} with PyTorch's placement of ε. With g = df/dx at x and t the
 * step number (1 on the first step):
 * <pre>
 *   g ← g + weightDecay · x                                (L2, in place on the returned gradient, as Torch7)
 *   m ← β1 · m + (1 - β1) · g
 *   v ← β2 · v + (1 - β2) · g²
 *   x ← x - learningRate / (1 - β1^t) · m / (√v / √(1 - β2^t) + ε)
 * </pre>
 * This is exactly {@code torch.optim.Adam} (amsgrad off). Torch7 adds ε before the bias correction
 * ({@code √v + ε}, step lr·√(1-β2^t)/(1-β1^t)); the two differ only through ε.
 * Options (defaults): learningRate (1e-3), beta1 (0.9), beta2 (0.999), epsilon (1e-8), weightDecay (0).
 * State: {@code t}, {@code m}, {@code v}, {@code denom} (scratch). Returns f(x) before the step.
 */
public final class Adam {
    static final Set<String> OPTIONS = Set.of("learningRate", "beta1", "beta2", "epsilon", "weightDecay");

    private Adam() {}

    public static double step(Feval feval, Tensor x, Config config, State state) {
        config.check("adam", OPTIONS);
        double lr = config.nonNegative("adam", "learningRate", 1e-3);
        double wd = config.nonNegative("adam", "weightDecay", 0);
        Hyper h = Hyper.of("adam", config);
        Feval.Eval e = feval.apply(x);
        Tensor g = Optim.checkGradient("adam", x, e);
        if (wd != 0) g.addInPlace(wd, x);
        update(x, g, lr, h, state);
        return e.loss();
    }

    /** β1, β2, ε, checked. */
    record Hyper(double beta1, double beta2, double epsilon) {
        static Hyper of(String optimizer, Config c) {
            return new Hyper(c.fraction(optimizer, "beta1", 0.9), c.fraction(optimizer, "beta2", 0.999),
                    c.nonNegative(optimizer, "epsilon", 1e-8));
        }
    }

    /** The moment updates and the step, shared with {@link AdamW}. */
    static void update(Tensor x, Tensor g, double lr, Hyper h, State state) {
        Tensor m = state.tensorLike("m", x), v = state.tensorLike("v", x), denom = state.tensorLike("denom", x);
        double t = state.get("t", 0) + 1;
        m.mulInPlace(h.beta1()).addInPlace(1 - h.beta1(), g);
        v.mulInPlace(h.beta2()).addInPlace(1 - h.beta2(), g.mul(g, denom));
        double bc1 = 1 - Math.pow(h.beta1(), t), bc2 = 1 - Math.pow(h.beta2(), t);
        v.apply(UnaryOp.SQRT, 0, 0, denom).divInPlace(Math.sqrt(bc2)).addInPlace(h.epsilon());
        x.addInPlace(-lr / bc1, m.div(denom, denom));
        state.set("t", t);
    }
}

package jtorch.optim;

import java.util.Set;
import jtorch.tensor.Tensor;

/**
 * Stochastic gradient descent with Torch7's {@code optim.sgd} options and update rule, except one default (below).
 * With g = df/dx at x and k = steps taken so far:
 * <pre>
 *   g ← g + weightDecay · x                               (in place on the returned gradient, as Torch7)
 *   if momentum ≠ 0:  v ← g (first step),  else v ← momentum · v + (1 - dampening) · g
 *                     g ← nesterov ? g + momentum · v : v
 *   x ← x - learningRate / (1 + k · learningRateDecay) · g
 * </pre>
 * Options (defaults): learningRate (1e-3), learningRateDecay (0), weightDecay (0), momentum (0), dampening (0),
 * nesterov (0 = off; needs momentum > 0 and dampening 0); all must be ≥ 0. Returns f(x) before the step.
 * <p><b>Porting Torch7 code:</b> dampening defaults to 0, as in PyTorch's {@code torch.optim.SGD}; Torch7's
 * {@code optim.sgd} defaults it to the momentum (so its velocity is v ← m·v + (1 - m)·g). To reproduce a Torch7
 * run that set momentum without dampening, pass {@code dampening = momentum} explicitly.
 * With learningRateDecay 0 this is exactly PyTorch's {@code torch.optim.SGD} (same momentum buffer, same Nesterov
 * form g + μ·v). State: {@code evalCounter} (k), {@code dfdx} (the momentum buffer v).
 */
public final class Sgd {
    static final Set<String> OPTIONS = Set.of("learningRate", "learningRateDecay", "weightDecay", "momentum",
            "dampening", "nesterov");

    private Sgd() {}

    public static double step(Feval feval, Tensor x, Config config, State state) {
        config.check("sgd", OPTIONS);
        double lr = config.nonNegative("sgd", "learningRate", 1e-3);
        double lrd = config.nonNegative("sgd", "learningRateDecay", 0);
        double wd = config.nonNegative("sgd", "weightDecay", 0), mom = config.nonNegative("sgd", "momentum", 0);
        double damp = config.nonNegative("sgd", "dampening", 0);
        boolean nesterov = config.get("nesterov", 0) != 0;
        if (nesterov && (mom <= 0 || damp != 0)) throw new IllegalArgumentException(
                "sgd: nesterov needs momentum > 0 and dampening 0, got momentum " + mom + ", dampening " + damp);
        Feval.Eval e = feval.apply(x);
        Tensor g = Optim.checkGradient("sgd", x, e);
        if (wd != 0) g.addInPlace(wd, x);
        if (mom != 0) {
            Tensor v = state.tensor("dfdx");
            if (v == null) state.tensor("dfdx", v = g.clone());
            else v.mulInPlace(mom).addInPlace(1 - damp, g);
            if (nesterov) g.addInPlace(mom, v); else g = v;
        }
        double k = state.get("evalCounter", 0);
        x.addInPlace(-lr / (1 + k * lrd), g);
        state.set("evalCounter", k + 1);
        return e.loss();
    }
}

package jtorch.nn.penalty;

import jtorch.backend.UnaryOp;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * The KL sparsity penalty of sparse auto-encoders with sigmoid units (Ng's "sparse autoencoder" notes): forward is the
 * identity on h [B, H] (values in (0, 1); y is the input object itself) and records
 * P = β · Σ_j KL(ρ ‖ ρ̂_j) = β · Σ_j [ρ log(ρ / ρ̂_j) + (1 − ρ) log((1 − ρ) / (1 − ρ̂_j))], with ρ̂_j = (1/B) Σ_b h_bj the
 * batch mean activation of unit j, clamped to [1e-6, 1 − 1e-6] (the gradient then uses the clamped value).
 * Backward: ∂L/∂h_bj = g_bj + (β / B) · (−ρ / ρ̂_j + (1 − ρ) / (1 − ρ̂_j)). A {@link Penalty}.
 */
public class KLSparsityPenalty extends Module implements TensorModule, Penalty {
    public static final ModuleType<KLSparsityPenalty> TYPE = ModuleType.of("KLSparsityPenalty", KLSparsityPenalty.class,
            m -> ModuleArgs.of("rho", m.rho, "beta", m.beta), a -> new KLSparsityPenalty(a.number("rho"), a.number("beta")));
    private static final double CLAMP = 1e-6;

    private final double rho, beta;
    private double loss;
    private Tensor mean; // ρ̂ [1, H] of the last forward, clamped

    /** Target mean activation {@code rho} in (0, 1), weight {@code beta} ≥ 0. */
    public KLSparsityPenalty(double rho, double beta) {
        if (!(rho > 0 && rho < 1)) throw new IllegalArgumentException("KLSparsityPenalty: rho must be in (0, 1), got " + rho);
        if (!(beta >= 0) || !Double.isFinite(beta)) throw new IllegalArgumentException(
                "KLSparsityPenalty: beta must be finite and >= 0, got " + beta);
        this.rho = rho;
        this.beta = beta;
    }

    public double rho() { return rho; }

    public double beta() { return beta; }

    @Override public double loss() { return loss; }

    /** ρ̂ [1, H], the clamped batch mean activations of the last forward, or null. */
    public Tensor meanActivation() { return mean; }

    @Override public KLSparsityPenalty clone() { return (KLSparsityPenalty) super.clone(); }

    private Tensor in(Activity input) {
        Tensor h = input.toTensor(name());
        if (h.dim() != 2) throw new IllegalArgumentException(name() + ": expected activations [B, H], got " + h.shape());
        return h;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor h = in(input);
        mean = h.mean(0, true).applyInPlace(UnaryOp.CLAMP, CLAMP, 1 - CLAMP);
        Tensor a = mean.apply(UnaryOp.RDIV, rho, 0).logInPlace().mulInPlace(rho);               // ρ log(ρ/ρ̂)
        Tensor b = mean.apply(UnaryOp.RSUB, 1, 0).applyInPlace(UnaryOp.RDIV, 1 - rho, 0).logInPlace().mulInPlace(1 - rho);
        loss = beta * (a.sum() + b.sum());
        return h;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor h = in(input), g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(h)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the input's shape " + h.shape());
        if (mean == null || mean.size(1) != h.size(1)) throw new IllegalStateException(name()
                + ": backward on " + h.shape() + " without a forward on that shape");
        Tensor d = mean.apply(UnaryOp.RSUB, 1, 0).applyInPlace(UnaryOp.RDIV, 1 - rho, 0)           // (1-ρ)/(1-ρ̂)
                .subInPlace(mean.apply(UnaryOp.RDIV, rho, 0)).mulInPlace(beta / h.size(0));       // − ρ/ρ̂, · β/B
        return g.add(d, reuse(gradInput, h, h.sizes()));
    }

    @Override protected void clearOwnState() { mean = null; }

    @Override public String name() { return "KLSparsityPenalty(" + rho + ", " + beta + ")"; }
}

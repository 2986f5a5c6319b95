package jtorch.unsup.sparse;

import jtorch.tensor.Tensor;

/**
 * FISTA, fast ISTA (Beck and Teboulle 2009), for the {@link Lasso} problem min_z ½‖x − D z‖² + λ‖z‖₁, batched:
 * inputs X [B, n], codes Z [B, m]. From Y₁ = Z₀ (zeros unless given), t₁ = 1, with L = λ_max(DᵀD):
 * <pre>
 *   Z_k     = shrink(Y_k + (1/L)(X D − Y_k DᵀD), λ/L)
 *   t_{k+1} = (1 + √(1 + 4 t_k²)) / 2
 *   Y_{k+1} = Z_k + ((t_k − 1) / t_{k+1}) (Z_k − Z_{k−1})
 * </pre>
 * F(Z_k) − F* = O(1/k²). Stops as {@link Stop} says; the result carries the objective. Cost per iteration as
 * {@link Ista}: B·m² multiply-adds (plus B·n·m once).
 */
public final class Fista {
    private Fista() {}

    /** Codes of {@code x} [B, n] from zeros. */
    public static SparseCodes solve(Lasso problem, Tensor x, Stop stop) { return solve(problem, x, null, stop, null); }

    /** Codes of {@code x} [B, n] from {@code init} [B, m] (null: zeros), reporting each iteration to {@code monitor} (or null). */
    public static SparseCodes solve(Lasso problem, Tensor x, Tensor init, Stop stop, Monitor monitor) {
        return ProximalGradient.solve("Fista", problem, x, init, stop, monitor, true);
    }
}

package jtorch.unsup.sparse;

import jtorch.tensor.Tensor;

/**
 * ISTA, the iterative shrinkage-thresholding algorithm (Daubechies, Defrise, De Mol 2004), for the {@link Lasso}
 * problem min_z ½‖x − D z‖² + λ‖z‖₁, batched: inputs X [B, n], codes Z [B, m], every row solved at once with one
 * matrix product per iteration. From Z₀ (zeros unless given), with L = λ_max(DᵀD):
 * <pre>
 *   Z_{k+1} = shrink(Z_k + (1/L)(X D − Z_k DᵀD), λ/L),     shrink(v, t) = sign(v) · max(|v| − t, 0)
 * </pre>
 * F(Z_k) − F* = O(1/k). Stops as {@link Stop} says; the result carries the objective.
 * Cost per iteration: B·m² multiply-adds (plus B·n·m once for X D).
 */
public final class Ista {
    private Ista() {}

    /** Codes of {@code x} [B, n] from zeros. */
    public static SparseCodes solve(Lasso problem, Tensor x, Stop stop) { return solve(problem, x, null, stop, null); }

    /** Codes of {@code x} [B, n] from {@code init} [B, m] (null: zeros), reporting each iteration to {@code monitor} (or null). */
    public static SparseCodes solve(Lasso problem, Tensor x, Tensor init, Stop stop, Monitor monitor) {
        return ProximalGradient.solve("Ista", problem, x, init, stop, monitor, false);
    }
}

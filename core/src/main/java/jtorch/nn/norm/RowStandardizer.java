package jtorch.nn.norm;

import jtorch.tensor.Tensor;

/**
 * Standardises the rows of a matrix and back-propagates through it: the shared core of batch, layer and group
 * normalisation. For x [M, K]: μ = mean of each row, σ² = mean of (x - μ)² (biased), x̂ = (x - μ) / √(σ² + ε).
 * Backward, given ∂L/∂x̂ = h: ∂L/∂x = (1/√(σ² + ε)) · (h - mean(h) - x̂ · mean(h ⊙ x̂)), row by row.
 */
final class RowStandardizer {
    Tensor xhat, invstd, mean, var; // [M, K], [M, 1], [M, 1], [M, 1]

    /** Standardises x2 [M, K]; keeps x̂, 1/√(σ² + ε), μ and σ² for backward and running statistics. */
    Tensor forward(Tensor x2, double eps) {
        int k = x2.size(1);
        mean = x2.sum(1, true).divInPlace(k);
        Tensor centered = x2.sub(mean);
        var = centered.square().sum(1, true).divInPlace(k);
        invstd = var.add(eps).sqrtInPlace().reciprocal();
        xhat = centered.mulInPlace(invstd);
        return xhat;
    }

    /** ∂L/∂x [M, K] from h = ∂L/∂x̂ [M, K] (after forward). */
    Tensor backward(Tensor h) {
        int k = h.size(1);
        Tensor mh = h.sum(1, true).divInPlace(k);
        Tensor mhx = h.mul(xhat).sum(1, true).divInPlace(k);
        return h.sub(mh).subInPlace(xhat.mul(mhx)).mulInPlace(invstd);
    }

    void clear() { xhat = invstd = mean = var = null; }
}

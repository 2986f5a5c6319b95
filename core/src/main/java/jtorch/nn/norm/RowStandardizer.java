package jtorch.nn.norm;

import jtorch.backend.ReduceOp;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/**
 * Standardises the rows of a matrix and back-propagates through it: the shared core of batch, layer and group
 * normalisation. For x [M, K]: μ = mean of each row, σ² = mean of (x - μ)² (biased), x̂ = (x - μ) / √(σ² + ε).
 * Backward, given ∂L/∂x̂ = h: ∂L/∂x = (1/√(σ² + ε)) · (h - mean(h) - x̂ · mean(h ⊙ x̂)), row by row.
 * <p>Every result and scratch tensor is a buffer kept between calls (reallocated only when M, K, the dtype or the back
 * end change), so a steady-state forward + backward allocates nothing proportional to M·K.
 */
final class RowStandardizer {
    Tensor xhat, invstd, mean, var; // [M, K], [M, 1], [M, 1], [M, 1]
    private Tensor sq, dx, mh, mhx; // [M, K] scratch, [M, K] ∂L/∂x, [M, 1], [M, 1]

    private static Tensor reuse(Tensor buf, Tensor like, int... sizes) {
        if (buf != null && buf.dtype() == like.dtype() && buf.backend() == like.backend()
                && java.util.Arrays.equals(buf.sizes(), sizes)) return buf;
        return like.newZeros(sizes);
    }

    /** Row sums of x [M, K] into out [M, 1] (overwritten); returns out. */
    private static Tensor rowSum(Tensor out, Tensor x) {
        x.backend().reduce(ReduceOp.SUM, out, x, 1);
        return out;
    }

    /** Standardises x2 [M, K]; keeps x̂, 1/√(σ² + ε), μ and σ² for backward and running statistics. */
    Tensor forward(Tensor x2, double eps) {
        int m = x2.size(0), k = x2.size(1);
        mean = rowSum(reuse(mean, x2, m, 1), x2).divInPlace(k);
        Tensor centered = x2.sub(mean, xhat = reuse(xhat, x2, m, k));
        sq = centered.apply(UnaryOp.SQUARE, 0, 0, reuse(sq, x2, m, k));
        var = rowSum(reuse(var, x2, m, 1), sq).divInPlace(k);
        invstd = var.apply(UnaryOp.ADD, eps, 0, reuse(invstd, x2, m, 1)).sqrtInPlace().applyInPlace(UnaryOp.RECIPROCAL, 0, 0);
        return centered.mulInPlace(invstd);
    }

    /** ∂L/∂x [M, K] from h = ∂L/∂x̂ [M, K] (after forward); the result is this object's buffer, valid until the next call. */
    Tensor backward(Tensor h) {
        int m = h.size(0), k = h.size(1);
        mh = rowSum(reuse(mh, h, m, 1), h).divInPlace(k);
        mhx = rowSum(reuse(mhx, h, m, 1), h.mul(xhat, sq = reuse(sq, h, m, k))).divInPlace(k);
        Tensor r = h.sub(mh, dx = reuse(dx, h, m, k));
        return r.subInPlace(xhat.mul(mhx, sq)).mulInPlace(invstd);
    }

    void clear() { xhat = invstd = mean = var = sq = dx = mh = mhx = null; }
}

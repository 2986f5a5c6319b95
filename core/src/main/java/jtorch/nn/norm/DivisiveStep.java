package jtorch.nn.norm;

import jtorch.tensor.Tensor;

/**
 * Torch7's local standard-deviation division as a forward/backward pair (used by {@link SpatialDivisiveNormalization}
 * and {@link SpatialContrastiveNormalization}): for x [B, C, H, W], s = √((1/C) Σ_c correlate(x_c²)), a = s / coef
 * (coef: the kernel share inside the image, as Torch7 divides the local std by it), t = a where a > threshold and
 * thresval elsewhere, y_c = x_c / t. Backward: with d = -(Σ_c g_c x_c)/t² · [a > threshold] / coef / (2s) (0 where
 * s = 0), ∂L/∂x_c = g_c / t + 2 x_c · (1/C) correlate*(d).
 */
final class DivisiveStep {
    private final SubtractiveStep coefs = new SubtractiveStep();
    private Tensor s, a, t;

    Tensor forward(Tensor x, Tensor kernel, double threshold, double thresval) {
        Tensor u = LocalAverager.correlate(x.square().sum(1, true), kernel).divInPlace(x.size(1));
        s = u.clampInPlace(0, Double.POSITIVE_INFINITY).sqrtInPlace();
        a = s.div(coefs.coef(x, kernel));
        t = Tensor.where(a.gt(threshold), a, a.zerosLike().fillInPlace(thresval));
        return x.div(t);
    }

    Tensor backward(Tensor x, Tensor g, Tensor kernel, double threshold) {
        Tensor dt = g.mul(x).sum(1, true).divInPlace(t.square()).negInPlace();
        Tensor ds = dt.mulInPlace(a.gt(threshold)).divInPlace(coefs.coef(x, kernel));
        Tensor du = Tensor.where(s.gt(0), ds.div(s.mul(2)), ds.zerosLike());
        Tensor gu = LocalAverager.correlateAdjoint(du, kernel).divInPlace(x.size(1));
        return g.div(t).addInPlace(x.mul(gu).mulInPlace(2));
    }
}

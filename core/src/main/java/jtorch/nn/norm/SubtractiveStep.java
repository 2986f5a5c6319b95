package jtorch.nn.norm;

import jtorch.tensor.Tensor;

/**
 * Torch7's local mean subtraction as a forward/backward pair (used by {@link SpatialSubtractiveNormalization} and
 * {@link SpatialContrastiveNormalization}): for x [B, C, H, W], m = (1/C) Σ_c correlate(x_c) (the kernel-weighted mean
 * over the neighbourhood and all channels), y_c = x_c - m / coef with coef the kernel share inside the image (so a
 * border position subtracts the mean of the pixels that exist). Backward: ∂L/∂x_c = g_c - (1/C) correlate*(Σ_c g_c /
 * coef).
 */
final class SubtractiveStep {
    private Tensor coef;

    Tensor coef(Tensor x, Tensor kernel) {
        if (coef == null || coef.size(2) != x.size(2) || coef.size(3) != x.size(3) || coef.dtype() != x.dtype()
                || coef.backend() != x.backend()) coef = LocalAverager.coefficients(x, kernel, x.size(2), x.size(3));
        return coef;
    }

    Tensor forward(Tensor x, Tensor kernel) {
        Tensor mean = LocalAverager.correlate(x.sum(1, true), kernel).divInPlace(x.size(1));
        return x.sub(mean.divInPlace(coef(x, kernel)));
    }

    Tensor backward(Tensor x, Tensor g, Tensor kernel) {
        Tensor back = LocalAverager.correlateAdjoint(g.sum(1, true).divInPlace(coef(x, kernel)), kernel).divInPlace(x.size(1));
        return g.sub(back);
    }
}

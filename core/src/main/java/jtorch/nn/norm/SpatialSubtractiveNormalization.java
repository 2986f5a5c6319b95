package jtorch.nn.norm;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Torch7's {@code nn.SpatialSubtractiveNormalization(nInputPlane, kernel)}: subtracts from every channel the local
 * kernel-weighted mean over the neighbourhood and all channels, y_c = x_c - m / coef with
 * m = (1/C) Σ_c Σ_ij K_ij/ΣK · x_c[h + i - ⌊kH/2⌋, w + j - ⌊kW/2⌋] (zeros outside) and coef the share of the kernel
 * inside the image at that position, so the borders subtract the mean of the pixels that exist (Torch7's side
 * coefficients). Input [B, nInputPlane, H, W]; kernel 1-d (separable) or 2-d with odd sizes, default ones(9, 9).
 * Backward: ∂L/∂x_c = g_c - (1/C) Kᵀ(Σ_c g_c / coef), Kᵀ the adjoint correlation.
 */
public class SpatialSubtractiveNormalization extends LocalNormalization {
    public static final ModuleType<SpatialSubtractiveNormalization> TYPE = ModuleType.of("SpatialSubtractiveNormalization",
            SpatialSubtractiveNormalization.class, m -> ModuleArgs.of("nInputPlane", m.planes, "kernelSizes", m.kernelSizes()),
            a -> new SpatialSubtractiveNormalization(a.integer("nInputPlane"), Tensor.ones(a.ints("kernelSizes"))));
    private SubtractiveStep step = new SubtractiveStep();

    /** Torch7's default kernel ones(9, 9). */
    public SpatialSubtractiveNormalization(int nInputPlane) { this(nInputPlane, Kernels.box(9)); }

    public SpatialSubtractiveNormalization(int nInputPlane, Tensor kernel) {
        super("SpatialSubtractiveNormalization", nInputPlane, kernel);
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        return reuse(output, x, x.sizes()).copy(step.forward(x, kernel()));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = grad(gradOutput, x);
        return reuse(gradInput, x, x.sizes()).copy(step.backward(x, g, kernel()));
    }

    @Override protected void clearOwnState() { step = new SubtractiveStep(); }

    @Override public SpatialSubtractiveNormalization clone() { return (SpatialSubtractiveNormalization) super.clone(); }
}

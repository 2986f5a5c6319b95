package jtorch.nn.norm;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Torch7's {@code nn.SpatialDivisiveNormalization(nInputPlane, kernel, threshold, thresval)} (defaults ones(9, 9),
 * 1e-4, 1e-4): divides every channel by the local kernel-weighted standard deviation over the neighbourhood and all
 * channels, y_c = x_c / t with s = √((1/C) Σ_c Σ_ij K_ij/ΣK · x_c²[…]) (zeros outside the image), a = s / coef (coef:
 * the kernel share inside the image, Torch7's side coefficients) and t = a where a > threshold, else thresval.
 * Input [B, nInputPlane, H, W]. Backward through t, a, s and the correlation (see {@link DivisiveStep}).
 */
public class SpatialDivisiveNormalization extends LocalNormalization {
    public static final ModuleType<SpatialDivisiveNormalization> TYPE = ModuleType.of("SpatialDivisiveNormalization",
            SpatialDivisiveNormalization.class,
            m -> ModuleArgs.of("nInputPlane", m.planes, "kernelSizes", m.kernelSizes(), "threshold", m.threshold,
                    "thresval", m.thresval),
            a -> new SpatialDivisiveNormalization(a.integer("nInputPlane"), Tensor.ones(a.ints("kernelSizes")),
                    a.number("threshold"), a.number("thresval")));
    private final double threshold, thresval;
    private DivisiveStep step = new DivisiveStep();

    /** Torch7's defaults: kernel ones(9, 9), threshold = thresval = 1e-4. */
    public SpatialDivisiveNormalization(int nInputPlane) { this(nInputPlane, Kernels.box(9), 1e-4, 1e-4); }

    public SpatialDivisiveNormalization(int nInputPlane, Tensor kernel) { this(nInputPlane, kernel, 1e-4, 1e-4); }

    public SpatialDivisiveNormalization(int nInputPlane, Tensor kernel, double threshold, double thresval) {
        super("SpatialDivisiveNormalization", nInputPlane, kernel);
        this.threshold = threshold;
        this.thresval = thresval;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        return reuse(output, x, x.sizes()).copy(step.forward(x, kernel(), threshold, thresval));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = grad(gradOutput, x);
        return reuse(gradInput, x, x.sizes()).copy(step.backward(x, g, kernel(), threshold));
    }

    @Override protected void clearOwnState() { step = new DivisiveStep(); }

    @Override public SpatialDivisiveNormalization clone() { return (SpatialDivisiveNormalization) super.clone(); }
}

package jtorch.nn.norm;

import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Local contrast normalisation, Torch7's {@code nn.SpatialContrastiveNormalization(nInputPlane, kernel, threshold,
 * thresval)}: {@link SpatialSubtractiveNormalization} then {@link SpatialDivisiveNormalization} with the same kernel
 * (default ones(9, 9); e.g. {@code Kernels.gaussian1D(7, 0.25)}) and threshold/thresval (default 1e-4): each
 * position loses its neighbourhood mean and is divided by its neighbourhood standard deviation, borders corrected as
 * Torch7. Input [B, nInputPlane, H, W]. Backward: the two steps' backward in reverse order.
 */
public class SpatialContrastiveNormalization extends LocalNormalization {
    public static final ModuleType<SpatialContrastiveNormalization> TYPE = ModuleType.of("SpatialContrastiveNormalization",
            SpatialContrastiveNormalization.class,
            m -> ModuleArgs.of("nInputPlane", m.planes, "kernelSizes", m.kernelSizes(), "threshold", m.threshold,
                    "thresval", m.thresval),
            a -> new SpatialContrastiveNormalization(a.integer("nInputPlane"), Tensor.ones(a.ints("kernelSizes")),
                    a.number("threshold"), a.number("thresval")));
    private final double threshold, thresval;
    private SubtractiveStep subtract = new SubtractiveStep();
    private DivisiveStep divide = new DivisiveStep();
    private Tensor centred;

    /** Torch7's defaults: kernel ones(9, 9), threshold = thresval = 1e-4. */
    public SpatialContrastiveNormalization(int nInputPlane) { this(nInputPlane, Kernels.box(9), 1e-4, 1e-4); }

    public SpatialContrastiveNormalization(int nInputPlane, Tensor kernel) { this(nInputPlane, kernel, 1e-4, 1e-4); }

    public SpatialContrastiveNormalization(int nInputPlane, Tensor kernel, double threshold, double thresval) {
        super("SpatialContrastiveNormalization", nInputPlane, kernel);
        this.threshold = threshold;
        this.thresval = thresval;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        centred = subtract.forward(x, kernel());
        return reuse(output, x, x.sizes()).copy(divide.forward(centred, kernel(), threshold, thresval));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = grad(gradOutput, x);
        Tensor g1 = divide.backward(centred, g, kernel(), threshold);
        return reuse(gradInput, x, x.sizes()).copy(subtract.backward(x, g1, kernel()));
    }

    @Override protected void clearOwnState() { subtract = new SubtractiveStep(); divide = new DivisiveStep(); centred = null; }

    @Override public SpatialContrastiveNormalization clone() { return (SpatialContrastiveNormalization) super.clone(); }
}

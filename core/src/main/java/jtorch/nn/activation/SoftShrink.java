package jtorch.nn.activation;

import jtorch.backend.UnaryOp;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Tensor;

/**
 * Soft shrinkage (Torch7's {@code nn.SoftShrink(lambda = 0.5)}, the proximal map of λ|x| used by ISTA), element-wise,
 * any shape: y = x − λ where x &gt; λ, y = x + λ where x &lt; −λ, else 0. Backward: ∂L/∂x = g where |x| &gt; λ, else 0.
 */
public class SoftShrink extends Pointwise {
    public static final ModuleType<SoftShrink> TYPE = ModuleType.of("SoftShrink", SoftShrink.class,
            m -> ModuleArgs.of("lambda", m.lambda()), a -> new SoftShrink(a.number("lambda")));

    private final double lambda;

    public SoftShrink() { this(0.5); }

    public SoftShrink(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) throw new IllegalArgumentException(
                "SoftShrink: lambda must be finite and >= 0, got " + lambda);
        this.lambda = lambda;
    }

    public double lambda() { return lambda; }

    @Override public SoftShrink clone() { return (SoftShrink) super.clone(); }

    @Override protected void compute(Tensor x, Tensor y) {
        // y = x - clamp(x, -λ, λ): x - λ above λ, x + λ below -λ, 0 between
        x.sub(x.apply(UnaryOp.CLAMP, -lambda, lambda, scratch(x)), y);
    }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        x.apply(UnaryOp.ABS, 0, 0, gi).applyInPlace(UnaryOp.GT, lambda, 0).mulInPlace(g);
    }

    @Override public String name() { return "SoftShrink(" + lambda + ")"; }
}

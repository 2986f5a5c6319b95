package jtorch.nn.activation;

import jtorch.backend.UnaryOp;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Tensor;

/**
 * Hard shrinkage (Torch7's {@code nn.HardShrink(lambda = 0.5)}), element-wise, any shape: y = x where |x| &gt; λ,
 * else 0. Backward: ∂L/∂x = g where |x| &gt; λ, else 0.
 */
public class HardShrink extends Pointwise {
    public static final ModuleType<HardShrink> TYPE = ModuleType.of("HardShrink", HardShrink.class,
            m -> ModuleArgs.of("lambda", m.lambda()), a -> new HardShrink(a.number("lambda")));

    private final double lambda;

    public HardShrink() { this(0.5); }

    public HardShrink(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) throw new IllegalArgumentException(
                "HardShrink: lambda must be finite and >= 0, got " + lambda);
        this.lambda = lambda;
    }

    public double lambda() { return lambda; }

    @Override public HardShrink clone() { return (HardShrink) super.clone(); }

    @Override protected void compute(Tensor x, Tensor y) {
        x.apply(UnaryOp.ABS, 0, 0, y).applyInPlace(UnaryOp.GT, lambda, 0).mulInPlace(x);
    }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        x.apply(UnaryOp.ABS, 0, 0, gi).applyInPlace(UnaryOp.GT, lambda, 0).mulInPlace(g);
    }

    @Override public String name() { return "HardShrink(" + lambda + ")"; }
}

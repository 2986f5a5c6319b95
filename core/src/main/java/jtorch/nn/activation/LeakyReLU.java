package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/**
 * y = x where x &gt; 0, else negval · x, element-wise, any shape (Torch7's {@code nn.LeakyReLU(negval = 0.01)}).
 * Backward: ∂L/∂x = g where x &gt; 0, else negval · g.
 */
public class LeakyReLU extends Pointwise {
    public static final ModuleType<LeakyReLU> TYPE = ModuleType.of("LeakyReLU", LeakyReLU.class,
            m -> ModuleArgs.of("negval", m.negval()),
            a -> new LeakyReLU(a.number("negval")));

    @Override public LeakyReLU clone() { return (LeakyReLU) super.clone(); }

    private final double negval;

    public double negval() { return negval; }

    public LeakyReLU() { this(0.01); }

    public LeakyReLU(double negval) {
        if (!Double.isFinite(negval)) throw new IllegalArgumentException("LeakyReLU: negval must be finite, got " + negval);
        this.negval = negval;
    }

    @Override protected void compute(Tensor x, Tensor y) {
        Tensor neg = x.apply(UnaryOp.CLAMP, Double.NEGATIVE_INFINITY, 0, scratch(x)).mulInPlace(negval);
        x.apply(UnaryOp.RELU, 0, 0, y).addInPlace(neg);           // max(x, 0) + negval · min(x, 0)
    }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        Tensor pos = x.apply(UnaryOp.GT, 0, 0, scratch(x));
        x.apply(UnaryOp.LE, 0, 0, gi).mulInPlace(negval).addInPlace(pos).mulInPlace(g);
    }

    @Override public String name() { return "LeakyReLU(" + negval + ")"; }
}

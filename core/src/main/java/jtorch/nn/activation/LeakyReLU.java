package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.backend.BinaryOp;
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

    /** y = max(x, negval · x) for negval ≤ 1, min(x, negval · x) above: two passes. */
    @Override protected void compute(Tensor x, Tensor y) {
        Tensor scaled = x.apply(UnaryOp.MUL, negval, 0, scratch(x));
        x.apply(negval <= 1 ? BinaryOp.MAX : BinaryOp.MIN, 1, scaled, y);
    }

    /** ∂L/∂x = where(x &gt; 0, g, negval · g): three passes. */
    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        Tensor pos = x.apply(UnaryOp.GT, 0, 0, scratch(x));
        g.apply(UnaryOp.MUL, negval, 0, gi);
        gi.backend().where(gi, pos, g, gi); // element-wise, read before written
    }

    @Override public String name() { return "LeakyReLU(" + negval + ")"; }
}

package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/** y = x^p, element-wise, any shape (Torch7's {@code nn.Power(p)}). Backward: ∂L/∂x = g ⊙ p x^(p-1). */
public class Power extends Pointwise {
    public static final ModuleType<Power> TYPE = ModuleType.of("Power", Power.class,
            m -> ModuleArgs.of("p", m.p()),
            a -> new Power(a.number("p")));

    @Override public Power clone() { return (Power) super.clone(); }

    private final double p;

    /** The exponent. */
    public double p() { return p; }

    public Power(double p) {
        if (!Double.isFinite(p)) throw new IllegalArgumentException("Power: exponent must be finite, got " + p);
        this.p = p;
    }

    @Override protected void compute(Tensor x, Tensor y) { x.apply(UnaryOp.POW, p, 0, y); }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        x.apply(UnaryOp.POW, p - 1, 0, gi).mulInPlace(p).mulInPlace(g);
    }

    @Override public String name() { return "Power(" + p + ")"; }
}

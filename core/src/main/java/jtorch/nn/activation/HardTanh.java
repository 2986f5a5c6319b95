package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/**
 * y = min(max(x, min), max), element-wise, any shape (Torch7's {@code nn.HardTanh(min = -1, max = 1)}).
 * Backward (Torch7): ∂L/∂x = g where min &lt; x &lt; max, else 0.
 */
public class HardTanh extends Pointwise {
    public static final ModuleType<HardTanh> TYPE = ModuleType.of("HardTanh", HardTanh.class,
            m -> ModuleArgs.of("min", m.min(), "max", m.max()),
            a -> new HardTanh(a.number("min"), a.number("max")));

    @Override public HardTanh clone() { return (HardTanh) super.clone(); }

    private final double min, max;

    public double min() { return min; }

    public double max() { return max; }

    public HardTanh() { this(-1, 1); }

    public HardTanh(double min, double max) {
        if (!(min < max)) throw new IllegalArgumentException("HardTanh: need min < max, got min " + min + ", max " + max);
        this.min = min;
        this.max = max;
    }

    @Override protected void compute(Tensor x, Tensor y) { x.apply(UnaryOp.CLAMP, min, max, y); }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        Tensor below = x.apply(UnaryOp.LT, max, 0, scratch(x));
        x.apply(UnaryOp.GT, min, 0, gi).mulInPlace(below).mulInPlace(g);
    }

    @Override public String name() { return "HardTanh(" + min + ", " + max + ")"; }
}

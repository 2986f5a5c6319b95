package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/** y = c · x, element-wise, any shape (Torch7's {@code nn.MulConstant(c)}). Backward: ∂L/∂x = c · g. */
public class MulConstant extends Pointwise {
    public static final ModuleType<MulConstant> TYPE = ModuleType.of("MulConstant", MulConstant.class,
            m -> ModuleArgs.of("constant", m.constant()),
            a -> new MulConstant(a.number("constant")));

    @Override public MulConstant clone() { return (MulConstant) super.clone(); }

    private final double c;

    public double constant() { return c; }

    public MulConstant(double c) { this.c = c; }

    @Override protected void compute(Tensor x, Tensor y) { x.apply(UnaryOp.MUL, c, 0, y); }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) { g.apply(UnaryOp.MUL, c, 0, gi); }

    @Override public String name() { return "MulConstant(" + c + ")"; }
}

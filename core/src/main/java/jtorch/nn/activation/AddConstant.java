package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.nn.ModuleArgs;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/** y = x + c, element-wise, any shape (Torch7's {@code nn.AddConstant(c)}). Backward: ∂L/∂x = g. */
public class AddConstant extends Pointwise {
    public static final ModuleType<AddConstant> TYPE = ModuleType.of("AddConstant", AddConstant.class,
            m -> ModuleArgs.of("constant", m.constant()),
            a -> new AddConstant(a.number("constant")));

    @Override public AddConstant clone() { return (AddConstant) super.clone(); }

    private final double c;

    public double constant() { return c; }

    public AddConstant(double c) { this.c = c; }

    @Override protected void compute(Tensor x, Tensor y) { x.apply(UnaryOp.ADD, c, 0, y); }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) { gi.copy(g); }

    @Override public String name() { return "AddConstant(" + c + ")"; }
}

package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/** y = e^x, element-wise, any shape. Backward: ∂L/∂x = g ⊙ y. */
public class Exp extends Pointwise {
    public static final ModuleType<Exp> TYPE = ModuleType.of("Exp", Exp.class, Exp::new);

    @Override public Exp clone() { return (Exp) super.clone(); }

    @Override protected void compute(Tensor x, Tensor y) { x.apply(UnaryOp.EXP, 0, 0, y); }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) { g.mul(y, gi); }
}

package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/** y = 1 / (1 + e^-x), element-wise, any shape. Backward: ∂L/∂x = g ⊙ y ⊙ (1 - y). */
public class Sigmoid extends Pointwise {
    public static final ModuleType<Sigmoid> TYPE = ModuleType.of("Sigmoid", Sigmoid.class, Sigmoid::new);

    @Override public Sigmoid clone() { return (Sigmoid) super.clone(); }

    @Override protected void compute(Tensor x, Tensor y) { x.apply(UnaryOp.SIGMOID, 0, 0, y); }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        y.apply(UnaryOp.RSUB, 1, 0, gi).mulInPlace(y).mulInPlace(g);
    }
}

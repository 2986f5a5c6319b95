package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/** y = x², element-wise, any shape. Backward: ∂L/∂x = 2 x ⊙ g. */
public class Square extends Pointwise {
    public static final ModuleType<Square> TYPE = ModuleType.of("Square", Square.class, Square::new);

    @Override public Square clone() { return (Square) super.clone(); }

    @Override protected void compute(Tensor x, Tensor y) { x.apply(UnaryOp.SQUARE, 0, 0, y); }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        x.apply(UnaryOp.MUL, 2, 0, gi).mulInPlace(g);
    }
}

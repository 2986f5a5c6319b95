package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/** y = |x|, element-wise, any shape. Backward (Torch7): ∂L/∂x = g where x ≥ 0, -g where x &lt; 0. */
public class Abs extends Pointwise {
    public static final ModuleType<Abs> TYPE = ModuleType.of("Abs", Abs.class, Abs::new);

    @Override public Abs clone() { return (Abs) super.clone(); }

    @Override protected void compute(Tensor x, Tensor y) { x.apply(UnaryOp.ABS, 0, 0, y); }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        x.apply(UnaryOp.GE, 0, 0, gi).mulInPlace(2).addInPlace(-1).mulInPlace(g);
    }
}

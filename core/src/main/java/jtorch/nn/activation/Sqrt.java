package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/**
 * y = √x, element-wise, any shape (x ≥ 0; negative x gives NaN). Backward (Torch7): ∂L/∂x = g / (2y) where y ≠ 0,
 * and 0 where y = 0 (instead of an infinite derivative).
 */
public class Sqrt extends Pointwise {
    public static final ModuleType<Sqrt> TYPE = ModuleType.of("Sqrt", Sqrt.class, Sqrt::new);

    @Override public Sqrt clone() { return (Sqrt) super.clone(); }

    @Override protected void compute(Tensor x, Tensor y) { x.apply(UnaryOp.SQRT, 0, 0, y); }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        Tensor nz = y.apply(UnaryOp.NE, 0, 0, scratch(y));         // 1 where y != 0
        nz.apply(UnaryOp.RSUB, 1, 0, gi).addInPlace(y);               // y, or 1 where y == 0 (exact)
        gi.applyInPlace(UnaryOp.RDIV, 0.5, 0).mulInPlace(nz).mulInPlace(g);
    }
}

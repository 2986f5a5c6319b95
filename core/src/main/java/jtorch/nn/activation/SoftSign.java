package jtorch.nn.activation;

import jtorch.backend.UnaryOp;
import jtorch.nn.ModuleType;
import jtorch.tensor.Tensor;

/**
 * y = x / (1 + |x|), element-wise, any shape (Torch7's {@code nn.SoftSign}). Backward: ∂L/∂x = g / (1 + |x|)².
 */
public class SoftSign extends Pointwise {
    public static final ModuleType<SoftSign> TYPE = ModuleType.of("SoftSign", SoftSign.class, SoftSign::new);

    @Override public SoftSign clone() { return (SoftSign) super.clone(); }

    @Override protected void compute(Tensor x, Tensor y) {
        x.div(x.apply(UnaryOp.ABS, 0, 0, scratch(x)).addInPlace(1), y);
    }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        g.div(x.apply(UnaryOp.ABS, 0, 0, scratch(x)).addInPlace(1).applyInPlace(UnaryOp.SQUARE, 0, 0), gi);
    }
}

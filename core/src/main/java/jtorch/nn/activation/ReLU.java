package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/** y = max(0, x), element-wise, any shape (Torch7's {@code nn.ReLU}). Backward: ∂L/∂x = g where x > 0, else 0. */
public class ReLU extends Pointwise {
    public static final ModuleType<ReLU> TYPE = ModuleType.of("ReLU", ReLU.class, ReLU::new);

    @Override public ReLU clone() { return (ReLU) super.clone(); }

    @Override protected void compute(Tensor x, Tensor y) { x.apply(UnaryOp.RELU, 0, 0, y); }

    /** One pass: gi = y ≠ 0 ? g : y (y = relu(x) is 0 exactly where x ≤ 0, and then gi = 0). */
    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        y.backend().where(gi, y, g, y);
    }
}

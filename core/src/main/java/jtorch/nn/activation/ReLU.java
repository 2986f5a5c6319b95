package jtorch.nn.activation;

import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/** y = max(0, x), element-wise, any shape (Torch7's {@code nn.ReLU}). Backward: ∂L/∂x = g where x > 0, else 0. */
public class ReLU extends Pointwise {

    @Override protected void compute(Tensor x, Tensor y) { x.apply(UnaryOp.RELU, 0, 0, y); }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        x.apply(UnaryOp.GT, 0, 0, gi).mulInPlace(g);
    }
}

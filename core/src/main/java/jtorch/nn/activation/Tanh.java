package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.backend.UnaryOp;
import jtorch.nn.Module;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/** y = tanh(x), element-wise, any shape. Backward: ∂L/∂x = g ⊙ (1 - y²). */
public class Tanh extends Module implements TensorModule {
    public static final ModuleType<Tanh> TYPE = ModuleType.of("Tanh", Tanh.class, Tanh::new);

    @Override public Tanh clone() { return (Tanh) super.clone(); }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = input.toTensor(name());
        return x.apply(UnaryOp.TANH, 0, 0, reuse(output, x, x.sizes()));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor y = (Tensor) output, g = Shapes.like(name(), gradOutput, y);
        Tensor gi = y.apply(UnaryOp.SQUARE, 0, 0, reuse(gradInput, y, y.sizes()));
        return gi.applyInPlace(UnaryOp.RSUB, 1, 0).mulInPlace(g);
    }
}

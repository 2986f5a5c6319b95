package jtorch.nn.activation;

import jtorch.backend.UnaryOp;
import jtorch.nn.ModuleType;
import jtorch.tensor.Tensor;

/**
 * y = log(1 / (1 + e^−x)), element-wise, any shape (Torch7's {@code nn.LogSigmoid}), computed without overflow as
 * y = min(x, 0) − log(1 + e^−|x|) (absolute error below 1e-16 in F64; far in the flat tail, x &gt; 37, the
 * result is 0 rather than −e^−x). Backward: ∂L/∂x = g ⊙ (1 − sigmoid(x)) = g ⊙ sigmoid(−x).
 */
public class LogSigmoid extends Pointwise {
    public static final ModuleType<LogSigmoid> TYPE = ModuleType.of("LogSigmoid", LogSigmoid.class, LogSigmoid::new);

    @Override public LogSigmoid clone() { return (LogSigmoid) super.clone(); }

    @Override protected void compute(Tensor x, Tensor y) {
        Tensor s = x.apply(UnaryOp.ABS, 0, 0, scratch(x)).applyInPlace(UnaryOp.NEG, 0, 0).expInPlace().addInPlace(1)
                .logInPlace();                                    // log(1 + e^-|x|)
        x.apply(UnaryOp.CLAMP, Double.NEGATIVE_INFINITY, 0, y).subInPlace(s);
    }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        x.apply(UnaryOp.NEG, 0, 0, gi).applyInPlace(UnaryOp.SIGMOID, 0, 0).mulInPlace(g);
    }
}

package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.backend.UnaryOp;
import jtorch.tensor.Tensor;

/** y = ln x, element-wise, any shape (x &gt; 0). Backward: ∂L/∂x = g / x. */
public class Log extends Pointwise {
    public static final ModuleType<Log> TYPE = ModuleType.of("Log", Log.class, Log::new);

    @Override public Log clone() { return (Log) super.clone(); }

    @Override protected void compute(Tensor x, Tensor y) { x.apply(UnaryOp.LOG, 0, 0, y); }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) { g.div(x, gi); }
}

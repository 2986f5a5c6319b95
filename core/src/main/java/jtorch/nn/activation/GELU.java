package jtorch.nn.activation;

import jtorch.nn.ModuleType;
import jtorch.tensor.Tensor;

/**
 * Gaussian error linear unit in its tanh form (Hendrycks &amp; Gimpel 2016; PyTorch's
 * {@code nn.GELU(approximate='tanh')}), element-wise, any shape: y = x/2 · (1 + tanh(u)), u = c (x + a x³),
 * c = √(2/π), a = 0.044715. It differs from the erf form by at most about 3e-4 (no erf kernel yet).
 * Backward: ∂L/∂x = g · (½(1 + t) + ½ x (1 - t²) c (1 + 3a x²)) with t = tanh(u).
 */
public class GELU extends Pointwise {
    public static final ModuleType<GELU> TYPE = ModuleType.of("GELU", GELU.class, GELU::new);
    private static final double C = Math.sqrt(2 / Math.PI), A = 0.044715;

    @Override public GELU clone() { return (GELU) super.clone(); }

    /** tanh(c (x + a x³)) into t. */
    private static Tensor inner(Tensor x, Tensor t) {
        x.mul(x, t).mulInPlace(A).addInPlace(1).mulInPlace(x).mulInPlace(C);
        return t.tanhInPlace();
    }

    @Override protected void compute(Tensor x, Tensor y) { inner(x, y).addInPlace(1).mulInPlace(x).mulInPlace(0.5); }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        Tensor t = inner(x, scratch(x));
        // gi = 0.5 (1 + t) + 0.5 x (1 - t²) c (1 + 3a x²)
        x.mul(x, gi).mulInPlace(3 * A * C).addInPlace(C).mulInPlace(x).mulInPlace(0.5);  // ½ c x (1 + 3a x²)
        gi.mulInPlace(t.mul(t).negInPlace().addInPlace(1));
        gi.addInPlace(t.addInPlace(1).mulInPlace(0.5)).mulInPlace(g);
    }
}

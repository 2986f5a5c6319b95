package jtorch.nn.activation;

import jtorch.backend.UnaryOp;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Tensor;

/**
 * Gaussian error linear unit (Hendrycks &amp; Gimpel 2016), element-wise, any shape, in one of PyTorch's two forms:
 * <ul>
 *   <li>exact ({@code new GELU(true)}, PyTorch's {@code nn.GELU()}): y = x Φ(x) = x/2 · (1 + erf(x/√2)), with the
 *       erf kernel {@link UnaryOp#ERF}; backward ∂L/∂x = g · (Φ(x) + x φ(x)), φ(x) = e^{-x²/2}/√(2π).</li>
 *   <li>tanh ({@code new GELU()} or {@code new GELU(false)}, PyTorch's {@code nn.GELU(approximate='tanh')}):
 *       y = x/2 · (1 + tanh(u)), u = c (x + a x³), c = √(2/π), a = 0.044715, within about 3e-4 of the exact form;
 *       backward ∂L/∂x = g · (½(1 + t) + ½ x (1 - t²) c (1 + 3a x²)) with t = tanh(u).</li>
 * </ul>
 * Saved with the argument {@code exact} (descriptions without it are the tanh form, as before it existed).
 */
public class GELU extends Pointwise {
    public static final ModuleType<GELU> TYPE = ModuleType.of("GELU", GELU.class, m -> ModuleArgs.of("exact", m.exact),
            a -> new GELU(a.has("exact") && a.bool("exact")));
    private static final double C = Math.sqrt(2 / Math.PI), A = 0.044715;
    private static final double RSQRT2 = 1 / Math.sqrt(2), RSQRT2PI = 1 / Math.sqrt(2 * Math.PI);
    private final boolean exact;

    /** The tanh form. */
    public GELU() { this(false); }

    /** The exact (erf) form when {@code exact}, else the tanh form. */
    public GELU(boolean exact) { this.exact = exact; }

    /** Whether this is the exact (erf) form. */
    public boolean isExact() { return exact; }

    @Override public GELU clone() { return (GELU) super.clone(); }

    /** tanh(c (x + a x³)) into t. */
    private static Tensor inner(Tensor x, Tensor t) {
        x.mul(x, t).mulInPlace(A).addInPlace(1).mulInPlace(x).mulInPlace(C);
        return t.tanhInPlace();
    }

    /** Φ(x) = (1 + erf(x/√2))/2 into p. */
    private static Tensor phi(Tensor x, Tensor p) {
        x.apply(UnaryOp.MUL, RSQRT2, 0, p);
        return p.apply(UnaryOp.ERF, 0, 0, p).addInPlace(1).mulInPlace(0.5);
    }

    @Override protected void compute(Tensor x, Tensor y) {
        if (exact) phi(x, y).mulInPlace(x);
        else inner(x, y).addInPlace(1).mulInPlace(x).mulInPlace(0.5);
    }

    @Override protected void gradient(Tensor x, Tensor y, Tensor g, Tensor gi) {
        if (exact) {  // gi = g (Φ(x) + x φ(x))
            x.mul(x, gi).mulInPlace(-0.5).expInPlace().mulInPlace(RSQRT2PI).mulInPlace(x);
            gi.addInPlace(phi(x, scratch(x))).mulInPlace(g);
            return;
        }
        Tensor t = inner(x, scratch(x));
        // gi = 0.5 (1 + t) + 0.5 x (1 - t²) c (1 + 3a x²)
        x.mul(x, gi).mulInPlace(3 * A * C).addInPlace(C).mulInPlace(x).mulInPlace(0.5);  // ½ c x (1 + 3a x²)
        gi.mulInPlace(t.mul(t).negInPlace().addInPlace(1));
        gi.addInPlace(t.addInPlace(1).mulInPlace(0.5)).mulInPlace(g);
    }

    @Override public String name() { return exact ? "GELU(exact)" : super.name(); }
}

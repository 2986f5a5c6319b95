package jtorch.nn.norm;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Lp normalisation of feature vectors, Torch7's {@code nn.Normalize(p, eps)} (eps default 1e-10): input [B, D],
 * y = x / n with n = (Σ_i |x_i|^p + ε)^(1/p) per row, or n = max_i |x_i| + ε for p = ∞. Backward:
 * ∂L/∂x_j = g_j / n - (Σ_i g_i x_i) / n² · ∂n/∂x_j, where ∂n/∂x_j = sign(x_j)·|x_j|^(p-1) / n^(p-1)
 * (p = ∞: sign(x_j) at the arg max, 0 elsewhere).
 */
public class Normalize extends Module implements TensorModule {
    public static final ModuleType<Normalize> TYPE = ModuleType.of("Normalize", Normalize.class,
            m -> ModuleArgs.of("p", m.p, "eps", m.eps), a -> new Normalize(a.number("p"), a.number("eps")));
    private final double p, eps;
    private Tensor norm, argmax; // [B, 1]

    /** eps 1e-10. */
    public Normalize(double p) { this(p, 1e-10); }

    public Normalize(double p, double eps) {
        if (!(p > 0)) throw new IllegalArgumentException("Normalize: p must be positive (or infinity), got " + p);
        if (!(eps >= 0)) throw new IllegalArgumentException("Normalize: eps must be >= 0, got " + eps);
        this.p = p;
        this.eps = eps;
    }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 2) throw new IllegalArgumentException(name() + ": expected input [B, D], got " + x.shape());
        return x;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        if (p == Double.POSITIVE_INFINITY) {
            Tensor.MaxMin m = x.abs().max(1, true);
            argmax = m.indices();
            norm = m.values().addInPlace(eps);
        } else {
            norm = x.abs().powInPlace(p).sum(1, true).addInPlace(eps).powInPlace(1 / p);
        }
        return x.div(norm, reuse(output, x, x.sizes()));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the input's shape " + Arrays.toString(x.sizes()));
        Tensor dn; // ∂n/∂x [B, D]
        if (p == Double.POSITIVE_INFINITY) {
            dn = x.zerosLike().scatterAddInPlace(1, argmax, x.gather(1, argmax).sign());
        } else {
            dn = x.abs().powInPlace(p - 1).mulInPlace(x.sign()).divInPlace(norm.pow(p - 1));
        }
        Tensor gx = g.mul(x).sum(1, true).divInPlace(norm.square()); // (Σ g x) / n²
        Tensor r = g.div(norm).subInPlace(dn.mulInPlace(gx));
        return reuse(gradInput, x, x.sizes()).copy(r);
    }

    @Override protected void clearOwnState() { norm = argmax = null; }

    @Override public Normalize clone() { return (Normalize) super.clone(); }

    @Override public String name() { return "Normalize(" + (p == Double.POSITIVE_INFINITY ? "inf" : p == Math.rint(p) && p < 1e9 ? String.valueOf((long) p) : String.valueOf(p)) + ")"; }
}

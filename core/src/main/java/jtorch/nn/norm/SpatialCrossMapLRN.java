package jtorch.nn.norm;

import java.util.Arrays;
import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Tensor;

/**
 * Local response normalisation across channels (Krizhevsky et al. 2012), Torch7's {@code nn.SpatialCrossMapLRN(size,
 * alpha, beta, k)} (defaults 1e-4, 0.75, 1): y_c = x_c · s_c^(-β) with s_c = k + (α/size) · Σ_{c' ∈ W(c)} x_{c'}²,
 * W(c) = [c - ⌊size/2⌋, c + ⌊(size-1)/2⌋] ∩ [0, C) (the window of PyTorch's LocalResponseNorm; for odd sizes also
 * Torch7's). Input [B, C, H, W]. Backward: ∂L/∂x_c = g_c s_c^(-β) - (2αβ/size) · x_c · Σ_{c' : c ∈ W(c')} g_{c'} x_{c'}
 * s_{c'}^(-β-1).
 */
public class SpatialCrossMapLRN extends Module implements TensorModule {
    public static final ModuleType<SpatialCrossMapLRN> TYPE = ModuleType.of("SpatialCrossMapLRN", SpatialCrossMapLRN.class,
            m -> ModuleArgs.of("size", m.size, "alpha", m.alpha, "beta", m.beta, "k", m.k),
            a -> new SpatialCrossMapLRN(a.integer("size"), a.number("alpha"), a.number("beta"), a.number("k")));
    private final int size;
    private final double alpha, beta, k;
    private Tensor scale;

    /** alpha 1e-4, beta 0.75, k 1. */
    public SpatialCrossMapLRN(int size) { this(size, 1e-4, 0.75, 1); }

    public SpatialCrossMapLRN(int size, double alpha, double beta, double k) {
        if (size < 1) throw new IllegalArgumentException("SpatialCrossMapLRN: size must be positive, got " + size);
        if (!(k > 0)) throw new IllegalArgumentException("SpatialCrossMapLRN: k must be positive, got " + k);
        this.size = size;
        this.alpha = alpha;
        this.beta = beta;
        this.k = k;
    }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 4) throw new IllegalArgumentException(name() + ": expected input [B, C, H, W], got " + x.shape());
        return x;
    }

    /** out_c = Σ_{c' = c - before}^{c + after} t_{c'} over the channels that exist. */
    private static Tensor windowSum(Tensor t, int before, int after) {
        Tensor out = t.zerosLike();
        int c = t.size(1);
        for (int j = -before; j <= after; j++) {
            int len = c - Math.abs(j);
            if (len <= 0) continue;
            out.narrow(1, Math.max(0, -j), len).addInPlace(t.narrow(1, Math.max(0, j), len));
        }
        return out;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        scale = windowSum(x.square(), size / 2, (size - 1) / 2).mulInPlace(alpha / size).addInPlace(k);
        return x.mul(scale.pow(-beta), reuse(output, x, x.sizes()));
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input), g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(x)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the input's shape " + Arrays.toString(x.sizes()));
        Tensor u = g.mul(x).mulInPlace(scale.pow(-beta - 1));
        Tensor back = windowSum(u, (size - 1) / 2, size / 2).mulInPlace(x).mulInPlace(-2 * alpha * beta / size);
        return reuse(gradInput, x, x.sizes()).copy(back.addInPlace(g.mul(scale.pow(-beta))));
    }

    @Override protected void clearOwnState() { scale = null; }

    @Override public SpatialCrossMapLRN clone() { return (SpatialCrossMapLRN) super.clone(); }

    @Override public String name() { return "SpatialCrossMapLRN(" + size + ", " + alpha + ", " + beta + ", " + k + ")"; }
}

package jtorch.nn.sparse;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.nn.TensorModule;
import jtorch.tensor.Activity;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Learned ISTA (Gregor and LeCun 2010, "Learning fast approximations of sparse coding"): ISTA unrolled for T steps
 * with learned matrices and thresholds, input X [B, n] → codes Z [B, m]:
 * <pre>
 *   b = X W_eᵀ,   Z₀ = h_θ(b),   Z_k = h_θ(b + Z_{k−1} Sᵀ)  (k = 1..T),   output Z_T
 * </pre>
 * with h_θ the per-unit soft shrinkage of {@link LearnedSoftShrink} (θ shared by every step). Parameters
 * {@code We} W_e [m, n], {@code S} [m, m], {@code theta} θ [m]. {@link #fromDictionary} sets them to ISTA's values for
 * a dictionary D [n, m] and penalty λ (W_e = Dᵀ/L, S = I − DᵀD/L, θ = λ/L), where the module computes exactly
 * T + 1 ISTA iterations from zero codes; otherwise W_e ~ U(±1/√n), S ~ U(±1/√m), θ = 0.1. Cost: B(nm + Tm²)
 * multiply-adds. Backward, with gZ_T = ∂L/∂Z_T and for k = T..0: gC_k = gZ_k ⊙ [Z_k ≠ 0], gZ_{k−1} = gC_k S,
 * ∂L/∂S += Σ_{k≥1} gC_kᵀ Z_{k−1}, ∂L/∂θ += −Σ_k Σ_batch sign(Z_k) ⊙ gC_k (units with θ &gt; 0),
 * g_b = Σ_k gC_k, ∂L/∂W_e += g_bᵀ X, ∂L/∂X = g_b W_e.
 */
public class LISTA extends Module implements TensorModule {
    public static final ModuleType<LISTA> TYPE = ModuleType.of("LISTA", LISTA.class,
            m -> ModuleArgs.of("inputSize", m.n, "codeSize", m.m, "steps", m.steps),
            a -> new LISTA(a.integer("inputSize"), a.integer("codeSize"), a.integer("steps")));
    private final int n, m, steps;
    private Shrinkage shrink = new Shrinkage();
    private Tensor b, gb, c, gz; // b = X W_eᵀ, its gradient, the pre-shrinkage scratch and ∂L/∂Z_{k−1}
    private Tensor[] z, gc; // Z_0..Z_T and gC_0..gC_T, [B, m]
    private Activity backFor; // the gradOutput that gc holds the back-propagation of (null: none)

    /** n inputs, m code units, T = {@code steps} &ge; 0 steps after the first shrinkage. */
    public LISTA(int inputSize, int codeSize, int steps) {
        if (inputSize < 1 || codeSize < 1 || steps < 0) throw new IllegalArgumentException("LISTA: sizes must be positive"
                + " and steps >= 0, got inputSize " + inputSize + ", codeSize " + codeSize + ", steps " + steps);
        this.n = inputSize;
        this.m = codeSize;
        this.steps = steps;
        addParameter("We", codeSize, inputSize);
        addParameter("S", codeSize, codeSize);
        addParameter("theta", codeSize);
        if (drawInitialWeights()) reset(Generator.global());
    }

    /**
     * ISTA's weights for dictionary {@code d} [n, m], penalty {@code lambda} and Lipschitz constant L = λ_max(DᵀD), in
     * d's dtype.
     */
    public static LISTA fromDictionary(Tensor d, double lambda, double lipschitz, int steps) {
        if (d.dim() != 2) throw new IllegalArgumentException("LISTA.fromDictionary: the dictionary must be [n, m], got " + d.shape());
        if (!(lipschitz > 0) || !(lambda >= 0)) throw new IllegalArgumentException("LISTA.fromDictionary: need L > 0 and"
                + " lambda >= 0, got L " + lipschitz + ", lambda " + lambda);
        LISTA l = new LISTA(d.size(0), d.size(1), steps).to(d.dtype());
        l.we().copy(d.t()).divInPlace(lipschitz);
        l.s().copy(d.t().mm(d).divInPlace(-lipschitz));
        for (int i = 0; i < l.m; i++) l.s().set(l.s().get(i, i) + 1, i, i);
        l.theta().fillInPlace(lambda / lipschitz);
        return l;
    }

    /** Re-draws W_e ~ U(±1/√n), S ~ U(±1/√m) and sets θ = 0.1. */
    public LISTA reset(Generator g) {
        double a = 1 / Math.sqrt(n), r = 1 / Math.sqrt(m);
        we().copy(Tensor.rand(g, m, n).mulInPlace(2 * a).subInPlace(a));
        s().copy(Tensor.rand(g, m, m).mulInPlace(2 * r).subInPlace(r));
        theta().fillInPlace(0.1);
        return this;
    }

    /** W_e [m, n]. */
    public Tensor we() { return param("We"); }
    /** S [m, m]. */
    public Tensor s() { return param("S"); }
    /** θ [m]. */
    public Tensor theta() { return param("theta"); }
    /** n. */
    public int inputSize() { return n; }
    /** m. */
    public int codeSize() { return m; }
    /** T. */
    public int steps() { return steps; }

    /** Multiply-adds per input: nm + Tm². */
    public long multiplyAdds() { return (long) n * m + (long) steps * m * m; }

    @Override public LISTA clone() { return (LISTA) super.clone(); }

    private Tensor in(Activity input) {
        Tensor x = input.toTensor(name());
        if (x.dim() != 2 || x.size(1) != n) throw new IllegalArgumentException(name() + ": expected input [B, " + n
                + "], got " + x.shape());
        return x;
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor x = in(input);
        int batch = x.size(0);
        if (z == null || z.length != steps + 1) {
            z = new Tensor[steps + 1];
            gc = new Tensor[steps + 1];
        }
        b = reuse(b, x, batch, m).addmmInPlace(0, 1, x, we().t());
        shrink.thresholds(theta());
        for (int k = 0; k <= steps; k++) {
            z[k] = reuse(z[k], x, batch, m);
            if (k == 0) shrink.apply(b, z[0]);
            else {
                c = reuse(c, x, batch, m).copy(b).addmmInPlace(1, 1, z[k - 1], s().t());
                shrink.apply(c, z[k]);
            }
        }
        backFor = null;
        return z[steps];
    }

    /** Back-propagates gradOutput through the steps into gc and gb (once per gradOutput after a forward). */
    private void backThrough(Tensor x, Activity gradOutput) {
        if (backFor == gradOutput) return;
        Tensor g = gradOutput.toTensor(name());
        if (!g.sameShape(z[steps])) throw new IllegalArgumentException(name() + ": expected gradOutput "
                + z[steps].shape() + ", got " + g.shape());
        gb = reuse(gb, x, x.size(0), m).fillInPlace(0);
        for (int k = steps; k >= 0; k--) {
            gc[k] = shrink.gradInput(z[k], k == steps ? g : gz, reuse(gc[k], x, x.size(0), m));
            gb.addInPlace(gc[k]);
            if (k > 0) gz = reuse(gz, x, x.size(0), m).addmmInPlace(0, 1, gc[k], s());
        }
        backFor = gradOutput;
    }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        Tensor x = in(input);
        backFor = null;
        backThrough(x, gradOutput);
        return reuse(gradInput, x, x.size(0), n).addmmInPlace(0, 1, gb, we());
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        Tensor x = in(input);
        backThrough(x, gradOutput);
        grad("We").addmmInPlace(1, scale, gb.t(), x);
        for (int k = 0; k <= steps; k++) {
            if (k > 0) grad("S").addmmInPlace(1, scale, gc[k].t(), z[k - 1]);
            shrink.accGradTheta(z[k], gc[k], scale, grad("theta"));
        }
        backFor = null;
    }

    @Override protected void clearOwnState() {
        shrink = new Shrinkage();
        b = gb = c = gz = null;
        z = gc = null;
        backFor = null;
    }

    @Override public String name() { return "LISTA(" + n + " -> " + m + ", " + steps + " steps)"; }
}

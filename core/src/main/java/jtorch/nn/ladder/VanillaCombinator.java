package jtorch.nn.ladder;

import jtorch.nn.Module;
import jtorch.nn.ModuleArgs;
import jtorch.nn.ModuleType;
import jtorch.tensor.Activity;
import jtorch.tensor.Table;
import jtorch.tensor.Tensor;

/**
 * The ladder network's "vanilla" denoising combinator (Rasmus, Valpola, Honkala, Berglund and Raiko 2015, eq. 2):
 * input a table {z̃ [B, n] (the corrupted encoder's lateral value), u [B, n] (the decoder's top-down value)}, output
 * ẑ [B, n], per unit i:
 * <pre>
 *   ẑ = (z̃ - μ(u)) ⊙ v(u) + μ(u)
 *   μ(u) = a1 ⊙ σ(a2 ⊙ u + a3) + a4 ⊙ u + a5
 *   v(u) = a6 ⊙ σ(a7 ⊙ u + a8) + a9 ⊙ u + a10        (σ the logistic sigmoid)
 * </pre>
 * Parameters {@code a1} ... {@code a10}, each [n], initialised as the authors' code does: a2 = a7 = 1, the others 0
 * (so ẑ starts at 0). Backward, with s = σ(a2 u + a3), t = σ(a7 u + a8), s' = s(1 - s), t' = t(1 - t),
 * g_μ = g ⊙ (1 - v) and g_v = g ⊙ (z̃ - μ): ∂L/∂z̃ = g ⊙ v, ∂L/∂u = g_μ ⊙ (a1 a2 s' + a4) + g_v ⊙ (a6 a7 t' + a9);
 * ∂L/∂a1 += Σ_b g_μ s, ∂L/∂a2 += Σ_b g_μ a1 s' u, ∂L/∂a3 += Σ_b g_μ a1 s', ∂L/∂a4 += Σ_b g_μ u, ∂L/∂a5 += Σ_b g_μ,
 * and the same for a6 ... a10 with g_v, t, t'.
 */
public class VanillaCombinator extends Module {
    public static final ModuleType<VanillaCombinator> TYPE = ModuleType.of("VanillaCombinator", VanillaCombinator.class,
            m -> ModuleArgs.of("size", m.size), a -> new VanillaCombinator(a.integer("size")));
    private static final String[] NAMES = {"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"};

    private final int size;
    private Tensor s, t, mu, v, tmp, tmp2, ones; // forward's sigmoids, μ(u), v(u); scratch; [B] of ones
    private Table grads;

    public VanillaCombinator(int size) {
        if (size < 1) throw new IllegalArgumentException("VanillaCombinator: size must be positive, got " + size);
        this.size = size;
        for (String n : NAMES) addParameter(n, size);
        if (drawInitialWeights()) reset();
    }

    /** Sets a2 = a7 = 1 and the other parameters to 0 (the authors' initialisation). */
    public VanillaCombinator reset() {
        for (int i = 0; i < NAMES.length; i++) a(i + 1).fillInPlace(i == 1 || i == 6 ? 1 : 0);
        return this;
    }

    /** The number of units n. */
    public int size() { return size; }

    /** Parameter a_k [n], k = 1..10. */
    public Tensor a(int k) { return param(NAMES[check(k)]); }

    /** ∂L/∂a_k [n], k = 1..10. */
    public Tensor gradA(int k) { return grad(NAMES[check(k)]); }

    private static int check(int k) {
        if (k < 1 || k > 10) throw new IllegalArgumentException("VanillaCombinator: parameters are a1 ... a10, asked a" + k);
        return k - 1;
    }

    @Override public VanillaCombinator clone() { return (VanillaCombinator) super.clone(); }

    /** {z̃, u}, checked: two tensors [B, n] of one shape. */
    private Tensor[] inputs(Activity input) {
        Table tb = input.toTable(name());
        if (tb.size() != 2) throw new IllegalArgumentException(name() + ": expected a table {z~ [B, " + size + "], u [B, "
                + size + "]}, got " + tb.size() + " entries");
        Tensor z = tb.tensor(0), u = tb.tensor(1);
        if (z.dim() != 2 || z.size(1) != size || !u.sameShape(z)) throw new IllegalArgumentException(name()
                + ": expected {z~ [B, " + size + "], u [B, " + size + "]}, got {" + z.shape() + ", " + u.shape() + "}");
        return new Tensor[] {z, u};
    }

    @Override public Activity updateOutput(Activity input) {
        Tensor[] in = inputs(input);
        Tensor z = in[0], u = in[1];
        int[] sz = z.sizes();
        s = u.mul(a(2), reuse(s, z, sz)).addInPlace(a(3)).sigmoidInPlace();
        t = u.mul(a(7), reuse(t, z, sz)).addInPlace(a(8)).sigmoidInPlace();
        tmp = reuse(tmp, z, sz);
        mu = s.mul(a(1), reuse(mu, z, sz)).addInPlace(u.mul(a(4), tmp)).addInPlace(a(5));
        v = t.mul(a(6), reuse(v, z, sz)).addInPlace(u.mul(a(9), tmp)).addInPlace(a(10));
        return z.sub(mu, reuse(output, z, sz)).mulInPlace(v).addInPlace(mu);
    }

    /** σ' = σ(1 - σ) of a sigmoid output, into out. */
    private static Tensor slope(Tensor sig, Tensor out) { return sig.mul(sig, out).negInPlace().addInPlace(sig); }

    @Override public Activity updateGradInput(Activity input, Activity gradOutput) {
        requireForward("updateGradInput");
        Tensor[] in = inputs(input);
        Tensor z = in[0], u = in[1], g = grad(gradOutput, z);
        int[] sz = z.sizes();
        grads = grads == null ? Table.of(z.newZeros(sz), z.newZeros(sz)) : grads;
        Tensor gz = reuse(grads.get(0), z, sz), gu = reuse(grads.get(1), z, sz);
        grads.set(0, g.mul(v, gz));
        tmp = reuse(tmp, z, sz);
        tmp2 = reuse(tmp2, z, sz);
        // gu = (1 - v)(a1 a2 s' + a4) + (z - μ)(a6 a7 t' + a9), then ⊙ g
        slope(s, tmp).mulInPlace(a(1)).mulInPlace(a(2)).addInPlace(a(4));
        gu.copy(v).negInPlace().addInPlace(1).mulInPlace(tmp);
        slope(t, tmp).mulInPlace(a(6)).mulInPlace(a(7)).addInPlace(a(9));
        gu.addInPlace(z.sub(mu, tmp2).mulInPlace(tmp)).mulInPlace(g);
        grads.set(1, gu);
        return grads;
    }

    private Tensor grad(Activity gradOutput, Tensor z) {
        Tensor g = gradOutput.toTensor(name() + " gradOutput");
        if (!g.sameShape(z)) throw new IllegalArgumentException(name() + ": gradOutput has shape " + g.shape()
                + ", expected the output's shape " + z.shape());
        return g;
    }

    @Override public void accGradParameters(Activity input, Activity gradOutput, double scale) {
        requireForward("accGradParameters");
        Tensor[] in = inputs(input);
        Tensor z = in[0], u = in[1], g = grad(gradOutput, z);
        int[] sz = z.sizes();
        if (ones == null || ones.size(0) != sz[0] || ones.dtype() != z.dtype()) ones = z.newZeros(sz[0]).fillInPlace(1);
        tmp = reuse(tmp, z, sz);
        tmp2 = reuse(tmp2, z, sz);
        Tensor gmu = tmp2.copy(v).negInPlace().addInPlace(1).mulInPlace(g);            // g_μ = g (1 - v)
        accumulate(1, s, gmu, u, scale);
        Tensor gv = z.sub(mu, tmp2).mulInPlace(g);                                // g_v = g (z - μ)
        accumulate(6, t, gv, u, scale);
    }

    /** The gradients of a_k ... a_{k+4} (the μ or the v branch), with sig = s or t and gb = g_μ or g_v. */
    private void accumulate(int k, Tensor sig, Tensor gb, Tensor u, double scale) {
        sum(k, gb.mul(sig, tmp), scale);                                           // a1: Σ gb s
        slope(sig, tmp).mulInPlace(gb).mulInPlace(a(k));                           // gb a1 s'
        sum(k + 2, tmp, scale);                                                    // a3
        sum(k + 1, tmp.mulInPlace(u), scale);                                      // a2: Σ gb a1 s' u
        sum(k + 3, gb.mul(u, tmp), scale);                                         // a4
        sum(k + 4, gb, scale);                                                     // a5
    }

    private void sum(int k, Tensor perSample, double scale) { gradA(k).addmvInPlace(1, scale, perSample.t(), ones); }

    @Override protected void clearOwnState() { s = t = mu = v = tmp = tmp2 = ones = null; grads = null; }

    @Override public String name() { return "VanillaCombinator(" + size + ")"; }
}

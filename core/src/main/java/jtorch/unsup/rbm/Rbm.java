package jtorch.unsup.rbm;

import java.util.Arrays;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * A restricted Boltzmann machine with V visible and H binary hidden units: an energy E(v, h) over a visible row
 * v [V] and hidden row h in {0, 1}^H, the joint p(v, h) = e^{-E(v, h)} / Z, and its free energy
 * F(v) = -log Σ_h e^{-E(v, h)}, so that p(v) = e^{-F(v)} / Z.
 * <p>Parameters live in one flat tensor {@link #parameters()} (and the gradient in {@link #gradParameters()}, same
 * layout), which {@link #weight()} W [V, H], {@link #visibleBias()} b [V], {@link #hiddenBias()} c [H] (and the
 * Gaussian model's log σ [V]) are views into: an optimizer from {@code jtorch.optim} steps the flat tensor directly.
 * <p>Batches: visible rows v [B, V], hidden rows h [B, H], in the model's dtype; results of the per-row quantities are
 * [B]. Both conditionals factorise: p(h_j = 1 | v) = σ(c_j + Σ_i v'_i W_ij) with v' = v ({@link BernoulliRbm}) or
 * v / σ ({@link GaussianRbm}); p(v | h) is given by the subclass. Sampling draws from a caller's seeded
 * {@link Generator}, so a run is reproduced bit for bit by its seed.
 */
public abstract sealed class Rbm permits BernoulliRbm, GaussianRbm {
    /** The largest H for which {@link PartitionFunction} enumerates the 2^H hidden configurations. */
    public static final int MAX_EXACT_HIDDEN = 20;

    final int visible, hidden;
    final Tensor params, grads;
    final Tensor weight, visibleBias, hiddenBias, gradWeight, gradVisibleBias, gradHiddenBias;

    /** Zero parameters; {@code extra} more flat elements follow W, b, c (the Gaussian model's log σ). */
    Rbm(int visible, int hidden, int extra, DType dtype) {
        if (visible < 1 || hidden < 1) throw new IllegalArgumentException(kind() + ": needs at least 1 visible and 1 hidden"
                + " unit, got " + visible + " visible, " + hidden + " hidden");
        if (dtype == DType.I32) throw new IllegalArgumentException(kind() + ": dtype must be F32 or F64, got I32");
        this.visible = visible;
        this.hidden = hidden;
        int n = visible * hidden + visible + hidden + extra;
        params = Tensor.zeros(dtype, n);
        grads = Tensor.zeros(dtype, n);
        weight = params.narrow(0, 0, visible * hidden).view(visible, hidden);
        visibleBias = params.narrow(0, visible * hidden, visible);
        hiddenBias = params.narrow(0, visible * hidden + visible, hidden);
        gradWeight = grads.narrow(0, 0, visible * hidden).view(visible, hidden);
        gradVisibleBias = grads.narrow(0, visible * hidden, visible);
        gradHiddenBias = grads.narrow(0, visible * hidden + visible, hidden);
    }

    /** "BernoulliRbm" or "GaussianRbm", for messages. */
    abstract String kind();

    public int visibleSize() { return visible; }

    public int hiddenSize() { return hidden; }

    public DType dtype() { return params.dtype(); }

    /** All parameters, flat (W row-major, then b, c, then any extra); the views below share its storage. */
    public Tensor parameters() { return params; }

    /** The gradient, flat, in the layout of {@link #parameters()}. */
    public Tensor gradParameters() { return grads; }

    /** W [V, H]. */
    public Tensor weight() { return weight; }

    /** b [V]. */
    public Tensor visibleBias() { return visibleBias; }

    /** c [H]. */
    public Tensor hiddenBias() { return hiddenBias; }

    public Tensor gradWeight() { return gradWeight; }

    public Tensor gradVisibleBias() { return gradVisibleBias; }

    public Tensor gradHiddenBias() { return gradHiddenBias; }

    /** Sets every gradient element to 0. */
    public void zeroGradParameters() { grads.fillInPlace(0); }

    /**
     * Hinton's initialisation (A Practical Guide to Training RBMs, 2010, section 8): W ~ N(0, std²), c = 0 and b from
     * the data's visible means (subclasses: log p/(1-p) for binary units, the mean for Gaussian ones); {@code data}
     * [N, V] may be null (then b = 0).
     */
    public abstract void initialise(Generator g, double std, Tensor data);

    /** The hidden units' total input c + v'·W [B, H] (v' = v, or v / σ for Gaussian units). */
    public abstract Tensor hiddenInput(Tensor v);

    /** p(h = 1 | v) = σ(hiddenInput(v)) [B, H]. */
    public Tensor hiddenProbabilities(Tensor v) { return hiddenInput(v).sigmoidInPlace(); }

    /** E[v | h] [B, V]. */
    public abstract Tensor visibleMean(Tensor h);

    /** A sample of v ~ p(v | h) [B, V], drawn from {@code g} in row-major order. */
    public abstract Tensor sampleVisible(Tensor h, Generator g);

    /** A sample of h ~ p(h | v) [B, H]: one uniform u per unit, h = [u &lt; p(h = 1 | v)]. */
    public Tensor sampleHidden(Tensor v, Generator g) { return bernoulli(hiddenProbabilities(v), g); }

    /** One block Gibbs sweep v → h ~ p(h | v) → v' ~ p(v | h); returns v' [B, V]. */
    public Tensor gibbsStep(Tensor v, Generator g) { return sampleVisible(sampleHidden(v, g), g); }

    /** E(v, h) [B] for rows v [B, V], h [B, H]. */
    public abstract Tensor energy(Tensor v, Tensor h);

    /** F(v) = -log Σ_h e^{-E(v, h)} [B]. */
    public abstract Tensor freeEnergy(Tensor v);

    /**
     * log M(h) = log Σ_v e^{-E(v, h)} (an integral for Gaussian units) [n] for hidden rows h [n, H]: in closed form, so
     * log Z = log Σ_h M(h) needs only the 2^H hidden configurations.
     */
    public abstract Tensor logHiddenMarginal(Tensor h);

    /** grad += scale · Σ_b ∂F(v_b)/∂θ over the rows of v [B, V]. */
    public abstract void accFreeEnergyGradient(Tensor v, double scale);

    /** grad += scale · Σ_n w_n ∂log M(h_n)/∂θ for hidden rows h [n, H] and weights w [n]. */
    public abstract void accLogHiddenMarginalGradient(Tensor h, Tensor w, double scale);

    // ------------------------------------------------------------------ helpers shared by the two models

    /** A new tensor: 1 where a fresh uniform u &lt; p, else 0 (one draw per element, row-major). */
    static Tensor bernoulli(Tensor p, Generator g) {
        return Tensor.rand(p.dtype(), g, p.sizes()).to(p.backend()).lt(p);
    }

    /** log(1 + e^x) computed stably as max(x, 0) + log(1 + e^{-|x|}), in place; returns x. */
    static Tensor softplusInPlace(Tensor x) {
        Tensor r = x.relu();
        return x.absInPlace().negInPlace().expInPlace().addInPlace(1).logInPlace().addInPlace(r);
    }

    /** Throws unless t is [B, n] of this model's dtype; {@code what} is "visible" or "hidden". */
    void checkRows(String op, String what, Tensor t, int n) {
        if (t.dim() != 2 || t.size(1) != n) throw new IllegalArgumentException(kind() + "." + op + ": expected " + what
                + " rows [B, " + n + "], got shape " + Arrays.toString(t.sizes())
                + (t.dim() == 1 && t.size(0) == n ? "; add the batch dimension with unsqueeze(0)" : ""));
        if (t.dtype() != dtype()) throw new IllegalArgumentException(kind() + "." + op + ": " + what + " rows are "
                + t.dtype() + " but the model is " + dtype() + "; convert with to(DType." + dtype() + ")");
    }

    void checkVisible(String op, Tensor v) { checkRows(op, "visible", v, visible); }

    void checkHidden(String op, Tensor h) { checkRows(op, "hidden", h, hidden); }

    void checkPair(String op, Tensor v, Tensor h) {
        checkVisible(op, v);
        checkHidden(op, h);
        if (v.size(0) != h.size(0)) throw new IllegalArgumentException(kind() + "." + op + ": " + v.size(0)
                + " visible rows but " + h.size(0) + " hidden rows");
    }

    void checkWeights(String op, Tensor h, Tensor w) {
        checkHidden(op, h);
        if (w.dim() != 1 || w.size(0) != h.size(0) || w.dtype() != dtype()) throw new IllegalArgumentException(kind()
                + "." + op + ": weights must be " + dtype() + " [" + h.size(0) + "], got " + w.dtype() + " "
                + Arrays.toString(w.sizes()));
    }
}

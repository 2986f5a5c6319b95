package jtorch.unsup.rbm;

import jtorch.backend.UnaryOp;
import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The Gaussian–Bernoulli RBM (Hinton, A Practical Guide to Training RBMs, 2010, section 13.2): real visible v [V],
 * binary hidden h [H], per-unit standard deviation σ_i = e^{z_i} (z = {@link #logSigma()}, learned when
 * {@link #learnsSigma()}, else fixed; the constructor sets σ = 1, the unit-variance model):
 * <pre>
 *   E(v, h)  = Σ_i (v_i - b_i)² / (2σ_i²) - Σ_ij (v_i / σ_i) W_ij h_j - cᵀ h
 *   F(v)     = Σ_i (v_i - b_i)² / (2σ_i²) - Σ_j softplus(c_j + Σ_i (v_i / σ_i) W_ij)
 *   log M(h) = cᵀ h + Σ_i (b_i a_i / σ_i + a_i² / 2) + (V/2) log 2π + Σ_i z_i,    a = W h
 *   p(h_j = 1 | v) = σ(c_j + Σ_i (v_i / σ_i) W_ij),    p(v_i | h) = N(b_i + σ_i a_i, σ_i²)
 * </pre>
 * p(v) = e^{-F(v)} / Z is a density. Free-energy gradient, with p = p(h | v): ∂F/∂W_ij = -(v_i / σ_i) p_j,
 * ∂F/∂b_i = -(v_i - b_i) / σ_i², ∂F/∂c = -p, ∂F/∂z_i = -(v_i - b_i)² / σ_i² + (v_i / σ_i) (W p)_i.
 */
public final class GaussianRbm extends Rbm {
    private final boolean learnSigma;
    private final Tensor logSigma, gradLogSigma;

    /** Zero W, b, c and σ = 1 of {@code dtype}; {@code learnSigma} makes log σ a trained parameter. */
    public GaussianRbm(int visible, int hidden, boolean learnSigma, DType dtype) {
        super(visible, hidden, visible, dtype);
        this.learnSigma = learnSigma;
        int off = visible * hidden + visible + hidden;
        logSigma = params.narrow(0, off, visible);
        gradLogSigma = grads.narrow(0, off, visible);
    }

    @Override String kind() { return "GaussianRbm"; }

    /** Whether log σ is trained (its gradient is filled) or held fixed (its gradient stays 0). */
    public boolean learnsSigma() { return learnSigma; }

    /** z = log σ [V]. */
    public Tensor logSigma() { return logSigma; }

    public Tensor gradLogSigma() { return gradLogSigma; }

    /** σ = e^z [V], a new tensor. */
    public Tensor sigma() { return logSigma.exp(); }

    /** W ~ N(0, std²), c = 0, b = the mean of {@code data} [N, V] (0 when null); σ is left as it is. */
    @Override public void initialise(Generator g, double std, Tensor data) {
        weight.copy(Tensor.randn(dtype(), g, visible, hidden).to(weight.backend()).mulInPlace(std));
        hiddenBias.fillInPlace(0);
        if (data == null) { visibleBias.fillInPlace(0); return; }
        checkVisible("initialise", data);
        visibleBias.copy(data.mean(0, false));
    }

    @Override public Tensor hiddenInput(Tensor v) {
        checkVisible("hiddenInput", v);
        return v.div(sigma()).mm(weight).addInPlace(hiddenBias);
    }

    @Override public Tensor visibleMean(Tensor h) {
        checkHidden("visibleMean", h);
        return h.mm(weight.t()).mulInPlace(sigma()).addInPlace(visibleBias);
    }

    @Override public Tensor sampleVisible(Tensor h, Generator g) {
        Tensor m = visibleMean(h);
        return m.addInPlace(Tensor.randn(dtype(), g, m.sizes()).to(m.backend()).mulInPlace(sigma()));
    }

    /** Σ_i (v_i - b_i)² / (2σ_i²) [B]. */
    private Tensor quadratic(Tensor v) {
        return v.sub(visibleBias).divInPlace(sigma()).applyInPlace(UnaryOp.SQUARE, 0, 0).sum(1, false).mulInPlace(0.5);
    }

    @Override public Tensor energy(Tensor v, Tensor h) {
        checkPair("energy", v, h);
        Tensor inter = v.div(sigma()).mm(weight).mulInPlace(h).sum(1, false).addInPlace(h.mv(hiddenBias));
        return quadratic(v).subInPlace(inter);
    }

    @Override public Tensor freeEnergy(Tensor v) {
        checkVisible("freeEnergy", v);
        return quadratic(v).subInPlace(softplusInPlace(hiddenInput(v)).sum(1, false));
    }

    @Override public Tensor logHiddenMarginal(Tensor h) {
        checkHidden("logHiddenMarginal", h);
        Tensor a = h.mm(weight.t());
        double constant = 0.5 * visible * Math.log(2 * Math.PI) + logSigma.sum();
        return a.square().sum(1, false).mulInPlace(0.5).addInPlace(a.mv(visibleBias.div(sigma())))
                .addInPlace(h.mv(hiddenBias)).addInPlace(constant);
    }

    @Override public void accFreeEnergyGradient(Tensor v, double scale) {
        Tensor p = hiddenProbabilities(v), s = sigma(), u = v.div(s);
        gradWeight.addmmInPlace(1, -scale, u.t(), p);
        Tensor d = v.sub(visibleBias).divInPlace(s);                           // (v - b) / σ
        gradVisibleBias.addInPlace(-scale, d.div(s).sum(0, false));
        gradHiddenBias.addInPlace(-scale, p.sum(0, false));
        if (learnSigma) {
            Tensor dz = p.mm(weight.t()).mulInPlace(u).subInPlace(d.applyInPlace(UnaryOp.SQUARE, 0, 0)); // u ⊙ (W p) - (v - b)² / σ²
            gradLogSigma.addInPlace(scale, dz.sum(0, false));
        }
    }

    @Override public void accLogHiddenMarginalGradient(Tensor h, Tensor w, double scale) {
        checkWeights("accLogHiddenMarginalGradient", h, w);
        Tensor s = sigma(), bs = visibleBias.div(s);
        Tensor a = h.mm(weight.t()), wa = a.mul(w.unsqueeze(1));              // w_n a_n
        Tensor q = wa.add(bs.unsqueeze(0).mul(w.unsqueeze(1)));                // w_n (b / σ + a_n)
        gradWeight.addmmInPlace(1, scale, q.t(), h);
        Tensor sumWa = wa.sum(0, false);
        gradVisibleBias.addInPlace(scale, sumWa.div(s));
        gradHiddenBias.addmvInPlace(1, scale, h.t(), w);
        if (learnSigma) gradLogSigma.addInPlace(scale, sumWa.mulInPlace(bs).negInPlace().addInPlace(w.sum()));
    }
}

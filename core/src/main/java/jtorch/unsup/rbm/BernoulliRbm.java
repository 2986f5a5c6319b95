package jtorch.unsup.rbm;

import jtorch.tensor.DType;
import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * The Bernoulli–Bernoulli RBM: binary visible v in {0, 1}^V and hidden h in {0, 1}^H with
 * <pre>
 *   E(v, h) = -vᵀ W h - bᵀ v - cᵀ h
 *   F(v)    = -bᵀ v - Σ_j softplus(c_j + (vᵀ W)_j)             softplus(x) = log(1 + e^x)
 *   log M(h) = cᵀ h + Σ_i softplus(b_i + (W h)_i)              (= log Σ_v e^{-E(v, h)})
 *   p(h_j = 1 | v) = σ(c_j + (vᵀ W)_j),   p(v_i = 1 | h) = σ(b_i + (W h)_i)
 * </pre>
 * Free-energy gradient: ∂F/∂W = -v p(h | v)ᵀ, ∂F/∂b = -v, ∂F/∂c = -p(h | v). Shapes as in {@link Rbm}.
 */
public final class BernoulliRbm extends Rbm {

    /** Zero parameters of {@code dtype} (F32 or F64); call {@link #initialise} or set them. */
    public BernoulliRbm(int visible, int hidden, DType dtype) { super(visible, hidden, 0, dtype); }

    @Override String kind() { return "BernoulliRbm"; }

    /**
     * W ~ N(0, std²), c = 0, b_i = log(p_i / (1 - p_i)) with the smoothed on-frequency p_i = (Σ_n v_ni + 1) / (N + 2)
     * of {@code data} [N, V] (b = 0 when data is null). With std = 0 this is the independent-pixel model.
     */
    @Override public void initialise(Generator g, double std, Tensor data) {
        weight.copy(Tensor.randn(dtype(), g, visible, hidden).to(weight.backend()).mulInPlace(std));
        hiddenBias.fillInPlace(0);
        if (data == null) { visibleBias.fillInPlace(0); return; }
        checkVisible("initialise", data);
        Tensor p = data.sum(0, false).addInPlace(1).divInPlace(data.size(0) + 2);
        visibleBias.copy(p.div(p.neg().addInPlace(1)).logInPlace());
    }

    @Override public Tensor hiddenInput(Tensor v) {
        checkVisible("hiddenInput", v);
        return v.mm(weight).addInPlace(hiddenBias);
    }

    @Override public Tensor visibleMean(Tensor h) {
        checkHidden("visibleMean", h);
        return h.mm(weight.t()).addInPlace(visibleBias).sigmoidInPlace();
    }

    @Override public Tensor sampleVisible(Tensor h, Generator g) { return bernoulli(visibleMean(h), g); }

    @Override public Tensor energy(Tensor v, Tensor h) {
        checkPair("energy", v, h);
        return v.mm(weight).mulInPlace(h).sum(1, false).addInPlace(v.mv(visibleBias)).addInPlace(h.mv(hiddenBias))
                .negInPlace();
    }

    @Override public Tensor freeEnergy(Tensor v) {
        checkVisible("freeEnergy", v);
        return softplusInPlace(hiddenInput(v)).sum(1, false).addInPlace(v.mv(visibleBias)).negInPlace();
    }

    @Override public Tensor logHiddenMarginal(Tensor h) {
        checkHidden("logHiddenMarginal", h);
        Tensor x = h.mm(weight.t()).addInPlace(visibleBias);
        return softplusInPlace(x).sum(1, false).addInPlace(h.mv(hiddenBias));
    }

    @Override public void accFreeEnergyGradient(Tensor v, double scale) {
        Tensor p = hiddenProbabilities(v);
        gradWeight.addmmInPlace(1, -scale, v.t(), p);
        gradVisibleBias.addInPlace(-scale, v.sum(0, false));
        gradHiddenBias.addInPlace(-scale, p.sum(0, false));
    }

    @Override public void accLogHiddenMarginalGradient(Tensor h, Tensor w, double scale) {
        checkWeights("accLogHiddenMarginalGradient", h, w);
        Tensor mu = h.mm(weight.t()).addInPlace(visibleBias).sigmoidInPlace().mulInPlace(w.unsqueeze(1)); // w_n E[v | h_n]
        gradWeight.addmmInPlace(1, scale, mu.t(), h);
        gradVisibleBias.addInPlace(scale, mu.sum(0, false));
        gradHiddenBias.addmvInPlace(1, scale, h.t(), w);
    }
}

package jtorch.unsup.rbm;

import jtorch.tensor.Generator;
import jtorch.tensor.Tensor;

/**
 * Contrastive-divergence estimates of the gradient of the mean negative log-likelihood,
 * ∂/∂θ [(1/B) Σ_b F(v_b) + log Z] ≈ (1/B) Σ_b ∂F(v_b)/∂θ - (1/C) Σ_c ∂F(ṽ_c)/∂θ, where the negative samples ṽ are
 * <ul>
 *   <li>CD-k (Hinton 2002, {@link #cd}): k block Gibbs sweeps (v → h ~ p(h | v) → v ~ p(v | h)) started at the batch
 *       itself (C = B); biased for finite k, exact as k → ∞;</li>
 *   <li>PCD-k (Tieleman 2008, {@link #pcd}): C persistent chains, each call advancing them k sweeps from where the last
 *       call left them (started from the first batch's rows, repeated in order when C &gt; B).</li>
 * </ul>
 * The positive and negative statistics use p(h | v) itself (the free-energy gradient), not a hidden sample. The
 * estimate overwrites the model's {@link Rbm#gradParameters()}; draws come from the caller's {@link Generator}.
 */
public final class ContrastiveDivergence {
    private final int k, chainCount;
    private final boolean persistent;
    private Tensor chains;

    private ContrastiveDivergence(int k, boolean persistent, int chainCount) {
        if (k < 1) throw new IllegalArgumentException("ContrastiveDivergence: k (Gibbs sweeps) must be >= 1, got " + k);
        if (chainCount < 0) throw new IllegalArgumentException("ContrastiveDivergence: chains must be >= 0 (0 = the batch"
                + " size), got " + chainCount);
        this.k = k;
        this.persistent = persistent;
        this.chainCount = chainCount;
    }

    /** CD-k. */
    public static ContrastiveDivergence cd(int k) { return new ContrastiveDivergence(k, false, 0); }

    /** Persistent CD with k sweeps per update over {@code chains} chains (0: as many as the first batch has rows). */
    public static ContrastiveDivergence pcd(int k, int chains) { return new ContrastiveDivergence(k, true, chains); }

    public int k() { return k; }

    public boolean persistent() { return persistent; }

    /** The persistent chains' visible states [C, V] (null before the first PCD call, and always for CD). */
    public Tensor chains() { return chains; }

    /** Forgets the persistent chains (the next call restarts them from its batch). */
    public void reset() { chains = null; }

    /** "CD-k" or "PCD-k". */
    public String name() { return (persistent ? "PCD-" : "CD-") + k; }

    /**
     * Overwrites {@code rbm}'s gradient with the estimate for {@code batch} [B, V]; returns the negative samples [C, V].
     */
    public Tensor gradient(Rbm rbm, Tensor batch, Generator g) {
        rbm.checkVisible(name() + " gradient", batch);
        if (batch.size(0) == 0) throw new IllegalArgumentException(name() + ": empty batch [0, " + rbm.visible + "]");
        Tensor neg;
        if (persistent) {
            if (chains == null || chains.size(1) != rbm.visible || chains.dtype() != rbm.dtype()) chains = start(batch);
            neg = chains;
        } else {
            neg = batch;
        }
        for (int s = 0; s < k; s++) neg = rbm.gibbsStep(neg, g);
        if (persistent) chains = neg;
        rbm.zeroGradParameters();
        rbm.accFreeEnergyGradient(batch, 1.0 / batch.size(0));
        rbm.accFreeEnergyGradient(neg, -1.0 / neg.size(0));
        return neg;
    }

    private Tensor start(Tensor batch) {
        int c = chainCount == 0 ? batch.size(0) : chainCount, b = batch.size(0);
        int[] rows = new int[c];
        for (int i = 0; i < c; i++) rows[i] = i % b;
        return batch.indexSelect(0, Tensor.of(rows).to(batch.backend()));
    }

    @Override public String toString() {
        return name() + (persistent ? " (" + (chainCount == 0 ? "batch-size" : chainCount) + " chains)" : "");
    }

}

package jtorch.unsup.rbm;

import jtorch.tensor.Tensor;

/**
 * The exact log partition function of an {@link Rbm} with H ≤ {@link Rbm#MAX_EXACT_HIDDEN} hidden units, by
 * enumerating the 2^H hidden configurations: log Z = log Σ_h M(h) with the closed-form log M(h) of
 * {@link Rbm#logHiddenMarginal}. The configurations go through in blocks of at most {@link #BLOCK} rows (tensor
 * operations on [block, H] and [block, V]): one [BLOCK, H] tensor holds the low bits' counting table, written once,
 * and each block only overwrites its high bits (a broadcast copy of one row). Each block's log-sum-exp
 * (max-shifted, stable) is merged into a running log-sum-exp, so no e^{log M} overflows whatever the weights. Cost: 2^H · V · H multiply-adds plus 2^H · V softplus
 * evaluations; H = 20, V = 64 is about 1.3 G multiply-adds.
 * <p>From log Z follow the exact mean log-likelihood of a data set, (1/N) Σ_n log p(v_n) = -(1/N) Σ_n F(v_n) - log Z,
 * and its exact gradient ({@link #accNegativeLogLikelihoodGradient}).
 */
public final class PartitionFunction {
    /** Rows per block of hidden configurations. */
    public static final int BLOCK = 1 << 14;

    private PartitionFunction() {}

    /** log Z. */
    public static double logZ(Rbm rbm) {
        check(rbm, "logZ");
        double acc = Double.NEGATIVE_INFINITY;
        Blocks blocks = new Blocks(rbm);
        for (int b = 0; b < blocks.count; b++) acc = logAddExp(acc, rbm.logHiddenMarginal(blocks.get(b)).logsumexp());
        return acc;
    }

    /** The mean exact log-likelihood (1/N) Σ_n log p(v_n) of {@code data} [N, V], in nats per example. */
    public static double logLikelihood(Rbm rbm, Tensor data) { return logLikelihood(rbm, data, logZ(rbm)); }

    /** {@link #logLikelihood(Rbm, Tensor)} with log Z already known. */
    public static double logLikelihood(Rbm rbm, Tensor data, double logZ) {
        return -rbm.freeEnergy(data).mean() - logZ;
    }

    /**
     * grad += ∂/∂θ of the mean negative log-likelihood of {@code data} [N, V], exactly:
     * (1/N) Σ_n ∂F(v_n)/∂θ + Σ_h p(h) ∂log M(h)/∂θ, with p(h) = M(h) / Z over every configuration. Returns log Z.
     */
    public static double accNegativeLogLikelihoodGradient(Rbm rbm, Tensor data) {
        double logZ = logZ(rbm);
        rbm.accFreeEnergyGradient(data, 1.0 / data.size(0));
        Blocks blocks = new Blocks(rbm);
        for (int b = 0; b < blocks.count; b++) {
            Tensor h = blocks.get(b);
            Tensor p = rbm.logHiddenMarginal(h).subInPlace(logZ).expInPlace();
            rbm.accLogHiddenMarginalGradient(h, p, 1);
        }
        return logZ;
    }

    /** The hidden configurations in blocks: block b is configurations b · 2^L .. (b + 1) · 2^L - 1, L = min(H, 14). */
    private static final class Blocks {
        final int low, count;
        final Tensor h;

        Blocks(Rbm rbm) {
            low = Math.min(rbm.hidden, Integer.numberOfTrailingZeros(BLOCK));
            count = 1 << (rbm.hidden - low);
            h = Tensor.zeros(rbm.dtype(), 1 << low, rbm.hidden).to(rbm.params.backend());
            h.narrow(1, 0, low).copy(HiddenStates.block(rbm.dtype(), low, 0, 1 << low).to(h.backend()));
        }

        /** Block b's rows [2^L, H]; the same tensor every call (its high bits rewritten). */
        Tensor get(int b) {
            int high = h.size(1) - low;
            if (high > 0) h.narrow(1, low, high).copy(HiddenStates.block(h.dtype(), high, b, 1).to(h.backend()));
            return h;
        }
    }

    /** log(e^a + e^b), exact for infinite arguments. */
    static double logAddExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) return b;
        if (b == Double.NEGATIVE_INFINITY) return a;
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    private static void check(Rbm rbm, String op) {
        if (rbm.hidden > Rbm.MAX_EXACT_HIDDEN) throw new IllegalArgumentException("PartitionFunction." + op + ": "
                + rbm.kind() + " has " + rbm.hidden + " hidden units; exact enumeration of 2^H configurations is limited"
                + " to H <= " + Rbm.MAX_EXACT_HIDDEN + " (use fewer hidden units, or an estimate such as AIS)");
    }
}

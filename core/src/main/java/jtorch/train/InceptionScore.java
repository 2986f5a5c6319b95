package jtorch.train;

import jtorch.tensor.Tensor;

/**
 * The Inception score (Salimans et al. 2016) of generated samples under a classifier p(y | x):
 * <pre>
 *   IS = exp( (1/N) Σ_i KL( p(y | x_i) ‖ p̂(y) ) ),   p̂(y) = (1/N) Σ_i p(y | x_i)
 * </pre>
 * from the classifier's log-probabilities [N, C] (e.g. a LogSoftMax output). It is 1 when every sample gets the same
 * prediction (or every prediction is uniform) and C when the samples are confidently and evenly spread over the C
 * classes: high IS means each sample looks like one class and all classes occur. {@link #splits} is the usual
 * report: the score of each of k equal consecutive parts.
 */
public final class InceptionScore {
    private InceptionScore() {}

    /** IS of all rows of logProbs [N, C]. */
    public static double of(Tensor logProbs) {
        check(logProbs);
        return of(logProbs.toDoubleArray(), 0, logProbs.size(0), logProbs.size(1));
    }

    /** IS of each of k consecutive parts of logProbs [N, C] (N ≥ k; the first N mod k rows go to no part). */
    public static double[] splits(Tensor logProbs, int k) {
        check(logProbs);
        int n = logProbs.size(0), c = logProbs.size(1);
        if (k < 1 || k > n) throw new IllegalArgumentException("InceptionScore.splits: need 1 <= k <= N = " + n + ", got " + k);
        double[] lp = logProbs.toDoubleArray(), out = new double[k];
        int part = n / k, skip = n - part * k;
        for (int s = 0; s < k; s++) out[s] = of(lp, skip + s * part, part, c);
        return out;
    }

    private static void check(Tensor t) {
        if (t.dim() != 2 || t.size(0) < 1 || t.size(1) < 2) throw new IllegalArgumentException(
                "InceptionScore: log-probabilities must be [N, C] with N >= 1 and C >= 2, got " + t.shape());
    }

    private static double of(double[] lp, int first, int n, int c) {
        double[] marginal = new double[c];
        for (int i = first; i < first + n; i++) for (int j = 0; j < c; j++) marginal[j] += Math.exp(lp[i * c + j]);
        for (int j = 0; j < c; j++) marginal[j] /= n;
        double kl = 0;
        for (int i = first; i < first + n; i++) for (int j = 0; j < c; j++) {
            double l = lp[i * c + j], p = Math.exp(l);
            if (p > 0) kl += p * (l - Math.log(marginal[j]));
        }
        return Math.exp(kl / n);
    }
}

package jtorch.train;

import jtorch.tensor.Tensor;

/**
 * The Fréchet distance between two Gaussians fitted to feature sets (Heusel et al. 2017's FID when the features are
 * Inception-v3's; here any classifier's features [N, F]):
 * <pre>
 *   d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁ Σ₂)^½)
 * </pre>
 * with sample means μ and covariances Σ (divisor N − 1). Σ₁Σ₂ is not symmetric, so the trace of its square root is
 * computed from symmetric matrices only: with S = Σ₁^½ (the PSD root, {@link SymmetricEigen#sqrtPsd}),
 * Σ₁Σ₂ = S (S Σ₂ S) S⁻¹ is similar to the PSD matrix S Σ₂ S, so Tr (Σ₁Σ₂)^½ = Σ_i √max(λ_i(S Σ₂ S), 0). Everything
 * in F64.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /** The mean [F] and covariance [F × F] of features [N, F] (N ≥ 2). */
    public record Stats(double[] mean, double[][] cov, int count) {}

    /** The feature statistics of {@code features} [N, F], N ≥ 2. */
    public static Stats stats(Tensor features) {
        if (features.dim() != 2 || features.size(0) < 2) throw new IllegalArgumentException(
                "FrechetDistance.stats: features must be [N, F] with N >= 2, got " + features.shape());
        int n = features.size(0), f = features.size(1);
        double[] x = features.toDoubleArray(), mean = new double[f];
        for (int i = 0; i < n; i++) for (int j = 0; j < f; j++) mean[j] += x[i * f + j];
        for (int j = 0; j < f; j++) mean[j] /= n;
        for (int i = 0; i < n; i++) for (int j = 0; j < f; j++) x[i * f + j] -= mean[j];
        double[][] cov = new double[f][f];
        for (int i = 0; i < n; i++) {
            int o = i * f;
            for (int a = 0; a < f; a++) {
                double xa = x[o + a];
                if (xa == 0) continue;
                double[] row = cov[a];
                for (int b = 0; b <= a; b++) row[b] += xa * x[o + b];
            }
        }
        for (int a = 0; a < f; a++) for (int b = 0; b <= a; b++) cov[b][a] = cov[a][b] /= (n - 1);
        return new Stats(mean, cov, n);
    }

    /** d² between the Gaussians of two feature sets [N₁, F] and [N₂, F]. */
    public static double between(Tensor a, Tensor b) { return between(stats(a), stats(b)); }

    /** d² between two fitted Gaussians of the same dimension. */
    public static double between(Stats a, Stats b) {
        int f = a.mean().length;
        if (b.mean().length != f) throw new IllegalArgumentException("FrechetDistance: feature dimensions differ: "
                + f + " and " + b.mean().length);
        double d = 0, tr = 0;
        for (int j = 0; j < f; j++) {
            double m = a.mean()[j] - b.mean()[j];
            d += m * m;
            tr += a.cov()[j][j] + b.cov()[j][j];
        }
        return d + tr - 2 * traceSqrtProduct(a.cov(), b.cov());
    }

    /** Tr (Σ₁Σ₂)^½ for symmetric PSD Σ₁, Σ₂ (see the class comment). */
    public static double traceSqrtProduct(double[][] s1, double[][] s2) {
        double[][] s = SymmetricEigen.of(s1).sqrtPsd();
        double[][] m = multiply(multiply(s, s2), s);
        int n = m.length;
        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) m[i][j] = m[j][i] = 0.5 * (m[i][j] + m[j][i]);
        double t = 0;
        for (double l : SymmetricEigen.of(m).values()) t += Math.sqrt(Math.max(l, 0));
        return t;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length, k = b.length, m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) for (int p = 0; p < k; p++) {
            double aip = a[i][p];
            if (aip == 0) continue;
            double[] bp = b[p], ci = c[i];
            for (int j = 0; j < m; j++) ci[j] += aip * bp[j];
        }
        return c;
    }
}
